/**
 * The real-file suite: configuration files from public repositories (fixtures/real), each with
 * its source, its Flink version and a verdict for every finding (fixtures/real/index.yaml).
 * It fails on a finding judged false, on a finding nobody judged, and on a true finding that no
 * longer fires; and the fixes lint prints are what --fix writes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fix, lint, loadConfig } from '../src/index.js';
import { VERDICTS, judgeFile, markdownTable, readIndex } from '../scripts/real-suite.mjs';
import type { RealEntry } from '../scripts/real-suite.mjs';

const entries = readIndex();
const optionsOf = (e: RealEntry) => (e.lintWith ? { flinkVersion: e.lintWith } : {});

describe('the real-file suite', () => {
  it('holds at least 60 files, each with its source, version and a verdict with a reason for every recorded finding', () => {
    expect(entries.length).toBeGreaterThanOrEqual(60);
    expect(new Set(entries.map((e) => e.name)).size).toBe(entries.length);
    for (const e of entries) {
      expect(existsSync(e.path), e.path).toBe(true);
      expect(e.source.repo, e.name).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(e.source.path, e.name).not.toBe('');
      expect(String(e.flinkVersion), e.name).not.toBe('');
      expect(e.versionFrom, e.name).not.toBe('');
      for (const r of e.findings) {
        expect(VERDICTS, `${e.name}:${r.line} ${r.rule}`).toContain(String(r.verdict));
        expect(r.why.length, `${e.name}:${r.line} ${r.rule}`).toBeGreaterThan(10);
      }
    }
  });

  for (const e of entries) {
    it(`${e.name}/${e.file}: no false finding, none without a verdict, every true one still fires`, () => {
      const findings = lint(loadConfig(e.path), optionsOf(e));
      const { judged, notFiring } = judgeFile(e, findings);
      const show = (f: { line: number; ruleId: string; message: string }) =>
        `${f.line} ${f.ruleId}: ${f.message}`;
      expect(
        judged.filter((j) => j.verdict === undefined).map((j) => show(j.finding)),
        'findings without a verdict in fixtures/real/index.yaml',
      ).toEqual([]);
      expect(
        judged
          .filter((j) => j.verdict === 'false')
          .map((j) => `${show(j.finding)} (judged false: ${j.why})`),
        'false alarms',
      ).toEqual([]);
      expect(
        notFiring.filter((r) => String(r.verdict) === 'true').map((r) => `${r.line} ${r.rule}`),
        'true findings that no longer fire',
      ).toEqual([]);
    });
  }

  it('every fix lint prints on a real file is what --fix writes, and the fixed file has none of those findings left', () => {
    let checked = 0;
    for (const e of entries) {
      const file = loadConfig(e.path);
      const findings = lint(file, optionsOf(e));
      const fixable = findings.filter((f) => f.fix);
      if (fixable.length === 0) continue;
      const fixed = fix(file, optionsOf(e));
      const after = loadConfig({ text: fixed.text, name: e.path });
      const left = lint(after, optionsOf(e));
      for (const f of fixable) {
        expect(
          left.filter((l) => l.ruleId === f.ruleId && l.key === f.key && l.message === f.message),
          `${e.name}: ${f.ruleId} ${f.key}`,
        ).toEqual([]);
        for (const [key, value] of Object.entries(f.fix ?? {})) {
          const entry = after.documents
            .find((d) => d.docIndex === (f.docIndex ?? 0))
            ?.effective.get(key);
          if (value === null) expect(entry, `${e.name}: ${key} removed`).toBeUndefined();
          else if (!key.startsWith('spec.'))
            expect(entry?.text.replace(/^["']|["']$/g, ''), `${e.name}: ${key}`).toBe(value);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('the README states the precision measured now (npm run real:eval -- --markdown prints the table)', () => {
    const results = entries.map((e) => judgeFile(e, lint(loadConfig(e.path), optionsOf(e))));
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(markdownTable(results));
  });
});
