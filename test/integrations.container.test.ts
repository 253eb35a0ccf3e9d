/**
 * The container image (Dockerfile). No container engine runs on these machines, so the image itself
 * is not built here; this test performs the Dockerfile's own install step
 * (scripts/docker/install.sh,
 * which the Dockerfile runs) with the `npm pack` tarball into a fresh prefix, then runs the
 * entrypoint as an unprivileged user (nobody, through setpriv) without any network (a new network
 * namespace through unshare), as the image runs it. Needs root, setpriv and unshare; skipped with
 * that reason otherwise.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pack, ROOT } from './pack.helpers.js';

const has = (tool: string) => spawnSync(tool, ['--version'], { encoding: 'utf8' }).status === 0;
const canIsolate =
  process.getuid?.() === 0 &&
  has('setpriv') &&
  has('unshare') &&
  spawnSync('unshare', ['--net', 'true']).status === 0;

/**
 * The Dockerfile's instructions of its last stage, as [instruction, argument] pairs (continuation
 * lines joined).
 */
function runtimeStage(): [string, string][] {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const stages: [string, string][][] = [];
  for (const line of lines) {
    const [instruction = '', ...rest] = line.trim().split(/\s+/);
    if (instruction.toUpperCase() === 'FROM') stages.push([]);
    stages.at(-1)!.push([instruction.toUpperCase(), rest.join(' ')]);
  }
  return stages.at(-1)!;
}

describe('container image (Dockerfile)', () => {
  it('installs with scripts/docker/install.sh and runs flink-mem as a non-root user', () => {
    const stage = runtimeStage();
    expect(stage.find(([i]) => i === 'RUN')?.[1]).toMatch(
      /^sh \/tmp\/install\.sh \/tmp\/flink-mem\.tgz \/opt\/flink-mem \/usr\/local\/bin /,
    );
    expect(stage.find(([i]) => i === 'USER')?.[1]).toBe('node');
    expect(stage.find(([i]) => i === 'ENTRYPOINT')?.[1]).toBe('["flink-mem"]');
    expect(stage[0]![1]).toMatch(/^node:22-alpine$/);
  });

  describe.skipIf(!canIsolate)(
    'its install step and entrypoint, performed here (needs root, setpriv and unshare)',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'flink-mem-container-'));
      let tarball = '';
      const prefix = join(dir, 'opt/flink-mem');
      const bin = join(dir, 'usr/local/bin');
      const work = join(dir, 'work');
      beforeAll(() => {
        tarball = pack().tarball;
        // An image's /opt and /work are readable by every user; mkdtemp's folder is not.
        chmodSync(dir, 0o755);
        execFileSync('sh', [join(ROOT, 'scripts/docker/install.sh'), tarball, prefix, bin], {
          stdio: 'pipe',
          env: { ...process.env, npm_config_prefer_offline: 'true' },
          timeout: 180_000,
        });
        mkdirSync(join(work, 'conf'), { recursive: true });
        writeFileSync(
          join(work, 'conf/flink-conf.yaml'),
          'taskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.network.min: 512m\ntaskmanager.memory.network.max: 256m\n',
        );
        chmodSync(join(work, 'conf'), 0o755);
      }, 240_000);
      afterAll(() => {
        rmSync(dir, { recursive: true, force: true });
        if (tarball) rmSync(dirname(tarball), { recursive: true, force: true });
      }, 60_000);

      /**
       * The entrypoint as the image runs it: user nobody, no network, HOME not writable, working
       * directory /work.
       */
      const entrypoint = (...args: string[]) =>
        spawnSync(
          'unshare',
          [
            '--net',
            'setpriv',
            '--reuid=65534',
            '--regid=65534',
            '--clear-groups',
            '--',
            join(bin, 'flink-mem'),
            ...args,
          ],
          {
            cwd: work,
            encoding: 'utf8',
            env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: '/nonexistent' },
            timeout: 60_000,
          },
        );

      it('installs only the runtime dependencies, read-only for other users', () => {
        const installed = JSON.parse(
          readFileSync(join(prefix, 'node_modules/flink-mem/package.json'), 'utf8'),
        ) as { dependencies: Record<string, string> };
        for (const dep of Object.keys(installed.dependencies))
          expect(() =>
            readFileSync(join(prefix, 'node_modules', dep, 'package.json')),
          ).not.toThrow();
        for (const dev of ['commander', 'typescript', 'vitest', 'esbuild'])
          expect(() => readFileSync(join(prefix, 'node_modules', dev, 'package.json'))).toThrow();
        const probe = spawnSync(
          'setpriv',
          [
            '--reuid=65534',
            '--regid=65534',
            '--clear-groups',
            'touch',
            join(prefix, 'node_modules/flink-mem/x'),
          ],
          { encoding: 'utf8' },
        );
        expect(probe.status).not.toBe(0);
      });

      it('runs lint and explain as nobody without a network', () => {
        const version = entrypoint('--version');
        expect(version.stderr).toBe('');
        expect(version.stdout.trim()).toBe(
          (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string })
            .version,
        );
        const lint = entrypoint('lint', 'conf/');
        expect(lint.status).toBe(1);
        expect(lint.stderr).toBe('');
        expect(lint.stdout).toContain(
          'conf/flink-conf.yaml:3:1: error: "taskmanager.memory.network.min" (512m) is greater than "taskmanager.memory.network.max" (256m)',
        );
        const explain = entrypoint(
          'explain',
          'conf/flink-conf.yaml',
          '--set',
          'taskmanager.memory.network.max=512m',
        );
        expect(explain.status).toBe(0);
        expect(explain.stdout).toContain('Total Process Memory');
      });
    },
  );
});
