import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { applyPatch } from 'diff';
import { afterAll, describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.js';
import { cli } from './cli-harness.js';
import { loadFixCases, stage } from './fix-fixtures.js';

const CASES = loadFixCases();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface JsonFinding {
  ruleId: string;
  fix?: Record<string, string | null>;
}
async function findings(dir: string, file: string, flags: string[]): Promise<JsonFinding[]> {
  const r = await cli(['lint', file, '--format', 'json', ...flags], { cwd: dir });
  return (
    (JSON.parse(r.stdout) as { results: { findings: JsonFinding[] }[] }).results[0]?.findings ?? []
  );
}

describe('--fix turns each before file into exactly its after file', () => {
  for (const c of CASES) {
    it(`${c.ruleId}/${c.name}`, async () => {
      const dir = stage(c, 0o640);
      dirs.push(dir);
      const file = join(dir, c.fileName);
      const before = await findings(dir, c.fileName, c.flags);
      expect(
        before.some((f) => f.ruleId === c.ruleId && f.fix),
        `the before file has a fixable ${c.ruleId} finding`,
      ).toBe(true);

      const dry = await cli(['lint', c.fileName, '--fix-dry-run', ...c.flags], { cwd: dir });
      expect(dry.code).toBe(1);
      expect(readFileSync(file, 'utf8')).toBe(c.before);
      expect(dry.stdout.startsWith(`--- a/${c.fileName}\n+++ b/${c.fileName}\n`)).toBe(true);

      const fixed = await cli(['lint', c.fileName, '--fix', ...c.flags], { cwd: dir });
      expect(fixed.stderr).toMatch(/^flink-mem: fixed \d+ problems? in 1 file\n$/);
      const after = readFileSync(file, 'utf8');
      // The .after file is a file snapshot: a missing one is written on a local run (and fails
      // under
      // CI=true), `-u` rewrites a changed one; review the diff either way.
      await expect(after).toMatchFileSnapshot(c.afterPath);
      expect(applyPatch(c.before, dry.stdout)).toBe(after);
      expect(statSync(file).mode & 0o777).toBe(0o640);
      expect(readdirSync(dir)).toEqual([c.fileName]);

      // Idempotent: nothing is left to fix, and a second run changes nothing.
      expect((await findings(dir, c.fileName, c.flags)).filter((f) => f.fix)).toEqual([]);
      const again = await cli(['lint', c.fileName, '--fix', ...c.flags], { cwd: dir });
      expect(again.stderr).toBe('flink-mem: nothing to fix\n');
      expect(again.code).toBe(fixed.code);
      expect(readFileSync(file, 'utf8')).toBe(after);
    });
  }
});

describe('fix fixtures cover every fixable rule in each format it can fix', () => {
  const FORMATS: readonly string[] = ['flink-conf', 'flat', 'nested', 'k8s'];
  /** Rules that only fire in one kind of file. */
  const ONLY: Readonly<Record<string, readonly string[]>> = {
    'legacy-syntax': ['flink-conf'],
    'invalid-flink-version': ['k8s'],
    'operator-memory-override': ['k8s'],
    'operator-memory-units': ['k8s'],
  };
  for (const rule of ALL_RULES.filter((r) => r.fixable)) {
    it(rule.id, () => {
      const have = new Set(
        CASES.filter((c) => c.ruleId === rule.id).map((c) =>
          FORMATS.find((f) => c.name.endsWith(`-${f}`)),
        ),
      );
      expect([...(ONLY[rule.id] ?? FORMATS)].filter((f) => !have.has(f))).toEqual([]);
    });
  }
  it('every case name ends with its format', () => {
    expect(
      CASES.filter((c) => !FORMATS.some((f) => c.name.endsWith(`-${f}`))).map(
        (c) => `${c.ruleId}/${c.name}`,
      ),
    ).toEqual([]);
  });
  it('a rule folder exists only for fixable rules', () => {
    const fixable = new Set(ALL_RULES.filter((r) => r.fixable).map((r) => r.id));
    expect([...new Set(CASES.map((c) => c.ruleId))].filter((id) => !fixable.has(id))).toEqual([]);
  });
});
