/**
 * A SARIF log written by `flink-mem lint` passes Microsoft's SARIF Multitool `validate` with its
 * SARIF and GitHub rule kinds (the checks GitHub code scanning's ingestion applies). The Multitool
 * is a self-contained .NET program shipped in @microsoft/sarif-multitool-linux, installed by
 * .ci/run
 * (test/sarif-multitool.ts); where it is not installed, or on another platform, the test is skipped
 * with that reason, and under CI=true it fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';
import { MULTITOOL as multitool, NO_MULTITOOL } from './sarif-multitool.js';

interface ValidationResult {
  ruleId: string;
  level?: string;
  message: { id?: string; arguments?: string[] };
}

/** Runs `Sarif.Multitool validate` and returns its findings (it writes them as SARIF itself). */
function validate(file: string): ValidationResult[] {
  const out = `${file}.validation.sarif`;
  execFileSync(
    multitool!,
    ['validate', file, '--rule-kind', 'Gh;Sarif', '--output', out, '--log', 'ForceOverwrite'],
    { stdio: 'pipe', timeout: 120_000 },
  );
  const log = JSON.parse(readFileSync(out, 'utf8')) as { runs: { results?: ValidationResult[] }[] };
  return log.runs[0]!.results ?? [];
}

describe.skipIf(!multitool)(
  `SARIF under Microsoft SARIF Multitool with GitHub rules${multitool ? '' : ` (${NO_MULTITOOL})`}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'flink-mem-sarif-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('finds nothing to complain about in a log with findings, a suppression and standard input', async () => {
      writeFileSync(
        join(dir, 'flink-conf.yaml'),
        'taskmanager.memory.process.size: 1g\n# flink-mem-disable-next-line range-min-above-max -- sized by the platform team\ntaskmanager.memory.network.min: 512m\ntaskmanager.memory.network.max: 256m\njobmanager.memory.process.size: 1600m\n',
      );
      const run = await cli(
        [
          'lint',
          'flink-conf.yaml',
          '-',
          '--stdin-filename',
          'conf/config.yaml',
          '--format',
          'sarif',
          '--output',
          'out.sarif',
        ],
        {
          cwd: dir,
          stdin: 'taskmanager:\n  memory:\n    process.size: 1.5g\n    network.fraction: 1.5\n',
        },
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const log = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as {
        runs: {
          results: {
            suppressions?: unknown;
            locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
          }[];
        }[];
      };
      const results = log.runs[0]!.results;
      expect(results.some((r) => r.suppressions)).toBe(true);
      expect(results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toContain(
        'conf/config.yaml',
      );
      expect(validate(join(dir, 'out.sarif'))).toEqual([]);
    }, 150_000);

    it('reports a GitHub rule for a result without message text (the check can fail)', () => {
      const log = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as {
        runs: { results: { message: unknown }[] }[];
      };
      log.runs[0]!.results[0]!.message = { id: 'nothing' };
      writeFileSync(join(dir, 'broken.sarif'), JSON.stringify(log));
      expect(validate(join(dir, 'broken.sarif')).map((r) => r.ruleId)).toContain('GH1015');
    }, 150_000);
  },
);
