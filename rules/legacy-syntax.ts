import type { ConfigDocument, ConfigProblem, ProblemKind } from '../src/config/types.js';
import type { FixChanges } from '../src/engine/types.js';
import { defineRule } from '../src/engine/types.js';
import { atLeast } from '../src/primitives/version.js';

type LegacyKind = Extract<ProblemKind, `legacy-${string}`>;

/**
 * The loader words each problem with the key, the value as written and what Flink does with the
 * line.
 */
const MESSAGE_OF: Readonly<
  Record<
    LegacyKind,
    | 'missingSpace'
    | 'emptyKeyOrValue'
    | 'nested'
    | 'quoted'
    | 'commentCut'
    | 'duplicate'
    | 'yamlOnly'
  >
> = {
  'legacy-missing-space': 'missingSpace',
  'legacy-empty-key-or-value': 'emptyKeyOrValue',
  'legacy-nested': 'nested',
  'legacy-quoted': 'quoted',
  'legacy-comment-cut': 'commentCut',
  'legacy-duplicate': 'duplicate',
  'legacy-yaml-only': 'yamlOnly',
};

const isLegacy = (p: ConfigProblem): p is ConfigProblem & { kind: LegacyKind } =>
  p.kind in MESSAGE_OF;

const unquote = (text: string) => text.slice(1, -1);

/**
 * JVM options that Flink's start-up scripts (bin/config.sh) read themselves. Each value has one
 * leading and one trailing double quote removed (`sed -e 's/^"//' -e 's/"$//'`), so a quoted
 * value works, in every version from 1.10 on. Except in 1.19 and 1.20 for the keys that got an
 * `env.java.default-opts.*` companion: the script joins "<default-opts> <opts>" with a space
 * before removing quotes, so the opening quote of either value is no longer first and stays.
 */
const JVM_OPTIONS =
  /^env\.java\.(?:default-)?opts(?:\.(?:all|jobmanager|taskmanager|historyserver|client|sql-gateway))?$/;
const JOINED_WITH_DEFAULTS = /^env\.java\.(?:default-)?opts(?:\.(?:all|jobmanager|taskmanager))?$/;

/**
 * For a double-quoted JVM options value: null when the scripts remove the quotes, else why they do
 * not.
 */
function quotedJvmOptions(
  key: string,
  text: string,
  version: Parameters<typeof atLeast>[0],
): 'fine' | 'joined' | null {
  if (!JVM_OPTIONS.test(key) || text.length < 2 || !text.startsWith('"') || !text.endsWith('"'))
    return null;
  if (key.startsWith('env.java.default-opts') && !atLeast(version, '1.19')) return null;
  return JOINED_WITH_DEFAULTS.test(key) && atLeast(version, '1.19') ? 'joined' : 'fine';
}

/**
 * What the user meant, where that is unambiguous: the quotes dropped, or the missing space added.
 */
function fixFor(doc: ConfigDocument, p: ConfigProblem): FixChanges | undefined {
  if (p.kind === 'legacy-quoted') {
    const entry = doc.entries.find(
      (e) => e.valueSpan?.offset === p.span.offset || e.keySpan?.offset === p.span.offset,
    );
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
    'stay part of the value (the start-up scripts remove the double quotes around JVM options, except in 1.19 and 1.20 ' +
    'for the options they join with env.java.default-opts), indentation is ignored, and a later line silently overrides an earlier one. The option then keeps ' +
    'its default or fails to parse, and nothing in the file shows it.',
  messages: {
    missingSpace: '{detail}',
    emptyKeyOrValue: '{detail}',
    nested: '{detail}',
    quoted: '{detail}',
    commentCut: '{detail}',
    duplicate: '{detail}',
    yamlOnly: '{detail}',
    quotedJvmOptions:
      '"{key}" value {value} keeps a double quote {when}: the start-up script joins the "env.java.default-opts" and "env.java.opts" values with a space before it removes quotes, so only one end loses its quote and the JVM gets an argument with a stray \'"\' and does not start',
  },
  remediation:
    'Write each option on its own unindented line as "key: value" with a space after the colon, no quotes, and no "#" inside the value.',
  fixable: true,
  check(ctx) {
    for (const p of ctx.doc.problems) {
      if (!isLegacy(p)) continue;
      const fix = fixFor(ctx.doc, p);
      const entry =
        p.kind === 'legacy-quoted' && p.key
          ? ctx.doc.entries.find((e) => e.valueSpan?.offset === p.span.offset)
          : undefined;
      const jvm = entry ? quotedJvmOptions(entry.key, entry.text, ctx.version) : null;
      // Quoted JVM options work wherever the scripts remove the quotes: nothing to report there.
      if (jvm === 'fine') continue;
      if (jvm === 'joined' && entry) {
        const when = ctx.versionKnown
          ? `in Flink ${ctx.version.major}.${ctx.version.minor}`
          : 'if you run Flink 1.19 or 1.20 (the file does not say its version)';
        ctx.report({
          messageId: 'quotedJvmOptions',
          data: { key: entry.key, value: entry.text, when },
          span: p.span,
          key: entry.key,
          // Breaks start-up when known; on an assumed version it is advice.
          severity: ctx.versionKnown ? 'error' : 'warning',
          ...(fix ? { fix } : {}),
        });
        continue;
      }
      ctx.report({
        messageId: MESSAGE_OF[p.kind],
        data: { detail: p.message },
        span: p.span,
        ...(p.key ? { key: p.key } : {}),
        ...(fix ? { fix } : {}),
      });
    }
  },
});
