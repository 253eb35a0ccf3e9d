/**
 * The model's entry points: TaskManager and JobManager results exactly as Flink's start-up
 * (BashJavaUtils) would produce them, or the failure Flink would raise, with its message.
 */
import { Conf, ModelError } from './conf.js';
import { Trace } from './fractions.js';
import type { TraceStep } from './fractions.js';
import { JavaError } from '../primitives/java.js';
import type { RawValue } from '../primitives/raw-value.js';
import type { FlinkVersion } from '../primitives/version.js';
import { atLeast } from '../primitives/version.js';
import type { TaskManagerSizes } from './taskmanager.js';
import { TM, deriveTaskManagerSizes } from './taskmanager.js';
import { cpuAndSlots, externalResources } from './task-resources.js';
import type { JobManagerSizes } from './jobmanager.js';
import { JM, deriveJobManagerSizes, legacyJobManager110 } from './jobmanager.js';
import { jobManagerDynamicConfigs, jvmArgs, taskManagerDynamicConfigs } from './dynamic.js';
import type { Target } from './legacy-heap.js';
import { JM_LEGACY, TM_LEGACY, legacyHeapTarget, mapLegacyHeap } from './legacy-heap.js';
import { deriveLocal } from './local.js';
import type { DerivationPath } from './process.js';

export type { Target } from './legacy-heap.js';

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

interface ResultBase {
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

export type ConfigInput = ReadonlyMap<string, RawValue> | Readonly<Record<string, string>>;

export function toConf(input: ConfigInput, version: FlinkVersion): Conf {
  if (input instanceof Map) return new Conf(input as ReadonlyMap<string, RawValue>, version);
  const m = new Map<string, RawValue>();
  // JavaScript callers pass numbers too (`{ 'taskmanager.numberOfTaskSlots': 4 }`): read them as
  // their text.
  for (const [k, v] of Object.entries(input as Record<string, unknown>))
    m.set(k, { kind: 'string', text: String(v) });
  return new Conf(m, version);
}

function toFailure(e: unknown, prefix: string | null): MemoryFailure {
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

type Mapping = ResultBase['legacyMapping'];

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

class TaskManagerStarts extends Starts {
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

class JobManagerStarts extends Starts {
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
function failed(
  trace: Trace,
  legacyMapping: Mapping,
  failure: MemoryFailure,
): TaskManagerResult & JobManagerResult & { ok: false } {
  return legacyMapping
    ? { trace: trace.steps, notes: trace.notes, legacyMapping, ok: false, failure }
    : { trace: trace.steps, notes: trace.notes, ok: false, failure };
}

/** Derives the TaskManager's memory as Flink's start-up would, or the failure it would raise. */
export function computeTaskManager(input: ConfigInput, options: ModelOptions): TaskManagerResult {
  const trace = new Trace(options.trace ?? true);
  let conf = toConf(input, options.version);
  const v = options.version;
  if (options.target === 'local') {
    try {
      const local = deriveLocal(conf, trace);
      const s = local.sizes;
      return {
        trace: trace.steps,
        notes: trace.notes,
        ok: true,
        path: 'local',
        sizes: s,
        jvmHeap: s.frameworkHeap + s.taskHeap,
        jvmDirect: s.frameworkOffHeap + s.taskOffHeap + s.network,
        jvmArgs: '',
        dynamicConfigs: '',
        cpuCores: local.cpuCores,
        slots: conf.int(TM.slots) ?? 1,
      };
    } catch (e) {
      return failed(trace, undefined, toFailure(e, null));
    }
  }
  let legacyMapping: Mapping;
  try {
    const mapping = mapLegacyHeap(
      conf,
      TM_LEGACY,
      legacyHeapTarget('taskmanager', options.target),
      options.env ?? {},
      trace,
    );
    conf = mapping.conf;
    legacyMapping = mapping.mapped;
  } catch (e) {
    return failed(
      trace,
      undefined,
      toFailure(e, 'TaskManager failed to map legacy JVM heap option to the new one: '),
    );
  }
  const prefix = atLeast(v, '1.11') ? 'TaskManager memory configuration failed: ' : null;
  try {
    const { path, sizes } = deriveTaskManagerSizes(conf, trace);
    const { cpuCores, slots } = cpuAndSlots(conf, v);
    const resources = externalResources(conf);
    const jvmHeap = sizes.frameworkHeap + sizes.taskHeap;
    const jvmDirect = sizes.frameworkOffHeap + sizes.taskOffHeap + sizes.network;
    const result = new TaskManagerStarts(
      trace,
      path,
      sizes,
      jvmHeap,
      jvmDirect,
      cpuCores,
      slots,
      resources,
      v,
    );
    return legacyMapping ? Object.assign(result, { legacyMapping }) : result;
  } catch (e) {
    return failed(trace, legacyMapping, toFailure(e, prefix));
  }
}

/** Derives the JobManager's memory as Flink's start-up would, or the failure it would raise. */
export function computeJobManager(input: ConfigInput, options: ModelOptions): JobManagerResult {
  const trace = new Trace(options.trace ?? true);
  let conf = toConf(input, options.version);
  const v = options.version;
  if (!atLeast(v, '1.11')) return legacy110(conf, options, trace);
  const prefix = atLeast(v, '2.0') ? null : 'JobManager memory configuration failed: ';
  let legacyMapping: Mapping;
  try {
    if (options.target !== 'local') {
      const mapping = mapLegacyHeap(
        conf,
        JM_LEGACY,
        legacyHeapTarget('jobmanager', options.target),
        options.env ?? {},
        trace,
      );
      conf = mapping.conf;
      legacyMapping = mapping.mapped;
    }
    const { path, sizes } = deriveJobManagerSizes(conf, trace);
    const direct = conf.boolean(JM.directLimit) ? sizes.offHeap : null;
    const result = new JobManagerStarts(trace, path, sizes, direct, v);
    return legacyMapping ? Object.assign(result, { legacyMapping }) : result;
  } catch (e) {
    return failed(trace, legacyMapping, toFailure(e, prefix));
  }
}

function legacy110(conf: Conf, options: ModelOptions, trace: Trace): JobManagerResult {
  const base = { trace: trace.steps, notes: trace.notes };
  try {
    const containerized = options.target === 'kubernetes' || options.target === 'yarn';
    const { heap, container } = legacyJobManager110(conf, containerized, trace);
    const total = container ?? heap;
    trace.note(
      'Flink 1.10 sizes the JobManager with the pre-1.11 heap model: only the heap is set',
    );
    return {
      ...base,
      ok: true,
      path: 'legacy-1.10',
      sizes: {
        jvmHeap: heap,
        offHeap: 0n,
        jvmMetaspace: 0n,
        jvmOverhead: total - heap,
        totalFlink: heap,
        totalProcess: total,
      },
      jvmArgs: `-Xms${heap / 1048576n}m -Xmx${heap / 1048576n}m`,
      dynamicConfigs: '',
    };
  } catch (e) {
    return { ...base, ok: false, failure: toFailure(e, null) };
  }
}
