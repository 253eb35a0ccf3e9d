/**
 * flink-mem's public library API: Flink's memory model (byte-exact), and the types it returns.
 */
export { computeTaskManager, computeJobManager } from './model/compute.js';
export type { ModelOptions, MemoryFailure, TaskManagerResult, JobManagerResult, ConfigInput, Target } from './model/compute.js';
export type { TaskManagerSizes } from './model/taskmanager.js';
export type { JobManagerSizes } from './model/jobmanager.js';
export type { TraceStep } from './model/fractions.js';
export type { RawValue } from './model/values.js';
export { parseMemorySize, humanReadable, memoryToString } from './model/memory-size.js';
export { JavaError } from './model/java.js';
export { parseVersion, versionLabel, KNOWN_VERSIONS, NEWEST_VERSION } from './options/version.js';
export type { FlinkVersion } from './options/version.js';
export { OPTIONS, findOption } from './options/catalogue.js';
export type { OptionSpec } from './options/catalogue.js';
