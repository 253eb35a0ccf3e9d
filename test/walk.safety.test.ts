/**
 * What the folder walk of `lint <folder>` may and may not do (issue 10, items 2, 12 and 13):
 * links that leave the linted folder are reported and not read (so --fix cannot rewrite a file
 * outside it and --format github cannot print one), a FlinkDeployment far into a bundle is still
 * found, and a subfolder or file the walk cannot read is an error (exit 2), never skipped in
 * silence.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { flinkFilesIn } from '../src/config/index.js';
import { cli } from './cli-harness.js';
import { PERCENT, tempFolders } from './temp-folder.js';

const bin = fileURLToPath(new URL('../bin/flink-mem.cjs', import.meta.url));

const folder = tempFolders('flink-mem-walk-safety-');

/** What a credentials file linked into a repository could hold; it must never reach the output. */
const SECRET =
  'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.managed.fraction: 40\ns3.secret-key: hunter2-do-not-print\n';

describe('links that leave the linted folder', () => {
  it('are reported and not read: --format github never prints a file outside the folder', async () => {
    const dir = folder({
      'repo/conf/flink-conf.yaml': PERCENT,
      'secret/flink-conf.yaml': SECRET,
      'secret/sub/config.yaml': SECRET,
    });
    symlinkSync(join(dir, 'secret/flink-conf.yaml'), join(dir, 'repo/conf/linked.yaml'));
    symlinkSync(join(dir, 'secret/sub'), join(dir, 'repo/shared'));
    const r = await cli(['lint', 'repo', '--format', 'github'], { cwd: dir });
    expect(r.stdout).not.toContain('hunter2');
    expect(r.stdout).not.toContain('linked.yaml');
    expect(r.stdout).toContain('file=repo/conf/flink-conf.yaml');
    expect(r.stderr).toBe(
      [
        `flink-mem: note: "repo/conf/linked.yaml" is a link to "${join(dir, 'secret/flink-conf.yaml')}", outside "repo"; links that leave a linted folder are not followed (give the target itself to check it)`,
        `flink-mem: note: "repo/shared" is a link to "${join(dir, 'secret/sub')}", outside "repo"; links that leave a linted folder are not followed (give the target itself to check it)`,
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(1);
  });

  it('explain follows the same policy', async () => {
    const dir = folder({ 'repo/flink-conf.yaml': PERCENT, 'secret/flink-conf.yaml': SECRET });
    symlinkSync(join(dir, 'secret/flink-conf.yaml'), join(dir, 'repo/linked.yaml'));
    const r = await cli(['explain', 'repo', '--show-config'], { cwd: dir });
    expect(r.stdout).not.toContain('hunter2');
    expect(r.stdout).toContain('repo/flink-conf.yaml');
    expect(r.stderr).toBe(
      `flink-mem: note: "repo/linked.yaml" is a link to "${join(dir, 'secret/flink-conf.yaml')}", outside "repo"; links that leave a linted folder are not followed (give the target itself to check it)\n`,
    );
  });

  it('--fix leaves a file outside the folder as it was, whatever links to it', async () => {
    const dir = folder({ 'repo/flink-conf.yaml': PERCENT, 'home/.bashrc.yaml': PERCENT });
    symlinkSync(join(dir, 'home/.bashrc.yaml'), join(dir, 'repo/config.yaml'));
    const r = await cli(['lint', 'repo', '--fix'], { cwd: dir });
    expect(readFileSync(join(dir, 'home/.bashrc.yaml'), 'utf8')).toBe(PERCENT);
    expect(readFileSync(join(dir, 'repo/flink-conf.yaml'), 'utf8')).toBe(
      PERCENT.replace(': 40', ': 0.4'),
    );
    expect(r.stderr).toContain('flink-mem: note: "repo/config.yaml" is a link to');
    expect(r.code).toBe(0);
  });

  it('links inside the folder are followed (each real file once); a link inside is not rewritten by --fix', async () => {
    const dir = folder({ 'repo/real/flink-conf.yaml': PERCENT });
    symlinkSync('real', join(dir, 'repo/alias'));
    symlinkSync('real/flink-conf.yaml', join(dir, 'repo/a.yaml'));
    expect([...flinkFilesIn(join(dir, 'repo'))].map((f) => f.slice(dir.length + 1))).toEqual([
      'repo/a.yaml',
      'repo/alias/flink-conf.yaml',
    ]);
    const r = await cli(['lint', 'repo', '--fix'], { cwd: dir });
    // The file link is refused; the same file through the folder link, which stays inside, is
    // fixed.
    expect(readFileSync(join(dir, 'repo/real/flink-conf.yaml'), 'utf8')).toBe(
      PERCENT.replace(': 40', ': 0.4'),
    );
    expect(r.stderr).toBe(
      'flink-mem: error: cannot write the fixes to "repo/a.yaml": it is a symbolic link, and --fix never writes through a link (run it on the file the link points to); the file is unchanged\nflink-mem: fixed 1 problem in 1 file; 1 file could not be written\n',
    );
  });
});

describe('a FlinkDeployment after 64 KB of other manifests', () => {
  it('is found when its folder is linted, as when the file is linted by name', async () => {
    const service = (i: number) =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: service-${i}\nspec:\n  ports:\n    - port: ${8000 + i}\n`;
    const services = Array.from({ length: 900 }, (_, i) => service(i)).join('---\n');
    expect(services.length).toBeGreaterThan(64 * 1024);
    const deployment =
      'apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: job\nspec:\n  flinkVersion: v1_20\n  flinkConfiguration:\n    taskmanager.memory.process.size: 1.5g\n  taskManager:\n    resource:\n      memory: 2048m\n';
    const dir = folder({ 'deploy/all.yaml': `${services}---\n${deployment}` });
    const byName = await cli(['lint', 'deploy/all.yaml', '--format', 'json'], { cwd: dir });
    const byFolder = await cli(['lint', 'deploy', '--format', 'json'], { cwd: dir });
    expect(byName.code).toBe(1);
    expect(byFolder).toEqual(byName);
  });
});

const nobody =
  spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']).status === 0;

describe('what the walk cannot read', () => {
  // As root every folder is readable, so the CLI runs as the unprivileged user nobody (setpriv).
  it.runIf(nobody)(
    'an unreadable subfolder or file is one error line each and exit 2; the rest is still linted',
    () => {
      const dir = folder({
        'repo/ok/flink-conf.yaml': PERCENT,
        'repo/locked/flink-conf.yaml': PERCENT,
        'repo/secret.yaml': PERCENT,
      });
      chmodSync(dir, 0o755);
      spawnSync('chown', ['-R', '65534:65534', join(dir, 'repo')]);
      chmodSync(join(dir, 'repo/locked'), 0o000);
      chmodSync(join(dir, 'repo/secret.yaml'), 0o000);
      const r = spawnSync(
        'setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bin, 'lint', 'repo'],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(r.stderr).toBe(
        'flink-mem: error: "repo/locked" cannot be read (permission denied)\nflink-mem: error: "repo/secret.yaml" cannot be read (permission denied)\n',
      );
      expect(r.stdout).toContain('repo/ok/flink-conf.yaml:3:1: error:');
      expect(r.status).toBe(2);
    },
  );
});
