/**
 * What replaces a deprecated or removed key: the new keys with the value converted exactly as
 * Flink's own mapping would (the legacy heap keys through the model's legacy mapping), or why
 * nothing does. Pure functions over the catalogue; the rules decide when to report.
 */
import type { Conf } from './conf.js';
import type { Target } from './legacy-heap.js';
import { legacyHeapTarget } from './legacy-heap.js';
import { MIB, formatSizeForConfig } from '../primitives/memory-size.js';
import { rawToString } from '../primitives/raw-value.js';
import type { OptionSpec } from '../options/catalogue.js';
import { findOption, optionForFallbackKey } from '../options/catalogue.js';
import type { Process } from '../primitives/flink-process.js';

const TM = 'taskmanager.memory.';

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
  'taskmanager.network.memory.buffers-per-channel':
    'Flink 2.0 always uses 2 exclusive buffers per channel',
  'taskmanager.network.memory.floating-buffers-per-gate':
    'Flink 2.0 always uses 8 floating buffers per gate',
  'taskmanager.network.memory.max-buffers-per-channel':
    'Flink 2.0 always allows at most 10 buffers per channel',
  'taskmanager.network.memory.max-overdraft-buffers-per-gate':
    'Flink 2.0 no longer lets you size overdraft buffers',
  'taskmanager.network.sort-shuffle.min-parallelism':
    'Flink 2.0 always uses sort-shuffle for batch jobs',
};
const ALSO: Readonly<Record<string, string>> = {
  'yarn.heap-cutoff-ratio': 'containerized.heap-cutoff-ratio',
  'yarn.heap-cutoff-min': 'containerized.heap-cutoff-min',
  'python.fn-execution.buffer.memory.size': 'python.fn-execution.framework.memory.size',
};

function legacyHeap(conf: Conf, key: string, process: Process, target: Target): Replacement | null {
  const to = legacyHeapTarget(process, target);
  if (conf.contains(to)) return { kind: 'ignored', note: `"${to}" is set and wins over it` };
  const bytes = key.endsWith('.mb') ? BigInt(conf.int(key) ?? 0) * MIB : conf.memory(key);
  if (bytes < 0n) return null;
  return { kind: 'convert', values: { [to]: formatSizeForConfig(bytes) } };
}

/**
 * Legacy network size: a number of buffers of one segment each, used only without network options.
 */
function legacyBuffers(conf: Conf, key: string): Replacement {
  const set = NETWORK_KEYS.find((k) => conf.contains(k));
  if (set)
    return { kind: 'ignored', note: `"${set}" is set, so the number of buffers is not used` };
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
    if (key === 'taskmanager.heap.size' || key === 'taskmanager.heap.mb')
      return legacyHeap(conf, key, 'taskmanager', target);
    if (key === 'jobmanager.heap.size' || key === 'jobmanager.heap.mb')
      return legacyHeap(conf, key, 'jobmanager', target);
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
