import type { ConfigDocument, ConfigProblem, ProblemKind } from '../src/config/types.js';
import type { FixChanges } from '../src/engine/types.js';
import { defineRule } from '../src/engine/types.js';
import { atLeast, versionLabel } from '../src/options/version.js';

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

const isNamedFlinkConf = (file: string) => /(^|[\\/])flink-conf\.yaml$/.test(file);

export default defineRule({
  id: 'legacy-syntax',
  severity: 'error',
  description: 'flink-conf.yaml lines that Flink skips or reads differently than they look, and flink-conf.yaml used with Flink 2',
  rationale:
    'The legacy flink-conf.yaml reader is not YAML: it cuts each line at the first "#", splits it at the first ": " and keeps ' +
    'everything else literally. Lines without that separator or with an empty side are skipped with only a log warning, quotes ' +
    'stay part of the value, indentation is ignored, and a later line silently overrides an earlier one. The option then keeps ' +
    'its default or fails to parse, and nothing in the file shows it. Flink 2.0 removed that reader altogether: it reads only ' +
    'conf/config.yaml (standard YAML), so a flink-conf.yaml left in place configures nothing.',
  messages: {
    missingSpace: '{detail}',
    emptyKeyOrValue: '{detail}',
    nested: '{detail}',
    quoted: '{detail}',
    commentCut: '{detail}',
    duplicate: '{detail}',
    yamlOnly: '{detail}',
    notReadByFlink2:
      '"flink-conf.yaml" is not read by Flink {version}, which reads only conf/config.yaml, so none of the settings in this file take effect: ' +
      'convert it with Flink\'s bin/migrate-config-file.sh (it reads conf/flink-conf.yaml and writes conf/config.yaml)',
    legacyFormatWithFlink2:
      'this file is in the legacy flink-conf.yaml format, which Flink {version} no longer reads (only conf/config.yaml, standard YAML): ' +
      'convert it with Flink\'s bin/migrate-config-file.sh, or, if it is already meant as a config.yaml, lint it with --input-format config-yaml',
  },
  remediation:
    'For Flink 2, move the configuration to config.yaml; for Flink 1.x, write each option on its own unindented line as ' +
    '"key: value" with a space after the colon, no quotes, and no "#" inside the value.',
  fixable: true,
  check(ctx) {
    if (ctx.doc.format === 'flink-conf' && atLeast(ctx.version, '2.0')) {
      // Reported at the top of the file: the file as a whole is not read.
      ctx.report({ messageId: isNamedFlinkConf(ctx.doc.file) ? 'notReadByFlink2' : 'legacyFormatWithFlink2', data: { version: versionLabel(ctx.version) } });
    }
    for (const p of ctx.doc.problems) {
      if (!isLegacy(p)) continue;
      const fix = fixFor(ctx.doc, p);
      ctx.report({ messageId: MESSAGE_OF[p.kind], data: { detail: p.message }, span: p.span, ...(p.key ? { key: p.key } : {}), ...(fix ? { fix } : {}) });
    }
  },
});
