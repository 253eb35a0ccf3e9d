/**
 * What the invalid-option-value rule says about a value, given what Flink's conversion and the
 * catalogue's schema (validate.ts) found wrong with it: the kind of message, the data it needs and
 * the value that fixes it. The only checks left here are those the schema cannot express: the
 * values a given Flink version accepts (state backends, consumer names), a segment size that is a
 * power of two, a weight that fits in an int, and the RocksDB/ForSt ratio sum across two options.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { ConfigEntry } from '../config/types.js';
import { formatSizeForConfig, parseMemorySize } from '../primitives/memory-size.js';
import { convertDouble, rawToString } from '../primitives/raw-value.js';
import type { OptionSpec } from './catalogue.js';
import { defaultFor, getOption } from './catalogue.js';
import { describeRange } from './validate.js';
import type { OptionValueProblemKind } from './validate.js';
import type { FlinkVersion } from '../primitives/version.js';
import { atLeast, versionLabel } from '../primitives/version.js';

export type ValueIssueKind =
  | 'not-an-integer'
  | 'not-a-number'
  | 'out-of-range'
  | 'not-a-boolean'
  | 'not-a-duration'
  | 'unknown-backend'
  | 'bad-weight'
  | 'negative-weight'
  | 'unknown-consumer'
  | 'segment-too-small'
  | 'segment-not-power-of-two'
  | 'segment-too-large';

/**
 * What is wrong with a value: the kind, the data its message needs, and the value that fixes it.
 */
export interface ValueIssue {
  readonly kind: ValueIssueKind;
  readonly data?: Record<string, string>;
  readonly fix?: string;
}
type Issue = ValueIssue;

export const SEGMENT_SIZE = 'taskmanager.memory.segment-size';
export const WEIGHTS = 'taskmanager.memory.managed.consumer-weights';
const BOOLEAN_MEANT: Readonly<Record<string, string>> = {
  yes: 'true',
  y: 'true',
  on: 'true',
  '1': 'true',
  no: 'false',
  n: 'false',
  off: 'false',
  '0': 'false',
};

/**
 * State backend shortcuts per version: hashmap since 1.13, forst since 2.0, jobmanager and
 * filesystem gone in 2.0.
 */
function backends(version: FlinkVersion): string[] {
  if (atLeast(version, '2.0')) return ['hashmap', 'rocksdb', 'forst'];
  return atLeast(version, '1.13')
    ? ['hashmap', 'rocksdb', 'jobmanager', 'filesystem']
    : ['rocksdb', 'jobmanager', 'filesystem'];
}

/**
 * A backend the schema rejects, or one it accepts (some version knows it) that this version does
 * not.
 */
function backend(
  o: OptionSpec,
  text: string,
  found: OptionValueProblemKind | undefined,
  version: FlinkVersion,
): Issue | null {
  const allowed = backends(version).filter((b) => o.enumValues?.includes(b));
  const value = text.trim().toLowerCase();
  if (found !== 'enum' && (allowed.includes(value) || !o.enumValues?.includes(value))) return null;
  const near = closest(value, allowed);
  return {
    kind: 'unknown-backend',
    data: { allowed: allowed.join(', '), version: versionLabel(version) },
    ...(distance(value, near) <= 2 ? { fix: near } : {}),
  };
}

function consumerNames(version: FlinkVersion): string[] {
  if (atLeast(version, '2.0')) return ['OPERATOR', 'STATE_BACKEND', 'PYTHON'];
  return atLeast(version, '1.13')
    ? ['OPERATOR', 'STATE_BACKEND', 'PYTHON', 'DATAPROC']
    : ['DATAPROC', 'PYTHON'];
}

/** Each item as [name, weight, the item as written]; an item without a colon has no weight. */
function weightPairs(text: string): [string, string, string][] {
  return text.split(',').map((item) => {
    const at = item.indexOf(':');
    return at < 0
      ? [item.trim(), '', item.trim()]
      : [item.slice(0, at).trim(), item.slice(at + 1).trim(), item.trim()];
  });
}

/**
 * Consumer weights: when the schema finds the text malformed, the first item to blame (a negative
 * weight has its own message); else what Flink checks next, parsing each weight with
 * Integer.parseInt and switching on the exact (case-sensitive) consumer name.
 */
export function weightsIssue(
  text: string,
  found: OptionValueProblemKind | undefined,
  version: FlinkVersion,
): Issue | null {
  const pairs = weightPairs(text);
  if (found) {
    const negative = pairs.find(([name, weight]) => /^\w+$/.test(name) && /^-\d+$/.test(weight));
    const bad = pairs.find(([name, weight]) => !/^\w+$/.test(name) || !/^\+?\d+$/.test(weight));
    if (negative && negative === bad)
      return { kind: 'negative-weight', data: { name: negative[0], weight: negative[1] } };
    // The item as the user wrote it: "OPERATOR=70" is shown so, not with a colon added.
    const item = (bad ?? pairs[0])?.[2] ?? '';
    return { kind: 'bad-weight', data: { item } };
  }
  const names = consumerNames(version);
  for (const [name, weight] of pairs) {
    if (Number(weight) > 2147483647)
      return { kind: 'bad-weight', data: { item: `${name}:${weight}` } };
    if (!names.includes(name))
      return {
        kind: 'unknown-consumer',
        data: { name, allowed: names.join(', '), version: versionLabel(version) },
      };
  }
  return null;
}

/** The segment size's range comes from the schema; a power of two it cannot express. */
function segmentSize(
  o: OptionSpec,
  text: string,
  found: OptionValueProblemKind | undefined,
): Issue | null {
  if (found === 'type') return null; // invalid-memory-size reports sizes that do not parse
  const bytes = parseMemorySize(text);
  if (found === 'range')
    return bytes > BigInt(o.range?.max ?? Infinity)
      ? { kind: 'segment-too-large' }
      : { kind: 'segment-too-small', fix: '4k' };
  let pow = 4096n;
  while (pow < bytes) pow *= 2n;
  return pow === bytes ? null : { kind: 'segment-not-power-of-two', fix: formatSizeForConfig(pow) };
}

/**
 * The issue to report for a value, given what the conversion and the schema found (`found`,
 * undefined when nothing).
 */
export function issueFor(
  o: OptionSpec,
  entry: ConfigEntry,
  found: OptionValueProblemKind | undefined,
  version: FlinkVersion,
): Issue | null {
  const text = rawToString(entry.value);
  if (o.key === SEGMENT_SIZE) return segmentSize(o, text, found);
  if (o.key === WEIGHTS) return weightsIssue(text, found, version);
  if (o.type === 'enum') return backend(o, text, found, version);
  switch (found) {
    case 'type':
      if (o.type === 'int' || o.type === 'long') {
        // Digits Flink cannot convert are a whole number too large for the option's Java type.
        if (/^\s*[+-]?\d+\s*$/.test(text)) {
          const bound =
            o.type === 'int'
              ? ['-2147483648', '2147483647']
              : ['-9223372036854775808', '9223372036854775807'];
          return {
            kind: 'out-of-range',
            data: {
              constraint: `a whole number from ${bound[0]} to ${bound[1]} (a Java ${o.type})`,
            },
          };
        }
        return { kind: 'not-an-integer' };
      }
      if (o.type === 'float' || o.type === 'double') return { kind: 'not-a-number' };
      if (o.type !== 'boolean') return null;
      return {
        kind: 'not-a-boolean',
        ...(BOOLEAN_MEANT[text.trim().toLowerCase()]
          ? { fix: BOOLEAN_MEANT[text.trim().toLowerCase()] }
          : {}),
      };
    case 'range': {
      if (!o.range) return null;
      const def = defaultFor(o, version);
      return {
        kind: 'out-of-range',
        data: { constraint: describeRange(o.range) },
        ...(def !== null ? { fix: def } : {}),
      };
    }
    case 'format':
      return o.type === 'duration' ? { kind: 'not-a-duration' } : null;
    default:
      return null;
  }
}
/**
 * RocksDB (and ForSt) need 2w/(3-w) + h < 1 of the effective ratios (defaults filled in), else the
 * shared cache cannot be built.
 */
export function ratios(
  entry: (key: string) => ConfigEntry | undefined,
  prefix: string,
  version: FlinkVersion,
) {
  const read = (key: string) => {
    const e = entry(key);
    const text = e ? rawToString(e.value) : (defaultFor(getOption(key), version) ?? '');
    let v = NaN;
    try {
      v = e ? convertDouble(e.value) : Number(text);
    } catch {
      /* reported as notANumber */
    }
    return { key, entry: e, v, text: e?.text ?? text };
  };
  const w = read(`${prefix}.write-buffer-ratio`);
  const h = read(`${prefix}.high-prio-pool-ratio`);
  if ((!w.entry && !h.entry) || !(w.v > 0 && w.v < 1 && h.v > 0 && h.v < 1)) return null;
  const sum = (2 * w.v) / (3 - w.v) + h.v;
  return sum < 1
    ? null
    : {
        at: (w.entry ?? h.entry)!,
        data: { wKey: w.key, w: w.text, hKey: h.key, h: h.text, sum: sum.toFixed(3) },
      };
}
