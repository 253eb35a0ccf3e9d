/**
 * CPU cores and slots as Flink's TaskExecutorProcessUtils reads them after the memory derivation:
 * `taskmanager.cpu.cores` when set (a Java double that BigDecimal.valueOf must accept, so NaN and
 * Infinity fail), else the slot count; the slots themselves only from 1.13 on, after the CPU check.
 */
import { describe, expect, it } from 'vitest';
import { computeTaskManager } from '../src/model/compute.js';
import { parseVersion } from '../src/primitives/version.js';

function tm(config: Record<string, string>, version = '1.20') {
  return computeTaskManager(
    { 'taskmanager.memory.process.size': '2g', ...config },
    { version: parseVersion(version)!, target: 'standalone', trace: false },
  );
}

function failure(config: Record<string, string>, version?: string) {
  const r = tm(config, version);
  if (r.ok) throw new Error('expected a failure');
  return r.failure;
}

const NOT_A_DECIMAL = (c: string) =>
  `Character ${c} is neither a decimal digit number, decimal point, nor "e" notation exponential mark.`;

describe('taskmanager.cpu.cores', () => {
  it("NaN and Infinity parse as doubles but fail as a CPU resource, with Java 17 BigDecimal's message", () => {
    for (const [value, first] of [
      ['NaN', 'N'],
      ['Infinity', 'I'],
      ['+Infinity', 'I'],
      ['1e400', 'I'],
    ] as const) {
      const f = failure({ 'taskmanager.cpu.cores': value });
      expect(f).toMatchObject({
        check: 'invalid-cpu-cores',
        exception: 'NumberFormatException',
        flinkMessage: NOT_A_DECIMAL(first),
        keys: ['taskmanager.cpu.cores'],
      });
    }
  });

  it('-Infinity and zero are not positive: the CPU check fails first', () => {
    for (const value of ['-Infinity', '0', '-0.5']) {
      const f = failure({ 'taskmanager.cpu.cores': value });
      expect(f.check).toBe('invalid-cpu-cores');
      expect(f.flinkMessage).toBe(
        'TaskManager memory configuration failed: TaskExecutors need to be started with a positive number of CPU cores. Please configure taskmanager.cpu.cores accordingly.',
      );
    }
  });

  it('Java double spellings are accepted and shown as Java prints the double', () => {
    const r = tm({ 'taskmanager.cpu.cores': ' 1.5f ' });
    expect(r.ok && r.cpuCores).toBe(1.5);
    expect(r.ok && r.dynamicConfigs).toContain('-D taskmanager.cpu.cores=1.5');
  });
});

describe('slots beside cpu cores', () => {
  it('with cores set, an unreadable slot count fails only where Flink reads it (1.13+), after the CPU check', () => {
    expect(
      tm({ 'taskmanager.cpu.cores': '2', 'taskmanager.numberOfTaskSlots': 'x' }, '1.12').ok,
    ).toBe(true);
    expect(
      failure({ 'taskmanager.cpu.cores': '2', 'taskmanager.numberOfTaskSlots': 'x' }, '1.13')
        .flinkMessage,
    ).toBe("Could not parse value 'x' for key 'taskmanager.numberOfTaskSlots'.");
    // Both wrong: Flink checks the cores before it reads the slots.
    expect(
      failure({ 'taskmanager.cpu.cores': '0', 'taskmanager.numberOfTaskSlots': 'x' }, '1.20').check,
    ).toBe('invalid-cpu-cores');
  });

  it('without cores, the slots are the CPU: an unreadable slot count fails in every version', () => {
    for (const v of ['1.10', '1.12', '1.20', '2.0']) {
      expect(failure({ 'taskmanager.numberOfTaskSlots': 'x' }, v).flinkMessage).toBe(
        "Could not parse value 'x' for key 'taskmanager.numberOfTaskSlots'.",
      );
    }
    expect(failure({ 'taskmanager.numberOfTaskSlots': '0' }).keys).toEqual([
      'taskmanager.numberOfTaskSlots',
    ]);
  });
});
