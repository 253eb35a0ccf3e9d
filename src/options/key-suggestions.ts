/**
 * What flink-mem proposes instead of an unknown key: whether a key looks like memory
 * configuration, whether some Flink version knows it, whether a newer version added it, and the
 * option an invented or misspelt memory key was meant to be. Pure functions over the catalogue;
 * the rules decide when to report.
 */
import { distance } from 'fastest-levenshtein';
import type { FlinkVersion } from '../primitives/version.js';
import { atLeast } from '../primitives/version.js';
import type { OptionSpec } from './catalogue.js';
import { OPTIONS, findOption, isActive, optionForFallbackKey } from './catalogue.js';
import { isDocumentedKey } from './known-keys.js';

/**
 * Namespaces of other tools that share the Flink configuration and use memory words legitimately.
 */
const FOREIGN_PREFIXES = [
  'job.autoscaler.',
  'kubernetes.operator.',
  'flink.hadoop.',
  'flink.yarn.',
];

/** Real Flink keys outside the memory model that still look memory-related. */
const OTHER_FLINK_KEYS = new Set([
  'taskmanager.debug.memory.log',
  'taskmanager.debug.memory.log-interval',
  'taskmanager.debug.memory.startLogThread',
  'taskmanager.debug.memory.logIntervalMs',
  'taskmanager.network.memory.buffers-per-external-blocking-channel',
]);

const MEMORY_WORDS = new Set(['heap', 'managed', 'metaspace', 'numberofbuffers']);

/** Whether a key looks like it is meant to configure memory (and so deserves a check). */
export function looksMemoryRelated(key: string): boolean {
  if (FOREIGN_PREFIXES.some((p) => key.startsWith(p))) return false;
  // Plain string tests, not patterns: every key of every file comes here, and V8 compiles a
  // pattern twice in its first two uses, a noticeable part of start-up.
  if (
    MEMORY_PREFIXES.some(
      (p) => key.startsWith(p) && (key.length === p.length || key[p.length] === '.'),
    ) ||
    key.includes('.memory.')
  )
    return true;
  // The words between `.`, `-` and `_`.
  const lower = key.toLowerCase();
  let start = 0;
  for (let i = 0; i <= lower.length; i++) {
    const c = lower[i];
    if (c === undefined || c === '.' || c === '-' || c === '_') {
      if (MEMORY_WORDS.has(lower.slice(start, i))) return true;
      start = i + 1;
    }
  }
  return false;
}

const MEMORY_PREFIXES = ['taskmanager.memory', 'jobmanager.memory', 'flink.memory'];

/**
 * Whether some Flink version knows the key: an option of the memory catalogue, a fallback key, an
 * entry of a map option, or any key of Flink's option docs (the generated catalogue,
 * flink-keys.ts).
 */
export function isKnownKey(key: string): boolean {
  if (findOption(key) || optionForFallbackKey(key) || OTHER_FLINK_KEYS.has(key)) return true;
  // Map options can also be written one entry per key: `<option>.<name>: <value>`.
  if (
    OPTIONS.some(
      (o) => o.type === 'map' && key.startsWith(`${o.key}.`) && key.length > o.key.length + 1,
    )
  )
    return true;
  return isDocumentedKey(key);
}

/**
 * A catalogue option the chosen version does not read yet, and the older key it reads instead, if
 * any.
 */
export interface NewerOption {
  readonly option: OptionSpec;
  /** An option of this version that the newer one replaced. */
  readonly older?: OptionSpec;
  /** Whether the value carries over to `older` unchanged (same type, no conversion). */
  readonly sameValue: boolean;
  /** How the value is written for `older` when it does not carry over unchanged. */
  readonly valueNote?: string;
  /** What comes closest in the older version when no key replaces it one to one. */
  readonly note?: string;
}

/** The nearest thing an older version offers for options without a one-to-one predecessor. */
const NEWER_NOTES: Readonly<Record<string, string>> = {
  'state.backend.rocksdb.memory.fixed-per-tm':
    'size RocksDB memory per slot with "state.backend.rocksdb.memory.fixed-per-slot" instead',
};

/**
 * Whether the key is an option (or an entry of a map option) added after `version`, which that
 * version therefore ignores. Null for keys the version reads and for keys no version knows.
 */
export function newerOption(key: string, version: FlinkVersion): NewerOption | null {
  const option =
    findOption(key) ?? OPTIONS.find((o) => o.type === 'map' && key.startsWith(`${o.key}.`));
  if (!option || atLeast(version, option.since)) return null;
  const older = OPTIONS.find((o) => o.replacedBy === option.key && isActive(o, version));
  const note = NEWER_NOTES[option.key];
  const sameValue = older !== undefined && older.type === option.type && !older.conversion;
  // Durations replaced plain millisecond counts (see replacementFor in
  // src/model/key-replacements.ts).
  const valueNote =
    !older || sameValue
      ? undefined
      : older.type === 'long' && option.type === 'duration'
        ? 'as a number of milliseconds'
        : `as a ${older.type}`;
  return {
    option,
    sameValue,
    ...(older ? { older } : {}),
    ...(note ? { note } : {}),
    ...(valueNote ? { valueNote } : {}),
  };
}

export type KeySuggestion =
  /** Known invention: set these keys to the value instead. */
  /**
   * An invented key and the option it was meant to be. `exact: false` when that option means
   * something else (a JVM heap is not a task heap): the rename is advice, never an automatic fix.
   */
  | {
      readonly kind: 'alias';
      readonly keys: readonly string[];
      readonly note?: string;
      readonly exact?: false;
    }
  /** Known invention with no Flink equivalent at all. */
  | { readonly kind: 'no-equivalent'; readonly note: string }
  /** A close spelling of exactly one option. */
  | { readonly kind: 'spelling'; readonly keys: readonly [string] }
  /** Several options are equally close or equally plausible. */
  | { readonly kind: 'ambiguous'; readonly keys: readonly string[] }
  | { readonly kind: 'none' };

const TM = 'taskmanager.memory.';
const JM_NO_MANAGED =
  'the JobManager has no managed memory (only TaskManagers have it, sized by "taskmanager.memory.managed.fraction")';

/** Keys that articles and assistants invent, with what they were meant to be. */
const ALIASES: Readonly<Record<string, KeySuggestion>> = {
  'flink.memory.managed.fraction': {
    kind: 'alias',
    keys: [`${TM}managed.fraction`],
    note: 'a fraction of total Flink memory, not of the JVM heap or of process memory',
  },
  'flink.memory.managed.size': { kind: 'alias', keys: [`${TM}managed.size`] },
  'flink.memory.heap.size': {
    kind: 'alias',
    keys: [`${TM}task.heap.size`],
    note: 'the heap for user code; "taskmanager.memory.flink.size" sizes all of Flink memory',
    exact: false,
  },
  'taskmanager.memory.heap.size': {
    kind: 'alias',
    keys: [`${TM}task.heap.size`],
    note: 'the JVM heap is framework heap plus task heap; to size the whole TaskManager use "taskmanager.memory.flink.size" or "taskmanager.memory.process.size"',
    exact: false,
  },
  'taskmanager.memory.off-heap.size': { kind: 'alias', keys: [`${TM}task.off-heap.size`] },
  'taskmanager.memory.network.size': {
    kind: 'alias',
    keys: [`${TM}network.min`, `${TM}network.max`],
    note: 'network memory is fixed by giving its min and max the same value',
  },
  'taskmanager.memory.metaspace.size': { kind: 'alias', keys: [`${TM}jvm-metaspace.size`] },
  'jobmanager.memory.metaspace.size': {
    kind: 'alias',
    keys: ['jobmanager.memory.jvm-metaspace.size'],
  },
  'jobmanager.memory.managed.fraction': { kind: 'no-equivalent', note: JM_NO_MANAGED },
  'jobmanager.memory.managed.size': { kind: 'no-equivalent', note: JM_NO_MANAGED },
};

/** Current, non-deprecated option keys of a version: what a suggestion may point at. */
function candidates(version: FlinkVersion): string[] {
  return OPTIONS.filter(
    (o) => isActive(o, version) && !(o.deprecatedIn && atLeast(version, o.deprecatedIn)),
  ).map((o) => o.key);
}

/** The part of a key compared for spelling: without the process prefix, which must match anyway. */
function splitProcess(key: string): [string, string] {
  const m = /^(taskmanager\.|jobmanager\.)(.*)$/.exec(key);
  return m ? [m[1]!, m[2]!] : ['', key];
}

/** What an unknown memory key most likely meant, for the chosen Flink version. */
export function suggestKey(key: string, version: FlinkVersion): KeySuggestion {
  const alias = ALIASES[key];
  if (alias) return alias;
  const known = candidates(version);
  // `flink.memory.<x>` is the TaskManager's `taskmanager.memory.<x>` (or the JobManager's) renamed.
  if (key.startsWith('flink.memory.')) {
    const rest = key.slice('flink.memory.'.length);
    const hits = known.filter((k) => k === `${TM}${rest}` || k === `jobmanager.memory.${rest}`);
    if (hits.length === 1) return { kind: 'alias', keys: [hits[0]!] };
    if (hits.length > 1) return { kind: 'ambiguous', keys: hits };
  }
  const [prefix, rest] = splitProcess(key);
  let best = Infinity;
  let bestKeys: string[] = [];
  for (const k of known) {
    const [p, r] = splitProcess(k);
    if (p !== prefix) continue;
    const d = distance(rest, r);
    if (d < best) [best, bestKeys] = [d, [k]];
    else if (d === best) bestKeys.push(k);
  }
  // About one edit per five characters: typos and small slips, not different options.
  if (best > Math.max(2, Math.floor(rest.length / 5))) return { kind: 'none' };
  if (bestKeys.length === 1) return { kind: 'spelling', keys: [bestKeys[0]!] };
  return bestKeys.length <= 3 ? { kind: 'ambiguous', keys: bestKeys } : { kind: 'none' };
}
