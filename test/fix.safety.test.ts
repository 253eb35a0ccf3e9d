import { describe, expect, it } from 'vitest';
import { loadText } from '../src/config/index.js';
import type { LoadedFile } from '../src/config/types.js';
import { lintLoadedFile } from '../src/engine/runner.js';
import { DEFAULT_SETTINGS } from '../src/engine/settings.js';
import type { LinterSettings } from '../src/engine/settings.js';
import type { Finding } from '../src/engine/types.js';
import { applyEdits, fixLoadedFile, MAX_PASSES } from '../src/fix/index.js';
import { ALL_RULES } from '../rules/index.js';

const settings: LinterSettings = { ...DEFAULT_SETTINGS, knownRuleIds: ALL_RULES.map((r) => r.id) };
const load = (text: string) => loadText(text, 'flink-conf.yaml');
const lint = (f: LoadedFile) => lintLoadedFile(f, ALL_RULES, settings);
const extra = (fix: Record<string, string | null>): Finding => ({
  ruleId: 'test-rule',
  severity: 'error',
  message: 'injected',
  file: 'flink-conf.yaml',
  line: 1,
  column: 1,
  fix,
});

const GOOD = 'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n';

describe('fixLoadedFile refuses results that are not safe', () => {
  it('keeps the text when a fix would make a process that starts fail', () => {
    const out = fixLoadedFile(load(GOOD), {
      lint: (f) =>
        f.text === GOOD ? [extra({ 'taskmanager.memory.process.size': '100m' })] : lint(f),
      reload: load,
      settings,
    });
    expect(out.text).toBe(GOOD);
    expect(out.fixed).toBe(0);
    expect(out.note).toBe('not fixed: with the fixes, the TaskManager would no longer start');
  });

  it('keeps the text when a fix does not remove its finding', () => {
    const stuck = extra({ 'taskmanager.numberOfTaskSlots': '2' });
    const out = fixLoadedFile(load(GOOD), {
      lint: (f) => [...lint(f), stuck],
      reload: load,
      settings,
    });
    expect(out.text).toBe(GOOD);
    expect(out.note).toBe('not fixed: the fix for test-rule at line 1 did not remove the finding');
  });

  it('stops after a bounded number of passes when fixes keep coming', () => {
    let n = 0;
    const out = fixLoadedFile(load(GOOD), {
      lint: (f) => [...lint(f), extra({ 'taskmanager.numberOfTaskSlots': String(++n) })],
      reload: load,
      settings,
    });
    expect(out.text).toBe(`${GOOD}taskmanager.numberOfTaskSlots: ${MAX_PASSES}\n`);
  });

  it('does nothing for a file without fixable findings', () => {
    const loaded = load(GOOD);
    const out = fixLoadedFile(loaded, { lint, reload: load, settings });
    expect(out).toMatchObject({ text: GOOD, fixed: 0, loaded });
    expect(out.note).toBeUndefined();
  });
});

describe('applyEdits', () => {
  it('applies edits in offset order, joins overlapping removals and keeps insertions at one offset in order', () => {
    const text = 'a\nb\nc\n';
    expect(
      applyEdits(text, [
        { start: 4, end: 6, text: '' },
        { start: 2, end: 5, text: '' },
        { start: 6, end: 6, text: 'x\n' },
        { start: 6, end: 6, text: 'y\n' },
      ]),
    ).toBe('a\nx\ny\n');
    expect(
      applyEdits(text, [
        { start: 0, end: 1, text: 'A' },
        { start: 4, end: 5, text: 'C' },
      ]),
    ).toBe('A\nb\nC\n');
  });
});
