/**
 * The rule harness's check that every message is rendered completely: each `{placeholder}` of the
 * template a rule reports with (English, or the language's catalogue) must have a value in `data`,
 * as ESLint's RuleTester rejects an unsubstituted placeholder. The runner leaves a missing one as
 * `{name}` in the output, so without this a typo would pass every test.
 */
import type { EngineRule } from '../src/engine/runner.js';
import type { RuleContext } from '../src/engine/types.js';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/** The rules, each reporting through a check that throws on a placeholder its data leaves unfilled. */
export function checkingPlaceholders(rules: readonly EngineRule[]): EngineRule[] {
  return rules.map((rule) => ({
    ...rule,
    check: (ctx: RuleContext) =>
      rule.check({
        ...ctx,
        report(r) {
          const template = rule.messages[r.messageId] ?? '';
          const missing = placeholders(template).filter((name) => !(r.data && name in r.data));
          if (missing.length > 0) throw new Error(`message "${r.messageId}" leaves ${missing.map((n) => `{${n}}`).join(', ')} unrendered: ${template}`);
          ctx.report(r);
        },
      }),
  }));
}
