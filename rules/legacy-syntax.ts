import type { ConfigDocument, ConfigProblem, ProblemKind } from '../src/config/types.js';
import type { FixChanges } from '../src/engine/types.js';
import { defineRule } from '../src/engine/types.js';

type LegacyKind = Extract<ProblemKind, `legacy-${string}`>;

/** The loader words each problem with the key, the value as written and what Flink does with the line. */
const MESSAGE_OF: Readonly<Record<LegacyKind, 'missingSpace' | 'emptyKeyOrValue' | 'nested' | 'quoted' | 'commentCut' | 'duplicate' | 'yamlOnly'>> = {
  'legacy-missing-space': 'missingSpace',
  'legacy-empty-key-or-value': 'emptyKeyOrValue',
  'legacy-nested': 'nested',
  'legacy-quoted': 'quoted',
  'legacy-comment-cut': 'commentCut',
  'legacy-duplicate': 'duplicate',
  'legacy-yaml-only': 'yamlOnly',
};

const isLegacy = (p: ConfigProblem): p is ConfigProblem & { kind: LegacyKind } => p.kind in MESSAGE_OF;

const unquote = (text: string) => text.slice(1, -1);

/** What the user meant, where that is unambiguous: the quotes dropped, or the missing space added. */
function fixFor(doc: ConfigDocument, p: ConfigProblem): FixChanges | undefined {
  if (p.kind === 'legacy-quoted') {
    const entry = doc.entries.find((e) => e.valueSpan?.offset === p.span.offset || e.keySpan?.offset === p.span.offset);
    if (!entry) return undefined;
    if (entry.valueSpan?.offset === p.span.offset) return { [entry.key]: unquote(entry.text) };
    return { [entry.key]: null, [unquote(entry.key)]: entry.text };
  }
  if (p.kind === 'legacy-missing-space' && p.key && p.replacementLine !== undefined) {
    const content = (doc.lines[p.span.line - 1] ?? '').split('#', 1)[0] ?? '';
    const value = content.slice(content.indexOf(':') + 1).trim();
    return value === '' ? undefined : { [p.key]: value };
  }
  return undefined;
}

export default defineRule({
  id: 'legacy-syntax',
  severity: 'error',
  description: 'flink-conf.yaml lines that Flink skips or reads differently than they look',
  rationale:
    'The legacy flink-conf.yaml reader is not YAML: it cuts each line at the first "#", splits it at the first ": " and keeps ' +
    'everything else literally. Lines without that separator or with an empty side are skipped with only a log warning, quotes ' +
    'stay part of the value, indentation is ignored, and a later line silently overrides an earlier one. The option then keeps ' +
    'its default or fails to parse, and nothing in the file shows it.',
  messages: {
    missingSpace: '{detail}',
    emptyKeyOrValue: '{detail}',
    nested: '{detail}',
    quoted: '{detail}',
    commentCut: '{detail}',
    duplicate: '{detail}',
    yamlOnly: '{detail}',
  },
  remediation: 'Write each option on its own unindented line as "key: value" with a space after the colon, no quotes, and no "#" inside the value.',
  fixable: true,
  check(ctx) {
    for (const p of ctx.doc.problems) {
      if (!isLegacy(p)) continue;
      const fix = fixFor(ctx.doc, p);
      ctx.report({ messageId: MESSAGE_OF[p.kind], data: { detail: p.message }, span: p.span, ...(p.key ? { key: p.key } : {}), ...(fix ? { fix } : {}) });
    }
  },
});
