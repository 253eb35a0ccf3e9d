/**
 * Memory sizes and fractions at and past every limit, in both file formats, checked against
 * what Flink does with them (memory-model.md: the size grammar, float narrowing, config parsers).
 * Each case asserts the derivation or the finding, not merely that nothing crashed.
 */
import { describe, expect, it } from 'vitest';
import { computeMemory, lint, loadConfig } from '../src/api.js';
import type { InputFormat } from '../src/config/types.js';

const FORMATS: readonly InputFormat[] = ['config-yaml', 'flink-conf'];

function run(text: string, format: InputFormat, flinkVersion = '1.20') {
  const file = loadConfig({ text, name: 'conf.yaml' }, { format });
  const tm = computeMemory(file.documents[0]!, { flinkVersion }).taskmanager;
  const findings = lint(file, { flinkVersion }).filter(
    (f) => f.ruleId !== 'no-total-memory-configured',
  );
  return { tm, findings, at: (ruleId: string) => findings.find((f) => f.ruleId === ruleId) };
}

function sizesOf(r: ReturnType<typeof run>) {
  if (!r.tm.ok) throw new Error(`TaskManager fails: ${r.tm.failure.flinkMessage}`);
  return r.tm.sizes;
}

function failureOf(r: ReturnType<typeof run>) {
  if (r.tm.ok) throw new Error('TaskManager starts');
  return r.tm.failure;
}

describe.each(FORMATS)('%s: sizes at and past 2^63 bytes', (format) => {
  it('2^63-1 bytes is the largest size; the derivation is exact to the byte', () => {
    const r = run('taskmanager.memory.process.size: 9223372036854775807\n', format);
    const s = sizesOf(r);
    // Worked by hand from Flink's arithmetic: overhead clamped to 1g, managed 0.4f and network
    // 0.1f of total Flink memory (network max is Long.MAX_VALUE since 1.17), heap the rest.
    expect(s.totalProcess).toBe(9223372036854775807n);
    expect(s.jvmOverhead).toBe(1073741824n);
    expect(s.totalFlink).toBe(9223372035512598527n);
    expect(s.managed).toBe(3689348869180620998n);
    expect(s.network).toBe(922337217295155203n);
    expect(s.taskHeap).toBe(4611685948768386870n);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('with network capped at 1g (Flink 1.16) the heap takes the rest', () => {
    expect(
      sizesOf(run('taskmanager.memory.process.size: 9223372036854775807\n', format, '1.16'))
        .taskHeap,
    ).toBe(5534023164989800249n);
  });

  it.each([
    '9223372036854775808',
    '9223372036854775807k',
    '8388608t',
    '99999999999999999999999999999999',
  ])("%s overflows: a finding, and Flink's own message", (size) => {
    const r = run(`taskmanager.memory.process.size: ${size}\n`, format);
    expect(r.at('invalid-memory-size')?.message).toBe(
      `"taskmanager.memory.process.size" (${size}) is more than Flink can count: a memory size must stay below 2^63 bytes (8388607t at most)`,
    );
    expect(r.at('invalid-memory-size')).toMatchObject({ line: 1, column: 1 });
    expect(failureOf(r).causes.join(' ')).toMatch(/cannot be re represented as 64bit number/);
  });

  it('8388607t is the largest in t', () => {
    expect(sizesOf(run('taskmanager.memory.process.size: 8388607t\n', format)).totalProcess).toBe(
      8388607n << 40n,
    );
  });

  it('a total Flink size of 2^63-1 overflows when Flink adds metaspace and overhead: long overflow', () => {
    const r = run('taskmanager.memory.flink.size: 9223372036854775807\n', format);
    expect(failureOf(r)).toMatchObject({
      exception: 'ArithmeticException',
      flinkMessage: 'long overflow',
    });
    expect(r.at('memory-derivation-fails')?.message).toMatch(/add up to more than 2\^63-1 bytes/);
  });
});

describe.each(FORMATS)('%s: spellings Flink does not read as a size', (format) => {
  it.each([
    ['１２８m', /\(１２８m\) does not start with a digit/],
    ['\u00a0128m', /does not start with a digit/],
    ['Infinity', /\(Infinity\) does not start with a digit/],
    ['NaN', /\(NaN\) does not start with a digit/],
    ['-1', /\(-1\) is negative/],
    [
      '128\u00a0m',
      /has the unit "\u00a0m", which Flink does not know.*128m is exactly the same size/,
    ],
  ])('%s', (value, message) => {
    const r = run(`taskmanager.memory.process.size: ${value}\n`, format);
    expect(r.at('invalid-memory-size')?.message).toMatch(message);
    expect(failureOf(r).flinkMessage).toMatch(
      /Cannot read memory size from config option 'taskmanager\.memory\.process\.size'/,
    );
  });
});

describe('0x10 and other YAML numbers', () => {
  it('config.yaml: 0x10 is a YAML int, so 16 bytes', () => {
    const s = sizesOf(
      run(
        'taskmanager.memory.process.size: 2g\ntaskmanager.memory.framework.off-heap.size: 0x10\n',
        'config-yaml',
      ),
    );
    expect(s.frameworkOffHeap).toBe(16n);
  });

  it('flink-conf.yaml: 0x10 is text, unit "x10"', () => {
    expect(
      run(
        'taskmanager.memory.process.size: 2g\ntaskmanager.memory.framework.off-heap.size: 0x10\n',
        'flink-conf',
      ).at('invalid-memory-size')?.message,
    ).toMatch(/has the unit "x10"/);
  });

  it('config.yaml: 1.5e3 is a YAML float that Flink reads as "1500.0"', () => {
    expect(
      run('taskmanager.memory.process.size: 1.5e3\n', 'config-yaml').at('invalid-memory-size')
        ?.message,
    ).toMatch(/\(1\.5e3, read as 1500\.0\).*1500b is exactly the same size/);
  });

  it('config.yaml: an integer of thousands of digits is kept as text and overflows like any other', () => {
    const digits = `-${'0'.repeat(500)}${'7'.repeat(1500)}`;
    const r = run(
      `taskmanager.memory.process.size: ${digits.slice(1)}\ntaskmanager.numberOfTaskSlots: ${digits}\n`,
      'config-yaml',
    );
    expect(r.at('invalid-memory-size')?.message).toMatch(/is more than Flink can count/);
    expect(failureOf(r).causes.join(' ')).toContain(
      `The value '${'7'.repeat(1500)}' cannot be re represented`,
    );
  });
});

describe('fractions at and past their limits', () => {
  const fraction = (value: string, format: InputFormat) =>
    run(
      `taskmanager.memory.process.size: 2g\ntaskmanager.memory.managed.fraction: ${value}\n`,
      format,
    );

  it.each(FORMATS)('%s: NaN, Infinity, 1e309 and 1 are outside [0, 1)', (format) => {
    for (const v of ['NaN', 'Infinity', '1e309', '1', '1.0', '-0.1']) {
      const r = fraction(v, format);
      expect(r.at('fraction-out-of-range')?.message, v).toMatch(
        new RegExp(`\\(${v.replace('.', '\\.')}\\) is outside \\[0, 1\\)`),
      );
      expect(r.tm.ok, v).toBe(false);
    }
  });

  it('config.yaml: .nan and 1e309 are YAML floats that Flink cannot narrow to float', () => {
    expect(failureOf(fraction('.nan', 'config-yaml')).causes).toContain(
      'Configuration value NaN overflows/underflows the float type.',
    );
    expect(failureOf(fraction('1e309', 'config-yaml')).causes).toContain(
      'Configuration value Infinity overflows/underflows the float type.',
    );
    expect(failureOf(fraction('1e-50', 'config-yaml')).causes).toContain(
      'Configuration value 1.0E-50 overflows/underflows the float type.',
    );
  });

  it('flink-conf.yaml: 1e-50 is parsed as a float, which rounds to 0: no managed memory', () => {
    expect(sizesOf(fraction('1e-50', 'flink-conf')).managed).toBe(0n);
  });

  it.each(FORMATS)(
    '%s: -0.0 is a valid fraction (Java: -0.0 >= 0), so network is its minimum',
    (format) => {
      const r = run(
        'taskmanager.memory.process.size: 2g\ntaskmanager.memory.network.fraction: -0.0\n',
        format,
      );
      expect(sizesOf(r).network).toBe(64n << 20n);
      expect(r.at('fraction-out-of-range')).toBeUndefined();
    },
  );

  it.each(FORMATS)('%s: a hex float (0x1p-2) is a quarter', (format) => {
    expect(sizesOf(fraction('0x1p-2', format)).managed).toBe(416074956n);
  });
});

describe('the library called from JavaScript', () => {
  it('a plain object with numbers (not strings) reads them as their text instead of throwing', () => {
    const m = computeMemory({
      'taskmanager.memory.process.size': 1811939328,
      'taskmanager.numberOfTaskSlots': 2,
    } as unknown as Record<string, string>);
    expect(m.taskmanager.ok && m.taskmanager.sizes.totalProcess).toBe(1811939328n);
    expect(m.taskmanager.ok && m.taskmanager.slots).toBe(2);
  });
});
