/**
 * How inputs are read: named twice, read once (standard input included: it is empty the second
 * time); huge values kept out of text lines; a config.yaml judged with the flink-conf.yaml beside
 * it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fix, lint, loadConfig } from '../src/index.js';
import { cli } from './cli-harness.js';

const CONFIG = 'taskmanager.memory.process.size: 1g\njobmanager.memory.process.size: 1600m\n';

describe('inputs named twice', () => {
  it('lint - - lints standard input once', async () => {
    const r = await cli(['lint', '-', '-'], { stdin: CONFIG });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('no problems found in 1 file\n');
    expect(r.code).toBe(0);
  });

  it('explain - - explains standard input once', async () => {
    const r = await cli(['explain', '-', '-'], { stdin: CONFIG });
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^<stdin> {2}\(Flink/gm)).toHaveLength(1);
  });
});

describe('a value of hundreds of kilobytes', () => {
  it("explain text keeps every line short; JSON keeps Flink's message whole", async () => {
    const blob = 'x'.repeat(300_000);
    const config = `taskmanager.memory.process.size: 2g\ntaskmanager.memory.managed.fraction: ${blob}\n`;
    const text = await cli(['explain', '-'], { stdin: config });
    expect(text.code).toBe(1);
    expect(Math.max(...text.stdout.split('\n').map((l) => l.length))).toBeLessThan(600);
    expect(text.stdout).toMatch(
      /^ {2}flink: {2}Could not parse value 'x+…x+' for key 'taskmanager\.memory\.managed\.fraction'/m,
    );
    const json = await cli(['explain', '-', '--format', 'json'], { stdin: config });
    expect(json.stdout).toContain(`Could not parse value '${blob}'`);
  });
});

describe('a config.yaml next to a flink-conf.yaml', () => {
  it('is reported for Flink 1.20, which reads the flink-conf.yaml, and not for Flink 2, which reads the config.yaml', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flink-mem-beside-'));
    try {
      mkdirSync(join(dir, 'conf'));
      writeFileSync(join(dir, 'conf', 'config.yaml'), CONFIG);
      writeFileSync(join(dir, 'conf', 'flink-conf.yaml'), CONFIG);
      const old = await cli(['lint', 'conf', '--flink-version', '1.20'], { cwd: dir });
      expect(old.code).toBe(1);
      expect(old.stdout).toContain(
        'conf/config.yaml:1:1: error: "config.yaml" is not read by Flink 1.20 while "conf/flink-conf.yaml" exists in the same folder',
      );
      expect(old.stdout).toContain('1 error in 2 files');
      const v2 = await cli(['lint', 'conf/config.yaml', '--flink-version', '2.0'], { cwd: dir });
      expect(v2.code).toBe(0);
      // The library reads the folder too when it loads a path.
      const file = loadConfig(join(dir, 'conf', 'config.yaml'));
      expect(lint(file, { flinkVersion: '1.19' }).map((f) => f.ruleId)).toEqual([
        'config-file-not-read',
      ]);
      // --fix fixes what it can and does not count the file-level problem, which no edit removes,
      // as fixed.
      writeFileSync(
        join(dir, 'conf', 'config.yaml'),
        `${CONFIG}taskmanager.memory.network.fraction: 1.5\n`,
      );
      const fixed = await cli(['lint', 'conf/config.yaml', '--flink-version', '1.20', '--fix'], {
        cwd: dir,
      });
      expect(fixed.stderr).toBe('flink-mem: fixed 1 problem in 1 file\n');
      expect(fixed.stdout).toContain('"config.yaml" is not read by Flink 1.20');
      writeFileSync(
        join(dir, 'conf', 'config.yaml'),
        `${CONFIG}taskmanager.memory.network.fraction: 1.5\n`,
      );
      const library = fix(loadConfig(join(dir, 'conf', 'config.yaml')), { flinkVersion: '1.20' });
      expect([library.fixed, library.findings.map((f) => f.ruleId)]).toEqual([
        1,
        ['config-file-not-read'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
