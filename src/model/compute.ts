/**
 * The model's entry points: TaskManager and JobManager results exactly as Flink's start-up
 * (BashJavaUtils) would produce them, or the failure Flink would raise, with its message.
 */
import { Conf } from './conf.js';
import { Trace } from './fractions.js';
import type { RawValue } from '../primitives/raw-value.js';
import type { FlinkVersion } from '../primitives/version.js';
import { atLeast } from '../primitives/version.js';
import { deriveTaskManagerSizes } from './taskmanager.js';
import { TM } from './taskmanager-keys.js';
import { cpuAndSlots, externalResources } from './task-resources.js';
import { JM, deriveJobManagerSizes, legacyJobManager110 } from './jobmanager.js';
import { JM_LEGACY, TM_LEGACY, legacyHeapTarget, mapLegacyHeap } from './legacy-heap.js';
import { deriveLocal } from './local.js';
import type {
  JobManagerResult,
  Mapping,
  ModelOptions,
  TaskManagerResult,
} from './memory-results.js';
import { JobManagerStarts, TaskManagerStarts, failed, toFailure } from './result-objects.js';

export type { Target } from './legacy-heap.js';
export type {
  JobManagerResult,
  MemoryFailure,
  ModelOptions,
  TaskManagerResult,
} from './memory-results.js';

export type ConfigInput = ReadonlyMap<string, RawValue> | Readonly<Record<string, string>>;

export function toConf(input: ConfigInput, version: FlinkVersion): Conf {
  if (input instanceof Map) return new Conf(input as ReadonlyMap<string, RawValue>, version);
  const m = new Map<string, RawValue>();
  // JavaScript callers pass numbers too (`{ 'taskmanager.numberOfTaskSlots': 4 }`): read them as
  // their text.
  for (const [k, v] of Object.entries(input as Record<string, unknown>))
    m.set(k, { kind: 'string', text: String(v) });
  return new Conf(m, version);
}

/** Derives the TaskManager's memory as Flink's start-up would, or the failure it would raise. */
export function computeTaskManager(input: ConfigInput, options: ModelOptions): TaskManagerResult {
  const trace = new Trace(options.trace ?? true);
  let conf = toConf(input, options.version);
  const v = options.version;
  if (options.target === 'local') {
    try {
      const local = deriveLocal(conf, trace);
      const s = local.sizes;
      return {
        trace: trace.steps,
        notes: trace.notes,
        ok: true,
        path: 'local',
        sizes: s,
        jvmHeap: s.frameworkHeap + s.taskHeap,
        jvmDirect: s.frameworkOffHeap + s.taskOffHeap + s.network,
        jvmArgs: '',
        dynamicConfigs: '',
        cpuCores: local.cpuCores,
        slots: conf.int(TM.slots) ?? 1,
      };
    } catch (e) {
      return failed(trace, undefined, toFailure(e, null));
    }
  }
  let legacyMapping: Mapping;
  try {
    const mapping = mapLegacyHeap(
      conf,
      TM_LEGACY,
      legacyHeapTarget('taskmanager', options.target),
      options.env ?? {},
      trace,
    );
    conf = mapping.conf;
    legacyMapping = mapping.mapped;
  } catch (e) {
    return failed(
      trace,
      undefined,
      toFailure(e, 'TaskManager failed to map legacy JVM heap option to the new one: '),
    );
  }
  const prefix = atLeast(v, '1.11') ? 'TaskManager memory configuration failed: ' : null;
  try {
    const { path, sizes } = deriveTaskManagerSizes(conf, trace);
    const { cpuCores, slots } = cpuAndSlots(conf, v);
    const resources = externalResources(conf);
    const jvmHeap = sizes.frameworkHeap + sizes.taskHeap;
    const jvmDirect = sizes.frameworkOffHeap + sizes.taskOffHeap + sizes.network;
    const result = new TaskManagerStarts(
      trace,
      path,
      sizes,
      jvmHeap,
      jvmDirect,
      cpuCores,
      slots,
      resources,
      v,
    );
    return legacyMapping ? Object.assign(result, { legacyMapping }) : result;
  } catch (e) {
    return failed(trace, legacyMapping, toFailure(e, prefix));
  }
}

/** Derives the JobManager's memory as Flink's start-up would, or the failure it would raise. */
export function computeJobManager(input: ConfigInput, options: ModelOptions): JobManagerResult {
  const trace = new Trace(options.trace ?? true);
  let conf = toConf(input, options.version);
  const v = options.version;
  if (!atLeast(v, '1.11')) return legacy110(conf, options, trace);
  const prefix = atLeast(v, '2.0') ? null : 'JobManager memory configuration failed: ';
  let legacyMapping: Mapping;
  try {
    if (options.target !== 'local') {
      const mapping = mapLegacyHeap(
        conf,
        JM_LEGACY,
        legacyHeapTarget('jobmanager', options.target),
        options.env ?? {},
        trace,
      );
      conf = mapping.conf;
      legacyMapping = mapping.mapped;
    }
    const { path, sizes } = deriveJobManagerSizes(conf, trace);
    const direct = conf.boolean(JM.directLimit) ? sizes.offHeap : null;
    const result = new JobManagerStarts(trace, path, sizes, direct, v);
    return legacyMapping ? Object.assign(result, { legacyMapping }) : result;
  } catch (e) {
    return failed(trace, legacyMapping, toFailure(e, prefix));
  }
}

function legacy110(conf: Conf, options: ModelOptions, trace: Trace): JobManagerResult {
  const base = { trace: trace.steps, notes: trace.notes };
  try {
    const containerized = options.target === 'kubernetes' || options.target === 'yarn';
    const { heap, container } = legacyJobManager110(conf, containerized, trace);
    const total = container ?? heap;
    trace.note(
      'Flink 1.10 sizes the JobManager with the pre-1.11 heap model: only the heap is set',
    );
    return {
      ...base,
      ok: true,
      path: 'legacy-1.10',
      sizes: {
        jvmHeap: heap,
        offHeap: 0n,
        jvmMetaspace: 0n,
        jvmOverhead: total - heap,
        totalFlink: heap,
        totalProcess: total,
      },
      jvmArgs: `-Xms${heap / 1048576n}m -Xmx${heap / 1048576n}m`,
      dynamicConfigs: '',
    };
  } catch (e) {
    return { ...base, ok: false, failure: toFailure(e, null) };
  }
}
