// Builds dist/ (run by `npm ci` through `prepare`): the library bundle with its type declarations,
// and the CLI as one CommonJS file plus a V8 code cache of it, produced by a warm-up run of the
// common commands, so that `flink-mem` starts close to a bare `node`.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import vm from 'node:vm';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const define = { FLINK_MEM_VERSION: JSON.stringify(pkg.version) };

rmSync('dist', { recursive: true, force: true });
await build({ entryPoints: ['src/index.ts'], outfile: 'dist/index.js', bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', define, logLevel: 'warning' });

const cli = resolve('dist/cli/flink-mem.cjs');
await build({
  entryPoints: ['src/cli/entry.ts'],
  outfile: cli,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
  define: { ...define, 'import.meta.url': '__flink_mem_url' },
  banner: { js: 'var __flink_mem_url = require("node:url").pathToFileURL(__filename).href;' },
});

// Warm-up: run the common commands in-process, then save the code V8 compiled for them.
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(cli, 'utf8')}\n})`, { filename: cli });
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, createRequire(cli), bundle, cli, resolve('dist/cli'));
const work = mkdtempSync(join(tmpdir(), 'flink-mem-build-'));
const conf = join(work, 'flink-conf.yaml');
const yaml = join(work, 'config.yaml');
writeFileSync(conf, 'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.network.fraction: 1.5\nflink.memory.managed.fraction: 0.6\n');
writeFileSync(yaml, 'taskmanager:\n  memory:\n    flink:\n      size: 2g\njobmanager.memory.heap.size: 1g\n');
const io = { write() {}, error() {}, stdin: Readable.from([]), stdinIsTTY: true, stdoutIsTTY: false, env: { NO_COLOR: '1' }, cwd: work };
for (const args of [['lint', conf, yaml], ['explain', conf, yaml], ['explain', yaml, '--format', 'json'], ['doctor', '--error', 'java.lang.OutOfMemoryError: Direct buffer memory'], ['--help']]) {
  await bundle.exports.run(args, io);
}
rmSync(work, { recursive: true, force: true });
writeFileSync('dist/cli/flink-mem.cache', script.createCachedData());

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
