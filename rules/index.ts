/**
 * The rule registry: an explicit list, sorted by id. A parity test fails when a file in rules/
 * is missing here, or a rule has no fixtures.
 */
import type { RuleDefinition } from '../src/engine/types.js';
import configFileNotRead from './config-file-not-read.js';
import configSyntax from './config-syntax.js';
import containerMemoryExceeded from './container-memory-exceeded.js';
import deprecatedKey from './deprecated-key.js';
import fineGrainedWithTotalSize from './fine-grained-with-total-size.js';
import fractionOutOfRange from './fraction-out-of-range.js';
import invalidFlinkVersion from './invalid-flink-version.js';
import invalidMemorySize from './invalid-memory-size.js';
import invalidOptionValue from './invalid-option-value.js';
import jobmanagerHeapBelowMinimum from './jobmanager-heap-below-minimum.js';
import legacySyntax from './legacy-syntax.js';
import managedMemoryUnused from './managed-memory-unused.js';
import memoryDerivationFails from './memory-derivation-fails.js';
import networkBuffersExceedPool from './network-buffers-exceed-pool.js';
import noTotalMemoryConfigured from './no-total-memory-configured.js';
import operatorMemoryOverride from './operator-memory-override.js';
import operatorMemoryUnits from './operator-memory-units.js';
import processAndFlinkSizeBothSet from './process-and-flink-size-both-set.js';
import rangeMinAboveMax from './range-min-above-max.js';
import removedKey from './removed-key.js';
import rocksdbWithoutManagedMemory from './rocksdb-without-managed-memory.js';
import sizeAndFractionBothSet from './size-and-fraction-both-set.js';
import taskHeapTooSmallForSlots from './task-heap-too-small-for-slots.js';
import unknownKey from './unknown-key.js';
import unusedSuppression from './unused-suppression.js';

export const ALL_RULES: readonly RuleDefinition[] = [
  configFileNotRead,
  configSyntax,
  containerMemoryExceeded,
  deprecatedKey,
  fineGrainedWithTotalSize,
  fractionOutOfRange,
  invalidFlinkVersion,
  invalidMemorySize,
  invalidOptionValue,
  jobmanagerHeapBelowMinimum,
  legacySyntax,
  managedMemoryUnused,
  memoryDerivationFails,
  networkBuffersExceedPool,
  noTotalMemoryConfigured,
  operatorMemoryOverride,
  operatorMemoryUnits,
  processAndFlinkSizeBothSet,
  rangeMinAboveMax,
  removedKey,
  rocksdbWithoutManagedMemory,
  sizeAndFractionBothSet,
  taskHeapTooSmallForSlots,
  unknownKey,
  unusedSuppression,
];
