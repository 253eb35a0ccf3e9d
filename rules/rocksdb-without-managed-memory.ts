import type { ConfigEntry } from '../src/config/types.js';
import type { FixChanges, RuleContext } from '../src/engine/types.js';
import { defineRule } from '../src/engine/types.js';
import { Conf } from '../src/model/conf.js';
import { rawToString } from '../src/primitives/raw-value.js';
import { backendKind, stateBackendKey } from '../src/options/state-backend.js';
import type { FlinkVersion } from '../src/primitives/version.js';
import { atLeast } from '../src/primitives/version.js';

const WEIGHTS = 'taskmanager.memory.managed.consumer-weights';
const MANAGED_SIZE = 'taskmanager.memory.managed.size';
const MANAGED_FRACTION = 'taskmanager.memory.managed.fraction';

/**
 * The consumer name whose weight feeds the state backend: DATAPROC in 1.12, STATE_BACKEND after.
 */
const stateConsumer = (v: FlinkVersion) => (atLeast(v, '1.13') ? 'STATE_BACKEND' : 'DATAPROC');

/** The configured weights (a `NAME:weight,...` string or one key per name), or null when unset. */
function configuredWeights(
  doc: RuleContext['doc'],
  v: FlinkVersion,
): { entry: ConfigEntry; weights: Map<string, string>; perKey: boolean } | null {
  const flat = doc.effective.get(WEIGHTS);
  if (flat) {
    const pairs = rawToString(flat.value)
      .replace(/^\{|\}$/g, '')
      .split(',')
      .map((p) => p.split(':').map((s) => s.trim()));
    return {
      entry: flat,
      weights: new Map(pairs.filter((p) => p[0]).map((p) => [p[0]!, p[1] ?? ''])),
      perKey: false,
    };
  }
  const children = [...doc.effective.values()].filter((e) => e.key.startsWith(`${WEIGHTS}.`));
  if (!children.length) return null;
  const weights = new Map(
    children.map((e) => [e.key.slice(WEIGHTS.length + 1), rawToString(e.value).trim()]),
  );
  // Point at the state backend's own line when it is there (with weight 0).
  const own = children.find((e) => e.key === `${WEIGHTS}.${stateConsumer(v)}`);
  return { entry: own ?? children[0]!, weights, perKey: true };
}

/**
 * The entry that leaves the TaskManager no managed memory. From the derivation when it succeeds;
 * when it fails for another reason, from the configuration itself, as Flink reads it: an explicit
 * size wins, otherwise the fraction (0 times any total is 0).
 */
function zeroManagedEntry(ctx: RuleContext, conf: Conf): ConfigEntry | undefined {
  const tm = ctx.memory.taskmanager;
  if (tm.ok)
    return tm.sizes.managed === 0n
      ? (ctx.entry(MANAGED_SIZE) ?? ctx.entry(MANAGED_FRACTION))
      : undefined;
  try {
    if (conf.contains(MANAGED_SIZE))
      return conf.memory(MANAGED_SIZE) === 0n ? ctx.entry(MANAGED_SIZE) : undefined;
    return ctx.entry(MANAGED_FRACTION) && conf.float(MANAGED_FRACTION) === 0
      ? ctx.entry(MANAGED_FRACTION)
      : undefined;
  } catch {
    // An unreadable size or fraction: invalid-memory-size and fraction-out-of-range report it.
    return undefined;
  }
}

/** The managed fraction as Flink reads it, or NaN when it cannot be read. */
function readFraction(conf: Conf): number {
  try {
    return conf.float(MANAGED_FRACTION);
  } catch {
    return NaN;
  }
}

/** Weight of the state backend; 1.13-1.20 still read DATAPROC when STATE_BACKEND is missing. */
function stateWeight(weights: Map<string, string>, v: FlinkVersion): string | undefined {
  const own = weights.get(stateConsumer(v));
  return own ?? (atLeast(v, '1.13') && !atLeast(v, '2.0') ? weights.get('DATAPROC') : undefined);
}

export default defineRule({
  id: 'rocksdb-without-managed-memory',
  severity: 'error',
  description: 'RocksDB or ForSt state backend with no managed memory to use',
  rationale:
    "RocksDB (and ForSt) take their block cache and write buffers from the slot's managed memory. With none (size or fraction 0, " +
    'or a zero state-backend consumer weight) the job fails when the backend asks for its share; with ' +
    'state.backend.rocksdb.memory.managed false and no fixed size, RocksDB memory is unbounded and the container gets OOM-killed.',
  messages: {
    zero: '"{key}" ({value}) leaves the TaskManager no managed memory, but the {backend} state backend ("{backendKey}") takes its caches and write buffers from managed memory',
    unbounded:
      '"{key}" ({value}) with no fixed size ({fixed}) leaves {backend} memory unbounded: it grows outside Flink\'s budget until the container is killed',
    weight:
      '"{key}" ({value}) gives the state backend ({consumer}) no weight, so the {backend} state backend gets no managed memory and the job fails when it asks for it',
  },
  remediation:
    'Give RocksDB (or ForSt) managed memory: a non-zero managed fraction, memory.managed true, and a state-backend consumer weight.',
  fixable: true,
  check(ctx) {
    const backendEntry = ctx.entry(stateBackendKey(ctx.version));
    const kind = backendEntry ? backendKind(rawToString(backendEntry.value), ctx.version) : 'other';
    if (!backendEntry || (kind !== 'rocksdb' && kind !== 'forst')) return;
    const backend = kind === 'rocksdb' ? 'RocksDB' : 'ForSt';
    const conf = new Conf(ctx.rawConfig(), ctx.version);
    const p = `state.backend.${kind}.memory`;
    // A fixed size per slot is used instead of managed memory, so none is needed.
    if (conf.contains(`${p}.fixed-per-slot`)) return;
    const managedEntry = ctx.doc.effective.get(`${p}.managed`);
    if (managedEntry && rawToString(managedEntry.value).trim().toLowerCase() === 'false') {
      const perTm = kind === 'forst' || atLeast(ctx.version, '1.17') ? `${p}.fixed-per-tm` : null;
      if (perTm && conf.contains(perTm)) return;
      const fixed = [`${p}.fixed-per-slot`, ...(perTm ? [perTm] : [])]
        .map((k) => `"${k}"`)
        .join(' or ');
      const data = { key: managedEntry.key, value: managedEntry.text, fixed, backend };
      ctx.report({
        messageId: 'unbounded',
        entry: managedEntry,
        key: managedEntry.key,
        data,
        fix: { [managedEntry.key]: 'true' },
      });
      return;
    }
    const zero = zeroManagedEntry(ctx, conf);
    if (
      zero !== undefined ||
      (ctx.memory.taskmanager.ok && ctx.memory.taskmanager.sizes.managed === 0n)
    ) {
      const cause = zero ?? backendEntry;
      // A fraction the user set stays when only a zero size overrides it; otherwise Flink's
      // default.
      // Read as Flink reads it (Java's float parsing takes `0.6f` and ` 0.6 `).
      const fraction = ctx.entry(MANAGED_FRACTION) ? readFraction(conf) : NaN;
      const keepFraction = fraction > 0 && fraction < 1 && ctx.entry(MANAGED_SIZE) !== undefined;
      const fix: FixChanges = {
        ...(keepFraction ? {} : { [MANAGED_FRACTION]: '0.4' }),
        ...(ctx.entry(MANAGED_SIZE) ? { [MANAGED_SIZE]: null } : {}),
      };
      const before = ctx.memory.taskmanager;
      const after = ctx.deriveWith(fix).taskmanager;
      // When the rest of the configuration fails anyway, the fix is sound if it adds no new
      // failure.
      const sound = after.ok
        ? after.sizes.managed > 0n
        : !before.ok && after.failure.check === before.failure.check;
      const data = { key: cause.key, value: cause.text, backend, backendKey: backendEntry.key };
      ctx.report({
        messageId: 'zero',
        entry: cause,
        key: cause.key,
        data,
        ...(sound ? { fix } : {}),
      });
      return;
    }
    const configured = atLeast(ctx.version, '1.12')
      ? configuredWeights(ctx.doc, ctx.version)
      : null;
    if (!configured) return;
    const weight = stateWeight(configured.weights, ctx.version);
    if (weight !== undefined && Number(weight) !== 0) return;
    const consumer = stateConsumer(ctx.version);
    const fix: FixChanges = configured.perKey
      ? { [`${WEIGHTS}.${consumer}`]: '70' }
      : {
          [WEIGHTS]: [...new Map([...configured.weights, [consumer, '70']])]
            .map(([k, w]) => `${k}:${w}`)
            .join(','),
        };
    const data = { key: configured.entry.key, value: configured.entry.text, consumer, backend };
    ctx.report({
      messageId: 'weight',
      entry: configured.entry,
      key: configured.entry.key,
      data,
      fix,
    });
  },
});
