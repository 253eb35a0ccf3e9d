/**
 * TaskManager memory derivation: Flink's `TaskExecutorFlinkMemoryUtils` on top of the shared
 * process part, with legacy network buffers (1.10-1.20) and the exact order of reads and checks.
 */
import type { Conf } from './conf.js';
import type { ModelError } from './conf.js';
import { configError } from './conf.js';
import type { Trace } from './fractions.js';
import { rangeFraction, withFraction, withInverseFraction } from './fractions.js';
import { LONG_MAX, addExact, subtractExact } from '../primitives/java.js';
import { humanReadable } from '../primitives/memory-size.js';
import type { DerivationPath, JvmPart } from './process.js';
import { choosePath, jvmFromFlink, jvmFromProcess } from './process.js';
import { TM, TM_PROCESS_KEYS } from './taskmanager-keys.js';
import {
  checkNetworkRemainder,
  legacyNetworkActive,
  legacyNetworkSize,
  networkRange,
} from './network-memory.js';

export interface TaskManagerSizes {
  frameworkHeap: bigint;
  frameworkOffHeap: bigint;
  taskHeap: bigint;
  taskOffHeap: bigint;
  managed: bigint;
  network: bigint;
  jvmMetaspace: bigint;
  jvmOverhead: bigint;
  totalFlink: bigint;
  totalProcess: bigint;
}

interface FlinkPart {
  frameworkHeap: bigint;
  frameworkOffHeap: bigint;
  taskHeap: bigint;
  taskOffHeap: bigint;
  managed: bigint;
  network: bigint;
}

function read(conf: Conf, key: string, component: string, trace: Trace): bigint {
  const v = conf.memory(key);
  trace.add(component, v, () => `${key} (${conf.contains(key) ? 'configured' : 'default'})`, [key]);
  return v;
}

function managedRange(conf: Conf) {
  return rangeFraction(conf, TM.managedFraction, null, null, 0n, LONG_MAX);
}

function managedFromTotal(conf: Conf, totalFlink: bigint, trace: Trace): bigint {
  if (conf.contains(TM.managed)) return read(conf, TM.managed, 'managed', trace);
  return withFraction('managed', totalFlink, 'total Flink', managedRange(conf), trace, conf);
}

function exceedsWithTaskHeap(p: Omit<FlinkPart, 'network'>, totalFlink: bigint): ModelError {
  const sum = p.frameworkHeap + p.frameworkOffHeap + p.taskHeap + p.taskOffHeap + p.managed;
  return configError(
    'components-exceed-flink',
    `Sum of configured Framework Heap Memory (${humanReadable(p.frameworkHeap)}), Framework Off-Heap Memory (${humanReadable(p.frameworkOffHeap)}), Task Heap Memory (${humanReadable(p.taskHeap)}), Task Off-Heap Memory (${humanReadable(p.taskOffHeap)}) and Managed Memory (${humanReadable(p.managed)}) exceed configured Total Flink Memory (${humanReadable(totalFlink)}).`,
    [TM.flink, TM.process, TM.taskHeap, TM.managed],
    undefined,
    { flink: totalFlink, sum, ...p },
  );
}

/** `deriveFromTotalFlinkMemory`: paths total-flink and total-process. */
function flinkFromTotal(conf: Conf, totalFlink: bigint, trace: Trace): FlinkPart {
  const frameworkHeap = read(conf, TM.frameworkHeap, 'frameworkHeap', trace);
  const frameworkOffHeap = read(conf, TM.frameworkOffHeap, 'frameworkOffHeap', trace);
  const taskOffHeap = read(conf, TM.taskOffHeap, 'taskOffHeap', trace);
  if (conf.contains(TM.taskHeap)) {
    const taskHeap = read(conf, TM.taskHeap, 'taskHeap', trace);
    const managed = managedFromTotal(conf, totalFlink, trace);
    const others = addExact(
      addExact(addExact(addExact(frameworkHeap, frameworkOffHeap), taskHeap), taskOffHeap),
      managed,
    );
    if (others > totalFlink)
      throw exceedsWithTaskHeap(
        { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed },
        totalFlink,
      );
    const network = subtractExact(totalFlink, others);
    trace.add(
      'network',
      network,
      () => `remainder: total Flink ${totalFlink} - all other Flink components ${others}`,
      [TM.taskHeap],
    );
    checkNetworkRemainder(conf, network, totalFlink, trace);
    return { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed, network };
  }
  const managed = managedFromTotal(conf, totalFlink, trace);
  let network: bigint;
  if (legacyNetworkActive(conf)) {
    network = trace.add(
      'network',
      legacyNetworkSize(conf),
      () => `${TM.numberOfBuffers} x ${TM.segmentSize} (legacy buffers)`,
      [TM.numberOfBuffers],
    );
  } else {
    network = withFraction('network', totalFlink, 'total Flink', networkRange(conf), trace, conf);
  }
  const others = addExact(
    addExact(addExact(addExact(frameworkHeap, frameworkOffHeap), taskOffHeap), managed),
    network,
  );
  if (others > totalFlink) {
    throw configError(
      'components-exceed-flink',
      `Sum of configured Framework Heap Memory (${humanReadable(frameworkHeap)}), Framework Off-Heap Memory (${humanReadable(frameworkOffHeap)}), Task Off-Heap Memory (${humanReadable(taskOffHeap)}), Managed Memory (${humanReadable(managed)}) and Network Memory (${humanReadable(network)}) exceed configured Total Flink Memory (${humanReadable(totalFlink)}).`,
      [TM.process, TM.flink, TM.managedFraction, TM.networkFraction],
      undefined,
      {
        flink: totalFlink,
        sum: others,
        frameworkHeap,
        frameworkOffHeap,
        taskOffHeap,
        managed,
        network,
      },
    );
  }
  const taskHeap = subtractExact(totalFlink, others);
  trace.add(
    'taskHeap',
    taskHeap,
    () => `remainder: total Flink ${totalFlink} - all other Flink components ${others}`,
    [],
  );
  return { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed, network };
}

/** `deriveFromRequiredFineGrainedOptions`: task heap and managed memory are both set. */
function flinkFromFineGrained(conf: Conf, trace: Trace): FlinkPart {
  const taskHeap = read(conf, TM.taskHeap, 'taskHeap', trace);
  const managed = read(conf, TM.managed, 'managed', trace);
  const frameworkHeap = read(conf, TM.frameworkHeap, 'frameworkHeap', trace);
  const frameworkOffHeap = read(conf, TM.frameworkOffHeap, 'frameworkOffHeap', trace);
  const taskOffHeap = read(conf, TM.taskOffHeap, 'taskOffHeap', trace);
  const others = addExact(
    addExact(addExact(addExact(frameworkHeap, frameworkOffHeap), taskHeap), taskOffHeap),
    managed,
  );
  let network: bigint;
  if (conf.contains(TM.flink)) {
    const totalFlink = conf.memory(TM.flink);
    if (others > totalFlink)
      throw exceedsWithTaskHeap(
        { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed },
        totalFlink,
      );
    network = subtractExact(totalFlink, others);
    trace.add(
      'network',
      network,
      () => `remainder: ${TM.flink} ${totalFlink} - all other Flink components ${others}`,
      [TM.flink],
    );
    checkNetworkRemainder(conf, network, totalFlink, trace);
  } else if (legacyNetworkActive(conf)) {
    network = trace.add(
      'network',
      legacyNetworkSize(conf),
      () => `${TM.numberOfBuffers} x ${TM.segmentSize} (legacy buffers)`,
      [TM.numberOfBuffers],
    );
  } else {
    network = withInverseFraction(
      'network',
      others,
      'other Flink components',
      networkRange(conf),
      trace,
      conf,
    );
  }
  return { frameworkHeap, frameworkOffHeap, taskHeap, taskOffHeap, managed, network };
}

function sumFlink(p: FlinkPart): bigint {
  return [p.frameworkOffHeap, p.taskHeap, p.taskOffHeap, p.network, p.managed].reduce(
    addExact,
    p.frameworkHeap,
  );
}

export interface TaskManagerDerivation {
  readonly path: DerivationPath;
  readonly sizes: TaskManagerSizes;
}

/**
 * The TaskManager derivation proper (`TaskExecutorProcessUtils.processSpecFromConfig` without the
 * prefix).
 */
export function deriveTaskManagerSizes(conf: Conf, trace: Trace): TaskManagerDerivation {
  const path = choosePath(conf, TM_PROCESS_KEYS, trace);
  let flink: FlinkPart;
  let jvm: JvmPart;
  let totalFlink: bigint;
  if (path === 'total-process') {
    const part = jvmFromProcess(conf, TM_PROCESS_KEYS, conf.memory(TM.process), trace);
    flink = flinkFromTotal(conf, part.totalFlink, trace);
    jvm = part;
    totalFlink = part.totalFlink;
  } else if (path === 'total-flink') {
    totalFlink = conf.memory(TM.flink);
    trace.add('totalFlink', totalFlink, () => `${TM.flink} (configured)`, [TM.flink]);
    flink = flinkFromTotal(conf, totalFlink, trace);
    jvm = jvmFromFlink(conf, TM_PROCESS_KEYS, totalFlink, trace);
  } else {
    flink = flinkFromFineGrained(conf, trace);
    totalFlink = trace.add('totalFlink', sumFlink(flink), 'sum of the six Flink components', []);
    jvm = jvmFromFlink(conf, TM_PROCESS_KEYS, totalFlink, trace);
  }
  // Spelled out, not `{ ...flink, more }` (see README, Objects on hot paths): a derivation runs
  // tens of thousands of times in one lint.
  const sizes: TaskManagerSizes = {
    frameworkHeap: flink.frameworkHeap,
    frameworkOffHeap: flink.frameworkOffHeap,
    taskHeap: flink.taskHeap,
    taskOffHeap: flink.taskOffHeap,
    managed: flink.managed,
    network: flink.network,
    jvmMetaspace: jvm.metaspace,
    jvmOverhead: jvm.overhead,
    totalFlink,
    totalProcess: jvm.totalProcess,
  };
  return { path, sizes };
}
