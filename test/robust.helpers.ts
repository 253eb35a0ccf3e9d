/**
 * Shared checks for the bad-input suites (test/robust.*.test.ts): what a user may and may not see.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CliRun } from './cli-harness.js';

/** A frame of a JavaScript stack trace (`    at fn (file.js:1:2)`), which a user must never see. */
const STACK_FRAME = /^\s*at .*(?:\(.*:\d+:\d+\)|:\d+:\d+)$/m;

/** Nothing crashed: no internal error, no stack trace, an exit code the command documents. */
export function expectNoCrash(r: CliRun, codes: readonly number[] = [0, 1, 2]): void {
  const all = r.stdout + r.stderr;
  expect(all, 'internal error').not.toContain('flink-mem: internal error');
  expect(all, 'stack trace').not.toMatch(STACK_FRAME);
  expect(codes, `exit code ${r.code}, stderr: ${r.stderr.slice(0, 300)}`).toContain(r.code);
  // Exit 2 always comes with the reason, on stderr, each line in our shape.
  if (r.code === 2) {
    expect(r.stderr).toMatch(/^flink-mem: error: \S/);
    for (const line of r.stderr.trimEnd().split('\n'))
      expect(line).toMatch(/^flink-mem: error: \S/);
  }
}

/** Unusable input: exit 2 and exactly one line `flink-mem: error: ...` on stderr. */
export function expectUsageError(r: CliRun, message: RegExp): void {
  expectNoCrash(r, [2]);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^flink-mem: error: /);
  expect(lines[0]).toMatch(message);
}

/**
 * A finding in the text format: `file:line:col: severity: message [rule]`, returned for more
 * checks.
 */
export function expectFinding(r: CliRun, where: string, rule: string, message?: RegExp): string {
  expectNoCrash(r, [0, 1]);
  const line = r.stdout
    .split('\n')
    .find((l) => l.startsWith(`${where}: `) && l.endsWith(`[${rule}]`));
  expect(line, `no ${rule} finding at ${where} in:\n${r.stdout.slice(0, 2000)}`).toBeDefined();
  if (message) expect(line).toMatch(message);
  return line!;
}

/** A temporary folder for one test file; `file` writes into it and returns the name. */
export function scratch(prefix: string): {
  dir: string;
  file(name: string, content: string | Uint8Array): string;
  remove(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), `flink-mem-${prefix}-`));
  return {
    dir,
    file(name, content) {
      writeFileSync(join(dir, name), content);
      return name;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Tests may run as root, who can read any file: permission tests are skipped then. */
export const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
