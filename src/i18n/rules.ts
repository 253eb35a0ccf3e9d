/**
 * Rules in an output language: the same rule objects with their texts taken from the language's
 * catalogue (English, from the rule's own file, where the catalogue has no entry). The runner and
 * every formatter then render the chosen language without knowing about languages.
 */
import type {
  FileContext,
  MessageData,
  Report,
  RuleContext,
  RuleDefinition,
} from '../engine/types.js';
import type { Lang } from './lang.js';
import { ZH_DATA, ZH_RULES } from './zh/rules.js';
import type { RuleText } from './zh/rules.js';

/** A getter: the CLI loads the Chinese catalogues only when they are used. */
export const RULE_CATALOGUES: Readonly<
  Record<Exclude<Lang, 'en'>, Readonly<Record<string, RuleText>>>
> = {
  get zh() {
    return ZH_RULES;
  },
};

const cache = new WeakMap<object, RuleDefinition>();

/** One rule with its texts in `lang`. Its checks, id and severity are the rule's own. */
export function localizeRule<R extends RuleDefinition>(rule: R, lang: Lang): R {
  if (lang === 'en') return rule;
  const text = RULE_CATALOGUES[lang][rule.id];
  if (!text) return rule;
  const hit = cache.get(rule);
  if (hit) return hit as R;
  const messages: Record<string, string> = {};
  for (const [id, english] of Object.entries(rule.messages))
    messages[id] = text.messages[id] ?? english;
  const translating = <C extends RuleContext | FileContext>(ctx: C): C => ({
    ...ctx,
    report: (r: Report) => ctx.report(r.data ? { ...r, data: translateData(r.data) } : r),
  });
  const check = (ctx: RuleContext) => rule.check(translating(ctx));
  const checkFile = rule.checkFile && ((ctx: FileContext) => rule.checkFile?.(translating(ctx)));
  const out = {
    ...rule,
    description: text.description,
    rationale: text.rationale,
    remediation: text.remediation,
    messages,
    check,
    ...(checkFile ? { checkFile } : {}),
  } as R;
  cache.set(rule, out);
  return out;
}

export function localizeRules<R extends RuleDefinition>(rules: readonly R[], lang: Lang): R[] {
  return rules.map((r) => localizeRule(r, lang));
}

/** A report's values with the English fragments the rule computed rewritten (ZH_DATA, by field). */
function translateData(data: MessageData): MessageData {
  let out: Record<string, string | number | bigint> | undefined;
  for (const [field, value] of Object.entries(data)) {
    const rules = ZH_DATA[field];
    if (!rules || typeof value !== 'string' || value === '') continue;
    let text = value;
    for (const [from, to] of rules)
      text = typeof from === 'string' ? text.split(from).join(to) : text.replace(from, to);
    if (text !== value) (out ??= { ...data })[field] = text;
  }
  return out ?? data;
}
