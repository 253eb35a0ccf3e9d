/**
 * Fix fixtures: `fixtures/fix/<rule-id>/<case>.before.<ext>` and the whole file `--fix` must leave,
 * `<case>.after.<ext>`. A `.conf` case is linted as `flink-conf.yaml`, a `.yaml` case as
 * `config.yaml` (a manifest is recognised by its content). The first-line lint settings
 * (`# flink-mem-fixture:`, read by src/fixtures/directives.ts, see fixtures/README.md) become CLI
 * flags.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIX_FAMILY, lintFlags, lintSettings, readHeader } from '../src/fixtures/directives.js';

export const FIX_FIXTURES = new URL('../fixtures/fix/', import.meta.url).pathname;

export interface FixCase {
  readonly ruleId: string;
  readonly name: string;
  readonly before: string;
  /**
   * The whole file `--fix` must leave: a file snapshot (test/fix.fixtures.test.ts), so a missing
   * one
   * is written on a local run and fails under CI=true.
   */
  readonly afterPath: string;
  /** The file name the case is linted under. */
  readonly fileName: string;
  readonly flags: string[];
}

/** The CLI flags a case's `# flink-mem-fixture:` line stands for. */
export function flagsOf(file: string, text: string): string[] {
  return lintFlags(lintSettings(file, readHeader(FIX_FAMILY, file, text)));
}

export function loadFixCases(): FixCase[] {
  const out: FixCase[] = [];
  for (const ruleId of readdirSync(FIX_FIXTURES).sort()) {
    for (const f of readdirSync(join(FIX_FIXTURES, ruleId)).sort()) {
      const m = /^(.*)\.before\.(conf|yaml)$/.exec(f);
      if (!m) continue;
      const [, name = '', ext = ''] = m;
      const before = readFileSync(join(FIX_FIXTURES, ruleId, f), 'utf8');
      const afterPath = join(FIX_FIXTURES, ruleId, `${name}.after.${ext}`);
      out.push({
        ruleId,
        name,
        before,
        afterPath,
        fileName: ext === 'conf' ? 'flink-conf.yaml' : 'config.yaml',
        flags: flagsOf(join(FIX_FIXTURES, ruleId, f), before),
      });
    }
  }
  return out;
}

/** A fresh folder holding the case's before file (with the given mode). */
export function stage(c: FixCase, mode = 0o644): string {
  const dir = mkdtempSync(join(tmpdir(), 'flink-mem-fix-'));
  writeFileSync(join(dir, c.fileName), c.before);
  chmodSync(join(dir, c.fileName), mode);
  return dir;
}
