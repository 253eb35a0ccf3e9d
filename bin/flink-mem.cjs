#!/usr/bin/env node
'use strict';
// Runs the bundled CLI through V8's code cache (written by the build, one per command), so a run
// skips parsing and compiling the bundle. A missing or rejected cache only costs speed.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const vm = require('node:vm');

const dir = join(__dirname, '..', 'dist', 'cli');
const file = join(dir, 'flink-mem.cjs');
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
bundle.exports.main().then((code) => {
  process.exitCode = code;
});
