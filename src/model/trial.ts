/**
 * Trying a change against the model: the change applied to a configuration, a quiet derivation
 * for deciding, and what counts as a healthy result and which way a failed check points. Pure;
 * the fix search (fix-search.ts), the rule runner and the doctor decide with it.
 */
import type {
  JobManagerResult,
  MemoryFailure,
  ModelOptions,
  TaskManagerResult,
} from './compute.js';
import { computeJobManager, computeTaskManager } from './compute.js';
import { JM_MIN_HEAP } from './jobmanager.js';
import { MIB } from '../primitives/memory-size.js';
import type { RawValue } from '../primitives/raw-value.js';
import { rawToString, str } from '../primitives/raw-value.js';
import { findOption } from '../options/catalogue.js';
import { atLeast } from '../primitives/version.js';
import type { FlinkVersion } from '../primitives/version.js';
import type { Process } from '../primitives/flink-process.js';

/** Keys set to a new value (as it would be written in a file) or removed (null). */
export type FixChanges = Readonly<Record<string, string | null>>;

export interface FixResult {
  readonly changes: FixChanges;
  /** The check the configuration failed first, then any check the fix had to get past. */
  readonly checks: readonly string[];
  /** What the fix does, one line, our words. */
  readonly summary: string;
}

export type ProcessResult = TaskManagerResult | JobManagerResult;

/**
 * A copy of the configuration with the changes applied; removing a key also removes its fallback
 * keys.
 */
export function applyChanges(
  config: ReadonlyMap<string, RawValue>,
  changes: FixChanges,
): Map<string, RawValue> {
  const next = new Map(config);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) {
      next.delete(key);
      for (const f of findOption(key)?.fallbackKeys ?? []) next.delete(f.key);
    } else next.set(key, str(value));
  }
  return next;
}

/** The options with the trace off (the same object when it already is). */
export function quiet(options: ModelOptions): ModelOptions {
  // Not `{ ...options, trace: false }` (see README, Objects on hot paths).
  return options.trace === false
    ? options
    : {
        version: options.version,
        target: options.target,
        ...(options.env ? { env: options.env } : {}),
        trace: false,
      };
}

/** A derivation for deciding, not for showing: without the trace, which nobody reads here. */
export function compute(
  config: ReadonlyMap<string, RawValue>,
  process: Process,
  options: ModelOptions,
): ProcessResult {
  const q = quiet(options);
  return process === 'taskmanager' ? computeTaskManager(config, q) : computeJobManager(config, q);
}

/** What Flink's scripts ship in their default configuration file, per process and version. */
export function shippedProcessSize(process: Process, version: FlinkVersion): bigint {
  if (process === 'jobmanager') return 1600n * MIB;
  return atLeast(version, '1.10.1') ? 1728n * MIB : 1568n * MIB;
}

/**
 * A fix is more than a configuration Flink starts with: one that leaves a JobManager heap below
 * the 128 MiB that jobmanager-heap-below-minimum asks for, or a TaskManager with a few MiB of task
 * heap, trades one finding for another. Where the heap is derived from a total (not set by the
 * user), a fix must leave at least this much: the JobManager's recommended minimum, and for the
 * TaskManager as much task heap as Flink keeps for its own framework (128 MiB), and 32 MiB per
 * slot beyond four slots, since every slot's tasks share it.
 */
export const FIX_MIN_TASK_HEAP = 128n * MIB;
export const FIX_MIN_TASK_HEAP_PER_SLOT = 32n * MIB;

function slotsOf(config: ReadonlyMap<string, RawValue>): bigint {
  const raw = config.get('taskmanager.numberOfTaskSlots');
  const n = raw ? Number.parseInt(rawToString(raw).trim(), 10) : 1;
  return Number.isSafeInteger(n) && n > 0 && n < 100_000 ? BigInt(n) : 1n;
}

/** True when a passing derivation also leaves the heap a fix must leave (see FIX_MIN_TASK_HEAP). */
export function healthy(
  config: ReadonlyMap<string, RawValue>,
  process: Process,
  r: ProcessResult,
): boolean {
  if (!r.ok) return false;
  if (process === 'jobmanager') {
    if (
      config.has('jobmanager.memory.heap.size') ||
      config.has('jobmanager.heap.size') ||
      config.has('jobmanager.heap.mb')
    )
      return true;
    return (r as Extract<JobManagerResult, { ok: true }>).sizes.jvmHeap >= JM_MIN_HEAP;
  }
  if (config.has('taskmanager.memory.task.heap.size')) return true;
  const slots = slotsOf(config);
  const floor =
    slots * FIX_MIN_TASK_HEAP_PER_SLOT > FIX_MIN_TASK_HEAP
      ? slots * FIX_MIN_TASK_HEAP_PER_SLOT
      : FIX_MIN_TASK_HEAP;
  return (r as Extract<TaskManagerResult, { ok: true }>).sizes.taskHeap >= floor;
}

/**
 * Which way a total size has to move to get past a failed check: 'stuck' when size is not the
 * problem.
 */
export type Direction = 'ok' | 'up' | 'down' | 'stuck';

/** The checks that fail because a total size is too small. */
export const TOO_SMALL: ReadonlySet<string> = new Set([
  'no-total-memory',
  'jvm-exceeds-process',
  'components-exceed-flink',
  'process-below-flink-and-metaspace',
  'flink-not-above-off-heap',
  'heap-exceeds-flink',
]);

export function failureDirection(failure: MemoryFailure): Direction {
  if (TOO_SMALL.has(failure.check)) return 'up';
  const d = failure.data ?? {};
  const [value, min] =
    failure.check === 'overhead-out-of-range' ? [d.overhead, d.min] : [d.network, d.min];
  if (
    (failure.check === 'overhead-out-of-range' || failure.check.startsWith('network-')) &&
    value !== undefined &&
    min !== undefined
  ) {
    return value < min ? 'up' : 'down';
  }
  if (
    failure.check === 'heap-and-off-heap-mismatch-flink' &&
    d.heap !== undefined &&
    d.offHeap !== undefined &&
    d.flink !== undefined
  ) {
    return d.flink < d.heap + d.offHeap ? 'up' : 'down';
  }
  return 'stuck';
}

/**
 * The total-size keys of a process that are set, primary first (flink size before process size);
 * the process size when none is.
 */
export function totalKeys(config: ReadonlyMap<string, RawValue>, process: Process): string[] {
  const keys = [`${process}.memory.flink.size`, `${process}.memory.process.size`].filter((k) =>
    config.has(k),
  );
  return keys.length > 0 ? keys : [`${process}.memory.process.size`];
}
