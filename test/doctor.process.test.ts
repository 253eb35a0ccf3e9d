/**
 * Which process failed: users rarely say, so the doctor reads it from the text, and JSON output
 * carries it as `component`.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../src/doctor/advisor.js';
import { formatJson, formatText } from '../src/doctor/format.js';

const OOM = 'java.lang.OutOfMemoryError: Java heap space';

const CASES: readonly [string, string, 'taskmanager' | 'jobmanager' | 'unknown'][] = [
  [
    'the Flink Master wording',
    'java.lang.OutOfMemoryError: Metaspace. The metaspace out-of-memory error has occurred. This can mean two things: either Flink Master requires a larger size of JVM metaspace to load classes or there is a class loading leak.',
    'jobmanager',
  ],
  ['a jobmanager thread', `Exception in thread "jobmanager-io-thread-3" ${OOM}`, 'jobmanager'],
  [
    'a jobmanager future thread',
    `2024-01-01 00:00:00,000 ERROR org.apache.flink.util.FatalExitExceptionHandler [] - FATAL: Thread 'jobmanager-future-thread-1' produced an uncaught exception. Stopping the process...\n${OOM}`,
    'jobmanager',
  ],
  [
    'the application master container on YARN',
    'Container [pid=4242,containerID=container_e18_1700000000000_0042_01_000001] is running beyond physical memory limits. Current usage: 2.1 GB of 2 GB physical memory used; 3.9 GB of 4.2 GB virtual memory used. Killing container.',
    'jobmanager',
  ],
  [
    'a TaskManager container on YARN',
    'Container [pid=4243,containerID=container_e18_1700000000000_0042_01_000003] is running beyond physical memory limits. Current usage: 4.1 GB of 4 GB physical memory used; 5.9 GB of 8.4 GB virtual memory used. Killing container.',
    'taskmanager',
  ],
  [
    'the JobManager entry point',
    `2024-01-01 00:00:00,000 INFO  org.apache.flink.runtime.entrypoint.ClusterEntrypoint [] - Starting KubernetesApplicationClusterEntrypoint (Version: 1.18.1)\n2024-01-01 01:00:00,000 ERROR org.apache.flink.runtime.util.ClusterUncaughtExceptionHandler [] - WARNING: Thread 'flink-pekko.actor.default-dispatcher-4' produced an uncaught exception.\n${OOM}`,
    'jobmanager',
  ],
  [
    'an error in the cluster entry point',
    `org.apache.flink.runtime.entrypoint.ClusterEntrypointException: Fatal error occurred in the cluster entrypoint.\nCaused by: ${OOM}`,
    'jobmanager',
  ],
  [
    'a TaskManager log',
    `2024-01-01 00:00:00,000 INFO  org.apache.flink.runtime.taskexecutor.TaskManagerRunner [] - Starting TaskManager (Version: 1.18.1)\n${OOM}`,
    'taskmanager',
  ],
  [
    'a task failure in a JobManager log (the task ran on a TaskManager)',
    `2024-01-01 00:00:00,000 INFO  org.apache.flink.runtime.entrypoint.ClusterEntrypoint [] - Starting StandaloneSessionClusterEntrypoint (Version: 1.18.1)\n2024-01-01 01:00:00,000 INFO  org.apache.flink.runtime.executiongraph.ExecutionGraph [] - Map (1/2) (aa_bb_0_0) switched from RUNNING to FAILED on 10.0.0.7:41211-77a0c1 @ worker-2 (dataPort=43575).\n${OOM}`,
    'taskmanager',
  ],
  [
    'a pod named after the JobManager',
    'Name:         orders-jobmanager-6c9d8f7b5-abcde\n    Last State:     Terminated\n      Reason:       OOMKilled\n      Exit Code:    137',
    'jobmanager',
  ],
  [
    'a split enumerator in the trace (it runs in the JobManager)',
    `${OOM}\n\tat org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumerator.discoverAndInitializePartitionSplit(KafkaSourceEnumerator.java:200)`,
    'jobmanager',
  ],
  [
    'a source coordinator thread',
    `Exception in thread "SourceCoordinator-Source: orders" ${OOM}`,
    'jobmanager',
  ],
  [
    'a coordinator frame',
    `${OOM}\n\tat org.apache.flink.runtime.source.coordinator.SourceCoordinatorContext.lambda$runInCoordinatorThread$6(SourceCoordinatorContext.java:255)`,
    'jobmanager',
  ],
  [
    'a job submitted through the REST API',
    `${OOM}\n\tat org.apache.flink.runtime.webmonitor.handlers.JarRunHandler.lambda$getJobGraphAsync$6(JarRunHandler.java:138)`,
    'jobmanager',
  ],
  [
    'a newer JobManager io thread',
    `2024-01-01 00:00:00,000 ERROR org.apache.flink.util.FatalExitExceptionHandler [] - FATAL: Thread 'cluster-io-thread-4' produced an uncaught exception. Stopping the process...\n${OOM}`,
    'jobmanager',
  ],
  [
    'a subtask thread (it runs in a TaskManager)',
    `Exception in thread "Source: kafka_source -> Calc(select=[a, b]) (1/4)#0" ${OOM}`,
    'taskmanager',
  ],
  [
    'an operator frame',
    `${OOM}\n\tat org.apache.flink.table.runtime.operators.join.HashJoinOperator.processElement(HashJoinOperator.java:100)`,
    'taskmanager',
  ],
  [
    'a RocksDB state frame',
    `${OOM}\n\tat org.apache.flink.contrib.streaming.state.RocksDBKeyedStateBackend.getOrCreateKeyedState(RocksDBKeyedStateBackend.java:700)`,
    'taskmanager',
  ],
  ['"JM" in someone\'s words, in Chinese', `我们的 JM 隔几天就挂一次：${OOM}`, 'jobmanager'],
  ['"TM" in someone\'s words, in Chinese', `TM 运行一段时间后报 ${OOM}`, 'taskmanager'],
  ['nothing that tells (the explanation says so)', OOM, 'unknown'],
  [
    "the job's data work in someone's words (a sink): a TaskManager",
    `The Kafka sink fails after a few hours: ${OOM}`,
    'taskmanager',
  ],
  ['算子/写入 in Chinese: a TaskManager', `写入 Hudi 时报 ${OOM}`, 'taskmanager'],
  ['a unit test (its own JVM)', `Our unit tests are failing with ${OOM}`, 'unknown'],
  [
    'the JVM of "Java HotSpot(TM)" is not a TaskManager',
    "Java HotSpot(TM) 64-Bit Server VM warning: INFO: os::commit_memory(0x00007fb1b0689000, 12288, 0) failed; error='Cannot allocate memory' (errno=12)",
    'unknown',
  ],
  [
    'a YARN container id on the line of its exit',
    `worker node container_e1414_1713947523302_994380_01_000007 terminated with exit code 239.\nThe JVM metadata memory was too small.`,
    'taskmanager',
  ],
  [
    'nothing that tells, for metaspace (either process)',
    'java.lang.OutOfMemoryError: Metaspace',
    'unknown',
  ],
];

describe('which process failed', () => {
  it.each(CASES)('%s', (_name, text, component) => {
    const result = diagnose({ text });
    expect(result.diagnoses[0]?.component).toBe(component);
    const json = JSON.parse(formatJson(result)) as { diagnoses: { component: string }[] };
    expect(json.diagnoses[0]?.component).toBe(component);
  });

  it("links the set-up page of the process that failed, not the other one's", () => {
    const jm = diagnose({ text: CASES[0]![1] }).diagnoses[0]!;
    expect(jm.docs.some((u) => u.includes('/mem_setup_tm/'))).toBe(false);
    const tm = diagnose({ text: CASES[7]![1] }).diagnoses[0]!;
    expect(tm.docs).toContain(
      'https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/memory/mem_setup_tm/#task-operator-heap-memory',
    );
    expect(tm.docs.some((u) => u.includes('/mem_setup_jobmanager/'))).toBe(false);
    // A heap OOM that names no process links both set-up pages.
    const undecided = diagnose({ text: OOM }).diagnoses[0]!;
    expect(undecided.docs.some((u) => u.includes('/mem_setup_jobmanager/'))).toBe(true);
    expect(undecided.docs.some((u) => u.includes('/mem_setup_tm/'))).toBe(true);
  });

  it('gives suggestions for both processes when the text does not say and either is as likely', () => {
    const keys = diagnose({
      text: 'java.lang.OutOfMemoryError: Metaspace',
    }).diagnoses[0]!.suggestions.map((s) => s.key.split('.')[0]);
    expect(new Set(keys)).toEqual(new Set(['taskmanager', 'jobmanager']));
  });

  it('says so when nothing tells the process, and suggests for both', () => {
    const d = diagnose({ text: OOM }).diagnoses[0]!;
    expect(d.component).toBe('unknown');
    expect(d.explanation).toContain('The text does not say which process failed');
    expect(new Set(d.suggestions.map((s) => s.key.split('.')[0]))).toEqual(
      new Set(['taskmanager', 'jobmanager']),
    );
  });

  it("takes a failure for a TaskManager's when the text describes the job's data work, and quotes that line", () => {
    const d = diagnose({ text: `The Kafka sink fails after a few hours:\n${OOM}` }).diagnoses[0]!;
    expect(d.component).toBe('taskmanager');
    expect(d.explanation).toContain(
      `describes the job's own data work ("The Kafka sink fails after a few hours:")`,
    );
    expect(new Set(d.suggestions.map((s) => s.key.split('.')[0]))).toEqual(
      new Set(['taskmanager']),
    );
  });

  it("reads the JVM's fatal-error banner as one event, with the size it failed to map", () => {
    const text = [
      "OpenJDK 64-Bit Server VM warning: INFO: os::commit_memory(0x00000006c0000000, 4294967296, 0) failed; error='Cannot allocate memory' (errno=12)",
      '#',
      '# There is insufficient memory for the Java Runtime Environment to continue.',
      '# Native memory allocation (mmap) failed to map 4294967296 bytes for committing reserved memory.',
    ].join('\n');
    const d = diagnose({ text }).diagnoses;
    expect(d.map((x) => x.id)).toEqual(['host-memory-insufficient']);
    expect(d[0]!.explanation).toContain('(a request of 4g failed)');
    expect(d[0]!.explanation).not.toContain('Seen');
    expect(d[0]!.suggestions).toEqual([]);
    expect(formatText(diagnose({ text }))).toContain(
      '\n   change: no option change to suggest from this text; see above.\n',
    );
  });

  it('tells a class-loading leak from undersizing by what the text says about submissions', () => {
    const caveat = 'submitted again and again';
    expect(
      diagnose({
        text: 'We submitted the job once and the TaskManager failed at start with java.lang.OutOfMemoryError: Metaspace',
      }).diagnoses[0]!.explanation,
    ).not.toContain(caveat);
    expect(
      diagnose({
        text: 'JobManager metaspace OOM after every job submission: java.lang.OutOfMemoryError: Metaspace',
      }).diagnoses[0]!.explanation,
    ).toContain(caveat);
    expect(
      diagnose({ text: 'session 集群反复提交 SQL 作业，过几天 JobManager 就元空间不足挂掉。' })
        .diagnoses[0]!.explanation,
    ).toContain(caveat);
  });

  it('blames a long pause on the process that wrote the log, not on the peer whose heartbeat it then missed', () => {
    const text = [
      '2024-02-02 07:15:44,812 INFO  org.apache.hadoop.util.JvmPauseMonitor [] - Detected pause in JVM or host machine (eg GC): pause of approximately 21354ms',
      '2024-02-02 07:15:45,002 WARN  org.apache.flink.runtime.taskexecutor.TaskExecutor [] - The heartbeat of JobManager with id 7f6e5d4c3b2a19080706f5e4d3c2b1a0 timed out.',
    ].join('\n');
    const d = diagnose({ text }).diagnoses;
    expect(d.map((x) => `${x.id}@${x.component}`)).toEqual([
      'gc-overhead@taskmanager',
      'heartbeat-timeout@jobmanager',
    ]);
    expect(d[0]!.suggestions.map((s) => s.key)).toContain('taskmanager.memory.process.size');
    expect(d[1]!.suggestions.map((s) => s.key)).toEqual(['heartbeat.timeout']);
  });
});
