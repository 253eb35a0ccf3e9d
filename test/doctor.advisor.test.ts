/**
 * How the doctor reads text: root causes, several failures, pastes, languages, processes, streams.
 */
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { diagnose, diagnoseStream } from '../src/doctor/advisor.js';
import { formatJson, formatText } from '../src/doctor/format.js';
import { SIGNATURES } from '../src/doctor/signatures/index.js';
import { defineSignature } from '../src/doctor/signature.js';
import fc from 'fast-check';
import { computeJobManager, computeTaskManager } from '../src/model/compute.js';
import { applyChanges } from '../src/model/trial.js';
import { defaultVersion } from '../src/primitives/version.js';

const ids = (text: string) => diagnose({ text }).diagnoses.map((d) => `${d.id}@${d.component}`);

describe('root cause and several failures', () => {
  it('lets the deepest memory error of a Caused-by chain decide', () => {
    const text = [
      'org.apache.flink.runtime.memory.MemoryAllocationException: Could not allocate 64 pages',
      '\tat org.apache.flink.runtime.memory.MemoryManager.allocatePages(MemoryManager.java:252)',
      'Caused by: java.lang.OutOfMemoryError: Java heap space',
      '\tat java.util.Arrays.copyOf(Arrays.java:3332)',
    ].join('\n');
    expect(diagnose({ text }).diagnoses.map((d) => d.id)).toEqual(['heap-oom']);
    expect(diagnose({ text }).diagnoses[0]!.evidence).toEqual({
      line: 3,
      text: 'Caused by: java.lang.OutOfMemoryError: Java heap space',
    });
  });

  it('keeps failures of separate log events apart, root causes before symptoms', () => {
    const text = [
      '2024-01-01 10:00:00,000 INFO  org.apache.flink.runtime.taskexecutor.TaskExecutor [] - The heartbeat of JobManager with id 0a0b timed out.',
      '2024-01-01 10:01:00,000 ERROR org.apache.flink.runtime.taskexecutor.TaskManagerRunner [] - Fatal error occurred while executing the TaskManager. Shutting it down...',
      'java.lang.OutOfMemoryError: Metaspace',
    ].join('\n');
    expect(ids(text)).toEqual(['metaspace-oom@taskmanager', 'heartbeat-timeout@jobmanager']);
  });

  it('gives no diagnosis for frames or log lines of a program that never names Flink or its processes', () => {
    const trace =
      'java.lang.OutOfMemoryError: Direct buffer memory\n\tat java.nio.Bits.reserveMemory(Bits.java:694)\n\tat io.netty.buffer.PoolArena$DirectArena.allocateDirect(PoolArena.java:758)';
    const r = diagnose({ text: trace });
    expect(r.diagnoses).toEqual([]);
    expect(r.lookedAt).toContain('a Java program that is not Flink');
    expect(ids(`Our Flink job stops after an hour:\n${trace}`)).toEqual(['direct-oom@unknown']);
    expect(ids(`The TaskManager stops after an hour:\n${trace}`)).toEqual([
      'direct-oom@taskmanager',
    ]);
    // Flink's vocabulary is enough: a job (作业) or a checkpoint.
    expect(ids(`作业运行一小时后报错：\n${trace}`)).toEqual(['direct-oom@unknown']);
    expect(ids(`It fails at the first checkpoint:\n${trace}`)).toEqual(['direct-oom@unknown']);
  });

  it('reports a failure once per process, counting how often it showed', () => {
    const one =
      'java.lang.OutOfMemoryError: Java heap space\n\tat com.example.Job.run(Job.java:1)\n';
    const result = diagnose({ text: `${one}\n${one}\n${one}\nThe Flink job failed three times.` });
    expect(result.diagnoses).toHaveLength(1);
    expect(result.diagnoses[0]!.explanation).toContain('Seen 3 times');
    expect(result.diagnoses[0]!.evidence.line).toBe(1);
  });

  it("drops someone's own words when Flink's text names the failure", () => {
    expect(ids('任务内存溢出了，日志：\njava.lang.OutOfMemoryError: Metaspace')).toEqual([
      'metaspace-oom@unknown',
    ]);
    expect(ids('作业隔几天就内存溢出')).toEqual(['heap-oom@unknown']);
  });
});

describe('pastes', () => {
  it('reads Markdown quotes, fences and kubectl timestamps', () => {
    expect(ids('> Caused by: java.lang.OutOfMemoryError: Metaspace')).toEqual([
      'metaspace-oom@unknown',
    ]);
    const fenced = [
      'Here is the trace:',
      '```java',
      'java.lang.OutOfMemoryError: Direct buffer memory',
      '```',
    ].join('\n');
    expect(diagnose({ text: fenced }).diagnoses[0]).toMatchObject({
      id: 'direct-oom',
      evidence: { line: 3 },
    });
    const kubectl = [
      '2024-05-01T10:00:00.000000000Z java.lang.OutOfMemoryError: Java heap space',
      '2024-05-01T10:00:00.000000001Z \tat org.apache.flink.runtime.taskmanager.Task.run(Task.java:568)',
    ].join('\n');
    expect(ids(kubectl)).toEqual(['heap-oom@taskmanager']);
  });

  it('matches what the text says, not only the exception class', () => {
    expect(ids('java.sql.SQLException: Java heap space')).toEqual(['heap-oom@unknown']);
    expect(
      ids(
        'RuntimeException: Cannot reserve 1048576 bytes of direct buffer memory (allocated: 1, limit: 2)',
      ),
    ).toEqual(['direct-oom@unknown']);
  });

  it.each([
    ['TaskManager 堆内存不足', 'heap-oom@taskmanager'],
    ['JobManager 内存溢出', 'heap-oom@jobmanager'],
    ['TaskManager 直接内存不足', 'direct-oom@taskmanager'],
    ['元空间溢出，TaskManager 挂了', 'metaspace-oom@taskmanager'],
    ['网络缓冲不足', 'network-buffers-insufficient@taskmanager'],
    ['TaskManager 容器被杀', 'container-memory-exceeded@taskmanager'],
    ['pod 状态是 OOMKilled', 'container-memory-exceeded@unknown'],
    ['托管内存不足', 'managed-memory-insufficient@taskmanager'],
    ['频繁 Full GC，JobManager 卡住', 'gc-overhead@jobmanager'],
    ['TaskManager 心跳超时', 'heartbeat-timeout@taskmanager'],
    ['PyFlink UDF 内存不足', 'python-worker-memory@taskmanager'],
    ['机器内存不足，TaskManager 起不来', 'host-memory-insufficient@taskmanager'],
  ])('maps Chinese "%s" to %s', (text, expected) => {
    expect(ids(text)).toEqual([expected]);
  });

  it('does not take look-alikes for memory failures', () => {
    expect(
      ids('java.lang.ClassNotFoundException: org.apache.flink.connector.kafka.source.KafkaSource'),
    ).toEqual([]);
    expect(
      ids(
        'org.apache.flink.runtime.checkpoint.CheckpointException: Checkpoint expired before completing.',
      ),
    ).toEqual([]);
    expect(
      ids(
        '[Full GC (Ergonomics) [PSYoungGen: 1K->0K(2K)] 3K->2K(4K), [Metaspace: 1234K->1234K(1056768K)], 0.0312 secs]',
      ),
    ).toEqual([]);
    expect(
      ids(' Metaspace       used 20000K, capacity 20480K, committed 20736K, reserved 1067008K'),
    ).toEqual([]);
    expect(ids('-XX:+HeapDumpOnOutOfMemoryError -XX:MaxMetaspaceSize=268435456')).toEqual([]);
  });

  it('says what it looked at when nothing matched', () => {
    const r = diagnose({ text: 'java.lang.ClassNotFoundException: com.example.Foo' });
    expect(r.lookedAt).toContain('Looked at 1 line');
    expect(r.lookedAt).toContain('java.lang.ClassNotFoundException');
  });
});

describe('which process', () => {
  it.each([
    [
      'java.lang.OutOfMemoryError: Java heap space. A heap space-related out-of-memory error has occurred. This can mean two things: either Flink Master requires a larger size of JVM heap space',
      'jobmanager',
    ],
    [
      "WARNING: Thread 'jobmanager-io-thread-4' produced an uncaught exception.\njava.lang.OutOfMemoryError: Java heap space",
      'jobmanager',
    ],
    [
      'Container [pid=1,containerID=container_e01_1700000000000_0001_01_000001] is running beyond physical memory limits. Current usage: 2.1 GB of 2 GB physical memory used; 3 GB of 4.2 GB virtual memory used. Killing container.',
      'jobmanager',
    ],
    [
      'Container [pid=1,containerID=container_e01_1700000000000_0001_01_000004] is running beyond physical memory limits. Current usage: 2.1 GB of 2 GB physical memory used; 3 GB of 4.2 GB virtual memory used. Killing container.',
      'taskmanager',
    ],
    [
      '2024-01-01 00:00:00,000 INFO org.apache.flink.runtime.entrypoint.ClusterEntrypoint [] - Starting KubernetesApplicationClusterEntrypoint (Version: 1.18.1)\njava.lang.OutOfMemoryError: Java heap space',
      'jobmanager',
    ],
    [
      '2024-01-01 00:00:00,000 INFO org.apache.flink.yarn.YarnTaskExecutorRunner [] - Starting YarnTaskExecutorRunner\njava.lang.OutOfMemoryError: Java heap space',
      'taskmanager',
    ],
    [
      'Name:   flink-jobmanager-5d4b8c7f9-abcde\n    Last State:  Terminated\n      Reason:    OOMKilled',
      'jobmanager',
    ],
  ])('infers it from the text (%#)', (text, component) => {
    expect(diagnose({ text }).diagnoses[0]?.component).toBe(component);
  });
});

describe('output', () => {
  const result = diagnose({ text: 'java.lang.OutOfMemoryError: Metaspace' });

  it('prints the JSON shape of the spec', () => {
    const json = JSON.parse(formatJson(result)) as { diagnoses: Record<string, unknown>[] };
    expect(Object.keys(json)).toEqual(['diagnoses']);
    expect(Object.keys(json.diagnoses[0]!)).toEqual([
      'id',
      'component',
      'summary',
      'explanation',
      'evidence',
      'suggestions',
      'docs',
    ]);
    const s = (json.diagnoses[0]!.suggestions as Record<string, string>[])[0]!;
    expect(Object.keys(s)).toEqual(['key', 'current', 'suggested', 'why']);
    expect(s).toMatchObject({
      key: 'taskmanager.memory.jvm-metaspace.size',
      current: 'default 256m',
      suggested: '512m',
    });
    expect(JSON.parse(formatJson(diagnose({ text: 'nothing here' })))).toEqual({
      diagnoses: [],
      lookedAt: expect.stringContaining('Looked at 1 line'),
    });
  });

  it('prints text with the evidence, its line, and key: current -> suggested (why)', () => {
    const text = formatText(result);
    expect(text).toContain('line 1: java.lang.OutOfMemoryError: Metaspace');
    expect(text).toMatch(/taskmanager\.memory\.jvm-metaspace\.size: default 256m -> 512m \(/);
    expect(formatText(diagnose({ text: 'all good' }))).toMatch(
      /^flink-mem doctor: no memory failure recognised\./,
    );
  });
});

describe('streaming', () => {
  it('gives the same result for a stream as for the whole text', async () => {
    const text = [
      '2024-01-01 INFO starting',
      'java.lang.OutOfMemoryError: Direct buffer memory',
      '\tat java.nio.Bits.reserveMemory(Bits.java:175)',
    ].join('\n');
    const streamed = await diagnoseStream(
      createInterface({ input: Readable.from([text]), crlfDelay: Infinity }),
    );
    expect(streamed).toEqual(diagnose({ text }));
  });

  it('finds a failure deep inside a long log', async () => {
    async function* lines() {
      for (let i = 0; i < 200_000; i++) {
        yield `2024-01-01 10:00:00,${String(i % 1000).padStart(3, '0')} INFO  org.apache.flink.runtime.taskexecutor.TaskExecutor [] - Heartbeat tick ${i}`;
        if (i === 150_000) yield 'java.lang.OutOfMemoryError: Java heap space';
      }
    }
    const r = await diagnoseStream(lines());
    expect(r.linesRead).toBe(200_001);
    expect(r.diagnoses.map((d) => `${d.id}@${d.component}@${d.evidence.line}`)).toEqual([
      'heap-oom@taskmanager@150002',
    ]);
  });
});

describe('signatures', () => {
  it('are listed sorted by id, ids unique, one per file', () => {
    const list = SIGNATURES.map((s) => s.id);
    expect(list).toEqual([...list].sort());
    expect(new Set(list).size).toBe(list.length);
    expect(list.length).toBeGreaterThanOrEqual(12);
  });

  it('are checked when declared', () => {
    const base = SIGNATURES[0]!;
    expect(() => defineSignature({ ...base, id: 'Not_Kebab' })).toThrow(/kebab-case/);
    expect(() => defineSignature({ ...base, keywords: ['Upper'] })).toThrow(/lower-case/);
    expect(() => defineSignature({ ...base, patterns: [{ re: /x/g }] })).toThrow(/global/);
  });
});

describe('robustness (fast-check, fixed seed)', () => {
  const num = fc.oneof(
    fc.constantFrom('0', '1', '4096', '32768', '999999999999999999999999'),
    fc.bigInt({ min: 0n, max: 1n << 40n }).map(String),
  );
  const fragment = fc.oneof(
    fc.string(),
    fc
      .tuple(num, num, num)
      .map(
        ([a, b, c]) =>
          `java.lang.OutOfMemoryError: Cannot reserve ${a} bytes of direct buffer memory (allocated: ${b}, limit: ${c})`,
      ),
    fc
      .tuple(num, num, num, num)
      .map(
        ([r, a, t, s]) =>
          `java.io.IOException: Insufficient number of network buffers: required ${r}, but only ${a} available. The total number of network buffers is currently set to ${t} of ${s} bytes each.`,
      ),
    fc
      .tuple(num, num)
      .map(
        ([r, a]) =>
          `MemoryReservationException: Could not allocate ${r} bytes, only ${a} bytes are remaining`,
      ),
    fc
      .tuple(num)
      .map(
        ([s]) =>
          `Could not created the shared memory resource of size ${s}. Not enough memory left to reserve from the slot's managed memory.`,
      ),
    fc
      .tuple(fc.double(), fc.double())
      .map(
        ([u, l]) =>
          `Container [pid=1,containerID=container_1_0001_01_000002] is running beyond virtual memory limits. Current usage: ${u} GB of ${l} GB physical memory used; ${u} GB of ${l} GB virtual memory used.`,
      ),
    fc.constantFrom(
      'java.lang.OutOfMemoryError: Java heap space',
      'Caused by: java.lang.OutOfMemoryError: Metaspace',
      '\tat x.y.Z.run(Z.java:1)',
      'Reason: OOMKilled',
      '```',
      '> quoted',
      'MiniCluster',
      'Traceback (most recent call last):',
      'MemoryError',
    ),
  );
  const configs = fc.constantFrom<Record<string, string>>(
    {},
    { 'taskmanager.memory.process.size': '600m' },
    { 'taskmanager.memory.process.size': '64g', 'taskmanager.numberOfTaskSlots': '16' },
    { 'taskmanager.memory.flink.size': '1g', 'taskmanager.memory.process.size': '1g' },
  );

  it('never throws, and every suggestion with an effect passes the model', () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 12 }), configs, (parts, entries) => {
        const config = new Map(
          Object.entries(entries).map(([k, v]) => [k, { kind: 'string' as const, text: v }]),
        );
        const withConfig = Object.keys(entries).length > 0;
        const r = diagnose({
          text: parts.join('\n'),
          target: 'standalone',
          ...(withConfig ? { config } : {}),
        });
        formatText(r);
        formatJson(r);
        const groups = new Map<string, Record<string, string | null>>();
        for (const s of r.diagnoses.flatMap((d) => d.suggestions)) {
          if (s.effect)
            groups.set(s.effect, {
              ...(groups.get(s.effect) ?? {}),
              [s.key]: s.suggested === 'remove' ? null : s.suggested,
            });
        }
        if (!withConfig) expect(groups.size).toBe(0);
        for (const changes of groups.values()) {
          const changed = applyChanges(config, changes);
          const options = { version: defaultVersion(), target: 'standalone' as const };
          if (Object.keys(changes).some((k) => k.startsWith('taskmanager.')))
            expect(computeTaskManager(changed, options).ok).toBe(true);
          if (Object.keys(changes).some((k) => k.startsWith('jobmanager.')))
            expect(computeJobManager(changed, options).ok).toBe(true);
        }
        return true;
      }),
      { seed: 4242, numRuns: 400 },
    );
  });
});

describe('bounded state', () => {
  it('keeps a block with thousands of matching lines small and still finds a deeper, different failure', () => {
    const lines = ['Events:'];
    for (let i = 0; i < 5000; i++)
      lines.push(
        `  Warning  OOMKilled  ${i}s  kubelet  container flink-main-container was OOMKilled`,
      );
    lines.push('  Caused by: java.lang.OutOfMemoryError: Metaspace');
    const r = diagnose({ text: lines.join('\n') });
    expect(r.diagnoses.map((d) => d.id)).toEqual(['metaspace-oom']);
  });
});
