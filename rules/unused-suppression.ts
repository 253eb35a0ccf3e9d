import { readSuppressions, suppressionSpan } from '../src/engine/suppressions.js';
import type { Suppression } from '../src/engine/types.js';
import { defineRule } from '../src/engine/types.js';

const ID = 'unused-suppression';

const listed = (ids: readonly string[]) => ids.map((id) => `"${id}"`).join(', ');
const at = (s: Suppression) => `${s.line}:${s.column}`;

export default defineRule({
  id: ID,
  severity: 'warning',
  description:
    'A suppression comment that suppresses nothing, names an unknown rule, or gives no reason',
  rationale:
    'A suppression outlives the finding it was written for: once the configuration is fixed or the line moves, it silently ' +
    'hides the next real problem on that line or in the whole file. A suppression without a reason cannot be reviewed, and ' +
    'one with a misspelled rule id never worked.',
  messages: {
    unusedNextLine:
      'the suppression of {ids} for the next line suppresses nothing: no such finding is reported there',
    unusedFile:
      'the suppression of {ids} for this file suppresses nothing: no such finding is reported in it',
    unknownRule:
      'the suppression names {ids}, which flink-mem does not know: "flink-mem rules" lists the rule ids',
    noRule:
      'the suppression names no rule: write the rule id after the directive, then " -- " and the reason',
    missingReason:
      'the suppression of {ids} gives no reason: add " -- " and why the finding does not apply here',
  },
  remediation:
    'Remove suppressions that no longer suppress anything, fix misspelled rule ids, and give every suppression a reason after " -- ".',
  // It judges what the suppressions did, so it runs after the other rules' findings met them.
  afterSuppressions: true,
  check(ctx) {
    const { unused: unusedSuppressions = [], knownRuleIds } = ctx.suppressions ?? {};
    const all = readSuppressions(ctx.doc);
    // A file-wide suppression of this rule switches it off; it runs last, so nothing else could.
    if (all.some((s) => s.scope === 'file' && s.ruleIds.includes(ID))) return;
    const unused = new Set(unusedSuppressions.map(at));
    for (const s of all) {
      const unknown = knownRuleIds ? s.ruleIds.filter((id) => !knownRuleIds.includes(id)) : [];
      const messageId =
        s.ruleIds.length === 0
          ? 'noRule'
          : unknown.length > 0
            ? 'unknownRule'
            : unused.has(at(s))
              ? s.scope === 'file'
                ? 'unusedFile'
                : 'unusedNextLine'
              : s.reason === ''
                ? 'missingReason'
                : null;
      if (!messageId) continue;
      const span = suppressionSpan(s, ctx.doc.lines);
      if (messageId === 'noRule') ctx.report({ messageId, span });
      else
        ctx.report({
          messageId,
          span,
          data: { ids: listed(unknown.length > 0 ? unknown : s.ruleIds) },
        });
    }
  },
});
