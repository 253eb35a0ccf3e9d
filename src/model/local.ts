/**
 * Local execution (MiniCluster, IDE): Flink ignores the total sizes, fills in "infinite" task
 * memory and fixed network and managed sizes, and requires network min == max.
 */
import type { Conf } from './conf.js';
import { ModelError } from './conf.js';
import type { Trace } from './fractions.js';
import { JavaError, LONG_MAX } from '../primitives/java.js';
import { GIB, MIB, TIB, memoryToString } from '../primitives/memory-size.js';
import { atLeast } from '../primitives/version.js';
import { TM } from './taskmanager-keys.js';
import type { TaskManagerSizes } from './taskmanager.js';
import { describeOption } from './conf.js';

/** Options local execution removes with a warning. */
export const LOCAL_IGNORED = [
  TM.process,
  TM.flink,
  TM.frameworkHeap,
  TM.frameworkOffHeap,
  TM.metaspace,
  TM.overheadMin,
  TM.overheadMax,
  TM.overheadFraction,
];

export interface LocalResult {
  readonly sizes: TaskManagerSizes;
  readonly cpuCores: number;
}

export function deriveLocal(conf: Conf, trace: Trace): LocalResult {
  for (const k of LOCAL_IGNORED)
    if (conf.contains(k)) trace.note(() => `${k} has no effect in local execution and is ignored`);
  const modern = atLeast(conf.version, '1.13');
  const infinite = modern ? TIB : LONG_MAX;
  const changes: Record<string, string | null> = {};
  for (const k of LOCAL_IGNORED) changes[k] = null;
  if (!conf.contains(TM.taskHeap)) changes[TM.taskHeap] = `${infinite}b`;
  if (!conf.contains(TM.taskOffHeap)) changes[TM.taskOffHeap] = `${infinite}b`;
  const hasMin = conf.contains(TM.networkMin);
  const hasMax = conf.contains(TM.networkMax);
  if (!hasMin && hasMax) changes[TM.networkMin] = `${conf.memory(TM.networkMax)}b`;
  if (!hasMax && hasMin) changes[TM.networkMax] = `${conf.memory(TM.networkMin)}b`;
  if (!hasMin && !hasMax) {
    changes[TM.networkMin] = `${64n * MIB}b`;
    changes[TM.networkMax] = `${64n * MIB}b`;
  }
  if (!conf.contains(TM.managed)) changes[TM.managed] = `${128n * MIB}b`;
  changes[TM.overheadMin] = `${GIB}b`;
  changes[TM.overheadMax] = `${GIB}b`;
  const local = conf.with(changes);

  const min = local.memory(TM.networkMin);
  const max = local.memory(TM.networkMax);
  if (min !== max) {
    throw new ModelError(
      'IllegalConfigurationException',
      'Failed to create TaskExecutorResourceSpec',
      'local-network-not-fixed',
      [TM.networkMin, TM.networkMax],
      new JavaError(
        'IllegalConfigurationException',
        `The network memory min (${memoryToString(min)}) and max (${memoryToString(max)}) mismatch, the network memory has to be resolved and set to a fixed value before task executor starts`,
      ),
    );
  }
  const cpuCores = conf.contains(TM.cpuCores)
    ? conf.double(TM.cpuCores)!
    : modern
      ? 1_000_000
      : Number.MAX_VALUE;
  const sizes = sumComponents(local, trace);
  return { sizes, cpuCores };
}

/**
 * `calculateTotalFlinkMemoryFromComponents` / `...ProcessMemory...`: every component read as
 * configured.
 */
export function sumComponents(conf: Conf, trace: Trace): TaskManagerSizes {
  const get = (key: string, component: string): bigint => {
    const v = conf.memoryOrNull(key);
    if (v === null) {
      throw new ModelError(
        'IllegalConfigurationException',
        `The required configuration option ${describeOption(key, conf.version)} is not set`,
        'required-option-missing',
        [key],
      );
    }
    trace.add(component, v, () => `${key} (local execution)`, [key]);
    return v;
  };
  const frameworkHeap = get(TM.frameworkHeap, 'frameworkHeap');
  const frameworkOffHeap = get(TM.frameworkOffHeap, 'frameworkOffHeap');
  const taskHeap = get(TM.taskHeap, 'taskHeap');
  const taskOffHeap = get(TM.taskOffHeap, 'taskOffHeap');
  const network = get(TM.networkMax, 'network');
  const managed = get(TM.managed, 'managed');
  const jvmMetaspace = get(TM.metaspace, 'jvmMetaspace');
  const jvmOverhead = get(TM.overheadMax, 'jvmOverhead');
  const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
  const totalFlink = sum([
    frameworkHeap,
    frameworkOffHeap,
    taskHeap,
    taskOffHeap,
    network,
    managed,
  ]);
  const totalProcess = sum([totalFlink, jvmMetaspace, jvmOverhead]);
  return {
    frameworkHeap,
    frameworkOffHeap,
    taskHeap,
    taskOffHeap,
    managed,
    network,
    jvmMetaspace,
    jvmOverhead,
    totalFlink,
    totalProcess,
  };
}
