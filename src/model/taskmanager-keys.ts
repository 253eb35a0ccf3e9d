/**
 * The option keys of the TaskManager's memory, and those its process part shares with the
 * JobManager's.
 */
import type { ProcessKeys } from './process.js';

export const TM = {
  process: 'taskmanager.memory.process.size',
  flink: 'taskmanager.memory.flink.size',
  frameworkHeap: 'taskmanager.memory.framework.heap.size',
  frameworkOffHeap: 'taskmanager.memory.framework.off-heap.size',
  taskHeap: 'taskmanager.memory.task.heap.size',
  taskOffHeap: 'taskmanager.memory.task.off-heap.size',
  managed: 'taskmanager.memory.managed.size',
  managedFraction: 'taskmanager.memory.managed.fraction',
  networkMin: 'taskmanager.memory.network.min',
  networkMax: 'taskmanager.memory.network.max',
  networkFraction: 'taskmanager.memory.network.fraction',
  metaspace: 'taskmanager.memory.jvm-metaspace.size',
  overheadMin: 'taskmanager.memory.jvm-overhead.min',
  overheadMax: 'taskmanager.memory.jvm-overhead.max',
  overheadFraction: 'taskmanager.memory.jvm-overhead.fraction',
  segmentSize: 'taskmanager.memory.segment-size',
  numberOfBuffers: 'taskmanager.network.numberOfBuffers',
  slots: 'taskmanager.numberOfTaskSlots',
  cpuCores: 'taskmanager.cpu.cores',
} as const;

export const TM_PROCESS_KEYS: ProcessKeys = {
  process: TM.process,
  flink: TM.flink,
  fineGrained: [TM.taskHeap, TM.managed],
  metaspace: TM.metaspace,
  overheadMin: TM.overheadMin,
  overheadMax: TM.overheadMax,
  overheadFraction: TM.overheadFraction,
};
