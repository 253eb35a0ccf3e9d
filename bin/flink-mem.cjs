#!/usr/bin/env node
'use strict';
// Starts the bundled CLI without parsing and compiling it from scratch. On the Node version that
// built it, through V8's code cache (one per command, written by the build after a warm-up run, so
// it holds the functions the command runs). V8 rejects a cache made by another Node version; there
// Node's own module compile cache is used instead (Node 22.1 and later: kept per Node version in the
// temporary folder, or where NODE_COMPILE_CACHE says). A missing or rejected cache only costs speed.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = join(__dirname, '..', 'dist', 'cli');
const file = join(dir, 'flink-mem.cjs');
const start = (bundle) =>
  bundle.main().then((code) => {
    process.exitCode = code;
  });

let builtBy = '';
try {
  builtBy = readFileSync(join(dir, 'node-version'), 'utf8').trim();
} catch {
  builtBy = '';
}
const nodeModule = require('node:module');
if (builtBy !== process.version && typeof nodeModule.enableCompileCache === 'function') {
  nodeModule.enableCompileCache();
  start(require(file));
} else {
  const vm = require('node:vm');
  const command = process.argv[2];
  const cache = command === 'lint' || command === 'explain' || command === 'doctor' ? `flink-mem.${command}.cache` : 'flink-mem.cache';
  let cachedData;
  try {
    cachedData = readFileSync(join(dir, cache));
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, { filename: file, cachedData });
  const bundle = { exports: {} };
  script.runInThisContext()(bundle.exports, require, bundle, file, dir);
  start(bundle.exports);
}
