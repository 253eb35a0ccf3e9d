/**
 * The pre-commit hook (.pre-commit-hooks.yaml) run by the real `pre-commit` tool: a sample
 * repository uses this checkout as its hook repository (copied into a fresh git repository, so
 * uncommitted work is what runs) with the machine's Node (`language_version: system`). pre-commit
 * installs the hook as it would for a user: `npm install` of the hook repository (which builds it),
 * `npm pack` and a global install of the tarball into its own environment.
 * Skipped, with that reason, where `pre-commit` is not installed (.ci/run installs it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './pack.helpers.js';

const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    [
      '-c',
      'user.name=test',
      '-c',
      'user.email=test@example.invalid',
      '-c',
      'commit.gpgsign=false',
      ...args,
    ],
    { cwd, encoding: 'utf8' },
  );
}

/**
 * The work tree's files (tracked and new, not ignored) as one commit of a new repository; returns
 * its path and commit.
 */
function hookRepository(into: string): { path: string; rev: string } {
  const path = join(into, 'hook-repo');
  const files = git(ROOT, 'ls-files', '-z', '--cached', '--others', '--exclude-standard')
    .split('\0')
    .filter(Boolean);
  for (const f of files) {
    try {
      mkdirSync(dirname(join(path, f)), { recursive: true });
      cpSync(join(ROOT, f), join(path, f));
    } catch (e) {
      // A file deleted in the work tree but still in the index is simply not copied.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  git(path, 'init', '-q');
  git(path, 'add', '-A');
  git(path, 'commit', '-q', '-m', 'hook');
  return { path, rev: git(path, 'rev-parse', 'HEAD').trim() };
}

describe.skipIf(!hasPreCommit)(
  'pre-commit hook, run by pre-commit (needs the pre-commit tool)',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'flink-mem-pre-commit-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }), 120_000);

    it('fails a commit with a broken Flink config, names the finding, and passes once it is fixed', () => {
      const hook = hookRepository(dir);
      const sample = join(dir, 'sample');
      mkdirSync(join(sample, 'conf'), { recursive: true });
      git(sample, 'init', '-q');
      writeFileSync(
        join(sample, '.pre-commit-config.yaml'),
        `repos:\n  - repo: ${hook.path}\n    rev: ${hook.rev}\n    hooks:\n      - id: flink-mem\n        language_version: system\n`,
      );
      writeFileSync(
        join(sample, 'conf/flink-conf.yaml'),
        'taskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.network.min: 512m\ntaskmanager.memory.network.max: 256m\n',
      );
      // Not Flink configuration: the hook's folder walk leaves it alone.
      writeFileSync(join(sample, 'workflow.yml'), 'name: ci\non: push\n');
      git(sample, 'add', '-A');
      const env = {
        ...process.env,
        PRE_COMMIT_HOME: join(dir, 'cache'),
        NO_COLOR: '1',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
        npm_config_update_notifier: 'false',
      };
      const run = () =>
        spawnSync('pre-commit', ['run', '--all-files', '--color', 'never'], {
          cwd: sample,
          env,
          encoding: 'utf8',
          timeout: 540_000,
        });

      const failed = run();
      expect(failed.stderr).not.toMatch(/An unexpected error has occurred/);
      expect(failed.status, failed.stdout + failed.stderr).toBe(1);
      expect(failed.stdout).toMatch(/flink-mem lint\.+Failed/);
      expect(failed.stdout).toContain(
        'conf/flink-conf.yaml:3:1: error: "taskmanager.memory.network.min" (512m) is greater than "taskmanager.memory.network.max" (256m)',
      );
      expect(failed.stdout).not.toContain('workflow.yml');

      writeFileSync(
        join(sample, 'conf/flink-conf.yaml'),
        'taskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 1600m\n',
      );
      git(sample, 'add', '-A');
      const passed = run();
      expect(passed.status, passed.stdout + passed.stderr).toBe(0);
      expect(passed.stdout).toMatch(/flink-mem lint\.+Passed/);
    }, 600_000);
  },
);
