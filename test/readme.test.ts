/**
 * The README's console examples are real: each ```console block that starts with
 * `$ npx flink-mem ...` (optionally after `NAME=value` settings) is run from the repository root
 * and its printed output compared.
 * A line `...` in the README stands for any number of omitted lines; every other line must
 * appear, in order, exactly as printed. A block ending in `# exit N` states the exit code.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.js';
import { SIGNATURES } from '../src/doctor/signatures/index.js';
import { withRuleIndexes } from '../scripts/readme-rule-index.mjs';
import { readIndex } from '../scripts/real-suite.mjs';
import { cli } from './cli-harness.js';
import { GOLDEN } from './golden.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

interface Example {
  readonly line: number;
  readonly args: string[];
  readonly expected: string[];
  readonly exit?: number;
  /** Environment variables set before the command (`$ LANG=zh_CN.UTF-8 npx flink-mem ...`). */
  readonly env: Record<string, string>;
}

/** Splits a command line the way a POSIX shell would for the simple quoting the README uses. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(command); m; m = re.exec(command))
    words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3] ?? ''));
  return words;
}

function examples(): Example[] {
  const found: Example[] = [];
  const lines = readme.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```console') continue;
    const command = lines[i + 1] ?? '';
    const end = lines.indexOf('```', i + 1);
    const cmd = /^\$ ((?:[A-Z_]+=\S+ )*)npx flink-mem (.*)$/.exec(command);
    if (!cmd) continue;
    const env = Object.fromEntries(
      cmd[1]!
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]),
    );
    let expected = lines.slice(i + 2, end);
    let exit: number | undefined;
    const last = expected.at(-1);
    const m = last !== undefined ? /^# exit (\d+)$/.exec(last) : null;
    if (m) {
      exit = Number(m[1]);
      expected = expected.slice(0, -1);
    }
    found.push({
      line: i + 2,
      args: shellWords(cmd[2]!),
      expected,
      env,
      ...(exit !== undefined ? { exit } : {}),
    });
    i = end;
  }
  return found;
}

/**
 * Whether `expected` (with `...` gaps) matches `actual` line by line. Returns the first mismatch.
 */
function mismatch(expected: readonly string[], actual: readonly string[]): string | null {
  let a = 0;
  let gap = false;
  for (const want of expected) {
    if (want === '...') {
      gap = true;
      continue;
    }
    if (gap) {
      while (a < actual.length && actual[a] !== want) a++;
      if (a === actual.length) return `missing line: ${want}`;
    } else if (actual[a] !== want) {
      return `line ${a + 1}: expected\n  ${want}\nbut got\n  ${actual[a] ?? '(end of output)'}`;
    }
    a++;
    gap = false;
  }
  if (!gap && a < actual.length) return `unexpected extra line ${a + 1}: ${actual[a]}`;
  return null;
}

describe('README console examples', () => {
  const all = examples();
  it('has examples to check', () => {
    expect(all.length).toBeGreaterThanOrEqual(5);
  });
  it.each(all.map((e) => [`README.md:${e.line} flink-mem ${e.args.join(' ')}`, e] as const))(
    '%s',
    async (_, e) => {
      const r = await cli(e.args, { cwd: root, env: e.env });
      const printed = (r.stdout + r.stderr).replace(/\s+$/, '').split('\n');
      expect(mismatch(e.expected, printed)).toBeNull();
      if (e.exit !== undefined) expect(r.code).toBe(e.exit);
    },
  );
});

describe('README numbers and lists derived from the code', () => {
  it("shows each SARIF ruleIndex as the rule's position in rules/index.ts (`npm run docs` writes it)", () => {
    expect(readme).toContain('"ruleIndex": ');
    expect(
      withRuleIndexes(
        readme,
        ALL_RULES.map((r) => r.id),
      ) === readme,
      'a ruleIndex in README.md is stale: run `npm run docs`',
    ).toBe(true);
  });

  it('states the number of golden cases and of real configuration files there are', () => {
    expect(
      [...readme.matchAll(/\b(\d+) golden cases|golden-cases\.json` holds (\d+)\s/g)].map((m) =>
        Number(m[1] ?? m[2]),
      ),
    ).toEqual([GOLDEN.length, GOLDEN.length]);
    expect(/holds (\d+) configuration files/.exec(readme)?.[1]).toBe(String(readIndex().length));
  });

  it('lists every failure the doctor recognises, and no other', () => {
    const list = /The recognised\s+failures \(([^)]{0,2000})\)/.exec(readme)?.[1] ?? '';
    const named = [...list.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]).sort();
    expect(
      named,
      'README.md "The recognised failures (...)": add or remove the signature ids',
    ).toEqual(SIGNATURES.map((s) => s.id).sort());
  });
});
