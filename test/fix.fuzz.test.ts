/**
 * --fix on random YAML-ish text (fast-check, fixed seed): it never throws, and whatever it writes
 * loads without the problems that make Flink refuse a file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadText } from '../src/config/index.js';
import type { LoadedFile } from '../src/config/types.js';
import { lintLoadedFile } from '../src/engine/runner.js';
import { DEFAULT_SETTINGS } from '../src/engine/settings.js';
import { fatalProblem, fixLoadedFile } from '../src/fix/index.js';
import { ALL_RULES } from '../rules/index.js';

const settings = { ...DEFAULT_SETTINGS, knownRuleIds: ALL_RULES.map((r) => r.id) };
const TOKENS = [
  'taskmanager',
  'memory',
  'process',
  'size',
  'managed',
  'fraction',
  'jobmanager',
  'heap',
  'flink',
  'network',
  'min',
  'max',
  'taskmanager.memory.process.size',
  'taskmanager.memory.managed.fraction',
  'jobmanager.memory.process.size',
  'taskmanager.heap.size',
  'spec',
  'flinkConfiguration',
  'apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\n',
  'data',
  'flink-conf.yaml',
  ': ',
  ':',
  '.',
  ' ',
  '  ',
  '    ',
  '\n',
  '\r\n',
  '#',
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  ', ',
  '- ',
  '|',
  '>',
  '&a ',
  '*a',
  '---\n',
  '\uFEFF',
  '40',
  '1728m',
  '1.5g',
  '2G',
  '0',
  '512MiB',
  'yes',
  '1g',
  '100m',
];
const text = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join(''));

describe('--fix on random YAML-ish text (fast-check, fixed seed)', () => {
  for (const name of ['flink-conf.yaml', 'config.yaml', 'deploy.yaml']) {
    it(name, () => {
      fc.assert(
        fc.property(text, (t) => {
          const load = (s: string) => loadText(s, name);
          const out = fixLoadedFile(load(t), {
            lint: (f: LoadedFile) => lintLoadedFile(f, ALL_RULES, settings),
            reload: load,
            settings,
          });
          if (out.text !== t) expect(fatalProblem(load(out.text))).toBeNull();
        }),
        { numRuns: 150, seed: 4242 },
      );
    });
  }
});
