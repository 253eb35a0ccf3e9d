/**
 * flink-mem's public library API: load Flink configurations, derive their memory exactly as
 * Flink does, lint them, and diagnose memory failures.
 */
export { loadConfig, computeMemory, lint, fix, diagnose, rules } from './api.js';
export type {
  LoadConfigOptions,
  MemoryOptions,
  MemoryResult,
  LintOptions,
  FixOptions,
  FixResult,
  DiagnoseOptions,
} from './api.js';
export type { DoctorResult, Diagnosis, Suggestion } from './doctor/types.js';
export { computeTaskManager, computeJobManager } from './model/compute.js';
export type {
  ModelOptions,
  MemoryFailure,
  TaskManagerResult,
  JobManagerResult,
  ConfigInput,
  Target,
} from './model/compute.js';
export type { TaskManagerSizes } from './model/taskmanager.js';
export type { JobManagerSizes } from './model/jobmanager.js';
export type { TraceStep } from './model/fractions.js';
export type { RawValue } from './primitives/raw-value.js';
export { explainFailure } from './model/reasons.js';
export { parseMemorySize, humanReadable, memoryToString } from './primitives/memory-size.js';
export { JavaError } from './primitives/java.js';
export {
  parseVersion,
  versionLabel,
  KNOWN_VERSIONS,
  NEWEST_VERSION,
} from './primitives/version.js';
export type { FlinkVersion } from './primitives/version.js';
export { OPTIONS, findOption } from './options/catalogue.js';
export type { OptionSpec } from './options/catalogue.js';
export { UsageError } from './primitives/usage-error.js';
export type { ConfigDocument, ConfigEntry, LoadedFile, InputFormat, Span } from './config/types.js';
export { defineRule } from './engine/types.js';
export type { Finding, RuleDefinition, RuleContext, Severity, FixChanges } from './engine/types.js';
