/**
 * The rule harness's check that every message is rendered completely: each `{placeholder}` of the
 * template a rule reports with (English, or the language's catalogue) must have a value in `data`,
 * as ESLint's RuleTester rejects an unsubstituted placeholder. The runner leaves a missing one as
 * `{name}` in the output, so without this a typo would pass every test.
 */
import type { FileContext, Report, RuleContext, RuleDefinition } from '../src/engine/types.js';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

/**
 * The rules, each reporting through a check that throws (a crash finding) on a placeholder its data
 * leaves unfilled. `onReport`, when given, hears the rule id and message id of every complete
 * report.
 */
export function checkingPlaceholders(
  rules: readonly RuleDefinition[],
  onReport?: (ruleId: string, messageId: string) => void,
): RuleDefinition[] {
  return rules.map((rule) => {
    const checked = <C extends RuleContext | FileContext>(ctx: C): C => ({
      ...ctx,
      report(r: Report) {
        const template = rule.messages[r.messageId] ?? '';
        const missing = placeholders(template).filter((name) => !(r.data && name in r.data));
        if (missing.length > 0)
          throw new Error(
            `message "${r.messageId}" leaves ${missing.map((n) => `{${n}}`).join(', ')} unrendered: ${template}`,
          );
        onReport?.(rule.id, r.messageId);
        ctx.report(r);
      },
    });
    const checkFile = rule.checkFile && ((ctx: FileContext) => rule.checkFile?.(checked(ctx)));
    return {
      ...rule,
      check: (ctx: RuleContext) => rule.check(checked(ctx)),
      ...(checkFile ? { checkFile } : {}),
    };
  });
}
