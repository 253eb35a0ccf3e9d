import { describe, expect, it } from 'vitest';
import { loadText } from '../src/config/index.js';
import { lintLoadedFile } from '../src/engine/runner.js';
import { ALL_RULES } from '../rules/index.js';
import { localizeRules } from '../src/i18n/rules.js';
import { fixtureSettings, loadFixtures } from './fixtures.js';
import type { Fixture } from './fixtures.js';
import type { Finding } from '../src/engine/types.js';
import { checkingPlaceholders } from './rendered.js';

/** The reports (rule id, message id) of the English lint running now. */
let reports: [ruleId: string, messageId: string][] = [];
const ENGLISH = checkingPlaceholders(
  ALL_RULES,
  (ruleId, messageId) => void reports.push([ruleId, messageId]),
);
const CHINESE = checkingPlaceholders(localizeRules(ALL_RULES, 'zh'));

/**
 * Lints a fixture; a message left with an unrendered `{placeholder}` becomes a crash finding, which
 * fails the test.
 */
export function lintFixture(f: Fixture, rules = ENGLISH) {
  const loaded = loadText(
    f.text,
    f.path,
    f.directives.format ? { format: f.directives.format } : {},
  );
  const settings = fixtureSettings(f);
  return lintLoadedFile(loaded, rules, settings);
}

/**
 * The message ids each rule produced across all rule fixtures (read by the last describe below).
 */
const produced = new Map<string, Set<string>>();
const linted = new Set<string>();

/**
 * Adds the message ids of one fixture's reports to `produced`. A rule's reports count only when
 * each
 * became a finding (as many findings of the rule as reports), so a message that only a suppression
 * comment or a crash hides from the output does not count as produced.
 */
function recordMessages(
  made: readonly (readonly [string, string])[],
  findings: readonly Finding[],
): void {
  for (const ruleId of new Set(made.map(([r]) => r))) {
    const ids = made.filter(([r]) => r === ruleId).map(([, m]) => m);
    if (findings.filter((x) => x.ruleId === ruleId).length !== ids.length) continue;
    const seen = produced.get(ruleId) ?? new Set<string>();
    for (const id of ids) seen.add(id);
    produced.set(ruleId, seen);
  }
}

const FIXTURES = loadFixtures();

describe('rule fixtures: valid files are clean, invalid files give exactly their # expect: markers', () => {
  for (const f of FIXTURES) {
    it(`${f.ruleId}/${f.name}`, () => {
      reports = [];
      const findings = lintFixture(f);
      recordMessages(reports, findings);
      linted.add(f.path);
      const got = findings.map((x) => `${x.line}:${x.ruleId}`).sort();
      const detail = findings
        .map((x) => `${x.line}:${x.column} ${x.ruleId}: ${x.message}`)
        .join('\n');
      if (f.valid) expect(got, detail).toEqual([]);
      else {
        expect(f.expected.length, 'an invalid fixture needs # expect: markers').toBeGreaterThan(0);
        expect(got, detail).toEqual(f.expected);
        expect(
          got.some((g) => g.endsWith(`:${f.ruleId}`)),
          `must report ${f.ruleId}`,
        ).toBe(true);
      }
      // The Chinese messages fill the same placeholders, at the same places.
      const zh = lintFixture(f, CHINESE);
      expect(
        zh.map((x) => `${x.line}:${x.ruleId}`).sort(),
        zh.map((x) => `${x.line}:${x.column} ${x.ruleId}: ${x.message}`).join('\n'),
      ).toEqual(got);
    });
  }
});

describe('every rule has fixtures', () => {
  const fixtures = FIXTURES;
  for (const rule of ALL_RULES) {
    it(rule.id, () => {
      expect(
        fixtures.some((f) => f.ruleId === rule.id && f.valid),
        'a valid-* fixture',
      ).toBe(true);
      expect(
        fixtures.some((f) => f.ruleId === rule.id && !f.valid),
        'an invalid-* fixture',
      ).toBe(true);
    });
  }
});

/**
 * The only messages no rule fixture can produce, each with why and where a test produces it
 * instead.
 * A rule fixture is always named `valid-*`/`invalid-*` and is linted alone, so a message that
 * depends
 * on the file's own name or on another file in its folder cannot come from one.
 */
const NOT_FROM_FIXTURES: Readonly<Record<string, string>> = {
  'config-file-not-read/flinkConfWithFlink2':
    'needs a file named flink-conf.yaml; produced in test/rules.syntax.test.ts',
  'config-file-not-read/configYamlBefore119':
    'needs a file named config.yaml; produced in test/rules.syntax.test.ts',
  'config-file-not-read/configYamlBesideFlinkConf':
    'needs a flink-conf.yaml in the same folder on disk; produced in test/rules.syntax.test.ts and test/cli.inputs.test.ts',
};

// Runs after the fixtures above (a file's tests run in order) and reads what they recorded.
describe('every message a rule declares is produced by some rule fixture', () => {
  it('exempts only declared messages that no fixture produces', () => {
    expect(
      linted.size,
      'the fixture tests above must all run first: run this whole file, without -t',
    ).toBe(FIXTURES.length);
    for (const name of Object.keys(NOT_FROM_FIXTURES)) {
      const [ruleId, messageId] = name.split('/') as [string, string];
      expect(
        Object.keys(ALL_RULES.find((r) => r.id === ruleId)?.messages ?? {}),
        `${name} is not a declared message`,
      ).toContain(messageId);
      expect(
        produced.get(ruleId)?.has(messageId),
        `${name} is produced by a fixture now: remove it from NOT_FROM_FIXTURES`,
      ).not.toBe(true);
    }
  });

  for (const rule of ALL_RULES) {
    it(rule.id, () => {
      expect(
        linted.size,
        'the fixture tests above must all run first: run this whole file, without -t',
      ).toBe(FIXTURES.length);
      const seen = produced.get(rule.id) ?? new Set<string>();
      const missing = Object.keys(rule.messages)
        .filter((id) => !seen.has(id))
        .map((id) => `${rule.id}/${id}`)
        .filter((name) => !(name in NOT_FROM_FIXTURES));
      expect(
        missing,
        `declared messages no fixture produces (add a fixture that reaches each, or delete the message and its zh text): ${missing.join(', ')}`,
      ).toEqual([]);
    });
  }
});
