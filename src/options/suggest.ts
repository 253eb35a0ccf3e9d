/**
 * What flink-mem proposes instead of a key the user wrote: the option an invented or misspelt
 * memory key was meant to be, and the new key (with the value converted) for deprecated and
 * removed keys. Pure functions over the catalogue; the rules decide when to report.
 */
import { distance } from 'fastest-levenshtein';
import type { Conf } from '../model/conf.js';
import type { Target } from '../model/legacy.js';
import { legacyHeapTarget } from '../model/legacy.js';
import { MIB, formatSizeForConfig } from '../primitives/memory-size.js';
import { rawToString } from '../primitives/raw-value.js';
import type { OptionSpec } from './catalogue.js';
import { OPTIONS, findOption, isActive, optionForFallbackKey } from './catalogue.js';
import { isDocumentedKey } from './flink-keys.js';
import type { FlinkVersion } from '../primitives/version.js';
import { atLeast } from '../primitives/version.js';

// ---------------------------------------------------------------------------------------------
// Unknown keys
// ---------------------------------------------------------------------------------------------

/** Namespaces of other tools that share the Flink configuration and use memory words legitimately. */
const FOREIGN_PREFIXES = ['job.autoscaler.', 'kubernetes.operator.', 'flink.hadoop.', 'flink.yarn.'];

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
  if (/^(taskmanager|jobmanager|flink)\.memory(\.|$)/.test(key) || key.includes('.memory.')) return true;
  return key.toLowerCase().split(/[.\-_]/).some((w) => MEMORY_WORDS.has(w));
}

/**
 * Whether some Flink version knows the key: an option of the memory catalogue, a fallback key, an
 * entry of a map option, or any key of Flink's option docs (the generated catalogue, flink-keys.ts).
 */
export function isKnownKey(key: string): boolean {
  if (findOption(key) || optionForFallbackKey(key) || OTHER_FLINK_KEYS.has(key)) return true;
  // Map options can also be written one entry per key: `<option>.<name>: <value>`.
  if (OPTIONS.some((o) => o.type === 'map' && key.startsWith(`${o.key}.`) && key.length > o.key.length + 1)) return true;
  return isDocumentedKey(key);
}

/** A catalogue option the chosen version does not read yet, and the older key it reads instead, if any. */
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
  'state.backend.rocksdb.memory.fixed-per-tm': 'size RocksDB memory per slot with "state.backend.rocksdb.memory.fixed-per-slot" instead',
};

/**
 * Whether the key is an option (or an entry of a map option) added after `version`, which that
 * version therefore ignores. Null for keys the version reads and for keys no version knows.
 */
export function newerOption(key: string, version: FlinkVersion): NewerOption | null {
  const option = findOption(key) ?? OPTIONS.find((o) => o.type === 'map' && key.startsWith(`${o.key}.`));
  if (!option || atLeast(version, option.since)) return null;
  const older = OPTIONS.find((o) => o.replacedBy === option.key && isActive(o, version));
  const note = NEWER_NOTES[option.key];
  const sameValue = older !== undefined && older.type === option.type && !older.conversion;
  // Durations replaced plain millisecond counts (see replacementFor).
  const valueNote = !older || sameValue ? undefined : older.type === 'long' && option.type === 'duration' ? 'as a number of milliseconds' : `as a ${older.type}`;
  return { option, sameValue, ...(older ? { older } : {}), ...(note ? { note } : {}), ...(valueNote ? { valueNote } : {}) };
}

export type KeySuggestion =
  /** Known invention: set these keys to the value instead. */
  /**
   * An invented key and the option it was meant to be. `exact: false` when that option means
   * something else (a JVM heap is not a task heap): the rename is advice, never an automatic fix.
   */
  | { readonly kind: 'alias'; readonly keys: readonly string[]; readonly note?: string; readonly exact?: false }
  /** Known invention with no Flink equivalent at all. */
  | { readonly kind: 'no-equivalent'; readonly note: string }
  /** A close spelling of exactly one option. */
  | { readonly kind: 'spelling'; readonly keys: readonly [string] }
  /** Several options are equally close or equally plausible. */
  | { readonly kind: 'ambiguous'; readonly keys: readonly string[] }
  | { readonly kind: 'none' };

const TM = 'taskmanager.memory.';
const JM_NO_MANAGED = 'the JobManager has no managed memory (only TaskManagers have it, sized by "taskmanager.memory.managed.fraction")';

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
  'jobmanager.memory.metaspace.size': { kind: 'alias', keys: ['jobmanager.memory.jvm-metaspace.size'] },
  'jobmanager.memory.managed.fraction': { kind: 'no-equivalent', note: JM_NO_MANAGED },
  'jobmanager.memory.managed.size': { kind: 'no-equivalent', note: JM_NO_MANAGED },
};

/** Current, non-deprecated option keys of a version: what a suggestion may point at. */
function candidates(version: FlinkVersion): string[] {
  return OPTIONS.filter((o) => isActive(o, version) && !(o.deprecatedIn && atLeast(version, o.deprecatedIn))).map((o) => o.key);
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

// ---------------------------------------------------------------------------------------------
// Deprecated and removed keys
// ---------------------------------------------------------------------------------------------

export type Replacement =
  /** The new keys with the value converted: the same effect as the old key. */
  | { readonly kind: 'convert'; readonly values: Readonly<Record<string, string>> }
  /** The old key had no effect here anyway, because of another option. */
  | { readonly kind: 'ignored'; readonly note: string }
  /** Nothing carries the value over; `note` says what to do instead. */
  | { readonly kind: 'no-equivalent'; readonly note: string };

const NETWORK_KEYS = [`${TM}network.min`, `${TM}network.max`, `${TM}network.fraction`];

/** Why some old keys have no successor, in our words. */
const NO_EQUIVALENT: Readonly<Record<string, string>> = {
  'taskmanager.memory.fraction':
    'it was a share of the free heap in the pre-1.10 model, while "taskmanager.memory.managed.fraction" is a share of total Flink memory, so the value does not carry over',
  'taskmanager.memory.off-heap': 'managed memory is always off-heap since Flink 1.10',
  'taskmanager.memory.preallocate': 'managed memory is allocated on demand since Flink 1.10',
  'containerized.heap-cutoff-ratio':
    'JVM overhead ("taskmanager.memory.jvm-overhead.fraction", "jobmanager.memory.jvm-overhead.fraction") now reserves the memory outside the JVM, measured differently',
  'containerized.heap-cutoff-min':
    'JVM overhead ("taskmanager.memory.jvm-overhead.min", "jobmanager.memory.jvm-overhead.min") now reserves the memory outside the JVM, measured differently',
  'python.fn-execution.framework.memory.size':
    'Python workers take managed memory since Flink 1.12 ("python.fn-execution.memory.managed"); size "taskmanager.memory.task.off-heap.size" only when that is off',
  'taskmanager.network.memory.buffers-per-channel': 'Flink 2.0 always uses 2 exclusive buffers per channel',
  'taskmanager.network.memory.floating-buffers-per-gate': 'Flink 2.0 always uses 8 floating buffers per gate',
  'taskmanager.network.memory.max-buffers-per-channel': 'Flink 2.0 always allows at most 10 buffers per channel',
  'taskmanager.network.memory.max-overdraft-buffers-per-gate': 'Flink 2.0 no longer lets you size overdraft buffers',
  'taskmanager.network.sort-shuffle.min-parallelism': 'Flink 2.0 always uses sort-shuffle for batch jobs',
};
const ALSO: Readonly<Record<string, string>> = {
  'yarn.heap-cutoff-ratio': 'containerized.heap-cutoff-ratio',
  'yarn.heap-cutoff-min': 'containerized.heap-cutoff-min',
  'python.fn-execution.buffer.memory.size': 'python.fn-execution.framework.memory.size',
};

function legacyHeap(conf: Conf, key: string, process: 'taskmanager' | 'jobmanager', target: Target): Replacement | null {
  const to = legacyHeapTarget(process, target);
  if (conf.contains(to)) return { kind: 'ignored', note: `"${to}" is set and wins over it` };
  const bytes = key.endsWith('.mb') ? BigInt(conf.int(key) ?? 0) * MIB : conf.memory(key);
  if (bytes < 0n) return null;
  return { kind: 'convert', values: { [to]: formatSizeForConfig(bytes) } };
}

/** Legacy network size: a number of buffers of one segment each, used only without network options. */
function legacyBuffers(conf: Conf, key: string): Replacement {
  const set = NETWORK_KEYS.find((k) => conf.contains(k));
  if (set) return { kind: 'ignored', note: `"${set}" is set, so the number of buffers is not used` };
  const bytes = BigInt(conf.int(key) ?? 0) * (conf.memoryOrNull(`${TM}segment-size`) ?? 0n);
  const size = formatSizeForConfig(bytes);
  return { kind: 'convert', values: { [`${TM}network.min`]: size, [`${TM}network.max`]: size } };
}

/**
 * What replaces a deprecated or removed key: the new keys with the value converted exactly as
 * Flink's own mapping would, or why nothing does. Null when the key has no successor we know of,
 * or its value cannot be read (other rules report that).
 */
export function replacementFor(key: string, conf: Conf, target: Target): Replacement | null {
  const raw = conf.rawKey(key);
  if (raw === undefined) return null;
  try {
    if (key === 'taskmanager.heap.size' || key === 'taskmanager.heap.mb') return legacyHeap(conf, key, 'taskmanager', target);
    if (key === 'jobmanager.heap.size' || key === 'jobmanager.heap.mb') return legacyHeap(conf, key, 'jobmanager', target);
    if (key === 'taskmanager.network.numberOfBuffers') return legacyBuffers(conf, key);
  } catch {
    return null;
  }
  const note = NO_EQUIVALENT[key] ?? NO_EQUIVALENT[ALSO[key] ?? ''];
  if (note) return { kind: 'no-equivalent', note };
  const text = rawToString(raw).trim();
  const owner: OptionSpec | undefined = optionForFallbackKey(key);
  if (owner) return { kind: 'convert', values: { [owner.key]: text } };
  const to = findOption(key)?.replacedBy;
  if (!to) return null;
  if (findOption(key)?.type === 'long' && findOption(to)?.type === 'duration') {
    return /^\d+$/.test(text) ? { kind: 'convert', values: { [to]: `${text} ms` } } : null;
  }
  return { kind: 'convert', values: { [to]: text } };
}

// ---------------------------------------------------------------------------------------------
// State backend
// ---------------------------------------------------------------------------------------------

export type BackendKind = 'heap' | 'rocksdb' | 'forst' | 'other';

/** The state backend a configuration names, as Flink's shortcut or factory class. */
export function backendKind(value: string, version: FlinkVersion): BackendKind {
  const v = value.trim().toLowerCase();
  const is2 = atLeast(version, '2.0');
  if (v === 'hashmap' || /\.hashmapstatebackendfactory$/.test(v)) return 'heap';
  // MemoryStateBackend and FsStateBackend are gone in 2.0.
  if (!is2 && (v === 'jobmanager' || v === 'filesystem' || /\.(memory|fs)statebackendfactory$/.test(v))) return 'heap';
  if (v === 'rocksdb' || /rocksdbstatebackendfactory$/.test(v)) return 'rocksdb';
  if (is2 && (v === 'forst' || /\.forststatebackendfactory$/.test(v))) return 'forst';
  return 'other';
}

/** The key that selects the state backend in a version: `state.backend.type` (1.17+) or `state.backend`. */
export function stateBackendKey(version: FlinkVersion): string {
  return atLeast(version, '1.17') ? 'state.backend.type' : 'state.backend';
}
