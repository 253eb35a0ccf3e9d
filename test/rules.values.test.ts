/**
 * Value rules: invalid-memory-size, invalid-option-value, fraction-out-of-range,
 * range-min-above-max.
 * Each case is a config.yaml (or flink-conf.yaml) snippet on top of sizes that start, linted with
 * these rules only, so a case fails for exactly the reason it names.
 */
import { describe, expect, it } from 'vitest';
import { loadText } from '../src/config/index.js';
import type { InputFormat } from '../src/config/types.js';
import { lintLoadedFile } from '../src/engine/runner.js';
import type { RuleDefinition } from '../src/engine/types.js';
import { parseVersionOrThrow } from '../src/engine/settings.js';
import { parseMemorySize } from '../src/primitives/memory-size.js';
import fractionOutOfRange from '../rules/fraction-out-of-range.js';
import invalidMemorySize from '../rules/invalid-memory-size.js';
import invalidOptionValue from '../rules/invalid-option-value.js';
import rangeMinAboveMax from '../rules/range-min-above-max.js';

const BASE = 'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n';

function lint(
  rule: RuleDefinition,
  body: string,
  opts: { format?: InputFormat; version?: string; base?: string } = {},
) {
  const format = opts.format ?? 'config-yaml';
  const file = loadText(
    (opts.base ?? BASE) + body,
    format === 'flink-conf' ? 'flink-conf.yaml' : 'config.yaml',
    { format },
  );
  const settings = {
    rules: {},
    target: 'standalone' as const,
    ...(opts.version ? { flinkVersion: parseVersionOrThrow(opts.version, 'version') } : {}),
  };
  return lintLoadedFile(file, [rule], settings);
}

describe('invalid-memory-size', () => {
  it.each([
    ['1.5g', /not a whole number: Flink reads "1" and rejects ".5g"/, '1536m'],
    ['512MiB', /unit "MiB"/, '512m'],
    ['512Mi', /unit "Mi"/, '512m'],
    ['2Gi', /unit "Gi"/, '2g'],
    ['1.3g', /not a whole number/, undefined],
    ['-1m', /is negative/, undefined],
    ['lots', /does not start with a digit/, undefined],
    ['9223372036854775808', /below 2\^63 bytes/, undefined],
    ['1.5', /YAML number with a decimal point/, undefined],
    ['1024.0', /YAML number with a decimal point/, '1k'],
  ])('%s', (value, message, fix) => {
    const [f, ...rest] = lint(
      invalidMemorySize,
      `taskmanager.memory.framework.off-heap.size: ${value}\n`,
    );
    expect(rest).toEqual([]);
    expect(f?.message).toMatch(message);
    expect(f?.line).toBe(3);
    expect(f?.fix).toEqual(
      fix === undefined ? undefined : { 'taskmanager.memory.framework.off-heap.size': fix },
    );
    if (fix) expect(() => parseMemorySize(fix)).not.toThrow();
  });

  it.each(['1 GB', '0', '128M', '134217728', '"256 mebibytes"'])('accepts %s', (value) => {
    expect(
      lint(invalidMemorySize, `taskmanager.memory.framework.off-heap.size: ${value}\n`),
    ).toEqual([]);
  });

  it('shows what Flink reads when a YAML float prints differently', () => {
    const [f] = lint(invalidMemorySize, 'taskmanager.memory.task.off-heap.size: 1e3\n');
    expect(f?.message).toContain('(1e3, read as 1000.0)');
    expect(f?.fix).toEqual({ 'taskmanager.memory.task.off-heap.size': '1000b' });
  });

  it('checks deprecated fallback keys and legacy keys while they are active', () => {
    expect(
      lint(invalidMemorySize, 'taskmanager.memory.size: 1.5g\n', { version: '1.18' })[0]?.key,
    ).toBe('taskmanager.memory.size');
    expect(
      lint(invalidMemorySize, 'taskmanager.heap.size: 1.5g\n', { version: '1.18' }),
    ).toHaveLength(1);
    // Removed in 2.0: the value has no effect any more (removed-key says so).
    expect(lint(invalidMemorySize, 'taskmanager.heap.size: 1.5g\n', { version: '2.0' })).toEqual(
      [],
    );
  });

  it('reports a process size the operator wrote from the spec, leaving its fix to operator-memory-units', () => {
    const manifest =
      'apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata: {name: job}\nspec:\n  taskManager: {resource: {memory: 1.5g, cpu: 1}}\n';
    const file = loadText(manifest, 'deploy.yaml', { format: 'k8s' });
    expect(file.documents[0]?.effective.get('taskmanager.memory.process.size')?.source).toBe(
      'operator-resource',
    );
    const [f, ...rest] = lintLoadedFile(file, [invalidMemorySize], {
      rules: {},
      target: 'kubernetes',
    });
    expect(rest).toEqual([]);
    expect([f?.line, f?.fix]).toEqual([5, undefined]);
    expect(f?.message).toContain('(1.5g, read as 1500000000.0) is not a whole number');
    expect(f?.message).not.toContain('same size');
  });

  it('leaves a quoted legacy value to legacy-syntax', () => {
    expect(
      lint(invalidMemorySize, "taskmanager.memory.managed.size: '1g'\n", {
        format: 'flink-conf',
        version: '1.18',
      }),
    ).toEqual([]);
  });
});

describe('invalid-option-value', () => {
  const one = (body: string, version?: string) =>
    lint(invalidOptionValue, body, version ? { version } : {});

  it.each([
    ['taskmanager.numberOfTaskSlots: 0', /must be at least 1/, '1'],
    ['taskmanager.numberOfTaskSlots: -1', /must be at least 1/, '1'],
    ['taskmanager.numberOfTaskSlots: 2.5', /not a whole number/, undefined],
    [
      'taskmanager.numberOfTaskSlots: 3000000000',
      /from -2147483648 to 2147483647 \(a Java int\)/,
      undefined,
    ],
    ['taskmanager.cpu.cores: -2', /greater than 0/, undefined],
    ['taskmanager.cpu.cores: many', /not a number/, undefined],
    ['jobmanager.memory.enable-jvm-direct-memory-limit: "on"', /only true or false/, 'true'],
    ['jobmanager.memory.enable-jvm-direct-memory-limit: "no"', /only true or false/, 'false'],
    ['jobmanager.memory.enable-jvm-direct-memory-limit: maybe', /only true or false/, undefined],
    ['state.backend.rocksdb.memory.write-buffer-ratio: 1', /greater than 0 and below 1/, '0.5'],
    [
      'state.backend.rocksdb.memory.high-prio-pool-ratio: -0.1',
      /greater than 0 and below 1/,
      '0.1',
    ],
    ['taskmanager.memory.segment-size: 1000', /below 4096 bytes/, '4k'],
    ['taskmanager.memory.segment-size: 40000', /not a power of two/, '64k'],
    ['taskmanager.memory.segment-size: 4g', /does not fit in an int/, undefined],
    ['taskmanager.network.memory.buffer-debloat.period: soon', /not a duration/, undefined],
    [
      'state.backend.type: hashmapp',
      /not a state backend Flink 2.2 knows: use hashmap, rocksdb, forst/,
      'hashmap',
    ],
  ])('%s', (line, message, fix) => {
    const [f, ...rest] = one(`${line}\n`);
    expect(rest).toEqual([]);
    expect(f?.message).toMatch(message);
    const key = line.slice(0, line.indexOf(':'));
    expect(f?.fix).toEqual(fix === undefined ? undefined : { [key]: fix });
  });

  it.each([
    'taskmanager.numberOfTaskSlots: 16',
    'taskmanager.cpu.cores: 0.5',
    'jobmanager.memory.enable-jvm-direct-memory-limit: True',
    'taskmanager.memory.segment-size: 4096',
    'taskmanager.memory.segment-size: 1m',
    'taskmanager.network.memory.buffer-debloat.period: 200 ms',
    'taskmanager.network.memory.buffer-debloat.period: 1min',
    'taskmanager.network.memory.buffer-debloat.period: PT0.2S',
    'state.backend.type: HashMap',
    'state.backend.type: org.example.MyBackendFactory',
    'state.backend.rocksdb.memory.write-buffer-ratio: 0.5',
  ])('accepts %s', (line) => {
    expect(one(`${line}\n`)).toEqual([]);
  });

  it('knows which state backends each version has', () => {
    expect(one('state.backend.type: forst\n', '1.20')[0]?.message).toMatch(
      /Flink 1.20 knows: use hashmap, rocksdb, jobmanager, filesystem/,
    );
    expect(one('state.backend.type: jobmanager\n', '2.0')).toHaveLength(1);
    expect(one('state.backend: hashmap\n', '1.12')[0]?.message).toMatch(
      /use rocksdb, jobmanager, filesystem/,
    );
    expect(one('state.backend: hashmap\n', '1.13')).toEqual([]);
  });

  it('reports a value written under a deprecated key once', () => {
    expect(one('state.backend: rockdb\n', '1.18')).toHaveLength(1);
  });

  it.each([
    ['1.12', 'DATAPROC:70,PYTHON:30', null],
    [
      '1.12',
      'OPERATOR:70,PYTHON:30',
      /"OPERATOR", which Flink 1.12 does not know: use DATAPROC, PYTHON/,
    ],
    ['1.13', 'DATAPROC:70,PYTHON:30', null],
    ['1.20', 'OPERATOR:70,STATE_BACKEND:70,PYTHON:30', null],
    ['2.0', 'OPERATOR:70,STATE_BACKEND:0,PYTHON:30', null],
    ['2.0', 'DATAPROC:70', /"DATAPROC", which Flink 2.0 does not know/],
    ['1.20', 'operator:70', /case-sensitive/],
    ['1.20', 'OPERATOR:-1', /gives OPERATOR the weight -1/],
    ['1.20', 'OPERATOR:7.5', /"OPERATOR:7.5" is not NAME:weight/],
    ['1.20', 'OPERATOR', /"OPERATOR" is not NAME:weight/],
    ['1.20', 'OPERATOR:+70,PYTHON:30', null],
    ['1.20', 'OPERATOR:70,PYTHON:3000000000', /"PYTHON:3000000000" is not NAME:weight/],
    ['1.20', 'OPERATOR:70,,PYTHON:30', /"" is not NAME:weight/],
  ])('consumer weights on %s: %s', (version, value, message) => {
    const found = one(`taskmanager.memory.managed.consumer-weights: ${value}\n`, version);
    if (message === null) expect(found).toEqual([]);
    else expect(found[0]?.message).toMatch(message);
  });

  it('checks consumer weights written as a YAML mapping, at the offending entry', () => {
    const found = one(
      'taskmanager.memory.managed.consumer-weights:\n  OPERATOR: 70\n  PYTHON: -5\n',
      '1.20',
    );
    expect(found.map((f) => [f.line, f.key])).toEqual([
      [5, 'taskmanager.memory.managed.consumer-weights.PYTHON'],
    ]);
  });

  it.each([
    ['0.5', '0.1', false],
    ['0.6', '0.4', false],
    ['0.6', '0.5', true],
    ['0.9', undefined, false],
    ['0.95', undefined, true],
    [undefined, '0.7', true],
  ])('RocksDB ratios w=%s h=%s: 2w/(3-w)+h >= 1 is %s', (w, h, bad) => {
    const lines = [
      w && `state.backend.rocksdb.memory.write-buffer-ratio: ${w}`,
      h && `state.backend.rocksdb.memory.high-prio-pool-ratio: ${h}`,
    ].filter(Boolean);
    const found = one(`${lines.join('\n')}\n`);
    expect(found.some((f) => /leave no room for the block cache/.test(f.message))).toBe(bad);
  });

  it('applies the same ratio check to ForSt from 2.0 only', () => {
    expect(one('state.backend.forst.memory.write-buffer-ratio: 0.95\n', '2.0')).toHaveLength(1);
    expect(one('state.backend.forst.memory.write-buffer-ratio: 0.95\n', '1.20')).toEqual([]);
  });

  it('leaves memory fractions to fraction-out-of-range', () => {
    expect(one('taskmanager.memory.managed.fraction: 2\n')).toEqual([]);
  });
});

describe('fraction-out-of-range', () => {
  it.each([
    ['taskmanager.memory.managed.fraction: 1', /outside \[0, 1\)/, '0.4'],
    ['taskmanager.memory.managed.fraction: 1.0', /outside \[0, 1\)/, '0.4'],
    ['taskmanager.memory.network.fraction: -0.01', /outside \[0, 1\)/, '0.1'],
    ['taskmanager.memory.jvm-overhead.fraction: .nan', /outside \[0, 1\)/, '0.1'],
    ['taskmanager.memory.jvm-overhead.fraction: 1e39', /outside \[0, 1\)/, '0.1'],
    ['jobmanager.memory.jvm-overhead.fraction: ten percent', /is not a number/, '0.1'],
  ])('%s', (line, message, def) => {
    const [f, ...rest] = lint(fractionOutOfRange, `${line}\n`);
    expect(rest).toEqual([]);
    expect(f?.message).toMatch(message);
    expect(Object.values(f?.fix ?? {})).toEqual([def]);
  });

  it.each(['0', '0.999', '0.352', '"0.1"', '1e-3'])('accepts %s', (value) => {
    expect(lint(fractionOutOfRange, `taskmanager.memory.managed.fraction: ${value}\n`)).toEqual([]);
  });

  it('says a managed fraction is unused today when a managed size (or its deprecated key) is set', () => {
    const [f] = lint(
      fractionOutOfRange,
      'taskmanager.memory.size: 1g\ntaskmanager.memory.managed.fraction: 1\n',
      { format: 'flink-conf', version: '1.18' },
    );
    expect(f?.severity).toBe('error');
    expect(f?.message).toMatch(/does not read it today because "taskmanager.memory.size" is set/);
  });

  it('fixes a deprecated key in place', () => {
    const [f] = lint(fractionOutOfRange, 'taskmanager.network.memory.fraction: 2\n', {
      format: 'flink-conf',
      version: '1.18',
    });
    expect(f?.fix).toEqual({ 'taskmanager.network.memory.fraction': '0.1' });
  });

  it('skips the JobManager fraction before the JobManager model existed', () => {
    expect(
      lint(fractionOutOfRange, 'jobmanager.memory.jvm-overhead.fraction: 2\n', {
        format: 'flink-conf',
        version: '1.10',
      }),
    ).toEqual([]);
  });
});

describe('range-min-above-max', () => {
  it('compares with the default network max of the version: 1g before 1.17, unbounded since', () => {
    const body = 'taskmanager.memory.network.min: 2g\n';
    const base = 'taskmanager.memory.process.size: 8g\njobmanager.memory.process.size: 1600m\n';
    const [old] = lint(rangeMinAboveMax, body, { version: '1.16', base });
    expect(old?.message).toBe(
      '"taskmanager.memory.network.min" (2g) is greater than "taskmanager.memory.network.max" (default 1g): the network memory range is empty',
    );
    expect(old?.fix).toEqual({ 'taskmanager.memory.network.max': '2g' });
    expect(lint(rangeMinAboveMax, body, { version: '1.17', base })).toEqual([]);
  });

  it('reports at the maximum when only the maximum is set', () => {
    const [f] = lint(rangeMinAboveMax, 'taskmanager.memory.jvm-overhead.max: 100m\n');
    expect([f?.line, f?.key, f?.fix]).toEqual([
      3,
      'taskmanager.memory.jvm-overhead.max',
      { 'taskmanager.memory.jvm-overhead.max': '192m' },
    ]);
  });

  it('follows deprecated network keys and keeps them in the fix', () => {
    const [f] = lint(
      rangeMinAboveMax,
      'taskmanager.network.memory.min: 300m\ntaskmanager.network.memory.max: 200m\n',
      { format: 'flink-conf', version: '1.18' },
    );
    expect(f?.fix).toEqual({ 'taskmanager.network.memory.max': '300m' });
  });

  it('accepts equal bounds and ignores the JobManager range on 1.10', () => {
    expect(
      lint(
        rangeMinAboveMax,
        'taskmanager.memory.network.min: 128m\ntaskmanager.memory.network.max: 128m\n',
      ),
    ).toEqual([]);
    expect(
      lint(rangeMinAboveMax, 'jobmanager.memory.jvm-overhead.min: 2g\n', {
        format: 'flink-conf',
        version: '1.10',
      }),
    ).toEqual([]);
  });
});
