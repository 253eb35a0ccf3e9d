import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeJobManager, computeTaskManager } from '../src/model/compute.js';
import { parseDynamicConfigs } from '../src/model/dynamic.js';
import { parseVersion } from '../src/primitives/version.js';

const V = [parseVersion('1.20')!, parseVersion('2.0')!];
const RUNS = { numRuns: 1500, seed: 20261123 };

const size = fc.oneof(
  fc.integer({ min: 0, max: 65536 }).map((m) => `${m}m`),
  fc.integer({ min: 0, max: 64 }).map((g) => `${g}g`),
  fc.bigInt({ min: 0n, max: 1n << 40n }).map((b) => `${b}`),
  fc.bigInt({ min: 0n, max: 1n << 40n }).map((b) => `${b}b`),
);
const fraction = fc.integer({ min: 0, max: 999 }).map((n) => (n / 1000).toString());
const anyText = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'NaN',
    '-1m',
    '1.5g',
    '0x10',
    'Infinity',
    '1e3',
    '9223372036854775808',
    '8388608t',
    ' 1 g ',
  ),
);

const TM_SIZES = [
  'process.size',
  'flink.size',
  'framework.heap.size',
  'framework.off-heap.size',
  'task.heap.size',
  'task.off-heap.size',
  'managed.size',
  'network.min',
  'network.max',
  'jvm-metaspace.size',
  'jvm-overhead.min',
  'jvm-overhead.max',
];
const TM_FRACTIONS = ['managed.fraction', 'network.fraction', 'jvm-overhead.fraction'];
const JM_SIZES = [
  'process.size',
  'flink.size',
  'heap.size',
  'off-heap.size',
  'jvm-metaspace.size',
  'jvm-overhead.min',
  'jvm-overhead.max',
];

function configOf(
  prefix: string,
  sizes: string[],
  fractions: string[],
  value: fc.Arbitrary<string>,
  frac: fc.Arbitrary<string>,
) {
  const entries: Record<string, fc.Arbitrary<string>> = {};
  for (const k of sizes) entries[`${prefix}.${k}`] = value;
  for (const k of fractions) entries[`${prefix}.${k}`] = frac;
  return fc.record(entries, { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
}

const tmConfig = configOf('taskmanager.memory', TM_SIZES, TM_FRACTIONS, size, fraction);
const jmConfig = configOf('jobmanager.memory', JM_SIZES, ['jvm-overhead.fraction'], size, fraction);
const version = fc.constantFrom(...V);

describe('memory model invariants (fast-check, fixed seed)', () => {
  it('TaskManager components add up to the totals and agree with the JVM arguments', () => {
    fc.assert(
      fc.property(tmConfig, version, (config, v) => {
        const r = computeTaskManager(config, { version: v, target: 'standalone' });
        if (!r.ok) return;
        const s = r.sizes;
        expect(
          s.frameworkHeap + s.frameworkOffHeap + s.taskHeap + s.taskOffHeap + s.managed + s.network,
        ).toBe(s.totalFlink);
        expect(s.totalFlink + s.jvmMetaspace + s.jvmOverhead).toBe(s.totalProcess);
        expect(r.jvmArgs).toBe(
          `-Xmx${s.frameworkHeap + s.taskHeap} -Xms${s.frameworkHeap + s.taskHeap} -XX:MaxDirectMemorySize=${s.frameworkOffHeap + s.taskOffHeap + s.network} -XX:MaxMetaspaceSize=${s.jvmMetaspace}`,
        );
        for (const value of Object.values(s)) expect(value >= 0n).toBe(true);
      }),
      RUNS,
    );
  });

  it('JobManager components add up to the totals and agree with the JVM arguments', () => {
    fc.assert(
      fc.property(jmConfig, version, (config, v) => {
        const r = computeJobManager(config, { version: v, target: 'standalone' });
        if (!r.ok) return;
        const s = r.sizes;
        expect(s.jvmHeap + s.offHeap).toBe(s.totalFlink);
        expect(s.totalFlink + s.jvmMetaspace + s.jvmOverhead).toBe(s.totalProcess);
        expect(r.jvmArgs).toBe(
          `-Xmx${s.jvmHeap} -Xms${s.jvmHeap} -XX:MaxMetaspaceSize=${s.jvmMetaspace}`,
        );
      }),
      RUNS,
    );
  });

  it('a derived TaskManager config fed back with its dynamic configs derives the same sizes', () => {
    fc.assert(
      fc.property(tmConfig, version, (config, v) => {
        const r = computeTaskManager(config, { version: v, target: 'standalone' });
        if (!r.ok) return;
        const fed = { ...config, ...Object.fromEntries(parseDynamicConfigs(r.dynamicConfigs)) };
        const again = computeTaskManager(fed, { version: v, target: 'standalone' });
        expect(again.ok && again.path).toBe('fine-grained');
        expect(again.ok && again.sizes).toEqual(r.sizes);
      }),
      RUNS,
    );
  });

  it('a derived JobManager config fed back with its dynamic configs derives the same sizes', () => {
    fc.assert(
      fc.property(jmConfig, version, (config, v) => {
        const r = computeJobManager(config, { version: v, target: 'standalone' });
        if (!r.ok) return;
        const fed = { ...config, ...Object.fromEntries(parseDynamicConfigs(r.dynamicConfigs)) };
        const again = computeJobManager(fed, { version: v, target: 'standalone' });
        expect(again.ok && again.sizes).toEqual(r.sizes);
      }),
      RUNS,
    );
  });

  it('no input makes the model throw: every outcome is a result or a failure with a check and a message', () => {
    const messy = configOf(
      'taskmanager.memory',
      TM_SIZES,
      TM_FRACTIONS,
      fc.oneof(size, anyText),
      fc.oneof(fraction, anyText),
    );
    const messyJm = configOf(
      'jobmanager.memory',
      JM_SIZES,
      ['jvm-overhead.fraction'],
      fc.oneof(size, anyText),
      fc.oneof(fraction, anyText),
    );
    const target = fc.constantFrom<'standalone' | 'kubernetes' | 'yarn' | 'local'>(
      'standalone',
      'kubernetes',
      'yarn',
      'local',
    );
    const anyVersion = fc.constantFrom(
      ...['1.10.0', '1.10', '1.11', '1.12', '1.13', '1.17', '1.20', '2.0', '2.2'].map((x) =>
        parseVersion(x)!,
      ),
    );
    fc.assert(
      fc.property(messy, messyJm, anyVersion, target, (tm, jm, v, t) => {
        for (const r of [
          computeTaskManager({ ...tm, ...jm }, { version: v, target: t }),
          computeJobManager({ ...tm, ...jm }, { version: v, target: t }),
        ]) {
          if (!r.ok) {
            expect(r.failure.check).toMatch(/^[a-z0-9-]+$/);
            expect(r.failure.flinkMessage.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});
