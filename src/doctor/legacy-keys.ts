/**
 * Flink 1.9 and older sized memory with other options (taskmanager.heap.size, the container
 * cut-off, taskmanager.memory.fraction, taskmanager.network.memory.*). When a report says it runs
 * such a version, or shows those keys, the suggestions name that version's keys, each with its
 * modern equivalent. flink-mem's model starts at 1.10, so these are not derived with it.
 */
import { MIB, formatSizeForConfig, parseMemorySize } from '../primitives/memory-size.js';
import { fmt, stepUp } from './quantities.js';
import type { Diagnosis, OldFlink, Suggestion } from './types.js';

export const emptyOldFlink = (): OldFlink => ({ version: null, modernVersion: false, keys: {} });

export const OLD_ANCHORS = [
  "configuration keys 'taskmanager.memory.network.",
  'taskmanager.network.numberofbuffers',
  'eu.stratosphere',
  'jobmanager$$anonfun',
  'flink 1.',
  'flink-1.',
  'flink1.',
  'flink v1',
  'flink version',
  'flink_1.',
  'flink-dist_2.1',
  'flink-runtime_2.1',
  'version: 1.',
  '版本',
  'heap-cutoff',
  'taskmanager.heap',
  'jobmanager.heap',
  'taskmanager.memory.fraction',
  'taskmanager.memory.size',
  'taskmanager.network.memory',
];

/**
 * "Flink 1.9", "flink-1.8.2", "flink version >= 1.10" (that version or newer), "Flink版本1.7",
 * "(Version: 1.9.1, Rev:...)", "flink-dist_2.11-1.9.0.jar".
 */
const VERSION =
  /(?:(?<![\w.-])flink(?:[\s_-]{0,3}(?:version|版本)[\s:：=]{0,3}(?:>=?\s{0,2}|≥\s{0,2})?|[\s_-]{0,2}v?)|\(Version: |flink-(?:dist|runtime)_2\.1[0-2]-)1\.(\d{1,2})(?:\.\d{1,2})?(?!\d)/i;
const KEY =
  /\b(containerized\.heap-cutoff-(?:ratio|min)|yarn\.heap-cutoff-(?:ratio|min)|taskmanager\.heap\.(?:size|mb)|jobmanager\.heap\.(?:size|mb)|taskmanager\.memory\.(?:fraction|size|off-heap|preallocate)|taskmanager\.network\.memory\.(?:fraction|min|max)|taskmanager\.network\.numberOfBuffers)\b(?:["']?\s{0,3}[:=,]\s{0,3}["']?([\w.]{1,30}))?/i;
const MAX_KEYS = 16;

/** Reads one line (its lower-cased copy given) into the state. */
export function observeOld(state: OldFlink, line: string, lower: string): void {
  if (lower.includes('1.')) {
    const v = VERSION.exec(line);
    if (v) {
      const minor = Number(v[1]);
      if (minor <= 9) state.version ??= `1.${minor}`;
      else state.modernVersion = true;
    }
  }
  // Flink's own network-buffer message named the pre-1.10 keys until 1.9; the Scala JobManager
  // ended with 1.4.
  if (lower.includes("configuration keys 'taskmanager.network.memory."))
    state.version ??= '1.9 or older';
  if (lower.includes('jobmanager.jobmanager$$anonfun')) state.version ??= '1.4 or older';
  // Flink's own message with the keys of 1.10 on: the keys written elsewhere in the text are
  // leftovers, not its version.
  if (lower.includes("configuration keys 'taskmanager.memory.network.")) state.modernVersion = true;
  // Flink before it was Flink (Stratosphere, 0.5 and older): its packages.
  if (lower.includes('eu.stratosphere.')) state.version ??= '0.5 (Stratosphere) or older';
  if (
    lower.includes('heap') ||
    lower.includes('taskmanager.memory.') ||
    lower.includes('taskmanager.network.')
  ) {
    const k = KEY.exec(line);
    if (k && Object.keys(state.keys).length < MAX_KEYS) {
      const key = k[1]!.replace(/^yarn\./, 'containerized.');
      state.keys[key] ??= k[2] ?? '';
    }
  }
}

/** Keys that only Flink 1.9 and older read: seeing one is enough. */
const ONLY_OLD =
  /^(?:containerized\.heap-cutoff-|taskmanager\.network\.numberOfBuffers$|taskmanager\.memory\.(?:fraction|size|off-heap|preallocate)$|taskmanager\.heap\.mb$|jobmanager\.heap\.mb$)/;

/** The label of the old Flink the input shows, or null when it shows none. */
export function oldFlinkLabel(o: OldFlink): string | null {
  if (o.version !== null) return `Flink ${o.version}`;
  if (o.modernVersion) return null;
  const keys = Object.keys(o.keys);
  if (keys.some((k) => ONLY_OLD.test(k)) || keys.includes('taskmanager.heap.size'))
    return `a Flink before 1.10 (the text shows ${keys.slice(0, 3).join(', ')})`;
  return null;
}

function shownBytes(o: OldFlink, key: string, fallback: bigint): bigint {
  const v = o.keys[key];
  if (v) {
    try {
      // The old *.mb keys and bare numbers of heap.size were MiB.
      return /^\d+$/.test(v) ? BigInt(v) * MIB : parseMemorySize(v);
    } catch {
      /* the default below */
    }
  }
  return fallback;
}

const current = (o: OldFlink, key: string, def: string) =>
  o.keys[key] ? `${o.keys[key]} (in the text)` : `default ${def}`;

type Mapper = (s: Suggestion, o: OldFlink, label: string) => Suggestion | null;

const DEFAULT_HEAP = 1024n * MIB;

function heap(process: 'taskmanager' | 'jobmanager'): Mapper {
  return (s, o, label) => {
    const key = `${process}.heap.size`;
    const now = shownBytes(o, key, shownBytes(o, `${process}.heap.mb`, DEFAULT_HEAP));
    const next = stepUp(now);
    return {
      key,
      current: current(o, key, '1024m'),
      suggested: formatSizeForConfig(next),
      why: `${label} sizes the ${process === 'taskmanager' ? 'TaskManager' : 'JobManager'} with ${key} (its whole heap; on YARN and Kubernetes the container, of which the cut-off is kept off the heap): a step up, ${fmt(now)} -> ${fmt(next)}; from Flink 1.10 on the equivalent is ${s.key}`,
    };
  };
}

const rename =
  (old: string): Mapper =>
  (s, o, label) => ({
    key: old,
    current: current(o, old, s.current.replace(/^default /, '')),
    suggested: s.suggested,
    why: `${label} reads ${old}; from Flink 1.10 on it is ${s.key}: ${s.why}`,
  });

/** The oldest versions sized the network by a buffer count: the same memory in 32 KiB buffers. */
const buffers: Mapper = (s, o, label) => {
  const key = 'taskmanager.network.numberOfBuffers';
  let bytes: bigint;
  try {
    bytes = parseMemorySize(s.suggested);
  } catch {
    return null;
  }
  const count = (bytes + 32767n) / 32768n;
  return {
    key,
    current: current(o, key, '2048'),
    suggested: String(count),
    why: `${label} sizes network memory as a number of 32 KiB buffers: ${count} buffers are ${fmt(bytes)}; from Flink 1.10 on the equivalent is ${s.key}: ${s.why}`,
  };
};

/**
 * A share raised by 0.1 (two decimals, at most 0.9); the default's raise when the written one is
 * not a number.
 */
function raisedShare(written: string | undefined, fallback: number): { now: number; next: number } {
  const now = Number(written || String(fallback));
  return {
    now,
    next: Number.isFinite(now)
      ? Math.min(0.9, Math.round((now + 0.1) * 100) / 100)
      : Math.round((fallback + 0.1) * 100) / 100,
  };
}

const cutoff: Mapper = (s, o, label) => {
  const key = 'containerized.heap-cutoff-ratio';
  const { now, next } = raisedShare(o.keys[key], 0.25);
  return {
    key,
    current: current(o, key, '0.25'),
    suggested: String(next),
    why: `${label} keeps this share of a YARN or Kubernetes container (at least containerized.heap-cutoff-min, 600 MB) off the JVM heap for native and direct memory: ${now} -> ${next} gives them more of the same container; from Flink 1.10 on the equivalent is ${s.key} (JVM overhead and the off-heap sizes)`,
  };
};

const managedFraction: Mapper = (s, o, label) => {
  const key = 'taskmanager.memory.fraction';
  const { now, next } = raisedShare(o.keys[key], 0.7);
  return {
    key,
    current: current(o, key, '0.7'),
    suggested: String(next),
    why: `${label} gives managed memory this fraction of the heap left after network buffers (or set taskmanager.memory.size in MB): ${now} -> ${next}; from Flink 1.10 on the equivalent is ${s.key}`,
  };
};

const metaspace: Mapper = (s, _o, label) => ({
  key: 'env.java.opts.taskmanager',
  current: 'not in the text',
  suggested: `-XX:MaxMetaspaceSize=${s.suggested}`,
  why: `${label} sets no metaspace limit of its own, so a limit came from the JVM options: raise it there; from Flink 1.10 on the equivalent is ${s.key}`,
});

/** Modern key (pattern) -> the old key that did its job. */
const MAPPINGS: readonly [RegExp, Mapper][] = [
  [
    /^taskmanager\.memory\.(?:process|flink|task\.heap|framework\.heap)\.size$/,
    heap('taskmanager'),
  ],
  [/^jobmanager\.memory\.(?:process|flink|heap)\.size$/, heap('jobmanager')],
  [
    /^taskmanager\.memory\.network\.min$/,
    (s, o, label) =>
      'taskmanager.network.numberOfBuffers' in o.keys
        ? buffers(s, o, label)
        : rename('taskmanager.network.memory.min')(s, o, label),
  ],
  [/^taskmanager\.memory\.network\.max$/, rename('taskmanager.network.memory.max')],
  [/^taskmanager\.memory\.network\.fraction$/, rename('taskmanager.network.memory.fraction')],
  [/^taskmanager\.memory\.managed\.(?:size|fraction)$/, managedFraction],
  [/^(?:taskmanager|jobmanager)\.memory\.jvm-metaspace\.size$/, metaspace],
  [
    /^(?:taskmanager|jobmanager)\.memory\.(?:jvm-overhead\.(?:min|max|fraction)|framework\.off-heap\.size|task\.off-heap\.size|off-heap\.size)$/,
    cutoff,
  ],
  [/^heartbeat\.timeout$/, (s) => s],
];

/**
 * The diagnoses with each suggestion in the old version's keys (one per old key, the modern
 * equivalent named in its reason), and a sentence saying so; suggestions with no old equivalent
 * (consumer weights, options Flink 1.9 did not have) are left out.
 */
export function withOldKeys(diagnoses: readonly Diagnosis[], o: OldFlink): Diagnosis[] {
  const label = oldFlinkLabel(o);
  if (label === null) return [...diagnoses];
  return diagnoses.map((d) => {
    if (d.suggestions.length === 0) return d;
    const out = new Map<string, Suggestion>();
    for (const s of d.suggestions) {
      const mapper = MAPPINGS.find(([re]) => re.test(s.key))?.[1];
      if (!mapper) continue;
      const mapped = mapper(s, o, label);
      if (mapped && !out.has(mapped.key)) out.set(mapped.key, mapped);
    }
    // Before 1.10 managed memory came out of the heap (70% of what the network left by default):
    // for a
    // streaming job that does not use it, a smaller fraction is the other way to more heap.
    if (
      (d.id === 'heap-oom' || d.id === 'gc-overhead') &&
      d.component !== 'jobmanager' &&
      out.has('taskmanager.heap.size') &&
      !out.has('taskmanager.memory.fraction')
    ) {
      const key = 'taskmanager.memory.fraction';
      out.set(key, {
        key,
        current: current(o, key, '0.7'),
        suggested: '0.4',
        why: `or keep the size: ${label} takes managed memory from the heap (0.7 of what the network buffers leave by default); a streaming job that uses no managed memory (heap or filesystem state) gets the difference as heap; from Flink 1.10 on managed memory is off-heap (taskmanager.memory.managed.fraction)`,
      });
    }
    const note = `The text shows ${label}: Flink sized memory with other options before 1.10, so the changes below use that version's keys, each with the option that replaced it (flink-mem's model starts at 1.10 and does not derive them).`;
    return { ...d, explanation: `${d.explanation} ${note}`, suggestions: [...out.values()] };
  });
}
