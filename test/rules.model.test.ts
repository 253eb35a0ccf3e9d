/**
 * Rules that read the memory model: no-total-memory-configured, memory-derivation-fails,
 * process-and-flink-size-both-set, fine-grained-with-total-size, jobmanager-heap-below-minimum.
 * Every fix a rule proposes is applied and derived again here.
 */
import { describe, expect, it } from 'vitest';
import { loadText, rawConfig } from '../src/config/index.js';
import type { InputFormat } from '../src/config/types.js';
import { lintLoadedFile } from '../src/engine/runner.js';
import { parseVersionOrThrow } from '../src/engine/settings.js';
import type { Finding, RuleDefinition } from '../src/engine/types.js';
import { computeJobManager, computeTaskManager } from '../src/model/compute.js';
import type { Target } from '../src/model/compute.js';
import { applyChanges } from '../src/model/trial.js';
import fineGrainedWithTotalSize from '../rules/fine-grained-with-total-size.js';
import jobmanagerHeapBelowMinimum from '../rules/jobmanager-heap-below-minimum.js';
import memoryDerivationFails from '../rules/memory-derivation-fails.js';
import noTotalMemoryConfigured from '../rules/no-total-memory-configured.js';
import processAndFlinkSizeBothSet from '../rules/process-and-flink-size-both-set.js';

interface Options {
  format?: InputFormat;
  version?: string;
  target?: Target;
}

function load(text: string, opts: Options) {
  const format = opts.format ?? 'config-yaml';
  return loadText(
    text,
    format === 'flink-conf' ? 'flink-conf.yaml' : format === 'k8s' ? 'deploy.yaml' : 'config.yaml',
    { format },
  );
}

function lint(rule: RuleDefinition, text: string, opts: Options = {}): Finding[] {
  const settings = {
    rules: {},
    target: opts.target ?? 'standalone',
    ...(opts.version ? { flinkVersion: parseVersionOrThrow(opts.version, 'version') } : {}),
  };
  return lintLoadedFile(load(text, opts), [rule], settings);
}

/** Applies a finding's fix to the document and derives both processes again. */
function afterFix(text: string, f: Finding | undefined, opts: Options = {}) {
  const doc = load(text, opts).documents[0]!;
  const raw = applyChanges(rawConfig(doc), f?.fix ?? {});
  const model = {
    version: parseVersionOrThrow(opts.version ?? '2.2', 'version'),
    target: opts.target ?? 'standalone',
  };
  return { tm: computeTaskManager(raw, model), jm: computeJobManager(raw, model) };
}

describe('no-total-memory-configured', () => {
  it('reports each process separately at 1:1 with the shipped size as fix', () => {
    const found = lint(noTotalMemoryConfigured, 'taskmanager.numberOfTaskSlots: 2\n');
    expect(found.map((f) => [f.line, f.column, f.key, f.fix])).toEqual([
      [1, 1, 'taskmanager.memory.process.size', { 'taskmanager.memory.process.size': '1728m' }],
      [1, 1, 'jobmanager.memory.process.size', { 'jobmanager.memory.process.size': '1600m' }],
    ]);
  });

  it('counts the legacy heap keys until 2.0, where they are ignored', () => {
    const text = 'taskmanager.heap.size: 1g\njobmanager.heap.size: 1g\n';
    expect(lint(noTotalMemoryConfigured, text, { format: 'flink-conf', version: '1.20' })).toEqual(
      [],
    );
    expect(
      lint(noTotalMemoryConfigured, text, { format: 'flink-conf', version: '2.0' }),
    ).toHaveLength(2);
  });

  it('never fires for local execution, nor for the 1.10 JobManager', () => {
    expect(
      lint(noTotalMemoryConfigured, 'taskmanager.numberOfTaskSlots: 2\n', { target: 'local' }),
    ).toEqual([]);
    expect(
      lint(noTotalMemoryConfigured, 'taskmanager.memory.process.size: 1728m\n', {
        format: 'flink-conf',
        version: '1.10',
      }),
    ).toEqual([]);
  });

  it('proposes a larger size when the shipped one would not start', () => {
    const text = 'taskmanager.memory.task.heap.size: 2g\njobmanager.memory.process.size: 1600m\n';
    const [f] = lint(noTotalMemoryConfigured, text);
    expect(f?.fix?.['taskmanager.memory.process.size']).not.toBe('1728m');
    expect(afterFix(text, f).tm.ok).toBe(true);
  });
});

describe('memory-derivation-fails', () => {
  it("reports the reason in our words, Flink's message, and a fix that starts", () => {
    const text = 'taskmanager.memory.process.size: 600m\njobmanager.memory.process.size: 1600m\n';
    const [f, ...rest] = lint(memoryDerivationFails, text);
    expect(rest).toEqual([]);
    expect(f?.line).toBe(1);
    expect(f?.message).toMatch(/^the TaskManager would not start: /);
    expect(f?.message).toContain('(Flink: "TaskManager memory configuration failed: ');
    expect(afterFix(text, f).tm.ok).toBe(true);
  });

  it.each([
    ['no total at all', 'jobmanager.memory.process.size: 1600m\n'],
    [
      'a fraction of 1',
      'taskmanager.memory.process.size: 1728m\ntaskmanager.memory.network.fraction: 1\njobmanager.memory.process.size: 1600m\n',
    ],
    [
      'min above max',
      'taskmanager.memory.process.size: 1728m\ntaskmanager.memory.network.min: 1g\ntaskmanager.memory.network.max: 64m\njobmanager.memory.process.size: 1600m\n',
    ],
    [
      'a size that does not parse',
      'taskmanager.memory.process.size: 1.5g\njobmanager.memory.process.size: 1600m\n',
    ],
    [
      'a float that does not parse',
      'taskmanager.memory.process.size: 1728m\ntaskmanager.memory.managed.fraction: lots\njobmanager.memory.process.size: 1600m\n',
    ],
    [
      'no slots',
      'taskmanager.memory.process.size: 1728m\ntaskmanager.numberOfTaskSlots: 0\njobmanager.memory.process.size: 1600m\n',
    ],
  ])('leaves %s to the rule that pinpoints it', (_what, text) => {
    expect(lint(memoryDerivationFails, text)).toEqual([]);
  });

  it('falls back to the total a remainder came from when the compared keys are defaults', () => {
    const text =
      'taskmanager.memory.flink.size: 1g\ntaskmanager.memory.task.heap.size: 330m\njobmanager.memory.process.size: 1600m\n';
    const [f] = lint(memoryDerivationFails, text);
    expect([f?.line, f?.key]).toEqual([1, 'taskmanager.memory.flink.size']);
    expect(afterFix(text, f).tm.ok).toBe(true);
  });

  it('points at the legacy heap key a too small total was copied from', () => {
    const text = 'taskmanager.heap.size: 300m\njobmanager.memory.process.size: 1600m\n';
    const [f] = lint(memoryDerivationFails, text, {
      format: 'flink-conf',
      version: '1.18',
      target: 'kubernetes',
    });
    expect(f?.key).toBe('taskmanager.heap.size');
    expect(f?.message).toContain(
      '"taskmanager.memory.process.size" (300m from "taskmanager.heap.size") is too small',
    );
  });

  it('ignores JobManager sizes in local execution', () => {
    expect(
      lint(memoryDerivationFails, 'jobmanager.memory.process.size: 300m\n', { target: 'local' }),
    ).toEqual([]);
  });

  it('checks the JobManager too', () => {
    const text = 'taskmanager.memory.process.size: 1728m\njobmanager.memory.flink.size: 100m\n';
    const [f] = lint(memoryDerivationFails, text);
    expect(f?.message).toMatch(
      /^the JobManager would not start: total Flink memory of the JobManager/,
    );
    expect(afterFix(text, f).jm.ok).toBe(true);
  });
});

describe('process-and-flink-size-both-set', () => {
  it('warns at flink.size and removes it when the process still starts', () => {
    const text =
      'taskmanager.memory.process.size: 2g\ntaskmanager.memory.flink.size: 1536m\njobmanager.memory.process.size: 1600m\n';
    const [f] = lint(processAndFlinkSizeBothSet, text);
    expect([f?.severity, f?.line, f?.fix]).toEqual([
      'warning',
      2,
      { 'taskmanager.memory.flink.size': null },
    ]);
  });

  it('offers no fix when the process size alone would not start', () => {
    const text =
      'taskmanager.memory.process.size: 640m\ntaskmanager.memory.flink.size: 192m\ntaskmanager.memory.jvm-metaspace.size: 256m\ntaskmanager.memory.jvm-overhead.min: 192m\njobmanager.memory.process.size: 1600m\n';
    expect(afterFix(text, undefined).tm.ok).toBe(false);
    const [f] = lint(processAndFlinkSizeBothSet, text);
    expect(f).toBeDefined();
    expect(f?.fix).toBeUndefined();
  });

  it('leaves a process size written by the operator from the spec to operator-memory-override', () => {
    const manifest = [
      'apiVersion: flink.apache.org/v1beta1',
      'kind: FlinkDeployment',
      'metadata: {name: job}',
      'spec:',
      '  flinkVersion: v1_20',
      '  flinkConfiguration:',
      '    taskmanager.memory.flink.size: 1280m',
      '  jobManager: {resource: {memory: 1600m, cpu: 1}}',
      '  taskManager: {resource: {memory: 2g, cpu: 1}}',
      '',
    ].join('\n');
    expect(lint(processAndFlinkSizeBothSet, manifest, { format: 'k8s' })).toEqual([]);
  });
});

describe('fine-grained-with-total-size', () => {
  it('removes the total when the fine-grained sizes alone fit in it', () => {
    const text =
      'taskmanager.memory.process.size: 2g\ntaskmanager.memory.task.heap.size: 512m\ntaskmanager.memory.managed.size: 512m\njobmanager.memory.process.size: 1600m\n';
    const [f] = lint(fineGrainedWithTotalSize, text);
    expect(f?.fix).toEqual({ 'taskmanager.memory.process.size': null });
    const after = afterFix(text, f).tm;
    expect(after.ok && after.sizes.totalProcess <= 2048n * 1024n * 1024n).toBe(true);
  });

  it('keeps the total when removing it would grow the process beyond it', () => {
    // Fine-grained alone derives about 1.83 GiB of process memory, more than the 1800m configured.
    const text =
      'taskmanager.memory.process.size: 1800m\ntaskmanager.memory.task.heap.size: 512m\ntaskmanager.memory.managed.size: 512m\njobmanager.memory.process.size: 1600m\n';
    const [f] = lint(fineGrainedWithTotalSize, text);
    expect(f).toBeDefined();
    expect(f?.fix).toBeUndefined();
  });

  it('needs both task heap and managed memory on the TaskManager', () => {
    expect(
      lint(
        fineGrainedWithTotalSize,
        'taskmanager.memory.process.size: 2g\ntaskmanager.memory.task.heap.size: 512m\njobmanager.memory.process.size: 1600m\n',
      ),
    ).toEqual([]);
  });

  it('names both totals and removes both', () => {
    const text =
      'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\njobmanager.memory.flink.size: 1152m\njobmanager.memory.heap.size: 1g\n';
    const [f] = lint(fineGrainedWithTotalSize, text);
    expect(f?.message).toContain(
      '"jobmanager.memory.process.size" (1600m) and "jobmanager.memory.flink.size" (1152m)',
    );
    expect(f?.fix).toEqual({
      'jobmanager.memory.process.size': null,
      'jobmanager.memory.flink.size': null,
    });
  });
});

describe('jobmanager-heap-below-minimum', () => {
  it.each([
    ['jobmanager.memory.heap.size: 64m\n', 'jobmanager.memory.heap.size', '128m'],
    ['jobmanager.memory.flink.size: 192m\n', 'jobmanager.memory.flink.size', '256m'],
    ['jobmanager.memory.process.size: 640m\n', 'jobmanager.memory.process.size', '704m'],
  ])('%s', (line, key, raised) => {
    const text = `taskmanager.memory.process.size: 1728m\n${line}`;
    const [f] = lint(jobmanagerHeapBelowMinimum, text);
    expect([f?.severity, f?.key, f?.fix]).toEqual(['warning', key, { [key]: raised }]);
    const jm = afterFix(text, f).jm;
    expect(jm.ok && jm.sizes.jvmHeap).toBe(128n * 1024n * 1024n);
  });

  it('points at the legacy heap key in MiB on Flink 1.10', () => {
    const [f] = lint(
      jobmanagerHeapBelowMinimum,
      'taskmanager.memory.process.size: 1728m\njobmanager.heap.mb: 100\n',
      { format: 'flink-conf', version: '1.10' },
    );
    expect([f?.key, f?.fix]).toEqual(['jobmanager.heap.mb', { 'jobmanager.heap.mb': '128' }]);
  });

  it('is quiet at 128 MiB and in local execution', () => {
    expect(
      lint(
        jobmanagerHeapBelowMinimum,
        'taskmanager.memory.process.size: 1728m\njobmanager.memory.heap.size: 128m\n',
      ),
    ).toEqual([]);
    expect(
      lint(jobmanagerHeapBelowMinimum, 'jobmanager.memory.heap.size: 64m\n', { target: 'local' }),
    ).toEqual([]);
  });
});
