import { describe, expect, it } from 'vitest';
import { findFix, searchSize } from '../src/model/fix-search.js';
import { applyChanges, compute, healthy } from '../src/model/trial.js';
import type { Process } from '../src/primitives/flink-process.js';
import { computeJobManager, computeTaskManager } from '../src/model/compute.js';
import type { Target } from '../src/model/compute.js';
import { MIB, parseMemorySize } from '../src/primitives/memory-size.js';
import type { RawValue } from '../src/primitives/raw-value.js';
import { str } from '../src/primitives/raw-value.js';
import { parseVersion } from '../src/primitives/version.js';

const v = (text: string) => parseVersion(text)!;

function conf(entries: Record<string, string>): Map<string, RawValue> {
  return new Map(Object.entries(entries).map(([k, val]) => [k, str(val)]));
}

function passes(
  config: Map<string, RawValue>,
  process: Process,
  version = '2.0',
  target: Target = 'standalone',
): boolean {
  const options = { version: v(version), target };
  return (
    process === 'taskmanager'
      ? computeTaskManager(config, options)
      : computeJobManager(config, options)
  ).ok;
}

interface Case {
  name: string;
  process: Process;
  config: Record<string, string>;
  version?: string;
  target?: Target;
  check: string;
  changes: Record<string, string | null>;
}

const CASES: Case[] = [
  {
    name: 'TaskManager process size too small for its fixed components: smallest 64m multiple that passes with 128 MiB of task heap',
    process: 'taskmanager',
    config: { 'taskmanager.memory.process.size': '512m' },
    check: 'components-exceed-flink',
    changes: { 'taskmanager.memory.process.size': '1280m' },
  },
  {
    name: 'JobManager process size below metaspace + overhead, then no heap left: 704m, where the heap reaches 128 MiB',
    process: 'jobmanager',
    config: { 'jobmanager.memory.process.size': '400m' },
    check: 'jvm-exceeds-process',
    changes: { 'jobmanager.memory.process.size': '704m' },
  },
  {
    name: 'network min above max: the max is raised to the min',
    process: 'taskmanager',
    config: {
      'taskmanager.memory.process.size': '4g',
      'taskmanager.memory.network.min': '512m',
      'taskmanager.memory.network.max': '256m',
    },
    check: 'invalid-fraction-range',
    changes: { 'taskmanager.memory.network.max': '512m' },
  },
  {
    name: 'a managed fraction written as a percentage',
    process: 'taskmanager',
    config: {
      'taskmanager.memory.process.size': '1728m',
      'taskmanager.memory.managed.fraction': '40',
    },
    check: 'invalid-fraction-range',
    changes: { 'taskmanager.memory.managed.fraction': '0.4' },
  },
  {
    name: 'a fraction of 1.5 goes back to the default',
    process: 'taskmanager',
    config: {
      'taskmanager.memory.process.size': '1728m',
      'taskmanager.memory.network.fraction': '1.5',
    },
    check: 'invalid-fraction-range',
    changes: { 'taskmanager.memory.network.fraction': null },
  },
  {
    name: 'a decimal size gets an exact spelling',
    process: 'taskmanager',
    config: { 'taskmanager.memory.process.size': '1.5g' },
    check: 'unparsable-memory-size',
    changes: { 'taskmanager.memory.process.size': '1536m' },
  },
  {
    name: 'overhead remainder below its min: the process size grows, the flink size stays',
    process: 'taskmanager',
    config: {
      'taskmanager.memory.process.size': '1800m',
      'taskmanager.memory.flink.size': '1500m',
    },
    check: 'overhead-out-of-range',
    changes: { 'taskmanager.memory.process.size': '1984m' },
  },
  {
    name: 'process size below flink size + metaspace',
    process: 'taskmanager',
    config: { 'taskmanager.memory.process.size': '1g', 'taskmanager.memory.flink.size': '1g' },
    check: 'process-below-flink-and-metaspace',
    changes: { 'taskmanager.memory.process.size': '1472m' },
  },
  {
    name: 'JobManager heap + off-heap disagree with flink size: drop the redundant total',
    process: 'jobmanager',
    config: {
      'jobmanager.memory.heap.size': '1g',
      'jobmanager.memory.off-heap.size': '128m',
      'jobmanager.memory.flink.size': '2g',
    },
    check: 'heap-and-off-heap-mismatch-flink',
    changes: { 'jobmanager.memory.flink.size': null },
  },
  {
    name: 'JobManager flink size not above off-heap: flink size grows until the heap is 128 MiB',
    process: 'jobmanager',
    config: { 'jobmanager.memory.flink.size': '128m' },
    check: 'flink-not-above-off-heap',
    changes: { 'jobmanager.memory.flink.size': '256m' },
  },
  {
    name: 'no total memory at all: the shipped default',
    process: 'taskmanager',
    config: {},
    check: 'no-total-memory',
    changes: { 'taskmanager.memory.process.size': '1728m' },
  },
  {
    name: 'no JobManager memory at all: the shipped default',
    process: 'jobmanager',
    config: {},
    check: 'no-total-memory',
    changes: { 'jobmanager.memory.process.size': '1600m' },
  },
  {
    name: 'legacy buffers disagree with the network remainder (1.20): drop the legacy key',
    process: 'taskmanager',
    version: '1.20',
    config: {
      'taskmanager.memory.task.heap.size': '512m',
      'taskmanager.memory.managed.size': '512m',
      'taskmanager.memory.flink.size': '1600m',
      'taskmanager.network.numberOfBuffers': '2048',
    },
    check: 'network-remainder-out-of-range',
    changes: { 'taskmanager.network.numberOfBuffers': null },
  },
  {
    name: 'local execution with network min and max apart: max follows min',
    process: 'taskmanager',
    target: 'local',
    config: { 'taskmanager.memory.network.min': '128m', 'taskmanager.memory.network.max': '256m' },
    check: 'local-network-not-fixed',
    changes: { 'taskmanager.memory.network.max': '128m' },
  },
];

describe('findFix', () => {
  it.each(CASES)('$name', (c) => {
    const version = c.version ?? '2.0';
    const target = c.target ?? 'standalone';
    const config = conf(c.config);
    expect(passes(config, c.process, version, target)).toBe(false);
    const fix = findFix(config, c.process, { version: v(version), target });
    expect(fix).not.toBeNull();
    expect(fix!.checks[0]).toBe(c.check);
    expect(fix!.changes).toEqual(c.changes);
    expect(passes(applyChanges(config, fix!.changes), c.process, version, target)).toBe(true);
    expect(fix!.summary.length).toBeGreaterThan(0);
  });

  it('returns the smallest round size: one 64m step less fails or leaves less than 128 MiB of task heap', () => {
    const config = conf({ 'taskmanager.memory.process.size': '512m' });
    expect(passes(conf({ 'taskmanager.memory.process.size': '960m' }), 'taskmanager')).toBe(false);
    const smaller = conf({ 'taskmanager.memory.process.size': '1216m' });
    expect(
      healthy(
        smaller,
        'taskmanager',
        compute(smaller, 'taskmanager', { version: v('2.0'), target: 'standalone' }),
      ),
    ).toBe(false);
    expect(
      findFix(config, 'taskmanager', { version: v('2.0'), target: 'standalone' })!.changes,
    ).toEqual({ 'taskmanager.memory.process.size': '1280m' });
  });

  it('a fix leaves the JobManager 128 MiB of heap and the TaskManager 128 MiB of task heap (32 MiB a slot past four)', () => {
    const options = { version: v('1.18'), target: 'standalone' as const };
    for (const [process, config] of [
      ['jobmanager', { 'jobmanager.memory.process.size': '500m' }],
      [
        'taskmanager',
        { 'taskmanager.memory.process.size': '1g', 'taskmanager.memory.managed.size': '600m' },
      ],
      [
        'taskmanager',
        { 'taskmanager.memory.process.size': '512m', 'taskmanager.numberOfTaskSlots': '8' },
      ],
    ] as const) {
      const fixed = applyChanges(conf(config), findFix(conf(config), process, options)!.changes);
      const r = compute(fixed, process, options);
      expect(r.ok, JSON.stringify(config)).toBe(true);
      expect(healthy(fixed, process, r), JSON.stringify(config)).toBe(true);
      if (r.ok && 'taskHeap' in r.sizes)
        expect(r.sizes.taskHeap).toBeGreaterThanOrEqual(
          config['taskmanager.numberOfTaskSlots'] === '8' ? 256n * MIB : 128n * MIB,
        );
      if (r.ok && 'jvmHeap' in r.sizes && process === 'jobmanager')
        expect(r.sizes.jvmHeap).toBeGreaterThanOrEqual(128n * MIB);
    }
  });

  it('returns null for a configuration that already passes', () => {
    expect(
      findFix(conf({ 'taskmanager.memory.process.size': '1728m' }), 'taskmanager', {
        version: v('2.0'),
        target: 'standalone',
      }),
    ).toBeNull();
  });

  it('fixes in several steps: a bad fraction, then a total that is too small', () => {
    const config = conf({
      'taskmanager.memory.process.size': '600m',
      'taskmanager.memory.jvm-overhead.fraction': '2',
    });
    const fix = findFix(config, 'taskmanager', { version: v('2.0'), target: 'standalone' })!;
    expect(fix.checks).toEqual(['invalid-fraction-range', 'components-exceed-flink']);
    expect(passes(applyChanges(config, fix.changes), 'taskmanager')).toBe(true);
  });

  it('falls back to a whole MiB or exact bytes when no 64m multiple fits the window', () => {
    // Overhead pinned to exactly 200m: the process size must be flink + metaspace + 200m.
    const config = conf({
      'taskmanager.memory.flink.size': '1000m',
      'taskmanager.memory.process.size': '1300m',
      'taskmanager.memory.jvm-overhead.min': '200m',
      'taskmanager.memory.jvm-overhead.max': '200m',
    });
    const fix = findFix(config, 'taskmanager', { version: v('2.0'), target: 'standalone' })!;
    expect(fix.changes).toEqual({ 'taskmanager.memory.process.size': '1456m' });
  });
});

describe('searchSize', () => {
  it('finds the first value a monotone check accepts, preferring 64m multiples', () => {
    const limit = 1000n * MIB + 5n;
    const found = searchSize(['x'], new Map([['x', 100n * MIB]]), 100n * MIB, (c) =>
      parseMemorySize(c.x!) >= limit ? 'ok' : 'up',
    );
    expect(found!.changes).toEqual({ x: '1g' });
  });

  it('moves further keys by the same amount', () => {
    const found = searchSize(
      ['a', 'b'],
      new Map([
        ['a', 1024n * MIB],
        ['b', 1536n * MIB],
      ]),
      1024n * MIB,
      (c) => (c.a === '1088m' ? 'ok' : 'up'),
    );
    expect(found!.changes).toEqual({ a: '1088m', b: '1600m' });
  });

  it('gives up when the check is not about size', () => {
    expect(searchSize(['x'], new Map(), 0n, () => 'stuck')).toBeNull();
  });
});
