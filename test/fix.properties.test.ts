/**
 * --fix on random configurations (fast-check, fixed seed): whatever the mix of keys, spellings
 * and file styles, the result loads, no process that started stops starting, and a second run
 * changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadText, rawConfig } from '../src/config/index.js';
import type { LoadedFile } from '../src/config/types.js';
import { lintLoadedFile } from '../src/engine/runner.js';
import { versionAndTarget } from '../src/engine/version-target.js';
import { computeJobManager, computeTaskManager } from '../src/model/compute.js';
import { DEFAULT_SETTINGS } from '../src/engine/settings.js';
import type { LinterSettings } from '../src/engine/settings.js';
import { fatalProblem, fixLoadedFile } from '../src/fix/index.js';
import { ALL_RULES } from '../rules/index.js';

const RUNS = { numRuns: 60, seed: 20261123 };
const settings: LinterSettings = { ...DEFAULT_SETTINGS, knownRuleIds: ALL_RULES.map((r) => r.id) };

const KEYS: Record<string, readonly string[]> = {
  'taskmanager.memory.process.size': ['1728m', '4g', '512m', '1.5g', '2Gi'],
  'taskmanager.memory.flink.size': ['1280m', '3g'],
  'taskmanager.heap.size': ['1024m', '96m'],
  'taskmanager.memory.managed.fraction': ['0.4', '40', '0', '-1'],
  'taskmanager.memory.managed.size': ['1g', '0'],
  'taskmanager.memory.task.heap.size': ['512m'],
  'taskmanager.memory.network.min': ['512m', '64m'],
  'taskmanager.memory.network.max': ['256m', '1g'],
  'taskmanager.memory.jvm-metaspace.size': ['256m', '512MiB'],
  'taskmanager.memory.fraction': ['0.7'],
  'taskmanager.memory.managed.fractoin': ['0.3'],
  'jobmanager.memory.process.size': ['1600m', '400m'],
  'jobmanager.memory.heap.size': ['100m', '1g'],
  'jobmanager.memory.flink.size': ['1200m'],
  'jobmanager.memory.enable-jvm-direct-memory-limit': ['yes', 'true'],
  'state.backend.type': ['rocksdb', 'hashmap'],
  'execution.runtime-mode': ['STREAMING'],
  'taskmanager.numberOfTaskSlots': ['2'],
};

const entries = fc.uniqueArray(
  fc
    .constantFrom(...Object.keys(KEYS))
    .chain((k) => fc.constantFrom(...(KEYS[k] ?? [])).map((v) => [k, v] as const)),
  { selector: ([k]) => k, minLength: 1, maxLength: 8 },
);

type Style = 'flink-conf' | 'flat' | 'nested' | 'k8s' | 'configmap';

function render(
  list: readonly (readonly [string, string])[],
  style: Style,
  eol: string,
  comments = false,
): string {
  if (comments) {
    // Each value line ends with a comment naming its key: "# about <key>".
    const commented = render(list, style, eol).split(eol);
    return commented
      .map((l) => {
        const key = list.find(
          ([k]) =>
            l.trimStart().startsWith(`${k}:`) ||
            l.trimStart().startsWith(`${k.split('.').at(-1)}:`),
        )?.[0];
        return key && /:\s*\S/.test(l) && !l.trimEnd().endsWith('|') ? `${l}  # about ${key}` : l;
      })
      .join(eol);
  }
  if (style === 'flink-conf' || style === 'flat')
    return list.map(([k, v]) => `${k}: ${v}${eol}`).join('');
  if (style === 'configmap') {
    const head = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: flink-config',
      'data:',
      '  flink-conf.yaml: |',
    ]
      .map((l) => l + eol)
      .join('');
    return head + list.map(([k, v]) => `    ${k}: ${v}${eol}`).join('');
  }
  if (style === 'k8s') {
    const conf = list.map(([k, v]) => `    ${k}: "${v}"${eol}`).join('');
    return (
      [
        'apiVersion: flink.apache.org/v1beta1',
        'kind: FlinkDeployment',
        'metadata:',
        '  name: demo',
        'spec:',
        '  flinkVersion: v1_20',
        '  flinkConfiguration:',
      ]
        .map((l) => l + eol)
        .join('') +
      conf +
      `  taskManager:${eol}    resource:${eol}      memory: "2048Mi"${eol}`
    );
  }
  // Nested: a key that is a prefix of another stays flat.
  const tree = new Map<string, unknown>();
  const flat: string[] = [];
  for (const [k, v] of list) {
    if (list.some(([o]) => o !== k && o.startsWith(`${k}.`))) {
      flat.push(`${k}: ${v}${eol}`);
      continue;
    }
    let t = tree;
    const segs = k.split('.');
    for (const s of segs.slice(0, -1)) {
      if (!(t.get(s) instanceof Map)) t.set(s, new Map());
      t = t.get(s) as Map<string, unknown>;
    }
    t.set(segs[segs.length - 1]!, v);
  }
  const out: string[] = [];
  const walk = (t: Map<string, unknown>, indent: string) => {
    for (const [k, v] of t) {
      if (v instanceof Map) {
        out.push(`${indent}${k}:${eol}`);
        walk(v as Map<string, unknown>, `${indent}  `);
      } else out.push(`${indent}${k}: ${String(v)}${eol}`);
    }
  };
  walk(tree, '');
  return out.join('') + flat.join('');
}

/** Which processes of each document start. */
function starting(file: LoadedFile): boolean[][] {
  return file.documents.map((d) => {
    const { version, target } = versionAndTarget(d, settings);
    const options = { version, target };
    return [
      computeTaskManager(rawConfig(d), options).ok,
      computeJobManager(rawConfig(d), options).ok,
    ];
  });
}

function fixText(
  text: string,
  name: string,
): { first: string; second: string; loaded: LoadedFile; before: LoadedFile } {
  const load = (t: string) => loadText(t, name);
  const env = {
    lint: (f: LoadedFile) => lintLoadedFile(f, ALL_RULES, settings),
    reload: load,
    settings,
  };
  const before = load(text);
  const first = fixLoadedFile(before, env);
  const second = fixLoadedFile(load(first.text), env);
  return { first: first.text, second: second.text, loaded: first.loaded, before };
}

describe('--fix on random configurations (fast-check, fixed seed)', () => {
  const styles: Style[] = ['flink-conf', 'flat', 'nested', 'k8s', 'configmap'];
  for (const style of styles) {
    it(`${style}: the result loads, is idempotent, and keeps every process that started starting`, () => {
      let changed = 0;
      fc.assert(
        fc.property(entries, fc.constantFrom('\n', '\r\n'), (list, eol) => {
          const name = style === 'flink-conf' ? 'flink-conf.yaml' : 'config.yaml';
          const { first, second, loaded, before } = fixText(render(list, style, eol), name);
          expect(fatalProblem(loaded)).toBeNull();
          expect(second).toBe(first);
          if (first.includes('\n')) expect(first.includes('\r\n')).toBe(eol === '\r\n');
          expect(loaded.documents.length).toBe(before.documents.length);
          const [was, now] = [starting(before), starting(loaded)];
          was.forEach((procs, i) => procs.forEach((ok, j) => ok && expect(now[i]?.[j]).toBe(true)));
          if (first !== render(list, style, eol)) changed++;
        }),
        RUNS,
      );
      // Most random configurations have something to fix; the property is not vacuous.
      expect(changed).toBeGreaterThan(RUNS.numRuns / 2);
    });
  }
});

describe('--fix keeps every comment, those on edited and removed lines included (fast-check, fixed seed)', () => {
  const styles: Style[] = ['flink-conf', 'flat', 'nested', 'k8s', 'configmap'];
  for (const style of styles) {
    it(`${style}: each "# about <key>" comment is still there once`, () => {
      let edited = 0;
      fc.assert(
        fc.property(entries, fc.constantFrom('\n', '\r\n'), (list, eol) => {
          const name = style === 'flink-conf' ? 'flink-conf.yaml' : 'config.yaml';
          const text = render(list, style, eol, true);
          const { first } = fixText(text, name);
          const comments = text.match(/# about \S+/g) ?? [];
          expect(comments.length).toBeGreaterThan(0);
          for (const c of comments)
            expect(first.split(c).length - 1).toBe(text.split(c).length - 1);
          if (first !== text) edited++;
        }),
        RUNS,
      );
      expect(edited).toBeGreaterThan(RUNS.numRuns / 2);
    });
  }
});
