import { describe, expect, it } from 'vitest';
import { loadText } from '../src/config/index.js';
import { lintLoadedFile } from '../src/engine/runner.js';
import { ALL_RULES } from '../rules/index.js';
import { localizeRules } from '../src/i18n/rules.js';
import { fixtureSettings, loadFixtures } from './fixtures.js';
import type { Fixture } from './fixtures.js';
import { checkingPlaceholders } from './rendered.js';

const ENGLISH = checkingPlaceholders(ALL_RULES);
const CHINESE = checkingPlaceholders(localizeRules(ALL_RULES, 'zh'));

/** Lints a fixture; a message left with an unrendered `{placeholder}` becomes a crash finding, which fails the test. */
export function lintFixture(f: Fixture, rules = ENGLISH) {
  const loaded = loadText(f.text, f.path, f.directives.format ? { format: f.directives.format } : {});
  const settings = fixtureSettings(f);
  return lintLoadedFile(loaded, rules, settings);
}

describe('rule fixtures: valid files are clean, invalid files give exactly their # expect: markers', () => {
  for (const f of loadFixtures()) {
    it(`${f.ruleId}/${f.name}`, () => {
      const findings = lintFixture(f);
      const got = findings.map((x) => `${x.line}:${x.ruleId}`).sort();
      const detail = findings.map((x) => `${x.line}:${x.column} ${x.ruleId}: ${x.message}`).join('\n');
      if (f.valid) expect(got, detail).toEqual([]);
      else {
        expect(f.expected.length, 'an invalid fixture needs # expect: markers').toBeGreaterThan(0);
        expect(got, detail).toEqual(f.expected);
        expect(got.some((g) => g.endsWith(`:${f.ruleId}`)), `must report ${f.ruleId}`).toBe(true);
      }
      // The Chinese messages fill the same placeholders, at the same places.
      const zh = lintFixture(f, CHINESE);
      expect(zh.map((x) => `${x.line}:${x.ruleId}`).sort(), zh.map((x) => `${x.line}:${x.column} ${x.ruleId}: ${x.message}`).join('\n')).toEqual(got);
    });
  }
});

describe('every rule has fixtures', () => {
  const fixtures = loadFixtures();
  for (const rule of ALL_RULES) {
    it(rule.id, () => {
      expect(fixtures.some((f) => f.ruleId === rule.id && f.valid), 'a valid-* fixture').toBe(true);
      expect(fixtures.some((f) => f.ruleId === rule.id && !f.valid), 'an invalid-* fixture').toBe(true);
    });
  }
});
