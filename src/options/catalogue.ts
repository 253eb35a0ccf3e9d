/**
 * The option catalogue: every memory-related Flink option flink-mem knows, with its type,
 * defaults per version, fallback and deprecated keys, and the versions it exists in.
 * The memory model reads its defaults from here, so this file is the single source of truth.
 */
import type { FlinkVersion } from '../primitives/version.js';
import { atLeast } from '../primitives/version.js';

export type OptionType =
  | 'memory'
  | 'float'
  | 'double'
  | 'int'
  | 'long'
  | 'boolean'
  | 'string'
  | 'duration'
  | 'map'
  | 'enum';
export type OptionGroup =
  'taskmanager' | 'jobmanager' | 'network' | 'state-backend' | 'python' | 'kubernetes';

export interface VersionedDefault {
  /** First version (inclusive) this default applies to. */
  readonly since: string;
  /** The default as Flink's ConfigOption prints it; null when the option has no default. */
  readonly value: string | null;
}

export interface FallbackKey {
  readonly key: string;
  readonly deprecated: boolean;
}

export interface NumericRange {
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
}

export interface OptionSpec {
  readonly key: string;
  readonly type: OptionType;
  readonly group: OptionGroup;
  readonly description: string;
  readonly defaults: readonly VersionedDefault[];
  readonly fallbackKeys?: readonly FallbackKey[];
  /** First version in which the key has any effect. */
  readonly since: string;
  /** First version in which the key has no effect any more. */
  readonly removedIn?: string;
  /** First version in which using this key is deprecated (a fallback key, or a legacy key). */
  readonly deprecatedIn?: string;
  /** The key to use instead, when deprecated or removed. */
  readonly replacedBy?: string;
  /** How a value converts to `replacedBy`: an integer MiB count becomes a size. */
  readonly conversion?: 'mebibytes-to-size';
  readonly range?: NumericRange;
  readonly enumValues?: readonly string[];
  /** Case-insensitive values accepted besides enumValues (for example a class name pattern). */
  readonly enumPattern?: string;
}

const d = (value: string | null, since = '1.10'): VersionedDefault => ({ since, value });
const FRACTION: NumericRange = { min: 0, max: 1, maxExclusive: true };

/** Options of the TaskManager memory model. */
const TASKMANAGER: OptionSpec[] = [
  {
    key: 'taskmanager.memory.process.size',
    type: 'memory',
    group: 'taskmanager',
    since: '1.10',
    defaults: [d(null)],
    description:
      'Total process memory of the TaskManager: Flink memory plus JVM metaspace and overhead.',
  },
  {
    key: 'taskmanager.memory.flink.size',
    type: 'memory',
    group: 'taskmanager',
    since: '1.10',
    defaults: [d(null)],
    description:
      'Total Flink memory of the TaskManager: heap, managed, network and off-heap memory, without metaspace and overhead.',
  },
  {
    key: 'taskmanager.memory.framework.heap.size',
    type: 'memory',
    group: 'taskmanager',
    since: '1.10',
    defaults: [d('128m')],
    description: 'JVM heap reserved for the Flink framework itself.',
  },
  {
    key: 'taskmanager.memory.framework.off-heap.size',
    type: 'memory',
    group: 'taskmanager',
    since: '1.10',
    defaults: [d('128m')],
    description:
      'Direct (off-heap) memory reserved for the Flink framework; part of -XX:MaxDirectMemorySize.',
  },
  {
    key: 'taskmanager.memory.task.heap.size',
    type: 'memory',
    group: 'taskmanager',
    since: '1.10',
    defaults: [d(null)],
    description: 'JVM heap for user code and operators.',
  },
  {
    key: 'taskmanager.memory.task.off-heap.size',
    type: 'memory',
    group: 'taskmanager',
    since: '1.10',
    defaults: [d('0')],
    description: 'Direct or native memory used by user code; part of -XX:MaxDirectMemorySize.',
  },
  {
    key: 'taskmanager.memory.managed.size',
    type: 'memory',
    group: 'taskmanager',
    since: '1.10',
    defaults: [d(null)],
    fallbackKeys: [{ key: 'taskmanager.memory.size', deprecated: true }],
    description:
      'Native memory managed by Flink (RocksDB, batch sorting and hashing, Python workers).',
  },
  {
    key: 'taskmanager.memory.managed.fraction',
    type: 'float',
    group: 'taskmanager',
    since: '1.10',
    defaults: [d('0.4')],
    range: FRACTION,
    description:
      'Managed memory as a fraction of total Flink memory, used when no managed size is set.',
  },
  {
    key: 'taskmanager.memory.managed.consumer-weights',
    type: 'map',
    group: 'taskmanager',
    since: '1.12',
    defaults: [
      d('DATAPROC:70,PYTHON:30', '1.12'),
      d('OPERATOR:70,STATE_BACKEND:70,PYTHON:30', '1.13'),
    ],
    description:
      'How managed memory is shared between consumer kinds; a kind without weight gets no managed memory.',
  },
  {
    key: 'taskmanager.memory.network.min',
    type: 'memory',
    group: 'taskmanager',
    since: '1.10',
    defaults: [d('64m')],
    fallbackKeys: [{ key: 'taskmanager.network.memory.min', deprecated: true }],
    description: 'Lower bound of network memory.',
  },
  {
    key: 'taskmanager.memory.network.max',
    type: 'memory',
    group: 'taskmanager',
    since: '1.10',
    defaults: [d('1g'), d('9223372036854775807b', '1.17')],
    fallbackKeys: [{ key: 'taskmanager.network.memory.max', deprecated: true }],
    description: 'Upper bound of network memory (1g until 1.16, unbounded since 1.17).',
  },
  {
    key: 'taskmanager.memory.network.fraction',
    type: 'float',
    group: 'taskmanager',
    since: '1.10',
    defaults: [d('0.1')],
    range: FRACTION,
    fallbackKeys: [{ key: 'taskmanager.network.memory.fraction', deprecated: true }],
    description: 'Network memory as a fraction of total Flink memory, clamped to its min and max.',
  },
  {
    key: 'taskmanager.memory.jvm-metaspace.size',
    type: 'memory',
    group: 'taskmanager',
    since: '1.10',
    defaults: [d('96m', '1.10.0'), d('256m', '1.10.1')],
    description: 'JVM metaspace of the TaskManager (-XX:MaxMetaspaceSize).',
  },
  {
    key: 'taskmanager.memory.jvm-overhead.min',
    type: 'memory',
    group: 'taskmanager',
    since: '1.10',
    defaults: [d('192m')],
    description: 'Lower bound of JVM overhead (native memory for threads, GC, code cache).',
  },
  {
    key: 'taskmanager.memory.jvm-overhead.max',
    type: 'memory',
    group: 'taskmanager',
    since: '1.10',
    defaults: [d('1g')],
    description: 'Upper bound of JVM overhead.',
  },
  {
    key: 'taskmanager.memory.jvm-overhead.fraction',
    type: 'float',
    group: 'taskmanager',
    since: '1.10',
    defaults: [d('0.1')],
    range: FRACTION,
    description: 'JVM overhead as a fraction of total process memory, clamped to its min and max.',
  },
  {
    key: 'taskmanager.memory.segment-size',
    type: 'memory',
    group: 'taskmanager',
    since: '1.10',
    defaults: [d('32kb')],
    range: { min: 4096, max: 2147483647 },
    description:
      'Size of a memory segment (network buffer and managed memory page); a power of two of at least 4096 bytes.',
  },
  {
    key: 'taskmanager.memory.min-segment-size',
    type: 'memory',
    group: 'taskmanager',
    since: '1.14',
    defaults: [d('1kb', '1.14'), d('256b', '1.15')],
    description: 'Smallest buffer size buffer debloating may use.',
  },
  {
    key: 'taskmanager.memory.starting-segment-size',
    type: 'memory',
    group: 'taskmanager',
    since: '2.0',
    defaults: [d('1024b', '2.0')],
    description: 'Buffer size buffer debloating starts with.',
  },
  {
    key: 'taskmanager.memory.framework.off-heap.batch-shuffle.size',
    type: 'memory',
    group: 'taskmanager',
    since: '1.13',
    defaults: [d('32m', '1.13'), d('64m', '1.15')],
    description:
      'Part of framework off-heap memory used by blocking shuffle reads; at least one segment.',
  },
  {
    key: 'taskmanager.numberOfTaskSlots',
    type: 'int',
    group: 'taskmanager',
    since: '1.10',
    defaults: [d('1')],
    range: { min: 1 },
    description: 'Number of slots of a TaskManager.',
  },
  {
    key: 'taskmanager.cpu.cores',
    type: 'double',
    group: 'taskmanager',
    since: '1.10',
    defaults: [d(null)],
    range: { min: 0, minExclusive: true },
    description: 'CPU cores of a TaskManager; the number of slots when unset.',
  },
];

/** Options of the JobManager memory model (1.11+) and its legacy keys. */
const JOBMANAGER: OptionSpec[] = [
  {
    key: 'jobmanager.memory.process.size',
    type: 'memory',
    group: 'jobmanager',
    since: '1.11',
    defaults: [d(null)],
    description: 'Total process memory of the JobManager.',
  },
  {
    key: 'jobmanager.memory.flink.size',
    type: 'memory',
    group: 'jobmanager',
    since: '1.11',
    defaults: [d(null)],
    description: 'Total Flink memory of the JobManager: JVM heap plus off-heap memory.',
  },
  {
    key: 'jobmanager.memory.heap.size',
    type: 'memory',
    group: 'jobmanager',
    since: '1.11',
    defaults: [d(null)],
    description: 'JVM heap of the JobManager (recommended at least 128 MiB).',
  },
  {
    key: 'jobmanager.memory.off-heap.size',
    type: 'memory',
    group: 'jobmanager',
    since: '1.11',
    defaults: [d('128m')],
    description: 'Direct and native memory of the JobManager.',
  },
  {
    key: 'jobmanager.memory.enable-jvm-direct-memory-limit',
    type: 'boolean',
    group: 'jobmanager',
    since: '1.11',
    defaults: [d('false')],
    description:
      'Whether the JobManager JVM gets -XX:MaxDirectMemorySize equal to its off-heap memory.',
  },
  {
    key: 'jobmanager.memory.jvm-metaspace.size',
    type: 'memory',
    group: 'jobmanager',
    since: '1.11',
    defaults: [d('256m')],
    description: 'JVM metaspace of the JobManager.',
  },
  {
    key: 'jobmanager.memory.jvm-overhead.min',
    type: 'memory',
    group: 'jobmanager',
    since: '1.11',
    defaults: [d('192m')],
    description: 'Lower bound of JobManager JVM overhead.',
  },
  {
    key: 'jobmanager.memory.jvm-overhead.max',
    type: 'memory',
    group: 'jobmanager',
    since: '1.11',
    defaults: [d('1g')],
    description: 'Upper bound of JobManager JVM overhead.',
  },
  {
    key: 'jobmanager.memory.jvm-overhead.fraction',
    type: 'float',
    group: 'jobmanager',
    since: '1.11',
    defaults: [d('0.1')],
    range: FRACTION,
    description: 'JobManager JVM overhead as a fraction of total process memory.',
  },
];

/** Keys from older memory models: deprecated, mapped, or without any effect. */
const LEGACY: OptionSpec[] = [
  {
    key: 'taskmanager.heap.size',
    type: 'memory',
    group: 'taskmanager',
    since: '1.0',
    deprecatedIn: '1.10',
    removedIn: '2.0',
    replacedBy: 'taskmanager.memory.process.size',
    defaults: [d(null)],
    description:
      'Pre-1.10 TaskManager heap; mapped to total Flink memory (standalone) or total process memory (containers) until 1.20.',
  },
  {
    key: 'taskmanager.heap.mb',
    type: 'int',
    group: 'taskmanager',
    since: '1.0',
    deprecatedIn: '1.10',
    removedIn: '2.0',
    replacedBy: 'taskmanager.memory.process.size',
    conversion: 'mebibytes-to-size',
    defaults: [d(null)],
    description: 'Pre-1.10 TaskManager heap in MiB; mapped like taskmanager.heap.size until 1.20.',
  },
  {
    key: 'jobmanager.heap.size',
    type: 'memory',
    group: 'jobmanager',
    since: '1.0',
    deprecatedIn: '1.11',
    removedIn: '2.0',
    replacedBy: 'jobmanager.memory.heap.size',
    defaults: [d('1024m', '1.10'), d(null, '1.11')],
    description:
      'Pre-1.11 JobManager heap; mapped to JobManager heap (standalone) or total process memory (containers) until 1.20.',
  },
  {
    key: 'jobmanager.heap.mb',
    type: 'int',
    group: 'jobmanager',
    since: '1.0',
    deprecatedIn: '1.11',
    removedIn: '2.0',
    replacedBy: 'jobmanager.memory.heap.size',
    conversion: 'mebibytes-to-size',
    defaults: [d('1024', '1.10'), d(null, '1.11')],
    description: 'Pre-1.11 JobManager heap in MiB.',
  },
  {
    key: 'taskmanager.memory.fraction',
    type: 'float',
    group: 'taskmanager',
    since: '1.0',
    removedIn: '1.10',
    replacedBy: 'taskmanager.memory.managed.fraction',
    defaults: [d(null)],
    description:
      'Pre-1.10 managed memory fraction of the heap; no effect since 1.10 and not the same as the managed fraction.',
  },
  {
    key: 'taskmanager.memory.off-heap',
    type: 'boolean',
    group: 'taskmanager',
    since: '1.0',
    removedIn: '1.10',
    defaults: [d(null)],
    description:
      'Pre-1.10 switch for off-heap managed memory; managed memory is always off-heap since 1.10.',
  },
  {
    key: 'taskmanager.memory.preallocate',
    type: 'boolean',
    group: 'taskmanager',
    since: '1.0',
    removedIn: '1.10',
    defaults: [d(null)],
    description: 'Pre-1.10 preallocation of managed memory; no effect since 1.10.',
  },
  {
    key: 'taskmanager.network.numberOfBuffers',
    type: 'int',
    group: 'network',
    since: '1.0',
    deprecatedIn: '1.10',
    removedIn: '2.0',
    replacedBy: 'taskmanager.memory.network.min',
    defaults: [d('2048')],
    description:
      'Legacy fixed number of network buffers; used only when no network memory option is set.',
  },
  {
    key: 'containerized.heap-cutoff-ratio',
    type: 'float',
    group: 'kubernetes',
    since: '1.0',
    removedIn: '1.11',
    replacedBy: 'taskmanager.memory.jvm-overhead.fraction',
    defaults: [d('0.25')],
    description: 'Pre-1.11 share of a container kept off the JVM heap.',
  },
  {
    key: 'containerized.heap-cutoff-min',
    type: 'int',
    group: 'kubernetes',
    since: '1.0',
    removedIn: '1.11',
    replacedBy: 'taskmanager.memory.jvm-overhead.min',
    defaults: [d('600')],
    description: 'Pre-1.11 minimum container cut-off in MiB.',
  },
  {
    key: 'yarn.heap-cutoff-ratio',
    type: 'float',
    group: 'kubernetes',
    since: '1.0',
    removedIn: '1.11',
    replacedBy: 'taskmanager.memory.jvm-overhead.fraction',
    defaults: [d('0.25')],
    description: 'Old YARN name of containerized.heap-cutoff-ratio.',
  },
  {
    key: 'yarn.heap-cutoff-min',
    type: 'int',
    group: 'kubernetes',
    since: '1.0',
    removedIn: '1.11',
    replacedBy: 'taskmanager.memory.jvm-overhead.min',
    defaults: [d('600')],
    description: 'Old YARN name of containerized.heap-cutoff-min.',
  },
];

/** Network stack options that size or consume network buffers. */
const NETWORK: OptionSpec[] = [
  {
    key: 'taskmanager.network.memory.buffers-per-channel',
    type: 'int',
    group: 'network',
    since: '1.10',
    deprecatedIn: '1.20',
    removedIn: '2.0',
    defaults: [d('2')],
    range: { min: 0 },
    description: 'Exclusive buffers per channel.',
  },
  {
    key: 'taskmanager.network.memory.floating-buffers-per-gate',
    type: 'int',
    group: 'network',
    since: '1.10',
    deprecatedIn: '1.20',
    removedIn: '2.0',
    defaults: [d('8')],
    range: { min: 0 },
    description: 'Floating buffers per input gate.',
  },
  {
    key: 'taskmanager.network.memory.max-buffers-per-channel',
    type: 'int',
    group: 'network',
    since: '1.10',
    deprecatedIn: '1.20',
    removedIn: '2.0',
    defaults: [d('10')],
    range: { min: 0 },
    description: 'Upper bound of buffers one channel may hold.',
  },
  {
    key: 'taskmanager.network.memory.max-overdraft-buffers-per-gate',
    type: 'int',
    group: 'network',
    since: '1.16',
    deprecatedIn: '1.20',
    removedIn: '2.0',
    defaults: [d('5', '1.16')],
    range: { min: 0 },
    description: 'Overdraft buffers per gate.',
  },
  {
    key: 'taskmanager.network.memory.buffers-request-timeout',
    type: 'duration',
    group: 'network',
    since: '1.20',
    defaults: [d('30 s', '1.20')],
    fallbackKeys: [
      { key: 'taskmanager.network.memory.exclusive-buffers-request-timeout-ms', deprecated: true },
    ],
    description: 'How long a task waits for network buffers before failing.',
  },
  {
    key: 'taskmanager.network.memory.exclusive-buffers-request-timeout-ms',
    type: 'long',
    group: 'network',
    since: '1.10',
    deprecatedIn: '1.20',
    replacedBy: 'taskmanager.network.memory.buffers-request-timeout',
    defaults: [d('30000')],
    range: { min: 0 },
    description: 'How long a task waits for exclusive network buffers, in milliseconds.',
  },
  {
    key: 'taskmanager.network.memory.read-buffer.required-per-gate.max',
    type: 'int',
    group: 'network',
    since: '1.17',
    defaults: [d(null, '1.17')],
    range: { min: 1 },
    description: 'Most buffers one input gate requires before it can read.',
  },
  {
    key: 'taskmanager.network.sort-shuffle.min-buffers',
    type: 'int',
    group: 'network',
    since: '1.12',
    defaults: [d('512', '1.12')],
    range: { min: 1 },
    description: 'Buffers a sort-merge shuffle result partition needs at least.',
  },
  {
    key: 'taskmanager.network.sort-shuffle.min-parallelism',
    type: 'int',
    group: 'network',
    since: '1.12',
    deprecatedIn: '1.20',
    removedIn: '2.0',
    defaults: [d('1', '1.12')],
    range: { min: 1 },
    description: 'Parallelism from which sort-merge shuffle is used.',
  },
  {
    key: 'taskmanager.network.memory.buffer-debloat.enabled',
    type: 'boolean',
    group: 'network',
    since: '1.14',
    defaults: [d('false', '1.14')],
    description: 'Adapts buffer sizes to the throughput.',
  },
  {
    key: 'taskmanager.network.memory.buffer-debloat.target',
    type: 'duration',
    group: 'network',
    since: '1.14',
    defaults: [d('1 s', '1.14')],
    description: 'Time the buffered data should take to consume.',
  },
  {
    key: 'taskmanager.network.memory.buffer-debloat.period',
    type: 'duration',
    group: 'network',
    since: '1.14',
    defaults: [d('500 ms', '1.14'), d('200 ms', '1.15')],
    description: 'How often buffer sizes are recalculated.',
  },
  {
    key: 'taskmanager.network.memory.buffer-debloat.samples',
    type: 'int',
    group: 'network',
    since: '1.14',
    defaults: [d('20', '1.14')],
    range: { min: 1 },
    description: 'Samples used to compute the throughput.',
  },
  {
    key: 'taskmanager.network.memory.buffer-debloat.threshold-percentages',
    type: 'int',
    group: 'network',
    since: '1.14',
    defaults: [d('50', '1.14'), d('25', '1.15')],
    range: { min: 0 },
    description: 'Change below which buffer sizes are kept.',
  },
];

const BACKENDS_113 = ['hashmap', 'rocksdb', 'jobmanager', 'filesystem'];

/** State backend and RocksDB/ForSt memory options. */
const STATE: OptionSpec[] = [
  {
    key: 'state.backend.type',
    type: 'enum',
    group: 'state-backend',
    since: '1.17',
    defaults: [d(null, '1.17'), d('hashmap', '1.19')],
    fallbackKeys: [{ key: 'state.backend', deprecated: true }],
    enumValues: [...BACKENDS_113, 'forst'],
    enumPattern: '^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+$',
    description:
      'State backend: hashmap (JVM heap), rocksdb or forst (managed memory), or a factory class name.',
  },
  {
    key: 'state.backend',
    type: 'enum',
    group: 'state-backend',
    since: '1.0',
    deprecatedIn: '1.17',
    replacedBy: 'state.backend.type',
    defaults: [d(null)],
    enumValues: [...BACKENDS_113, 'forst'],
    enumPattern: '^[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)+$',
    description: 'State backend before 1.17 (a deprecated key of state.backend.type since).',
  },
  ...['rocksdb', 'forst'].flatMap((b): OptionSpec[] => {
    const since = b === 'rocksdb' ? '1.10' : '2.0';
    const p = `state.backend.${b}.memory`;
    return [
      {
        key: `${p}.managed`,
        type: 'boolean',
        group: 'state-backend',
        since,
        defaults: [d('true', since)],
        description: `Whether ${b} sizes its memory from the slot's managed memory.`,
      },
      {
        key: `${p}.fixed-per-slot`,
        type: 'memory',
        group: 'state-backend',
        since,
        defaults: [d(null, since)],
        range: { min: 0, minExclusive: true },
        description: `Fixed ${b} memory per slot; overrides the managed-memory setting.`,
      },
      {
        key: `${p}.fixed-per-tm`,
        type: 'memory',
        group: 'state-backend',
        since: b === 'rocksdb' ? '1.17' : since,
        defaults: [d(null, since)],
        range: { min: 0, minExclusive: true },
        description: `Fixed ${b} memory shared by all slots of a TaskManager.`,
      },
      {
        key: `${p}.write-buffer-ratio`,
        type: 'double',
        group: 'state-backend',
        since,
        defaults: [d('0.5', since)],
        range: { min: 0, max: 1, minExclusive: true, maxExclusive: true },
        description: 'Share of the memory for write buffers.',
      },
      {
        key: `${p}.high-prio-pool-ratio`,
        type: 'double',
        group: 'state-backend',
        since,
        defaults: [d('0.1', since)],
        range: { min: 0, max: 1, minExclusive: true, maxExclusive: true },
        description: 'Share of the block cache for index and filter blocks.',
      },
      {
        key: `${p}.partitioned-index-filters`,
        type: 'boolean',
        group: 'state-backend',
        since: b === 'rocksdb' ? '1.13' : since,
        defaults: [d('false', since)],
        description: 'Partitioned index and filter blocks.',
      },
    ];
  }),
];

const PYTHON: OptionSpec[] = [
  {
    key: 'python.fn-execution.memory.managed',
    type: 'boolean',
    group: 'python',
    since: '1.11',
    defaults: [d('false', '1.11'), d('true', '1.12')],
    description: 'Whether Python workers take their memory from managed memory.',
  },
  {
    key: 'python.fn-execution.framework.memory.size',
    type: 'memory',
    group: 'python',
    since: '1.10',
    removedIn: '1.12',
    replacedBy: 'taskmanager.memory.task.off-heap.size',
    defaults: [d('64mb')],
    description: 'Python framework memory (removed in 1.12).',
  },
  {
    key: 'python.fn-execution.buffer.memory.size',
    type: 'memory',
    group: 'python',
    since: '1.10',
    removedIn: '1.12',
    replacedBy: 'taskmanager.memory.task.off-heap.size',
    defaults: [d('15mb')],
    description: 'Python buffer memory (removed in 1.12).',
  },
];

const KUBERNETES: OptionSpec[] = [
  {
    key: 'kubernetes.taskmanager.memory.limit-factor',
    type: 'double',
    group: 'kubernetes',
    since: '1.15',
    defaults: [d('1.0', '1.15')],
    range: { min: 1 },
    description: 'Pod memory limit of a TaskManager as a multiple of its process memory.',
  },
  {
    key: 'kubernetes.jobmanager.memory.limit-factor',
    type: 'double',
    group: 'kubernetes',
    since: '1.15',
    defaults: [d('1.0', '1.15')],
    range: { min: 1 },
    description: 'Pod memory limit of a JobManager as a multiple of its process memory.',
  },
];

export const OPTIONS: readonly OptionSpec[] = [
  ...TASKMANAGER,
  ...JOBMANAGER,
  ...LEGACY,
  ...NETWORK,
  ...STATE,
  ...PYTHON,
  ...KUBERNETES,
];

const BY_KEY = new Map(OPTIONS.map((o) => [o.key, o]));
const BY_FALLBACK = new Map<string, OptionSpec>();
for (const o of OPTIONS)
  for (const f of o.fallbackKeys ?? []) if (!BY_KEY.has(f.key)) BY_FALLBACK.set(f.key, o);

export function getOption(key: string): OptionSpec {
  const o = BY_KEY.get(key);
  if (!o) throw new Error(`flink-mem internal error: unknown option ${key}`);
  return o;
}

export function findOption(key: string): OptionSpec | undefined {
  return BY_KEY.get(key);
}

/**
 * The option a deprecated fallback key belongs to (`taskmanager.network.memory.min` ->
 * network.min).
 */
export function optionForFallbackKey(key: string): OptionSpec | undefined {
  return BY_FALLBACK.get(key);
}

/** The default text of an option in a version; null when it has none. */
export function defaultFor(option: OptionSpec, version: FlinkVersion): string | null {
  let value: string | null = null;
  for (const dv of option.defaults) if (atLeast(version, dv.since)) value = dv.value;
  return value;
}

/** Whether the key has an effect in this version (existing and not removed). */
export function isActive(option: OptionSpec, version: FlinkVersion): boolean {
  return (
    atLeast(version, option.since) && !(option.removedIn && atLeast(version, option.removedIn))
  );
}
