/**
 * The smallest change that makes a configuration pass Flink's start-up checks, found with the
 * model itself: every candidate is derived again, and only a change that passes is returned.
 * Pure; shared by `explain`, the lint rules and the doctor.
 */
import type { MemoryFailure, ModelOptions } from './compute.js';
import {
  MIB,
  ceilTo,
  formatSizeForConfig,
  parseMemorySizeOrNull,
} from '../primitives/memory-size.js';
import type { RawValue } from '../primitives/raw-value.js';
import { rawToString } from '../primitives/raw-value.js';
import { legacyHeapTarget } from './legacy-heap.js';
import { defaultFor, findOption } from '../options/catalogue.js';
import { suggestSizeSpelling } from '../options/size-spelling.js';
import { atLeast } from '../primitives/version.js';
import type { FlinkVersion } from '../primitives/version.js';
import type { Process } from '../primitives/flink-process.js';
import type { FixChanges, FixResult } from './trial.js';
import {
  TOO_SMALL,
  applyChanges,
  compute,
  failureDirection,
  healthy,
  quiet,
  shippedProcessSize,
  totalKeys,
} from './trial.js';
import { searchSize } from './size-search.js';

export { searchSize } from './size-search.js';

function bytesOf(config: ReadonlyMap<string, RawValue>, key: string): bigint | null {
  const raw = config.get(key);
  return raw ? parseMemorySizeOrNull(rawToString(raw)) : null;
}

/** A fraction people may have written as a percentage or with a comma: "40%", "0,4", "'0.4'". */
function repairFraction(text: string): string | null {
  const s = text
    .trim()
    .replace(/^(['"])(.*)\1$/, '$2')
    .trim()
    .replace(',', '.');
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(s);
  if (pct) return String(Number(pct[1]) / 100);
  const n = Number(s);
  if (s !== '' && Number.isInteger(n) && n >= 10 && n < 100) return String(n / 100);
  return /^\d*\.\d+$/.test(s) && s !== text ? s : null;
}

interface Ctx {
  readonly config: ReadonlyMap<string, RawValue>;
  readonly process: Process;
  readonly options: ModelOptions;
}

/** Raise a total: `keys` move together (flink and process size), or just the process size. */
function sizeCandidates(ctx: Ctx, which: 'totals' | 'process' = 'totals'): FixChanges[] {
  const keys =
    which === 'totals'
      ? totalKeys(ctx.config, ctx.process)
      : [`${ctx.process}.memory.process.size`];
  const current = new Map<string, bigint>();
  for (const k of keys) {
    const b = bytesOf(ctx.config, k);
    if (b !== null) current.set(k, b);
  }
  const from = current.get(keys[0]!) ?? shippedProcessSize(ctx.process, ctx.options.version);
  const found = searchSize(keys, current, from, (changes) => {
    const next = applyChanges(ctx.config, changes);
    const r = compute(next, ctx.process, ctx.options);
    // A process that starts with too little heap needs a larger total, like one that fails.
    if (r.ok) return healthy(next, ctx.process, r) ? 'ok' : 'up';
    return failureDirection(r.failure);
  });
  return found ? [found.changes] : [];
}

function pin(bytes: bigint, round: 'up' | 'down'): string {
  const v = round === 'up' ? ceilTo(bytes, MIB) : (bytes / MIB) * MIB;
  return formatSizeForConfig(v === 0n ? bytes : v);
}

/** Candidate changes for one failed check, most preferred first. */
function candidates(ctx: Ctx, failure: MemoryFailure): FixChanges[] {
  const key = failure.keys[0];
  const raw = key ? ctx.config.get(key) : undefined;
  const d = failure.data ?? {};
  const p = ctx.process;
  switch (failure.check) {
    case 'unparsable-memory-size':
    case 'unparsable-value':
    case 'invalid-option-value':
    case 'legacy-heap-negative':
    case 'invalid-cpu-cores': {
      if (!key) return [];
      const text = raw ? rawToString(raw) : '';
      const spelled =
        findOption(key)?.type === 'memory' || /\.(size|min|max)$/.test(key)
          ? suggestSizeSpelling(text)
          : repairFraction(text);
      return [...(spelled ? [{ [key]: spelled }] : []), { [key]: null }];
    }
    case 'invalid-fraction-range': {
      if (failure.keys.length >= 2) {
        const [minKey, maxKey] = failure.keys as [string, string];
        const min = d.min;
        const max = d.max;
        return [
          ...(min !== undefined ? [{ [maxKey]: formatSizeForConfig(min) }] : []),
          ...(max !== undefined ? [{ [minKey]: formatSizeForConfig(max) }] : []),
          { [maxKey]: null },
          { [minKey]: null },
        ];
      }
      if (!key) return [];
      const repaired = raw ? repairFraction(rawToString(raw)) : null;
      return [...(repaired ? [{ [key]: repaired }] : []), { [key]: null }];
    }
    case 'network-remainder-out-of-range':
    case 'network-out-of-range':
    case 'overhead-out-of-range': {
      const overhead = failure.check === 'overhead-out-of-range';
      const value = overhead ? d.overhead : d.network;
      const minKey = overhead ? `${p}.memory.jvm-overhead.min` : 'taskmanager.memory.network.min';
      const maxKey = overhead ? `${p}.memory.jvm-overhead.max` : 'taskmanager.memory.network.max';
      const which = overhead ? 'process' : 'totals';
      // The legacy buffer count fixes network memory; the remainder can never match it by chance.
      if (!overhead && d.configured !== undefined)
        return [{ 'taskmanager.network.numberOfBuffers': null }];
      if (value === undefined || d.min === undefined) return sizeCandidates(ctx, which);
      // Lowering the min to a remainder of 0 would "start" a process without network buffers or
      // JVM overhead, which fails as soon as it works; only the totals can fix that.
      if (value < d.min)
        return [
          ...sizeCandidates(ctx, which),
          ...(value > 0n ? [{ [minKey]: pin(value, 'down') }] : []),
        ];
      return [{ [maxKey]: pin(value, 'up') }, { [maxKey]: null }];
    }
    case 'network-remainder-mismatch':
      return [{ 'taskmanager.network.numberOfBuffers': null }];
    case 'heap-and-off-heap-mismatch-flink':
      return [
        { 'jobmanager.memory.flink.size': null },
        ...(d.heap !== undefined && d.offHeap !== undefined
          ? [{ 'jobmanager.memory.flink.size': formatSizeForConfig(d.heap + d.offHeap) }]
          : []),
      ];
    case 'heap-exceeds-flink':
      return [...sizeCandidates(ctx), { 'jobmanager.memory.flink.size': null }];
    case 'process-below-flink-and-metaspace':
      return [...sizeCandidates(ctx, 'process'), { [`${p}.memory.process.size`]: null }];
    case 'invalid-segment-size':
      return [{ 'taskmanager.memory.segment-size': null }];
    case 'local-network-not-fixed': {
      const min =
        ctx.config.get('taskmanager.memory.network.min') ??
        ctx.config.get('taskmanager.network.memory.min');
      const max =
        ctx.config.get('taskmanager.memory.network.max') ??
        ctx.config.get('taskmanager.network.memory.max');
      return [
        ...(min ? [{ 'taskmanager.memory.network.max': rawToString(min) }] : []),
        ...(max ? [{ 'taskmanager.memory.network.min': rawToString(max) }] : []),
      ];
    }
    case 'legacy-heap-unparsable':
      return ctx.options.target === 'local'
        ? []
        : [
            {
              [legacyHeapTarget(p, ctx.options.target)]: formatSizeForConfig(
                shippedProcessSize(p, ctx.options.version),
              ),
            },
          ];
    default:
      return TOO_SMALL.has(failure.check) ? sizeCandidates(ctx) : [];
  }
}

function describe(
  config: ReadonlyMap<string, RawValue>,
  changes: FixChanges,
  version: FlinkVersion,
): string {
  return Object.entries(changes)
    .map(([k, v]) => {
      const was = config.get(k);
      if (v === null) {
        const def = findOption(k) ? defaultFor(findOption(k)!, version) : null;
        return `remove "${k}"${def !== null ? ` (back to the default ${def})` : ''}`;
      }
      return was ? `change "${k}" from ${rawToString(was)} to ${v}` : `set "${k}" to ${v}`;
    })
    .join('; ');
}

const MAX_ROUNDS = 6;

/**
 * FixChanges that make `process` pass the model for this configuration, re-checked with the
 * model, or null when the configuration already passes or no such change was found.
 * A fix may take several steps (a bad fraction first, then a total that is too small).
 */
export function findFix(
  config: ReadonlyMap<string, RawValue>,
  process: Process,
  given: ModelOptions,
): FixResult | null {
  // Made once: a search derives dozens of configurations with these options.
  const options = quiet(given);
  if (process === 'jobmanager' && !atLeast(options.version, '1.11')) return null;
  let first = compute(config, process, options);
  if (first.ok) return null;
  let changes: Record<string, string | null> = {};
  const checks: string[] = [];
  let failure: MemoryFailure = first.failure;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    checks.push(failure.check);
    const current = applyChanges(config, changes);
    let progress: { changes: Record<string, string | null>; failure: MemoryFailure } | null = null;
    for (const candidate of candidates({ config: current, process, options }, failure)) {
      const next = { ...changes, ...candidate };
      const applied = applyChanges(config, next);
      const r = compute(applied, process, options);
      if (r.ok && healthy(applied, process, r))
        return { changes: next, checks, summary: describe(config, next, options.version) };
      if (r.ok) {
        // It starts, with too little heap: raise the totals from there until it has enough.
        for (const raise of sizeCandidates({ config: applied, process, options })) {
          const raised = { ...next, ...raise };
          const after = applyChanges(config, raised);
          if (healthy(after, process, compute(after, process, options)))
            return { changes: raised, checks, summary: describe(config, raised, options.version) };
        }
        continue;
      }
      if (!progress && r.failure.check !== failure.check)
        progress = { changes: next, failure: r.failure };
    }
    if (!progress) return null;
    changes = progress.changes;
    failure = progress.failure;
  }
  const last = applyChanges(config, changes);
  first = compute(last, process, options);
  return healthy(last, process, first)
    ? { changes, checks, summary: describe(config, changes, options.version) }
    : null;
}
