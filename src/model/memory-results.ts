/**
 * What the model returns for a process: the sizes Flink would use and its JVM settings, or the
 * failure Flink would raise. Plain types; compute.ts makes them.
 */
import type { TraceStep } from './fractions.js';
import type { FlinkVersion } from '../primitives/version.js';
import type { TaskManagerSizes } from './taskmanager.js';
import type { JobManagerSizes } from './jobmanager.js';
import type { Target } from './legacy-heap.js';
import type { DerivationPath } from './process.js';

export interface ModelOptions {
  readonly version: FlinkVersion;
  readonly target: Target;
  /** Environment variables Flink's scripts would see (FLINK_TM_HEAP, FLINK_JM_HEAP). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Record the derivation's steps and notes (default true). Lint and the fix searches, which
   * derive thousands of configurations and show neither, turn it off: `trace` and `notes` are
   * then empty.
   */
  readonly trace?: boolean;
}

/** A start-up failure: which check failed, Flink's exception and message, and its causes. */
export interface MemoryFailure {
  readonly check: string;
  readonly exception: string;
  /** Flink's top-level message, with the prefix Flink adds for this process and version. */
  readonly flinkMessage: string;
  /** Messages of the cause chain, outermost first. */
  readonly causes: readonly string[];
  /** Option keys involved, most relevant first. */
  readonly keys: readonly string[];
  /** Sizes the failed check compared (bytes), for explanations. */
  readonly data: Readonly<Record<string, bigint>>;
}

export interface ResultBase {
  readonly trace: readonly TraceStep[];
  /** What Flink would log while deriving (clamping, warnings), in our words. */
  readonly notes: readonly string[];
  /** A legacy heap key copied into a new option before deriving. */
  readonly legacyMapping?: { readonly from: string; readonly to: string; readonly bytes: bigint };
}

export type TaskManagerResult =
  | (ResultBase & {
      readonly ok: true;
      readonly path: DerivationPath | 'local';
      readonly sizes: TaskManagerSizes;
      readonly jvmHeap: bigint;
      readonly jvmDirect: bigint;
      /** Empty in local execution: the JVM is the one the user started. */
      readonly jvmArgs: string;
      readonly dynamicConfigs: string;
      readonly cpuCores: number;
      readonly slots: number;
    })
  | (ResultBase & { readonly ok: false; readonly failure: MemoryFailure });

export type JobManagerResult =
  | (ResultBase & {
      readonly ok: true;
      readonly path: DerivationPath | 'legacy-1.10';
      readonly sizes: JobManagerSizes;
      readonly jvmArgs: string;
      readonly dynamicConfigs: string;
    })
  | (ResultBase & { readonly ok: false; readonly failure: MemoryFailure });

export type Mapping = ResultBase['legacyMapping'];
