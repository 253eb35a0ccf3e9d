/**
 * Reports that are not a Flink memory failure, and what they look like instead: another
 * program's process ran out of memory (Spark, a Kafka Connect worker, a web console that manages
 * Flink jobs, the operator's own pod), or the failure is not about memory at all (a slot
 * shortage, a full disk, a missing class). Each cue is one line's text; every pattern is linear
 * (literal alternatives, bounded gaps).
 */
import type { Elsewhere } from './types.js';

export interface Cue {
  /** Lower-case text the line must contain before the regex is tried. */
  readonly anchors: readonly string[];
  readonly re: RegExp;
  readonly what: string;
  readonly advice: string;
  readonly overrides?: readonly string[];
}

const NOT_FLINK = 'No Flink memory option applies to it.';

/**
 * Another program's process is the one that failed: a Flink memory diagnosis would be wrong unless
 * a Flink process is named too.
 */
export const OTHER_SYSTEMS: readonly Cue[] = [
  {
    anchors: ['spark', 'executorlostfailure', 'yarnschedulerbackend'],
    re: /\borg\.apache\.spark\.|\bspark\.(?:executor|driver)\.[a-z]|\bSparkListener\w*|\bYarnSchedulerBackend\b|\bExecutorLostFailure\b|\bspark engine\b|\bSpark (?:executors?|driver)\b/i,
    what: "Apache Spark's executors or driver",
    advice: `size Spark's own memory (spark.executor.memory, spark.executor.memoryOverhead, spark.driver.memory). ${NOT_FLINK}`,
  },
  {
    anchors: ['storm'],
    re: /\borg\.apache\.storm\.|\bApache Storm\b|\bStorm \d+\.\d|\bstorm[ -]on[ -]yarn\b|\bstorm-yarn\b/i,
    what: 'an Apache Storm worker',
    advice: `size the Storm worker's JVM (worker.childopts). ${NOT_FLINK}`,
  },
  {
    anchors: ['twill', 'fluo'],
    re: /\bApache Twill\b|\btwill\b|\borg\.apache\.(?:twill|fluo)\.|\bFluo (?:workers?|oracles?|applications?|apps?)\b/i,
    what: 'an Apache Twill application on YARN (such as Fluo workers), not Flink,',
    advice: `size the Twill runnable's memory and its reserved memory (twill.java.reserved.memory.mb). ${NOT_FLINK}`,
  },
  {
    anchors: [
      'connector.class',
      'workersinktask',
      'workersourcetask',
      'kafka connect',
      'kafka-connect',
    ],
    re: /"connector\.class"|\bWorker(?:Sink|Source)Task\b|\bKafka[ -]Connect\b/i,
    what: 'a Kafka Connect worker',
    advice: `size the Connect worker's JVM (KAFKA_HEAP_OPTS) and the connector's batching. ${NOT_FLINK}`,
  },
  {
    anchors: ['seatunnel', 'hazelcast', 'coordinatorservice'],
    // Zeta runs on Hazelcast (its members, clients and CoordinatorService); Flink does not.
    re: /\bseatunnel-cluster\b|^\s{0,200}seatunnel:\s{0,200}$|\bSeaTunnel (?:Zeta|engine)\b|\borg\.apache\.seatunnel\.engine\.|\bHazelcast (?:client|member|cluster|instance)s?\b|\bcom\.hazelcast\.|\bCoordinatorService\b/i,
    what: "SeaTunnel's own engine, Zeta, not Flink,",
    advice: `size the SeaTunnel cluster's JVM (jvm_options in its config directory). ${NOT_FLINK}`,
  },
  {
    anchors: ['streampark'],
    re: /\bstreampark\.console\b|StreamPark\s{0,2}(?:console|service|server|服务|平台)|^#{2,4}\s{0,2}StreamPark Version\b/i,
    what: "StreamPark's own server, the console that submits and watches Flink jobs,",
    advice: `size the StreamPark server's JVM (its bin/jvm_opts.sh) and report the leak to StreamPark. ${NOT_FLINK}`,
  },
  {
    anchors: ['inlong manager', '[manager]'],
    re: /\bInLong Manager\b|\[Manager\]/i,
    what: 'the InLong Manager service',
    advice: `size the InLong Manager's JVM. ${NOT_FLINK}`,
  },
  {
    anchors: ['mem_limit_exceeded', 'memory limit exceeded'],
    re: /\bMEM_LIMIT_EXCEEDED\b|\bBE\b.{0,40}\bmemory limit exceeded\b/i,
    what: 'a Doris or StarRocks backend (BE) running out of its own memory limit',
    advice: `raise the backend's memory limit (mem_limit in be.conf) or load in smaller batches. ${NOT_FLINK}`,
  },
  {
    anchors: ['datax', 'c.a.d.c.'],
    re: /\bdatax\b|\bcom\.alibaba\.datax\.|\bc\.a\.d\.c\.[a-z]/i,
    what: "Alibaba DataX's own JVM (a batch sync engine, not Flink)",
    advice: `size DataX's JVM (its -Xmx in the job's jvm settings or datax.py -j) or sync in smaller channels. ${NOT_FLINK}`,
  },
  {
    anchors: ['druid'],
    re: /\borg\.apache\.druid\.|\bio\.druid\.|\bdruid\.processing\./i,
    what: 'an Apache Druid process',
    advice: `size Druid's JVM and druid.processing.* buffers. ${NOT_FLINK}`,
  },
  {
    anchors: [
      'flink-kubernetes-operator',
      '--watch-namespace',
      '--metrics-addr',
      'controller-manager',
      'manager pod',
      'operator pod',
    ],
    re: /\bflink-kubernetes-operator(?:-[a-z0-9]{1,40}){1,8}\b|^Name:\s+flink-kubernetes-operator|--watch-namespace\b|--metrics-addr\b|\bcontroller-manager\b|(?<!job |task |job|task)\bmanager pod\b|\boperator pod\b/i,
    what: "the Flink operator's own pod, not a Flink job,",
    advice:
      "raise the memory limit of the operator's Deployment (the operator pod's resources in its Helm values) and, if its own JVM heap is the problem, its JVM options (jvmArgs.operator in the Helm values). No Flink memory option helps.",
  },
];

/** Failures that are not about memory. */
export const NOT_MEMORY: readonly Cue[] = [
  {
    // A Doris or StarRocks backend's (BE) memory that grows while a Flink connector loads into it.
    anchors: [
      'be内存',
      'be 内存',
      'be的内存',
      'be 的内存',
      'be memory',
      'be node',
      "be's memory",
      'backend memory',
      "backend's memory",
      'backends memory',
    ],
    re: /(?<![A-Za-z])(?:BE|be)\s?的?\s?内存|\bBE(?: nodes?)?(?:'s)? memory\b|\b(?:Doris|StarRocks) backends?(?:'s)? memory\b/,
    what: 'a Doris or StarRocks backend (BE) whose own memory grows, not a Flink process',
    advice:
      "the memory belongs to the database the connector loads into: check the backend's memory (mem_limit, compaction, load buffers in be.conf) and load in smaller batches. No Flink memory option applies to it.",
    overrides: ['heap-oom', 'gc-overhead', 'direct-oom', 'container-memory-exceeded'],
  },
  {
    anchors: [
      'istio-proxy',
      'envoy',
      'linkerd-proxy',
      'fluent-bit',
      'fluentbit',
      'filebeat',
      'fluentd',
      'sidecar',
    ],
    re: /\b(?:istio-proxy|envoy|linkerd-proxy|fluent-?bit|filebeat|fluentd|sidecar)\b.{0,80}\bOOMKilled\b|\bOOMKilled\b.{0,80}\b(?:istio-proxy|envoy|linkerd-proxy|fluent-?bit|filebeat|fluentd|sidecar)\b/i,
    what: 'a sidecar container in the Flink pod (a proxy or a log agent) killed for its own memory limit, not a Flink process',
    advice:
      "raise that container's memory limit in the pod template; Flink's memory options size only the Flink container.",
    overrides: ['container-memory-exceeded'],
  },
  {
    anchors: ['pthread_create failed (eperm)'],
    re: /pthread_create failed \(EPERM\)/i,
    what: 'a thread start refused by the container runtime (EPERM), not a memory shortage',
    advice:
      'the JVM is not allowed to create threads: an old Docker or container runtime with a seccomp profile that blocks clone3, or a process limit. Update Docker (20.10.10 or later) or run with a seccomp profile that allows it.',
    overrides: ['host-memory-insufficient', 'native-thread-limit'],
  },
  {
    anchors: [
      'noresourceavailable',
      'minimum required resources',
      'requires slots',
      'required slots',
      'not fulfillable',
      'slot request',
      '不足',
      '不够',
    ],
    re: /NoResourceAvailableException|Could not acquire the minimum required resources|Could not allocate (?:all )?(?:the )?requi?res? slots|Slot request bulk is not fulfillable|slot request (?:timed? ?out|timeout)|(?:slots?|槽位?).{0,6}(?:不足|不够)|资源不足/i,
    what: 'a slot shortage, not a memory failure',
    advice:
      'the cluster offered fewer free task slots than the job needs (TaskManagers missing, not registered yet, or too few slots). Start more TaskManagers or slots (taskmanager.numberOfTaskSlots), or lower the parallelism.',
  },
  {
    anchors: ['no space left', 'disk full', 'disk is full', 'disk was full', 'disk quota', '磁盘'],
    re: /No space left on device|\bdisk (?:is |was )?full\b|\bdisk quota exceeded\b|磁盘(?:空间)?(?:已满|满了|写满|不足)/i,
    what: 'a full disk, not a memory failure',
    advice:
      'free or grow the disk the process writes to (io.tmp.dirs, RocksDB local directories, logs, checkpoints).',
  },
  {
    anchors: ['classnotfoundexception', 'noclassdeffounderror'],
    re: /\bClassNotFoundException\b|\bNoClassDefFoundError\b/,
    what: 'a class missing from the classpath, not a memory failure',
    advice:
      'package the dependency with the job (or put it in lib/), and check classloader.resolve-order for conflicts.',
  },
  {
    anchors: ['stackoverflowerror'],
    re: /StackOverflowError/i,
    what: 'a stack overflow (very deep recursion), not a memory-size failure',
    advice:
      "simplify the recursion (for SQL, deeply nested expressions), or give threads a larger stack with -Xss in env.java.opts; Flink's memory sizes do not set the stack.",
  },
  {
    anchors: [
      'did not exit gracefully',
      'taskcancelerwatchdog',
      'did not react to cancel',
      '杀死',
      '没有响应',
    ],
    re: /Task did not exit gracefully within \d+|TaskCancelerWatchDog|did not react to cancell?ing signal|本身把本身杀死|没有响应(?:中止|取消|停止)指令/i,
    what: 'a TaskManager ending itself because a task ignored cancellation, not a memory failure',
    advice:
      'make blocking user code interruptible (time-outs on external calls); task.cancellation.timeout sets how long Flink waits before it stops the TaskManager.',
  },
];

export const ELSEWHERE_ANCHORS: readonly string[] = [...OTHER_SYSTEMS, ...NOT_MEMORY].flatMap(
  (c) => c.anchors,
);

/** The first cue of a list the line shows, as an observation. */
export function cueOf(cues: readonly Cue[], line: string, lower: string): Elsewhere | null {
  for (const c of cues) {
    if (!c.anchors.some((a) => lower.includes(a))) continue;
    if (!c.re.test(line)) continue;
    return {
      what: c.what,
      advice: c.advice,
      line: line.trim().slice(0, 200),
      ...(c.overrides ? { overrides: c.overrides } : {}),
    };
  }
  return null;
}
