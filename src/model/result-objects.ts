/**
 * The objects the model returns: a process that starts (its JVM arguments and dynamic configs
 * made on first read), or a failure made from the error Flink's checks raised.
 */
import { ModelError } from './conf.js';
import type { Trace, TraceStep } from './fractions.js';
import { JavaError } from '../primitives/java.js';
import type { FlinkVersion } from '../primitives/version.js';
import type { TaskManagerSizes } from './taskmanager.js';
import type { JobManagerSizes } from './jobmanager.js';
import { jobManagerDynamicConfigs, jvmArgs, taskManagerDynamicConfigs } from './dynamic.js';
import type { DerivationPath } from './process.js';
import type {
  JobManagerResult,
  Mapping,
  MemoryFailure,
  TaskManagerResult,
} from './memory-results.js';

export function toFailure(e: unknown, prefix: string | null): MemoryFailure {
  if (!(e instanceof JavaError)) throw e;
  const check =
    e instanceof ModelError
      ? e.check
      : e.exception === 'ArithmeticException'
        ? 'arithmetic-overflow'
        : 'invalid-value';
  const keys = e instanceof ModelError ? e.keys : [];
  const data = e instanceof ModelError ? e.data : {};
  if (prefix && e.exception === 'IllegalConfigurationException') {
    return {
      check,
      exception: e.exception,
      flinkMessage: prefix + e.message,
      causes: [e.message, ...e.causeMessages()],
      keys,
      data,
    };
  }
  return {
    check,
    exception: e.exception,
    flinkMessage: e.message,
    causes: e.causeMessages(),
    keys,
    data,
  };
}

/*
 * Results are built without object spreads, and a process that starts gets its JVM arguments
 * and dynamic configs on first read: lint and the fix searches derive tens of thousands of
 * configurations and never print those strings. The lazy strings are getters of a class, not
 * of an object literal (see README, Objects on hot paths).
 */

/**
 * A process that starts: its trace, and the JVM arguments and dynamic configs made on first read.
 */
abstract class Starts {
  readonly trace: readonly TraceStep[];
  readonly notes: readonly string[];
  readonly ok = true as const;
  #jvmArgs: string | undefined;
  #dynamicConfigs: string | undefined;

  constructor(trace: Trace) {
    this.trace = trace.steps;
    this.notes = trace.notes;
  }

  protected abstract makeJvmArgs(): string;
  protected abstract makeDynamicConfigs(): string;

  get jvmArgs(): string {
    return (this.#jvmArgs ??= this.makeJvmArgs());
  }

  get dynamicConfigs(): string {
    return (this.#dynamicConfigs ??= this.makeDynamicConfigs());
  }
}

export class TaskManagerStarts extends Starts {
  readonly #resources: readonly (readonly [string, string])[];
  readonly #version: FlinkVersion;

  constructor(
    trace: Trace,
    readonly path: DerivationPath,
    readonly sizes: TaskManagerSizes,
    readonly jvmHeap: bigint,
    readonly jvmDirect: bigint,
    readonly cpuCores: number,
    readonly slots: number,
    resources: readonly (readonly [string, string])[],
    version: FlinkVersion,
  ) {
    super(trace);
    this.#resources = resources;
    this.#version = version;
  }

  protected makeJvmArgs(): string {
    return jvmArgs(this.jvmHeap, this.jvmDirect, this.sizes.jvmMetaspace);
  }

  protected makeDynamicConfigs(): string {
    return taskManagerDynamicConfigs(
      this.sizes,
      { cpuCores: this.cpuCores, slots: this.slots, externalResources: this.#resources },
      this.#version,
    );
  }
}

export class JobManagerStarts extends Starts {
  readonly #direct: bigint | null;
  readonly #version: FlinkVersion;

  constructor(
    trace: Trace,
    readonly path: DerivationPath,
    readonly sizes: JobManagerSizes,
    direct: bigint | null,
    version: FlinkVersion,
  ) {
    super(trace);
    this.#direct = direct;
    this.#version = version;
  }

  protected makeJvmArgs(): string {
    return jvmArgs(this.sizes.jvmHeap, this.#direct, this.sizes.jvmMetaspace);
  }

  protected makeDynamicConfigs(): string {
    return jobManagerDynamicConfigs(this.sizes, this.#version);
  }
}

/** A failed result. */
export function failed(
  trace: Trace,
  legacyMapping: Mapping,
  failure: MemoryFailure,
): TaskManagerResult & JobManagerResult & { ok: false } {
  return legacyMapping
    ? { trace: trace.steps, notes: trace.notes, legacyMapping, ok: false, failure }
    : { trace: trace.steps, notes: trace.notes, ok: false, failure };
}
