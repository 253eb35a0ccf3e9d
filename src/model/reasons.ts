/**
 * Start-up failures explained in our own words, one line each, with the option keys in quotes
 * and the values as the user wrote them. Flink's own text travels separately (`flinkMessage`).
 */
import type { MemoryFailure } from './compute.js';
import { formatSizeShort } from '../primitives/memory-size.js';
import type { Process } from '../primitives/flink-process.js';

/** Looks up the value of a key as written ("1728m"), when it is set. */
export type ValueLookup = (key: string) => string | undefined;

export const q = (key: string) => `"${key}"`;

/**
 * A value can be megabytes long (a pasted blob); the line stays readable with its middle cut out.
 */
export function shown(v: string): string {
  return v.length > 80 ? `${v.slice(0, 59)}…${v.slice(-20)}` : v;
}

export function withValue(key: string, value: ValueLookup): string {
  const v = value(key);
  return v === undefined ? q(key) : `${q(key)} (${shown(v)})`;
}

export function size(failure: MemoryFailure, name: string): string {
  const v = failure.data[name];
  return v === undefined ? '?' : formatSizeShort(v);
}

export type Explainer = (f: MemoryFailure, value: ValueLookup, proc: string) => string;

/**
 * By failure check; other languages keep a table with the same keys (src/i18n/<lang>/reasons.ts).
 */
export const EXPLAINERS: Readonly<Record<string, Explainer>> = {
  'no-total-memory': (f, _v, proc) =>
    proc === 'taskmanager'
      ? `no TaskManager memory size is set: Flink needs "taskmanager.memory.process.size", "taskmanager.memory.flink.size", or both "taskmanager.memory.task.heap.size" and "taskmanager.memory.managed.size"`
      : `no JobManager memory size is set: Flink needs "jobmanager.memory.process.size", "jobmanager.memory.flink.size" or "jobmanager.memory.heap.size"`,
  'invalid-fraction-range': (f, v) => {
    const [a, b] = f.keys;
    if (f.keys.length === 2 && a && b)
      return `${withValue(a, v)} is greater than ${withValue(b, v)}`;
    return `${withValue(a ?? '?', v)} is outside the allowed range: a fraction must be at least 0 and below 1`;
  },
  'unparsable-memory-size': (f, v) =>
    `${withValue(f.keys[0] ?? '?', v)} is not a memory size Flink can read: use whole numbers with b, k, m, g or t (binary units), like 1728m or 2g`,
  'unparsable-value': (f, v) =>
    `${withValue(f.keys[0] ?? '?', v)} cannot be read as the option's type (${shown(f.causes[f.causes.length - 1] ?? 'invalid')})`,
  'jvm-exceeds-process': (f, v) =>
    `${withValue(f.keys[0] ?? '', v)} is too small: JVM metaspace (${size(f, 'metaspace')}) and JVM overhead (${size(f, 'overhead')}) alone need more than ${size(f, 'process')}`,
  'components-exceed-flink': (f) =>
    `the fixed Flink components add up to ${size(f, 'sum')}, more than the ${size(f, 'flink')} of total Flink memory they must fit in`,
  'network-remainder-out-of-range': (f) =>
    `network memory is what remains of total Flink memory after the other components (${size(f, 'network')}), and that is outside the network range [${size(f, 'min')}, ${size(f, 'max')}]`,
  'network-remainder-mismatch': (f) =>
    `network memory is what remains of total Flink memory (${size(f, 'network')}), but the legacy "taskmanager.network.numberOfBuffers" fixes it at ${size(f, 'configured')}`,
  'process-below-flink-and-metaspace': (f, v) =>
    `${withValue(f.keys[0] ?? '', v)} is smaller than total Flink memory (${size(f, 'flink')}) plus JVM metaspace (${size(f, 'metaspace')})`,
  'overhead-out-of-range': (f) =>
    `JVM overhead is what remains of total process memory (${size(f, 'overhead')}), and that is outside the overhead range [${size(f, 'min')}, ${size(f, 'max')}]`,
  'heap-and-off-heap-mismatch-flink': (f) =>
    `JobManager heap (${size(f, 'heap')}) plus off-heap (${size(f, 'offHeap')}) must equal "jobmanager.memory.flink.size" (${size(f, 'flink')}) when all three are set`,
  'heap-exceeds-flink': (f) =>
    `JobManager heap (${size(f, 'heap')}) is larger than "jobmanager.memory.flink.size" (${size(f, 'flink')})`,
  'flink-not-above-off-heap': (f) =>
    `total Flink memory of the JobManager (${size(f, 'flink')}) leaves no heap after its off-heap memory (${size(f, 'offHeap')})`,
  'invalid-segment-size': (f, v) =>
    `${withValue('taskmanager.memory.segment-size', v)} must be a power of two of at least 4096 bytes that fits in an int`,
  'invalid-cpu-cores': (f, v) =>
    f.exception === 'NumberFormatException'
      ? `${withValue(f.keys[0] ?? '', v)} is not a finite number of CPU cores`
      : `${withValue(f.keys[0] ?? '', v)} gives the TaskManager no CPU: cores must be positive`,
  'legacy-heap-negative': (f, v) => `${withValue(f.keys[0] ?? '', v)} is negative`,
  'legacy-heap-unparsable': () =>
    `the legacy heap environment variable is not a memory size Flink can read`,
  'local-network-not-fixed': (f, v) =>
    `in local execution network memory must be fixed, but ${withValue('taskmanager.memory.network.min', v)} and ${withValue('taskmanager.memory.network.max', v)} differ`,
  'arithmetic-overflow': () => `the configured sizes add up to more than 2^63-1 bytes`,
  'required-option-missing': (f) => `${q(f.keys[0] ?? '')} must be set`,
};

/** One line, our words: why Flink refuses to start with this configuration. */
export function explainFailure(
  failure: MemoryFailure,
  value: ValueLookup,
  process: Process,
  explainers: Readonly<Record<string, Explainer>> = EXPLAINERS,
): string {
  const explain = explainers[failure.check] ?? EXPLAINERS[failure.check];
  if (explain) return explain(failure, value, process);
  return `the ${process === 'taskmanager' ? 'TaskManager' : 'JobManager'} memory configuration is rejected (${failure.check})`;
}
