/**
 * Every regular expression in src/ and rules/ is linear by construction (scripts/regex-safety.mjs
 * says what that means); the benchmark times hostile lines against them. The few that read only
 * our own text, or text already cut short, are listed with the reason.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain script shared with the benchmark, without types
import { EXEMPT, hostileLines, regexInventory, regexProblems } from '../scripts/regex-safety.mjs';
import { SIGNATURES } from '../src/doctor/signatures/index.js';

const problems = regexProblems as (re: { source: string; flags: string }) => string[];
const exempt = EXEMPT as Readonly<Record<string, string>>;
interface Literal {
  readonly file: string;
  readonly line: number;
  readonly source: string;
  readonly flags: string;
}

const literals = (regexInventory as () => Literal[])();
const key = (l: Literal) => `${l.file} /${l.source}/${l.flags}`;

describe('regular expressions that read untrusted text', () => {
  it('are found in the sources (the scan itself works)', () => {
    expect(literals.length).toBeGreaterThan(150);
    expect(literals.some((l) => l.file === 'src/doctor/lines.ts')).toBe(true);
  });

  it('have no nested or adjacent unbounded quantifiers, and no unbounded run that can start anywhere', () => {
    const bad = literals
      .filter((l) => !Object.hasOwn(exempt, key(l)))
      .map((l) => ({ at: `${l.file}:${l.line} /${l.source}/${l.flags}`, problems: problems(l) }))
      .filter((r) => r.problems.length > 0);
    expect(bad).toEqual([]);
  });

  it('list no exemption for a pattern that is gone', () => {
    const present = new Set(literals.map(key));
    expect(Object.keys(exempt).filter((k) => !present.has(k))).toEqual([]);
  });

  it("include every doctor signature's patterns, details and exclusions, which pass", () => {
    const all = SIGNATURES.flatMap((s) => [
      ...s.patterns.map((p) => p.re),
      ...(s.details ?? []),
      ...(s.excludes ?? []),
    ]);
    expect(all.length).toBeGreaterThan(60);
    expect(all.filter((re) => problems(re).length > 0).map(String)).toEqual([]);
  });
});

describe('the linearity check', () => {
  // The shapes issue 10 found backtracking, as they were.
  it.each([
    [
      'the operator OOMKilled pattern',
      /flink-kubernetes-operator\S*.{0,200}\bOOMKilled\b/i,
      'adjacent',
    ],
    ['the GC observer', /(?:Full GC|GC pause)[^\n]*?(\d+(?:\.\d+)?)\s*(secs\]|ms\b)/i, 'adjacent'],
    ['the YARN size capture', /(?<vused>[\d.]+ ?[KMGT]?B) of/i, 'unguarded'],
    ['the exception name', /\b((?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error))\b/, 'nested'],
    [
      'the Java float grammar',
      /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/,
      'adjacent',
    ],
    [
      'the suppression directive',
      /#\s*flink-mem-(disable-next-line|disable)\s+([^\n]*?)\s*$/,
      'adjacent',
    ],
    ['the reason separator', /\s+--(?:\s+|$)/, 'unguarded'],
    ['the resource size', /^\s*(\d*)(?:\.(\d*))?\s*(?:([kmgt])i?b?|b)?\s*$/i, 'adjacent'],
    ['a multiline pattern whose run crosses lines', /^\s*key:/m, 'unguarded'],
    ['a back-reference', /(a)\1/, 'back-reference'],
  ])('refuses %s', (_what, re, rule) => {
    expect(problems(re).join('\n')).toContain(rule);
  });

  it.each([
    /Cannot reserve (?<request>\d+) bytes of direct buffer memory/i,
    /Heartbeat of TaskManager with id (?<peer>\S+?)\s+(?:has )?timed out/i,
    /OutOfMemoryError:?\s*Metaspace/i,
    /\b\w*TaskExecutorRunner\b/,
    /^(\d*)(?:\.(\d*))?\s*(?:([kmgt])i?b?|b)?$/i,
    /^[ \t]*(?:flink-conf\.yaml|config\.yaml):/m,
    /\s+/,
  ])('accepts %s', (re) => {
    expect(problems(re)).toEqual([]);
  });

  it("crafts hostile lines of the asked length from a pattern's pieces", () => {
    const lines = (hostileLines as (re: RegExp, n: number) => string[])(/GC pause (\d+)ms/, 1000);
    expect(lines.every((l) => l.length === 1000)).toBe(true);
    expect(lines.some((l) => l.startsWith('GC pause GC pause'))).toBe(true);
    expect(lines.some((l) => /^GC pause 9{900}/.test(l))).toBe(true);
  });
});
