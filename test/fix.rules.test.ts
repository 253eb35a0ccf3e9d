/**
 * Every fix a rule proposes in its own fixtures is one --fix can write: a new fix shape (a field
 * the fix planners do not know) fails here. A second run changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { loadText } from '../src/config/index.js';
import type { LoadedFile } from '../src/config/types.js';
import { lintLoadedFile } from '../src/engine/runner.js';
import { fixLoadedFile } from '../src/fix/index.js';
import { ALL_RULES } from '../rules/index.js';
import { fixtureSettings, loadFixtures } from './fixtures.js';

describe('--fix writes every fix the rule fixtures propose', () => {
  for (const f of loadFixtures().filter((x) => !x.valid)) {
    it(`${f.ruleId}/${f.name}`, () => {
      const options = f.directives.format ? { format: f.directives.format } : {};
      const settings = fixtureSettings(f);
      const env = {
        lint: (l: LoadedFile) => lintLoadedFile(l, ALL_RULES, settings),
        reload: (t: string) => loadText(t, f.path, options),
        settings,
      };
      const original = loadText(f.text, f.path, options);
      const fixable = env.lint(original).filter((x) => x.fix);
      const out = fixLoadedFile(original, env);
      expect(out.note).toBeUndefined();
      if (fixable.length > 0) expect(out.text).not.toBe(f.text);
      expect(fixLoadedFile(loadText(out.text, f.path, options), env).text).toBe(out.text);
    });
  }
});
