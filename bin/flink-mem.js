#!/usr/bin/env node
// flink-mem command-line entry: the bundled CLI built by `npm ci` (prepare) into dist/.
import '../dist/cli/node.js';
