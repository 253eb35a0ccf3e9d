/**
 * One decision of the Flink version and deployment target (src/engine/version-target.ts), used by
 * lint, --fix, explain, the doctor, the calculator page and the library alike.
 */
import { describe, expect, it } from 'vitest';
import { computeMemory, diagnose, lint, loadConfig } from '../src/api.js';
import { versionAndTarget } from '../src/engine/version-target.js';
import { parseVersion, versionLabel } from '../src/primitives/version.js';

const LEGACY_HEAP = 'taskmanager.heap.size: 2g';
const deployment = loadConfig({
  text: `apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  flinkVersion: v1_18\n  flinkConfiguration:\n    ${LEGACY_HEAP}\n`,
  name: 'fd.yaml',
}).documents[0]!;
const configMap = loadConfig({
  text: `apiVersion: v1\nkind: ConfigMap\ndata:\n  flink-conf.yaml: |\n    ${LEGACY_HEAP}\n`,
  name: 'cm.yaml',
}).documents[0]!;
const flinkConf = loadConfig({ text: `${LEGACY_HEAP}\n`, name: 'flink-conf.yaml' }).documents[0]!;

const decided = (
  doc: Parameters<typeof versionAndTarget>[0],
  asked: Parameters<typeof versionAndTarget>[1] = {},
) => {
  const d = versionAndTarget(doc, asked);
  return [versionLabel(d.version), d.known, d.target, d.targetKnown];
};

describe('versionAndTarget', () => {
  it('takes what the document says, else assumes 1.20 for a flink-conf.yaml and standalone', () => {
    expect(decided(deployment)).toEqual(['1.18', true, 'kubernetes', true]);
    expect(decided(configMap)).toEqual(['1.20', false, 'standalone', false]);
    expect(decided(flinkConf)).toEqual(['1.20', false, 'standalone', false]);
  });

  it('lets a forced version and a target other than standalone win; standalone does not move a FlinkDeployment off Kubernetes', () => {
    expect(decided(flinkConf, { flinkVersion: parseVersion('1.15')!, target: 'yarn' })).toEqual([
      '1.15',
      true,
      'yarn',
      true,
    ]);
    expect(decided(deployment, { target: 'standalone' })).toEqual([
      '1.18',
      true,
      'kubernetes',
      true,
    ]);
    expect(decided(flinkConf, { target: 'standalone' })).toEqual([
      '1.20',
      false,
      'standalone',
      true,
    ]);
  });

  it('decides the newest version and standalone for a plain key-value map', () => {
    const plain = versionAndTarget(undefined, {});
    expect([plain.target, plain.known, plain.targetKnown]).toEqual(['standalone', false, false]);
  });
});

describe('the library derives with that decision', () => {
  it('maps a legacy heap size to the process size on Kubernetes and to the Flink size in a ConfigMap or flink-conf.yaml', () => {
    const sizes = (doc: typeof flinkConf) => {
      const tm = computeMemory(doc).taskmanager;
      if (!tm.ok) throw new Error('the TaskManager does not start');
      return tm.sizes;
    };
    const bytes = 2n * 1024n ** 3n;
    expect(sizes(deployment).totalProcess).toBe(bytes);
    for (const doc of [configMap, flinkConf]) expect(sizes(doc).totalFlink).toBe(bytes);
  });
});

describe('the doctor decides as lint does', () => {
  it("reads a legacy heap size in a ConfigMap as Flink's own images do, as lint tells the user to rewrite it", () => {
    const keys = (doc: typeof configMap) =>
      diagnose('java.lang.OutOfMemoryError: Java heap space', {
        config: doc,
      }).diagnoses[0]!.suggestions.map((x) => x.key);
    const advice = (name: string, text: string) =>
      lint(loadConfig({ text, name })).find((f) => f.ruleId === 'deprecated-key')!.message;
    expect(keys(configMap)).toContain('taskmanager.memory.flink.size');
    expect(
      advice(
        'cm.yaml',
        `apiVersion: v1\nkind: ConfigMap\ndata:\n  flink-conf.yaml: |\n    ${LEGACY_HEAP}\n`,
      ),
    ).toContain('write "taskmanager.memory.flink.size: 2g"');
    expect(keys(deployment)).toContain('taskmanager.memory.process.size');
  });
});
