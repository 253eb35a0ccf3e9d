/**
 * Legacy heap keys (1.10-1.20): before deriving, Flink copies `taskmanager.heap.size` (or `.mb`,
 * or the FLINK_TM_HEAP variable) into the new total-memory option of the deployment target.
 */
import type { Conf } from './conf.js';
import { configError } from './conf.js';
import { JavaError } from '../primitives/java.js';
import { MIB, parseMemorySize } from '../primitives/memory-size.js';
import { atLeast } from '../primitives/version.js';
import type { Trace } from './fractions.js';
import type { Process } from '../primitives/flink-process.js';

export type Target = 'standalone' | 'kubernetes' | 'yarn' | 'local';

export interface LegacyHeapKeys {
  readonly env: string;
  readonly heap: string;
  readonly heapMb: string;
}

export const TM_LEGACY: LegacyHeapKeys = {
  env: 'FLINK_TM_HEAP',
  heap: 'taskmanager.heap.size',
  heapMb: 'taskmanager.heap.mb',
};
export const JM_LEGACY: LegacyHeapKeys = {
  env: 'FLINK_JM_HEAP',
  heap: 'jobmanager.heap.size',
  heapMb: 'jobmanager.heap.mb',
};

/** The option a legacy heap value is copied into, per process and deployment target. */
export function legacyHeapTarget(process: Process, target: Target): string {
  if (process === 'taskmanager')
    return target === 'standalone'
      ? 'taskmanager.memory.flink.size'
      : 'taskmanager.memory.process.size';
  return target === 'standalone' ? 'jobmanager.memory.heap.size' : 'jobmanager.memory.process.size';
}

export interface LegacyMapping {
  readonly conf: Conf;
  /** Where the value came from and where it went, when a mapping happened. */
  readonly mapped?: { readonly from: string; readonly to: string; readonly bytes: bigint };
}

/** `MemoryBackwardsCompatibilityUtils.getConfWithLegacyHeapSizeMappedToNewConfigOption`. */
export function mapLegacyHeap(
  conf: Conf,
  keys: LegacyHeapKeys,
  targetKey: string,
  env: Readonly<Record<string, string | undefined>>,
  trace: Trace,
): LegacyMapping {
  if (atLeast(conf.version, '2.0') || conf.contains(targetKey)) return { conf };
  let bytes: bigint | undefined;
  let from = '';
  const envValue = env[keys.env];
  if (envValue !== undefined) {
    try {
      bytes = parseMemorySize(envValue);
    } catch (e) {
      throw configError(
        'legacy-heap-unparsable',
        `Cannot read total process memory size from environment variable value ${envValue}.`,
        [keys.heap],
        e as JavaError,
      );
    }
    from = `environment variable ${keys.env}`;
  } else if (conf.contains(keys.heap)) {
    bytes = conf.memory(keys.heap);
    from = keys.heap;
  } else if (conf.contains(keys.heapMb)) {
    const mb = conf.int(keys.heapMb)!;
    if (mb < 0) {
      throw configError(
        'legacy-heap-negative',
        `Configured total process memory size (${mb}MB) must not be less than 0.`,
        [keys.heapMb],
      );
    }
    bytes = BigInt(mb) * MIB;
    from = keys.heapMb;
  }
  if (bytes === undefined) return { conf };
  trace.note(
    () =>
      `${targetKey} is not set: the deprecated heap value from ${from} (${bytes} bytes) is used for it`,
  );
  return { conf: conf.with({ [targetKey]: `${bytes}b` }), mapped: { from, to: targetKey, bytes } };
}
