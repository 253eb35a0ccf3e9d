/**
 * What flink-mem proposes instead of a key (src/options/key-suggestions.ts for unknown keys,
 * src/model/key-replacements.ts for deprecated or removed ones) and instead of a resource memory
 * spelling, and which state backend a config names (src/options/state-backend.ts).
 */
import { describe, expect, it } from 'vitest';
import { parseResourceMemoryString } from '../src/config/operator-memory.js';
import { parseQuantity } from '../src/config/quantity.js';
import { Conf } from '../src/model/conf.js';
import { str } from '../src/primitives/raw-value.js';
import type { RawValue } from '../src/primitives/raw-value.js';
import { binaryQuantity, intendedResourceBytes } from '../src/options/resource-memory.js';
import { replacementFor } from '../src/model/key-replacements.js';
import { isKnownKey, looksMemoryRelated, suggestKey } from '../src/options/key-suggestions.js';
import { backendKind, stateBackendKey } from '../src/options/state-backend.js';
import { parseVersion } from '../src/primitives/version.js';

const v = (text: string) => parseVersion(text)!;
const conf = (entries: Record<string, string | RawValue>, version = '1.20') =>
  new Conf(
    new Map(Object.entries(entries).map(([k, x]) => [k, typeof x === 'string' ? str(x) : x])),
    v(version),
  );

describe('looksMemoryRelated', () => {
  it.each([
    'taskmanager.memory.heap.size',
    'jobmanager.memory.managed.fraction',
    'flink.memory.managed.fraction',
    'flink.memory',
    'state.backend.rocksdb.memory.write-bufer-ratio',
    'taskmanager.network.memory.buffer-size',
    'taskmanager.managed-memory.size',
    'jobmanager.heap.mb',
    'taskmanager.jvm-metaspace',
    'taskmanager.network.numberOfBuffers',
    'taskmanager.off-heap',
  ])('%s is memory-related', (key) => expect(looksMemoryRelated(key)).toBe(true));

  it.each([
    'taskmanager.numberOfTaskSlots',
    'execution.runtime-mode',
    'table.exec.resource.sort.memory',
    'heartbeat.timeout',
    'job.autoscaler.memory.tuning.enabled',
    'kubernetes.operator.job.autoscaler.memory.heap-usage.threshold',
    'flink.hadoop.mapreduce.map.memory.mb',
    'env.java.opts.taskmanager',
  ])('%s is not checked', (key) => expect(looksMemoryRelated(key)).toBe(false));
});

describe('isKnownKey', () => {
  it.each([
    'taskmanager.memory.process.size',
    'taskmanager.memory.size', // deprecated fallback of managed.size
    'taskmanager.network.memory.min', // deprecated fallback of network.min
    'taskmanager.memory.preallocate', // pre-1.10, removed
    'state.backend',
    'taskmanager.memory.managed.consumer-weights.STATE_BACKEND', // one entry of a map option
    'taskmanager.debug.memory.log',
  ])('%s is known', (key) => expect(isKnownKey(key)).toBe(true));

  it.each([
    'taskmanager.memory.heap.size',
    'flink.memory.managed.fraction',
    'taskmanager.memory.managed.consumer-weights',
    'taskmanager.memory.process.size.',
  ])('%s is not known', (key) =>
    expect(isKnownKey(key)).toBe(key === 'taskmanager.memory.managed.consumer-weights'),
  );
});

describe('suggestKey', () => {
  it('knows the inventions of the seed article', () => {
    expect(suggestKey('flink.memory.managed.fraction', v('1.20'))).toMatchObject({
      kind: 'alias',
      keys: ['taskmanager.memory.managed.fraction'],
    });
    expect(suggestKey('taskmanager.memory.heap.size', v('1.20'))).toMatchObject({
      kind: 'alias',
      keys: ['taskmanager.memory.task.heap.size'],
    });
    expect(suggestKey('taskmanager.memory.heap.size', v('1.20'))).toMatchObject({
      note: expect.stringContaining('taskmanager.memory.flink.size'),
    });
    expect(suggestKey('flink.memory.heap.size', v('1.20'))).toMatchObject({
      kind: 'alias',
      keys: ['taskmanager.memory.task.heap.size'],
    });
    expect(suggestKey('jobmanager.memory.managed.fraction', v('1.20'))).toMatchObject({
      kind: 'no-equivalent',
      note: expect.stringContaining('no managed memory'),
    });
  });

  it('maps flink.memory.<x> to the TaskManager option, or both processes when both have it', () => {
    expect(suggestKey('flink.memory.network.fraction', v('1.20'))).toEqual({
      kind: 'alias',
      keys: ['taskmanager.memory.network.fraction'],
    });
    expect(suggestKey('flink.memory.process.size', v('1.20'))).toEqual({
      kind: 'ambiguous',
      keys: ['taskmanager.memory.process.size', 'jobmanager.memory.process.size'],
    });
  });

  it('suggests the one close spelling within the same process', () => {
    expect(suggestKey('taskmanager.memory.managed.fractoin', v('1.20'))).toEqual({
      kind: 'spelling',
      keys: ['taskmanager.memory.managed.fraction'],
    });
    expect(suggestKey('taskmanager.memory.jvm-overhead.minimum', v('1.20'))).toEqual({
      kind: 'spelling',
      keys: ['taskmanager.memory.jvm-overhead.min'],
    });
    // One edit away from "jobmanager.memory.heap.size", but a TaskManager key never means a
    // JobManager option.
    expect(suggestKey('taskmanager.memory.heap.siz', v('1.20'))).toEqual({ kind: 'none' });
    expect(suggestKey('jobmanager.memory.heap.sise', v('1.20'))).toEqual({
      kind: 'spelling',
      keys: ['jobmanager.memory.heap.size'],
    });
  });

  it('points at options of the chosen version only, never at deprecated keys', () => {
    expect(suggestKey('state.backend.forst.memory.managd', v('2.0'))).toEqual({
      kind: 'spelling',
      keys: ['state.backend.forst.memory.managed'],
    });
    expect(suggestKey('taskmanager.memory.starting-segment-sise', v('1.20'))).toEqual({
      kind: 'none',
    });
    expect(suggestKey('taskmanager.memory.starting-segment-sise', v('2.0')).kind).toBe('spelling');
    expect(suggestKey('taskmanager.heap.sizee', v('1.20'))).toEqual({ kind: 'none' });
  });

  it('lists ties, and gives up on distant keys', () => {
    expect(suggestKey('taskmanager.memory.network.mix', v('1.20'))).toEqual({
      kind: 'ambiguous',
      keys: ['taskmanager.memory.network.min', 'taskmanager.memory.network.max'],
    });
    expect(suggestKey('taskmanager.memory.something-else-entirely', v('1.20'))).toEqual({
      kind: 'none',
    });
  });
});

describe('replacementFor', () => {
  it('maps the legacy TaskManager heap like Flink: process size on containers, Flink size standalone', () => {
    const c = conf({ 'taskmanager.heap.mb': '1024' });
    expect(replacementFor('taskmanager.heap.mb', c, 'kubernetes')).toEqual({
      kind: 'convert',
      values: { 'taskmanager.memory.process.size': '1g' },
    });
    expect(replacementFor('taskmanager.heap.mb', c, 'standalone')).toEqual({
      kind: 'convert',
      values: { 'taskmanager.memory.flink.size': '1g' },
    });
    expect(
      replacementFor('taskmanager.heap.size', conf({ 'taskmanager.heap.size': '1536m' }), 'yarn'),
    ).toEqual({
      kind: 'convert',
      values: { 'taskmanager.memory.process.size': '1536m' },
    });
  });

  it('maps the legacy JobManager heap to the heap standalone and the process size on containers', () => {
    const c = conf({ 'jobmanager.heap.size': '1g' });
    expect(replacementFor('jobmanager.heap.size', c, 'standalone')).toEqual({
      kind: 'convert',
      values: { 'jobmanager.memory.heap.size': '1g' },
    });
    expect(replacementFor('jobmanager.heap.size', c, 'kubernetes')).toEqual({
      kind: 'convert',
      values: { 'jobmanager.memory.process.size': '1g' },
    });
  });

  it('says the legacy heap is ignored when its target is set, and gives up on unreadable values', () => {
    const c = conf({ 'taskmanager.heap.size': '2g', 'taskmanager.memory.process.size': '4g' });
    expect(replacementFor('taskmanager.heap.size', c, 'kubernetes')).toMatchObject({
      kind: 'ignored',
    });
    expect(
      replacementFor('taskmanager.heap.mb', conf({ 'taskmanager.heap.mb': '1g' }), 'kubernetes'),
    ).toBeNull();
    expect(
      replacementFor('taskmanager.heap.mb', conf({ 'taskmanager.heap.mb': '-1' }), 'kubernetes'),
    ).toBeNull();
  });

  it('turns a number of buffers into a fixed network size of buffers x segment size', () => {
    expect(
      replacementFor(
        'taskmanager.network.numberOfBuffers',
        conf({ 'taskmanager.network.numberOfBuffers': '4096' }),
        'standalone',
      ),
    ).toEqual({
      kind: 'convert',
      values: {
        'taskmanager.memory.network.min': '128m',
        'taskmanager.memory.network.max': '128m',
      },
    });
    const withSegment = conf({
      'taskmanager.network.numberOfBuffers': '100',
      'taskmanager.memory.segment-size': '64kb',
    });
    expect(
      replacementFor('taskmanager.network.numberOfBuffers', withSegment, 'standalone'),
    ).toMatchObject({
      values: { 'taskmanager.memory.network.min': '6400k' },
    });
    const ignored = conf({
      'taskmanager.network.numberOfBuffers': '4096',
      'taskmanager.network.memory.fraction': '0.2',
    });
    expect(
      replacementFor('taskmanager.network.numberOfBuffers', ignored, 'standalone'),
    ).toMatchObject({ kind: 'ignored' });
  });

  it('moves deprecated fallback keys and renamed keys with the value as written', () => {
    expect(
      replacementFor(
        'taskmanager.memory.size',
        conf({ 'taskmanager.memory.size': '512m' }),
        'standalone',
      ),
    ).toEqual({
      kind: 'convert',
      values: { 'taskmanager.memory.managed.size': '512m' },
    });
    expect(
      replacementFor('state.backend', conf({ 'state.backend': 'rocksdb' }), 'standalone'),
    ).toEqual({ kind: 'convert', values: { 'state.backend.type': 'rocksdb' } });
    expect(
      replacementFor(
        'taskmanager.network.memory.fraction',
        conf({ 'taskmanager.network.memory.fraction': { kind: 'float', value: 0.15 } }),
        'standalone',
      ),
    ).toEqual({
      kind: 'convert',
      values: { 'taskmanager.memory.network.fraction': '0.15' },
    });
  });

  it('converts milliseconds into a duration', () => {
    const key = 'taskmanager.network.memory.exclusive-buffers-request-timeout-ms';
    expect(replacementFor(key, conf({ [key]: '60000' }), 'standalone')).toEqual({
      kind: 'convert',
      values: { 'taskmanager.network.memory.buffers-request-timeout': '60000 ms' },
    });
    expect(replacementFor(key, conf({ [key]: '1 min' }), 'standalone')).toBeNull();
  });

  it('never carries the pre-1.10 managed fraction over to the new one', () => {
    const r = replacementFor(
      'taskmanager.memory.fraction',
      conf({ 'taskmanager.memory.fraction': '0.7' }, '1.18'),
      'standalone',
    );
    expect(r).toMatchObject({
      kind: 'no-equivalent',
      note: expect.stringContaining('does not carry over'),
    });
    expect(
      replacementFor('yarn.heap-cutoff-min', conf({ 'yarn.heap-cutoff-min': '600' }), 'yarn'),
    ).toMatchObject({ kind: 'no-equivalent' });
    expect(
      replacementFor(
        'python.fn-execution.buffer.memory.size',
        conf({ 'python.fn-execution.buffer.memory.size': '15mb' }),
        'yarn',
      ),
    ).toMatchObject({
      kind: 'no-equivalent',
    });
  });

  it('returns null for keys that are not set or have no successor', () => {
    expect(replacementFor('taskmanager.heap.size', conf({}), 'standalone')).toBeNull();
    expect(
      replacementFor(
        'taskmanager.memory.process.size',
        conf({ 'taskmanager.memory.process.size': '1g' }),
        'standalone',
      ),
    ).toBeNull();
  });
});

describe('binaryQuantity and intendedResourceBytes', () => {
  it.each([
    [2n ** 31n, '2Gi'],
    [1536n * 2n ** 20n, '1536Mi'],
    [2n ** 40n, '1Ti'],
    [1280n * 1024n, '1280Ki'],
    [1000n, '1000'],
    [0n, '0'],
  ])('%s bytes are %s', (bytes, text) => expect(binaryQuantity(bytes)).toBe(text));

  it('spells quantities that the operator and Kubernetes read as the same bytes', () => {
    for (const bytes of [2n ** 31n, 1536n * 2n ** 20n, 1000n, 1280n * 1024n]) {
      const text = binaryQuantity(bytes);
      expect(parseResourceMemoryString(text).bytes, text).toBe(bytes);
      expect(parseQuantity(text)?.bytes, text).toBe(bytes);
    }
  });

  it.each([
    ['1.5g', 1610612736n],
    ['1.5G', 1610612736n],
    ['1.5Gi', 1610612736n],
    ['1.5gb', 1610612736n],
    ['1.25m', 1310720n],
    ['.5g', 536870912n],
    ['2', 2n],
    ['1.3g', 1331n * 2n ** 20n], // 1395864371.2 bytes: rounded down to whole MiB
  ])('%s is meant as %s bytes', (text, bytes) => expect(intendedResourceBytes(text)).toBe(bytes));

  it.each(['abc', '', '1.5x', 'g', '1.5 Gigabytes'])('%s is no size', (text) =>
    expect(intendedResourceBytes(text)).toBeNull(),
  );
});

describe('backendKind and stateBackendKey', () => {
  it.each([
    ['hashmap', '1.20', 'heap'],
    ['HashMap', '2.0', 'heap'],
    ['filesystem', '1.16', 'heap'],
    ['jobmanager', '1.12', 'heap'],
    ['filesystem', '2.0', 'other'],
    ['rocksdb', '1.20', 'rocksdb'],
    [
      'org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackendFactory',
      '1.20',
      'rocksdb',
    ],
    ['org.apache.flink.runtime.state.hashmap.HashMapStateBackendFactory', '1.20', 'heap'],
    ['forst', '2.0', 'forst'],
    ['forst', '1.20', 'other'],
    ['org.apache.flink.state.forst.ForStStateBackendFactory', '2.1', 'forst'],
    ['com.example.MyBackendFactory', '1.20', 'other'],
  ] as const)('%s on %s is %s', (value, version, kind) =>
    expect(backendKind(value, v(version))).toBe(kind),
  );

  it('reads state.backend.type from 1.17 on and state.backend before', () => {
    expect(stateBackendKey(v('1.16'))).toBe('state.backend');
    expect(stateBackendKey(v('1.17'))).toBe('state.backend.type');
    expect(stateBackendKey(v('2.0'))).toBe('state.backend.type');
  });
});
