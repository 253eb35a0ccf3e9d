import { closest, distance } from 'fastest-levenshtein';
import type { ConfigEntry } from '../src/config/types.js';
import { defineRule } from '../src/engine/types.js';
import { formatSizeForConfig, parseMemorySize } from '../src/model/memory-size.js';
import { convertBoolean, convertDouble, convertFloat, convertInt, convertLong, rawToString } from '../src/model/values.js';
import type { NumericRange, OptionSpec } from '../src/options/catalogue.js';
import { OPTIONS, defaultFor, getOption, isActive } from '../src/options/catalogue.js';
import type { FlinkVersion } from '../src/options/version.js';
import { atLeast, versionLabel } from '../src/options/version.js';
import { isFractionOption } from './fraction-out-of-range.js';

type Id =
  | 'notAnInteger' | 'notANumber' | 'outOfRange' | 'notABoolean' | 'notADuration' | 'unknownBackend'
  | 'badWeight' | 'negativeWeight' | 'unknownConsumer' | 'segmentTooSmall' | 'segmentNotPowerOfTwo' | 'segmentTooLarge' | 'rocksdbRatios';
interface Issue { readonly id: Id; readonly data?: Record<string, string>; readonly fix?: string }

const SEGMENT_SIZE = 'taskmanager.memory.segment-size';
const WEIGHTS = 'taskmanager.memory.managed.consumer-weights';
const BOOLEAN_MEANT: Readonly<Record<string, string>> = { yes: 'true', y: 'true', on: 'true', '1': 'true', no: 'false', n: 'false', off: 'false', '0': 'false' };
// Flink's TimeUtils labels (plural forms too); ISO-8601 text is left alone.
const DURATION = /^\d+\s*(d|days?|h|hours?|m|min|mins|minutes?|s|secs?|seconds?|ms|millis?|milliseconds?|µs|micros?|microseconds?|ns|nanos?|nanoseconds?)?$/i;

function describe(r: NumericRange): string {
  const low = r.min === undefined ? null : r.minExclusive ? `greater than ${r.min}` : `at least ${r.min}`;
  const high = r.max === undefined ? null : r.maxExclusive ? `below ${r.max}` : `at most ${r.max}`;
  return [low, high].filter(Boolean).join(' and ');
}

function inRange(v: number, r: NumericRange): boolean {
  const low = r.min === undefined || (r.minExclusive ? v > r.min : v >= r.min);
  const high = r.max === undefined || (r.maxExclusive ? v < r.max : v <= r.max);
  return low && high;
}

const CONVERT: Readonly<Record<string, (v: ConfigEntry['value']) => number>> = {
  int: convertInt,
  long: (v) => Number(convertLong(v)),
  float: convertFloat,
  double: convertDouble,
};

function numeric(o: OptionSpec, entry: ConfigEntry, version: FlinkVersion): Issue | null {
  let v: number;
  try {
    v = CONVERT[o.type]!(entry.value);
  } catch {
    return { id: o.type === 'int' || o.type === 'long' ? 'notAnInteger' : 'notANumber' };
  }
  if (!o.range || inRange(v, o.range)) return null;
  const def = defaultFor(o, version);
  return { id: 'outOfRange', data: { constraint: describe(o.range) }, ...(def !== null ? { fix: def } : {}) };
}

/** State backend shortcuts per version: hashmap since 1.13, forst since 2.0, jobmanager and filesystem gone in 2.0. */
function backends(version: FlinkVersion): string[] {
  if (atLeast(version, '2.0')) return ['hashmap', 'rocksdb', 'forst'];
  return atLeast(version, '1.13') ? ['hashmap', 'rocksdb', 'jobmanager', 'filesystem'] : ['rocksdb', 'jobmanager', 'filesystem'];
}

function enumValue(o: OptionSpec, text: string, version: FlinkVersion): Issue | null {
  const allowed = backends(version).filter((b) => o.enumValues?.includes(b));
  const value = text.trim().toLowerCase();
  if (allowed.includes(value) || (o.enumPattern && new RegExp(o.enumPattern).test(text.trim()))) return null;
  const near = closest(value, allowed);
  return { id: 'unknownBackend', data: { allowed: allowed.join(', '), version: versionLabel(version) }, ...(distance(value, near) <= 2 ? { fix: near } : {}) };
}

function consumerNames(version: FlinkVersion): string[] {
  if (atLeast(version, '2.0')) return ['OPERATOR', 'STATE_BACKEND', 'PYTHON'];
  return atLeast(version, '1.13') ? ['OPERATOR', 'STATE_BACKEND', 'PYTHON', 'DATAPROC'] : ['DATAPROC', 'PYTHON'];
}

/** Flink parses each weight with Integer.parseInt and switches on the exact (case-sensitive) consumer name. */
function weights(pairs: readonly (readonly [string, string])[], version: FlinkVersion): Issue | null {
  const names = consumerNames(version);
  for (const [name, weight] of pairs) {
    if (!/^[+-]?\d+$/.test(weight) || Math.abs(Number(weight)) > 2147483647) return { id: 'badWeight', data: { item: `${name}:${weight}` } };
    if (Number(weight) < 0) return { id: 'negativeWeight', data: { name, weight } };
    if (!names.includes(name)) return { id: 'unknownConsumer', data: { name, allowed: names.join(', '), version: versionLabel(version) } };
  }
  return null;
}

function weightPairs(text: string): [string, string][] {
  return text.split(',').filter((s) => s.trim() !== '').map((item) => {
    const at = item.indexOf(':');
    return at < 0 ? [item.trim(), ''] : [item.slice(0, at).trim(), item.slice(at + 1).trim()];
  });
}

function segmentSize(text: string): Issue | null {
  let bytes: bigint;
  try {
    bytes = parseMemorySize(text);
  } catch {
    return null; // invalid-memory-size reports sizes that do not parse
  }
  if (bytes > 2147483647n) return { id: 'segmentTooLarge' };
  let pow = 4096n;
  while (pow < bytes) pow *= 2n;
  if (bytes < 4096n) return { id: 'segmentTooSmall', fix: '4k' };
  return pow === bytes ? null : { id: 'segmentNotPowerOfTwo', fix: formatSizeForConfig(pow) };
}

function issueFor(o: OptionSpec, entry: ConfigEntry, version: FlinkVersion): Issue | null {
  const text = rawToString(entry.value);
  if (o.key === SEGMENT_SIZE) return segmentSize(text);
  if (o.key === WEIGHTS) return weights(weightPairs(text), version);
  switch (o.type) {
    case 'int': case 'long': case 'float': case 'double':
      return numeric(o, entry, version);
    case 'boolean':
      try {
        convertBoolean(entry.value);
        return null;
      } catch {
        const meant = BOOLEAN_MEANT[text.trim().toLowerCase()];
        return { id: 'notABoolean', ...(meant ? { fix: meant } : {}) };
      }
    case 'enum':
      return enumValue(o, text, version);
    case 'duration':
      return DURATION.test(text.trim()) || /^P/i.test(text.trim()) ? null : { id: 'notADuration' };
    default:
      return null;
  }
}

/** RocksDB (and ForSt) need 2w/(3-w) + h < 1 of the effective ratios (defaults filled in), else the shared cache cannot be built. */
function ratios(entry: (key: string) => ConfigEntry | undefined, prefix: string, version: FlinkVersion) {
  const read = (key: string) => {
    const e = entry(key);
    const text = e ? rawToString(e.value) : defaultFor(getOption(key), version) ?? '';
    let v = NaN;
    try {
      v = e ? convertDouble(e.value) : Number(text);
    } catch { /* reported as notANumber */ }
    return { key, entry: e, v, text: e?.text ?? text };
  };
  const w = read(`${prefix}.write-buffer-ratio`);
  const h = read(`${prefix}.high-prio-pool-ratio`);
  if ((!w.entry && !h.entry) || !(w.v > 0 && w.v < 1 && h.v > 0 && h.v < 1)) return null;
  const sum = (2 * w.v) / (3 - w.v) + h.v;
  return sum < 1 ? null : { at: (w.entry ?? h.entry)!, data: { wKey: w.key, w: w.text, hKey: h.key, h: h.text, sum: sum.toFixed(3) } };
}

export default defineRule({
  id: 'invalid-option-value',
  severity: 'error',
  description: 'A non-size option with a value of the wrong type or outside its range',
  rationale:
    'Flink converts an option when it reads it: a slot count that is not a whole number, a boolean other than true or false, ' +
    'a RocksDB ratio outside (0, 1), an unknown managed-memory consumer, a segment size that is not a power of two, or an ' +
    'unknown state backend fails the TaskManager or the job at start-up, often long after the file was changed.',
  messages: {
    notAnInteger: '"{key}" ({value}) is not a whole number: Flink reads this option as an integer',
    notANumber: '"{key}" ({value}) is not a number: Flink reads this option as a decimal number',
    outOfRange: '"{key}" ({value}) is out of range: it must be {constraint}',
    notABoolean: '"{key}" ({value}) is not a boolean: Flink accepts only true or false (in any case)',
    notADuration: '"{key}" ({value}) is not a duration: Flink reads a whole number with a unit such as ms, s, min, h or d',
    unknownBackend: '"{key}" ({value}) is not a state backend Flink {version} knows: use {allowed}, or the class name of a state backend factory',
    badWeight: '"{key}" ({value}): "{item}" is not NAME:weight with a whole-number weight',
    negativeWeight: '"{key}" ({value}) gives {name} the weight {weight}: weights are whole numbers of at least 0',
    unknownConsumer: '"{key}" ({value}) names the consumer "{name}", which Flink {version} does not know: use {allowed} (names are case-sensitive)',
    segmentTooSmall: '"{key}" ({value}) is below 4096 bytes: a memory segment is a power of two of at least 4096 bytes, like 32kb',
    segmentNotPowerOfTwo: '"{key}" ({value}) is not a power of two: a memory segment is a power of two of at least 4096 bytes, like 32kb',
    segmentTooLarge: '"{key}" ({value}) does not fit in an int: a memory segment is a power of two between 4096 bytes and 1g',
    rocksdbRatios: '"{wKey}" ({w}) and "{hKey}" ({h}) leave no room for the block cache: 2 x w / (3 - w) + h must be below 1, here it is {sum}',
  },
  remediation: 'Set the option to a value of its type within its range, as the message says.',
  fixable: true,
  check(ctx) {
    const seen = new Set<ConfigEntry>();
    for (const option of OPTIONS) {
      if (!isActive(option, ctx.version) || isFractionOption(option) || (option.type === 'memory' && option.key !== SEGMENT_SIZE)) continue;
      const entry = ctx.entry(option.key);
      // A quoted legacy value is reported by legacy-syntax, which knows the unquoted value.
      if (!entry || seen.has(entry) || ctx.doc.problems.some((p) => p.kind === 'legacy-quoted' && p.span.offset === entry.valueSpan?.offset)) continue;
      seen.add(entry);
      const issue = issueFor(option, entry, ctx.version);
      if (!issue) continue;
      const fix = issue.fix !== undefined && issue.fix !== rawToString(entry.value) ? { [entry.key]: issue.fix } : undefined;
      ctx.report({ messageId: issue.id, entry, key: entry.key, data: { key: entry.key, value: entry.text, ...issue.data }, ...(fix ? { fix } : {}) });
    }
    // A YAML mapping under consumer-weights becomes prefixed keys, which Flink reads as the map when the key itself is unset.
    if (!ctx.entry(WEIGHTS) && isActive(getOption(WEIGHTS), ctx.version)) {
      for (const e of ctx.doc.effective.values()) {
        if (!e.key.startsWith(`${WEIGHTS}.`)) continue;
        const issue = weights([[e.key.slice(WEIGHTS.length + 1), rawToString(e.value).trim()]], ctx.version);
        if (issue) ctx.report({ messageId: issue.id, entry: e, key: e.key, data: { key: e.key, value: e.text, ...issue.data } });
      }
    }
    for (const prefix of ['state.backend.rocksdb.memory', 'state.backend.forst.memory']) {
      const bad = isActive(getOption(`${prefix}.write-buffer-ratio`), ctx.version) ? ratios((k) => ctx.entry(k), prefix, ctx.version) : null;
      if (bad) ctx.report({ messageId: 'rocksdbRatios', entry: bad.at, key: bad.at.key, data: bad.data });
    }
  },
});
