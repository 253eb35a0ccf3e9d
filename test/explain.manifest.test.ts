/**
 * `flink-mem explain` on FlinkDeployments: a fix that changes a process size the operator sets
 * from the spec's resource memory is written on that resource field, in its own spelling, with a
 * limit below the new size raised too; the same changes `lint` proposes
 * (src/fix/manifest-changes.ts).
 */
import { describe, expect, it } from 'vitest';
import { loadText } from '../src/config/index.js';
import { fixInManifest } from '../src/fix/manifest-changes.js';
import { cli } from './cli-harness.js';

const DIR = 'fixtures/rules/memory-derivation-fails';
const OVERRIDDEN = `${DIR}/invalid-operator-resource-too-small.yaml`;
const WITH_LIMIT = `${DIR}/invalid-operator-resources-with-limit.yaml`;

type Fix = Record<string, string | null>;

async function explainJson(file: string): Promise<{
  taskmanager: { error?: { fix: Fix | null } };
  jobmanager: { error?: { fix: Fix | null } };
}> {
  const r = await cli(['explain', file, '--format', 'json']);
  expect(r.code).toBe(1);
  return JSON.parse(r.stdout).results[0];
}

describe('explain on a FlinkDeployment sized from resource memory', () => {
  it('prints the fix on the resource field, not on the process size in flinkConfiguration the operator overwrites', async () => {
    const r = await cli(['explain', OVERRIDDEN]);
    expect(r.code).toBe(1);
    const fixes = r.stdout
      .split('\n')
      .filter((l) => l.trimStart().startsWith('fix:'))
      .map((l) => l.trim());
    expect(fixes).toEqual([
      'fix:    spec.taskManager.resource.memory: 2048m',
      'fix:    spec.jobManager.resource.memory: 1472Mi',
    ]);
    expect(r.stdout).not.toMatch(/fix:.*memory\.process\.size/);
  });

  it('gives the same fix in JSON', async () => {
    const result = await explainJson(OVERRIDDEN);
    expect(result.taskmanager.error?.fix).toEqual({ 'spec.taskManager.resource.memory': '2048m' });
    expect(result.jobmanager.error?.fix).toEqual({ 'spec.jobManager.resource.memory': '1472Mi' });
  });

  it('raises a memory limit below the new size with the request, in text and JSON', async () => {
    const text = await cli(['explain', WITH_LIMIT]);
    expect(text.stdout).toContain(
      '  fix:    spec.taskManager.resources.requests.memory: 3136Mi, spec.taskManager.resources.limits.memory: 3136Mi\n',
    );
    const result = await explainJson(WITH_LIMIT);
    expect(result.taskmanager.error?.fix).toEqual({
      'spec.taskManager.resources.requests.memory': '3136Mi',
      'spec.taskManager.resources.limits.memory': '3136Mi',
    });
  });

  it('proposes the changes lint proposes for the same failures', async () => {
    for (const file of [OVERRIDDEN, WITH_LIMIT]) {
      const lint = JSON.parse((await cli(['lint', file, '--format', 'json'])).stdout);
      const lintFixes = lint.results[0].findings
        .filter((f: { ruleId: string }) => f.ruleId === 'memory-derivation-fails')
        .map((f: { fix: Fix }) => f.fix);
      const explained = await explainJson(file);
      const explainFixes = [
        explained.taskmanager.error?.fix,
        explained.jobmanager.error?.fix,
      ].filter((f) => f);
      const canonical = (fixes: unknown[]) => fixes.map((f) => JSON.stringify(f)).sort();
      expect(canonical(explainFixes), file).toEqual(canonical(lintFixes));
      expect(explainFixes.length, file).toBeGreaterThan(0);
    }
  });
});

describe('fixInManifest', () => {
  const manifest = loadText(
    'apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: x\nspec:\n  taskManager:\n    resource:\n      memory: 2048m\n  jobManager:\n    resource:\n      memory: 1600Mi\n',
    'deploy.yaml',
  ).documents[0]!;

  it('moves a process size the operator sets to its resource field, spelt like the field', () => {
    expect(
      fixInManifest(manifest, {
        'taskmanager.memory.process.size': '3g',
        'taskmanager.memory.jvm-metaspace.size': '256m',
      }),
    ).toEqual({
      'spec.taskManager.resource.memory': '3072m',
      'taskmanager.memory.jvm-metaspace.size': '256m',
    });
  });

  it("writes a binary quantity into a field not written in the operator's MiB spelling", () => {
    expect(fixInManifest(manifest, { 'jobmanager.memory.process.size': '2g' })).toEqual({
      'spec.jobManager.resource.memory': '2Gi',
    });
  });

  it('cannot write the removal of a size the resource field sets', () => {
    expect(fixInManifest(manifest, { 'jobmanager.memory.process.size': null })).toBeUndefined();
  });

  it('leaves the changes of a plain Flink configuration as they are', () => {
    const plain = loadText('taskmanager.memory.process.size: 1g\n', 'config.yaml').documents[0]!;
    expect(
      fixInManifest(plain, {
        'taskmanager.memory.process.size': '2g',
        'taskmanager.memory.flink.size': null,
      }),
    ).toEqual({
      'taskmanager.memory.process.size': '2g',
      'taskmanager.memory.flink.size': null,
    });
  });
});
