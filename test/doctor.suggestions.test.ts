/**
 * The doctor's values must work: for every failure text against a range of configurations (the
 * fixture configs and generated ones), each suggestion applied to the configuration gives one the
 * model accepts, and all of a diagnosis's suggestions for one process together also make the
 * failing component larger.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../src/doctor/advisor.js';
import type { Diagnosis, Process, Suggestion } from '../src/doctor/types.js';
import { computeJobManager, computeTaskManager } from '../src/model/compute.js';
import { applyChanges } from '../src/model/trial.js';
import type { RawValue } from '../src/primitives/raw-value.js';
import type { FlinkVersion } from '../src/primitives/version.js';
import { str } from '../src/primitives/raw-value.js';
import { defaultVersion, parseVersion } from '../src/primitives/version.js';
import { cli } from './cli-harness.js';
import { DOCTOR_FIXTURES, doctorFixtureConfig, loadDoctorFixtures } from './doctor-fixtures.js';

const VERSION = defaultVersion();
const OPTIONS = { version: VERSION, target: 'standalone' as const };

function config(entries: Record<string, string>): Map<string, RawValue> {
  return new Map(Object.entries(entries).map(([k, v]) => [k, str(v)]));
}

function fixtureConfigs(): [string, Map<string, RawValue>][] {
  return readdirSync(join(DOCTOR_FIXTURES, 'configs'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => [f, doctorFixtureConfig(`configs/${f}`)]);
}

/**
 * Configurations people write: a total process size, a total Flink size, fine-grained sizes, tight
 * and generous ones.
 */
const GENERATED: [string, Map<string, RawValue>][] = [
  [
    'process sizes',
    config({ 'taskmanager.memory.process.size': '4g', 'jobmanager.memory.process.size': '2g' }),
  ],
  [
    'flink sizes',
    config({ 'taskmanager.memory.flink.size': '3g', 'jobmanager.memory.flink.size': '1500m' }),
  ],
  [
    'fine-grained',
    config({
      'taskmanager.memory.task.heap.size': '1g',
      'taskmanager.memory.managed.size': '1g',
      'jobmanager.memory.heap.size': '1g',
    }),
  ],
  [
    'small, 4 slots',
    config({
      'taskmanager.memory.process.size': '1g',
      'taskmanager.numberOfTaskSlots': '4',
      'jobmanager.memory.process.size': '1g',
    }),
  ],
  [
    'everything set',
    config({
      'taskmanager.memory.process.size': '8g',
      'taskmanager.memory.network.min': '256m',
      'taskmanager.memory.network.max': '256m',
      'taskmanager.memory.managed.size': '2g',
      'taskmanager.memory.task.off-heap.size': '256m',
      'taskmanager.memory.jvm-overhead.min': '512m',
      'taskmanager.memory.jvm-overhead.max': '1g',
      'taskmanager.memory.jvm-metaspace.size': '384m',
      'taskmanager.numberOfTaskSlots': '8',
      'jobmanager.memory.process.size': '4g',
      'jobmanager.memory.off-heap.size': '512m',
      'jobmanager.memory.jvm-overhead.max': '512m',
    }),
  ],
  [
    'legacy heap keys',
    config({
      'taskmanager.heap.size': '4g',
      'jobmanager.heap.size': '2g',
      'taskmanager.numberOfTaskSlots': '2',
    }),
  ],
  [
    'fractions',
    config({
      'taskmanager.memory.process.size': '6g',
      'taskmanager.memory.managed.fraction': '0.6',
      'taskmanager.memory.network.fraction': '0.15',
      'jobmanager.memory.process.size': '3g',
    }),
  ],
];

const TM_LOG =
  '2024-05-01 10:00:00,000 INFO  org.apache.flink.runtime.taskexecutor.TaskManagerRunner [] - Starting TaskManager (Version: 1.18.1)\n';
const JM_LOG =
  '2024-05-01 10:00:00,000 INFO  org.apache.flink.runtime.entrypoint.ClusterEntrypoint [] - Starting StandaloneSessionClusterEntrypoint (Version: 1.18.1)\n';

/** Failure texts with the process they concern and the component the suggestions must grow. */
const FAILURES: {
  name: string;
  text: string;
  id: string;
  process: Process;
  grows: string | readonly string[] | null;
  extra?: Record<string, string>;
}[] = [
  {
    name: 'TaskManager heap',
    text: `${TM_LOG}java.lang.OutOfMemoryError: Java heap space`,
    id: 'heap-oom',
    process: 'taskmanager',
    grows: 'taskHeap',
  },
  {
    name: 'JobManager heap (Flink Master)',
    text: 'java.lang.OutOfMemoryError: Java heap space. A heap space-related out-of-memory error has occurred. This can mean two things: either Flink Master requires a larger size of JVM heap space or there is a memory leak.',
    id: 'heap-oom',
    process: 'jobmanager',
    grows: 'jvmHeap',
  },
  {
    name: 'TaskManager direct',
    text: `${TM_LOG}java.lang.OutOfMemoryError: Direct buffer memory`,
    id: 'direct-oom',
    process: 'taskmanager',
    grows: 'jvmDirect',
  },
  {
    name: 'TaskManager direct reservation',
    text: `${TM_LOG}java.lang.OutOfMemoryError: Cannot reserve 268435456 bytes of direct buffer memory (allocated: 300000000, limit: 310000000)`,
    id: 'direct-oom',
    process: 'taskmanager',
    grows: 'jvmDirect',
  },
  {
    name: 'JobManager direct',
    text: `${JM_LOG}java.lang.OutOfMemoryError: Direct buffer memory`,
    id: 'direct-oom',
    process: 'jobmanager',
    grows: 'jvmHeap',
  },
  {
    name: 'JobManager direct, limit on',
    text: `${JM_LOG}java.lang.OutOfMemoryError: Direct buffer memory`,
    id: 'direct-oom',
    process: 'jobmanager',
    grows: 'offHeap',
    extra: { 'jobmanager.memory.enable-jvm-direct-memory-limit': 'true' },
  },
  {
    name: 'TaskManager metaspace',
    text: `${TM_LOG}java.lang.OutOfMemoryError: Metaspace`,
    id: 'metaspace-oom',
    process: 'taskmanager',
    grows: 'jvmMetaspace',
  },
  {
    name: 'JobManager metaspace',
    text: `${JM_LOG}java.lang.OutOfMemoryError: Metaspace`,
    id: 'metaspace-oom',
    process: 'jobmanager',
    grows: 'jvmMetaspace',
  },
  {
    name: 'network buffers',
    text: 'java.io.IOException: Insufficient number of network buffers: required 3000, but only 1952 available. The total number of network buffers is currently set to 22773 of 32768 bytes each.',
    id: 'network-buffers-insufficient',
    process: 'taskmanager',
    grows: 'network',
  },
  {
    name: 'TaskManager container',
    text: `${TM_LOG}Pod terminated, container termination statuses: [flink-main-container(exitCode=137, reason=OOMKilled, message=null)]`,
    id: 'container-memory-exceeded',
    process: 'taskmanager',
    grows: 'jvmOverhead',
  },
  {
    name: 'YARN container with numbers',
    text: 'Container [pid=1,containerID=container_1_0001_01_000002] is running beyond physical memory limits. Current usage: 4.6 GB of 4 GB physical memory used; 6.1 GB of 8.4 GB virtual memory used. Killing container.',
    id: 'container-memory-exceeded',
    process: 'taskmanager',
    grows: 'jvmOverhead',
  },
  {
    name: 'JobManager container',
    text: `${JM_LOG}Reason: OOMKilled`,
    id: 'container-memory-exceeded',
    process: 'jobmanager',
    grows: 'jvmOverhead',
  },
  {
    name: 'managed bytes',
    text: 'org.apache.flink.runtime.memory.MemoryReservationException: Could not allocate 16777216 bytes, only 8388608 bytes are remaining.',
    id: 'managed-memory-insufficient',
    process: 'taskmanager',
    grows: 'managed',
  },
  {
    name: 'managed shared resource',
    text: 'org.apache.flink.runtime.memory.MemoryAllocationException: Could not created the shared memory resource of size 536870912.',
    id: 'managed-memory-insufficient',
    process: 'taskmanager',
    grows: 'managed',
  },
  {
    name: 'GC overhead',
    text: `${TM_LOG}java.lang.OutOfMemoryError: GC overhead limit exceeded`,
    id: 'gc-overhead',
    process: 'taskmanager',
    grows: 'taskHeap',
  },
  {
    name: 'long GC pauses',
    text: `${TM_LOG}[123.456s][info][gc] GC(812) Pause Full (G1 Compaction Pause) 2040M->2030M(2048M) 9123.456ms`,
    id: 'gc-overhead',
    process: 'taskmanager',
    grows: 'taskHeap',
  },
  {
    name: 'Python worker',
    text: `${TM_LOG}pyflink worker: Traceback (most recent call last):\nMemoryError`,
    id: 'python-worker-memory',
    process: 'taskmanager',
    grows: ['managed', 'taskOffHeap'],
  },
];

type Sizes = Record<string, bigint>;

const derive = (c: ReadonlyMap<string, RawValue>, p: Process): Sizes | null => deriveIn(c, p);

function deriveIn(
  c: ReadonlyMap<string, RawValue>,
  p: Process,
  version: FlinkVersion = VERSION,
): Sizes | null {
  if (p === 'taskmanager') {
    const r = computeTaskManager(c, { ...OPTIONS, version });
    return r.ok
      ? { ...(r.sizes as unknown as Sizes), jvmHeap: r.jvmHeap, jvmDirect: r.jvmDirect }
      : null;
  }
  const r = computeJobManager(c, { ...OPTIONS, version });
  return r.ok ? { ...(r.sizes as unknown as Sizes) } : null;
}

const changesOf = (group: readonly Suggestion[]): Record<string, string | null> =>
  Object.fromEntries(group.map((s) => [s.key, s.suggested === 'remove' ? null : s.suggested]));
const processOf = (s: Suggestion): Process | null =>
  s.key.startsWith('taskmanager.')
    ? 'taskmanager'
    : s.key.startsWith('jobmanager.')
      ? 'jobmanager'
      : null;

/** Keys that size a component (not the consumer weights, which only share managed memory out). */
const SIZES = /^(?:taskmanager|jobmanager)\.memory\.(?!managed\.consumer-weights$)/;

/** Problems with one diagnosis's suggestions on one configuration; empty when they all work. */
function check(
  d: Diagnosis,
  base: ReadonlyMap<string, RawValue>,
  p: Process,
  grows: string | readonly string[] | null,
  version: FlinkVersion = VERSION,
): string[] {
  const derive = (c: ReadonlyMap<string, RawValue>, q: Process) => deriveIn(c, q, version);
  const problems: string[] = [];
  const sized = d.suggestions.filter(
    (s) => processOf(s) === p || s.key.startsWith('state.backend.'),
  );
  // Suggestions that go together share an effect line: alone, each must still start; else with its
  // group.
  for (const s of sized) {
    if (derive(applyChanges(base, changesOf([s])), p)) continue;
    const group = sized.filter((t) => t.effect === s.effect);
    if (!derive(applyChanges(base, changesOf(group)), p))
      problems.push(`${s.key}: ${s.suggested} fails the model`);
  }
  if (grows === null || sized.length === 0) return problems;
  // Alternatives (e.g. network min or fraction) are each applied with the rest of their group.
  const groups = new Map<string, Suggestion[]>();
  // Without a configuration there are no effect lines: the suggestions then go together.
  for (const s of sized) groups.set(s.effect ?? '', [...(groups.get(s.effect ?? '') ?? []), s]);
  // Python workers live in managed memory, or in task off-heap where Flink does not manage them
  // (before 1.12).
  const components = typeof grows === 'string' ? [grows] : grows;
  const before = derive(base, p);
  for (const set of [sized, ...groups.values()]) {
    const after = derive(applyChanges(base, changesOf(set)), p);
    if (!after) problems.push(`${JSON.stringify(changesOf(set))} together fail the model`);
    else if (
      before &&
      set.some((s) => SIZES.test(s.key)) &&
      !components.some((c) => after[c]! > before[c]!)
    ) {
      problems.push(`${JSON.stringify(changesOf(set))} grows none of ${components.join(', ')}`);
    }
  }
  return problems;
}

const CONFIGS = [...fixtureConfigs(), ...GENERATED];

/** Versions whose defaults differ (network max, legacy keys): the values must work for each. */
const VERSIONS: readonly FlinkVersion[] = ['1.11', '1.15', '1.18', '1.20']
  .map((v) => parseVersion(v)!)
  .concat([VERSION]);

describe('every suggestion works on the configuration it was made for', () => {
  it.each(FAILURES.map((f) => [f.name, f] as const))('%s', (_name, f) => {
    const problems: string[] = [];
    let suggested = 0;
    for (const version of VERSIONS) {
      for (const [name, given] of CONFIGS) {
        const base = applyChanges(given, f.extra ?? {});
        const configName = `${name} (Flink ${version.major}.${version.minor})`;
        const result = diagnose({ text: f.text, config: base, version });
        const d = result.diagnoses[0];
        expect(d?.id, configName).toBe(f.id);
        expect(d?.component, configName).toBe(f.process);
        // A configuration that fails first gets the fix along (checked below).
        if (!deriveIn(base, f.process, version)) continue;
        suggested += d!.suggestions.length;
        for (const s of d!.suggestions) {
          if (processOf(s) !== null && processOf(s) !== f.process)
            problems.push(`${configName}: ${s.key} is for the other process`);
          if (processOf(s) === f.process)
            expect(s.effect, `${configName}: ${s.key}`).toMatch(
              /^total process memory (stays at|grows by)/,
            );
        }
        problems.push(
          ...check(d!, base, f.process, f.grows, version).map((x) => `${configName}: ${x}`),
        );
      }
    }
    expect(problems).toEqual([]);
    expect(suggested).toBeGreaterThan(0);
  });

  it("without a configuration, suggests options and a direction from Flink's defaults", () => {
    for (const f of FAILURES.filter((x) => x.extra === undefined)) {
      const d = diagnose({ text: f.text, version: VERSION }).diagnoses[0]!;
      const sized = d.suggestions.filter((s) => processOf(s) === f.process);
      expect(sized.length, f.name).toBeGreaterThan(0);
      for (const s of sized) expect(s.effect, f.name).toBeUndefined();
      expect(
        sized.some((s) => s.why.includes("a starting point from Flink's defaults")),
        f.name,
      ).toBe(true);
      // The base is what the doctor started from: Flink's shipped sizes, or the container size the
      // error shows.
      const shown = /for a process of (\S+), the container size the error shows/.exec(
        sized.map((s) => s.why).join(' '),
      )?.[1];
      const defaults = config({
        'taskmanager.memory.process.size': '1728m',
        'jobmanager.memory.process.size': '1600m',
        ...(shown ? { [`${f.process}.memory.process.size`]: shown } : {}),
      });
      expect(check(d, defaults, f.process, f.grows), f.name).toEqual([]);
    }
  });

  it('starts from the container size a YARN error shows when there is no configuration', () => {
    const text =
      'Container [pid=1,containerID=container_1_0001_01_000002] is running beyond physical memory limits. Current usage: 4.1 GB of 4 GB physical memory used; 6.1 GB of 8.4 GB virtual memory used. Killing container.';
    const d = diagnose({ text, version: VERSION }).diagnoses[0]!;
    const s = d.suggestions.find((x) => x.key === 'taskmanager.memory.jvm-overhead.min')!;
    // 4g: JVM overhead is 10% = 409.6m today; a step up from it is 820m (the 102.4m over the limit
    // is less).
    expect(s.suggested).toBe('820m');
    expect(s.why).toContain('instead of 409.6m (the container was 102.4m over its limit)');
    expect(s.why).toContain('for a process of 4g, the container size the error shows');
    expect(
      derive(
        applyChanges(config({ 'taskmanager.memory.process.size': '4g' }), changesOf([s])),
        'taskmanager',
      )?.jvmOverhead,
    ).toBe(820n * 1024n * 1024n);
  });

  it('starts from the memory limit of a pod that `kubectl describe pod` shows', () => {
    const text = [
      'Name:         orders-taskmanager-1-3',
      '    Last State:     Terminated',
      '      Reason:       OOMKilled',
      '      Exit Code:    137',
      '    Limits:',
      '      cpu:     2',
      '      memory:  4Gi',
      '    Requests:',
      '      memory:  4Gi',
    ].join('\n');
    const s = diagnose({ text, version: VERSION }).diagnoses[0]!.suggestions;
    expect(s.map((x) => [x.key, x.suggested])).toEqual([
      ['taskmanager.memory.jvm-overhead.min', '820m'],
    ]);
    expect(s[0]!.why).toContain('for a process of 4g, the container size the error shows');
  });

  it('fixes a configuration that fails the model along with the change for the failure', () => {
    const broken = config({
      'taskmanager.memory.process.size': '700m',
      'taskmanager.memory.task.heap.size': '256m',
      'taskmanager.memory.managed.size': '512m',
    });
    expect(derive(broken, 'taskmanager')).toBeNull();
    for (const f of FAILURES.filter((x) => x.process === 'taskmanager')) {
      const d = diagnose({ text: f.text, config: broken, version: VERSION }).diagnoses[0]!;
      const sized = d.suggestions.filter((s) => processOf(s) === 'taskmanager');
      expect(sized.length, f.name).toBeGreaterThan(0);
      expect(derive(applyChanges(broken, changesOf(sized)), 'taskmanager'), f.name).not.toBeNull();
    }
    // When the value goes past what only makes it start, the why says both.
    const heap = diagnose({ text: FAILURES[0]!.text, config: broken, version: VERSION })
      .diagnoses[0]!.suggestions;
    const total = heap.find((x) => x.key === 'taskmanager.memory.process.size')!;
    expect(total.current).toBe('700m');
    expect(total.why).toMatch(
      /^the configuration as given fails Flink's start-up check "[a-z-]+" \(\d+m would make it start\); make room for the larger task heap, so that no other component shrinks$/,
    );
  });

  it('turns a configuration Flink rejects into one it accepts, with the exact fix lint gives', () => {
    const text =
      'org.apache.flink.configuration.IllegalConfigurationException: TaskManager memory configuration failed: Sum of configured Framework Heap Memory (128.000mb (134217728 bytes)), Framework Off-Heap Memory (128.000mb (134217728 bytes)), Task Heap Memory (2.000gb) exceed configured Total Flink Memory';
    const cases = [
      config({
        'taskmanager.memory.process.size': '1g',
        'taskmanager.memory.task.heap.size': '2g',
      }),
      config({ 'taskmanager.memory.flink.size': '512m', 'taskmanager.memory.managed.size': '1g' }),
      config({
        'taskmanager.memory.process.size': '2g',
        'taskmanager.memory.network.min': '1g',
        'taskmanager.memory.network.max': '512m',
      }),
    ];
    for (const c of cases) {
      expect(derive(c, 'taskmanager')).toBeNull();
      const d = diagnose({ text, config: c, version: VERSION }).diagnoses[0]!;
      expect(d.id).toBe('invalid-configuration');
      expect(d.suggestions.length).toBeGreaterThan(0);
      for (const s of d.suggestions) expect(s.current).not.toBe('');
      expect(derive(applyChanges(c, changesOf(d.suggestions)), 'taskmanager')).not.toBeNull();
    }
  });
});

describe('a configuration Flink rejects gets the fix lint gives', () => {
  const dir = DOCTOR_FIXTURES;
  const cases = loadDoctorFixtures()
    .filter((f) => f.name.startsWith('invalid-config-') && f.config !== undefined)
    .map((f) => [f.name, f] as const);

  it.each(cases)('%s', async (name, f) => {
    const flags = [
      ...(f.version ? ['--flink-version', f.version] : []),
      ...(f.target ? ['--target', f.target] : []),
    ];
    const configPath = join(dir, f.config!);
    const lint = await cli(['lint', configPath, '--format', 'json', ...flags]);
    const findings = (
      JSON.parse(lint.stdout) as {
        results: { findings: { ruleId: string; fix?: Record<string, string | null> }[] }[];
      }
    ).results.flatMap((r) => r.findings);
    const doctor = await cli([
      'doctor',
      '--log',
      join(dir, name),
      '--config',
      configPath,
      '--format',
      'json',
      ...flags,
    ]);
    expect(doctor.code).toBe(0);
    const d = (JSON.parse(doctor.stdout) as { diagnoses: Diagnosis[] }).diagnoses.find(
      (x) => x.id === 'invalid-configuration',
    )!;
    const derivation = findings.filter((x) => x.ruleId === 'memory-derivation-fails');
    if (derivation.length > 0 || d.suggestions.length === 0) {
      // The model's own check failed: the same change, key for key.
      expect(changesOf(d.suggestions)).toEqual(
        Object.assign({}, ...derivation.map((x) => x.fix ?? {})),
      );
      return;
    }
    // A rule of its own caught it first (a fraction out of range): lint's fixes for that process
    // give the same memory.
    const p = processOf(d.suggestions[0]!)!;
    const lintFix = Object.assign({}, ...findings.map((x) => x.fix ?? {})) as Record<
      string,
      string | null
    >;
    const forP = Object.fromEntries(Object.entries(lintFix).filter(([k]) => k.startsWith(`${p}.`)));
    const base = fixtureConfigs().find(([c]) => `configs/${c}` === f.config)![1];
    const version = f.version ? parseVersion(f.version)! : VERSION;
    const after = (changes: Record<string, string | null>) => {
      const c = applyChanges(base, changes);
      const r =
        p === 'taskmanager'
          ? computeTaskManager(c, { ...OPTIONS, version })
          : computeJobManager(c, { ...OPTIONS, version });
      return r.ok ? r.sizes : null;
    };
    expect(after(changesOf(d.suggestions))).not.toBeNull();
    expect(after(changesOf(d.suggestions))).toEqual(after(forP));
  });
});

/**
 * The component each failure's suggestions must grow, per process (null: acceptance by the model is
 * enough).
 */
const GROWS: Readonly<Record<string, Readonly<Record<Process, readonly string[]>> | null>> = {
  'heap-oom': { taskmanager: ['taskHeap'], jobmanager: ['jvmHeap'] },
  'gc-overhead': { taskmanager: ['taskHeap'], jobmanager: ['jvmHeap'] },
  'heartbeat-timeout': { taskmanager: ['taskHeap'], jobmanager: ['jvmHeap'] },
  'direct-oom': { taskmanager: ['jvmDirect'], jobmanager: ['offHeap', 'jvmHeap'] },
  'metaspace-oom': { taskmanager: ['jvmMetaspace'], jobmanager: ['jvmMetaspace'] },
  'network-buffers-insufficient': { taskmanager: ['network', 'jvmDirect'], jobmanager: [] },
  'container-memory-exceeded': { taskmanager: ['jvmOverhead'], jobmanager: ['jvmOverhead'] },
  'managed-memory-insufficient': { taskmanager: ['managed'], jobmanager: [] },
  'python-worker-memory': { taskmanager: ['managed', 'taskOffHeap'], jobmanager: [] },
  'invalid-configuration': null,
};

describe('every fixture with a configuration: its suggestions pass the model and grow the failing component', () => {
  const configs = new Map(fixtureConfigs().map(([f, c]) => [`configs/${f}`, c]));
  const cases = loadDoctorFixtures()
    .filter((f) => f.config !== undefined)
    .map((f) => [f.name, f] as const);

  it('covers the fixtures that come with a configuration', () =>
    expect(cases.length).toBeGreaterThanOrEqual(12));

  it.each(cases)('%s', (_name, f) => {
    const version = f.version ? parseVersion(f.version)! : VERSION;
    const target = (f.target ?? 'standalone') as 'standalone';
    const base = configs.get(f.config!)!;
    const body = f.body;
    const problems: string[] = [];
    for (const d of diagnose({ text: body, config: base, version, target }).diagnoses) {
      for (const p of ['taskmanager', 'jobmanager'] as const) {
        if (!d.suggestions.some((s) => processOf(s) === p)) continue;
        const grows = GROWS[d.id];
        const components = grows === null || grows === undefined ? null : grows[p];
        if (target !== 'standalone' || !deriveIn(base, p, version)) {
          // The process fails as configured (or another target): all suggestions together must make
          // it start.
          const sized = d.suggestions.filter((s) => processOf(s) === p);
          if (!derive(applyChanges(base, changesOf(sized)), p) && target === 'standalone')
            problems.push(`${d.id}: ${JSON.stringify(changesOf(sized))} fails`);
          continue;
        }
        problems.push(
          ...check(
            d,
            base,
            p,
            components && components.length > 0 ? components : null,
            version,
          ).map((x) => `${d.id}@${p}: ${x}`),
        );
      }
    }
    expect(problems).toEqual([]);
  });
});
