#!/usr/bin/env node
'use strict';
// Runs the bundled CLI through V8's code cache (written by the build), so a run skips parsing and
// compiling the bundle. A missing or rejected cache only costs speed.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const vm = require('node:vm');

const file = join(__dirname, '..', 'dist', 'cli', 'flink-mem.cjs');
let cachedData;
try {
  cachedData = readFileSync(join(__dirname, '..', 'dist', 'cli', 'flink-mem.cache'));
} catch {
  cachedData = undefined;
}
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, { filename: file, cachedData });
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, require, bundle, file, join(__dirname, '..', 'dist', 'cli'));
bundle.exports.main().then((code) => {
  process.exitCode = code;
});
