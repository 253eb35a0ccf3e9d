/**
 * The configuration loaders' public API: files and manifests in, Flink configuration documents
 * (every value with its position) and the problems met while reading them out.
 */
export {
  loadText,
  loadBytes,
  loadFile,
  rawConfig,
  expandInputs,
  flinkFilesIn,
  flinkConfBeside,
  sameLoadOptions,
} from './load.js';
export { detectFormat } from './detect.js';
export { parseSetArg, applyOverrides } from './overrides.js';
export { parseQuantity } from './quantity.js';
export type { QuantityValue } from './quantity.js';
export { parseResourceMemoryString } from './operator-memory.js';
export type { OperatorMemory } from './operator-memory.js';
export { UsageError } from '../primitives/usage-error.js';
export { MAX_CONFIG_BYTES, ReadRefused, readRegularFile } from './read.js';
export { countNodes } from './yaml-guard.js';
export { FATAL_PROBLEMS, fatalProblems } from './fatal.js';
export type { UsageErrorCode } from '../primitives/usage-error.js';
export type * from './types.js';
