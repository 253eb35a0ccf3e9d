/**
 * Checks of non-size option values as Flink converts and validates them when it reads them:
 * numbers and their ranges, booleans, durations, state backend names, managed-memory consumer
 * weights, the memory segment size and the RocksDB/ForSt memory ratios. Pure functions over the
 * catalogue; the invalid-option-value rule decides where to report and words the messages.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { ConfigEntry } from '../config/types.js';
import { formatSizeForConfig, parseMemorySize } from '../model/memory-size.js';
import { convertBoolean, convertDouble, convertFloat, convertInt, convertLong, rawToString } from '../model/values.js';
import type { NumericRange, OptionSpec } from './catalogue.js';
import { defaultFor, getOption } from './catalogue.js';
import type { FlinkVersion } from './version.js';
import { atLeast, versionLabel } from './version.js';

export type ValueIssueKind =
  | 'not-an-integer' | 'not-a-number' | 'out-of-range' | 'not-a-boolean' | 'not-a-duration' | 'unknown-backend'
  | 'bad-weight' | 'negative-weight' | 'unknown-consumer' | 'segment-too-small' | 'segment-not-power-of-two' | 'segment-too-large';

/** What is wrong with a value: the kind, the data its message needs, and the value that fixes it. */
export interface ValueIssue { readonly kind: ValueIssueKind; readonly data?: Record<string, string>; readonly fix?: string }
type Issue = ValueIssue;

export const SEGMENT_SIZE = 'taskmanager.memory.segment-size';
export const WEIGHTS = 'taskmanager.memory.managed.consumer-weights';
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
    return { kind: o.type === 'int' || o.type === 'long' ? 'not-an-integer' : 'not-a-number' };
  }
  if (!o.range || inRange(v, o.range)) return null;
  const def = defaultFor(o, version);
  return { kind: 'out-of-range', data: { constraint: describe(o.range) }, ...(def !== null ? { fix: def } : {}) };
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
  return { kind: 'unknown-backend', data: { allowed: allowed.join(', '), version: versionLabel(version) }, ...(distance(value, near) <= 2 ? { fix: near } : {}) };
}

function consumerNames(version: FlinkVersion): string[] {
  if (atLeast(version, '2.0')) return ['OPERATOR', 'STATE_BACKEND', 'PYTHON'];
  return atLeast(version, '1.13') ? ['OPERATOR', 'STATE_BACKEND', 'PYTHON', 'DATAPROC'] : ['DATAPROC', 'PYTHON'];
}

/** Flink parses each weight with Integer.parseInt and switches on the exact (case-sensitive) consumer name. */
export function weights(pairs: readonly (readonly [string, string])[], version: FlinkVersion): Issue | null {
  const names = consumerNames(version);
  for (const [name, weight] of pairs) {
    if (!/^[+-]?\d+$/.test(weight) || Math.abs(Number(weight)) > 2147483647) return { kind: 'bad-weight', data: { item: `${name}:${weight}` } };
    if (Number(weight) < 0) return { kind: 'negative-weight', data: { name, weight } };
    if (!names.includes(name)) return { kind: 'unknown-consumer', data: { name, allowed: names.join(', '), version: versionLabel(version) } };
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
  if (bytes > 2147483647n) return { kind: 'segment-too-large' };
  let pow = 4096n;
  while (pow < bytes) pow *= 2n;
  if (bytes < 4096n) return { kind: 'segment-too-small', fix: '4k' };
  return pow === bytes ? null : { kind: 'segment-not-power-of-two', fix: formatSizeForConfig(pow) };
}

/** The problem Flink has converting or checking the option's value, or null when it reads it fine. */
export function issueFor(o: OptionSpec, entry: ConfigEntry, version: FlinkVersion): Issue | null {
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
        return { kind: 'not-a-boolean', ...(meant ? { fix: meant } : {}) };
      }
    case 'enum':
      return enumValue(o, text, version);
    case 'duration':
      return DURATION.test(text.trim()) || /^P/i.test(text.trim()) ? null : { kind: 'not-a-duration' };
    default:
      return null;
  }
}

/** RocksDB (and ForSt) need 2w/(3-w) + h < 1 of the effective ratios (defaults filled in), else the shared cache cannot be built. */
export function ratios(entry: (key: string) => ConfigEntry | undefined, prefix: string, version: FlinkVersion) {
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
