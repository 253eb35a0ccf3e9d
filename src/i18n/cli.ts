/**
 * The CLI's own words (headings, labels, component names, counts, usage errors), by key, in
 * English; src/i18n/zh/cli.ts holds the same keys in Chinese. Rule texts live with the rules
 * (src/i18n/rules.ts), doctor texts with the signatures (src/i18n/doctor.ts).
 */
import type { Lang } from './lang.js';
import { ZH_CLI, ZH_TRACE } from './zh/cli.js';

export const EN_CLI = {
  // lint, text format
  'lint.fix': 'fix:',
  'lint.remove': 'remove {key}',
  'lint.errors': '{n} errors',
  'lint.error': '1 error',
  'lint.warnings': '{n} warnings',
  'lint.warning': '1 warning',
  'lint.info': '{n} info',
  'lint.files': '{n} files',
  'lint.file': '1 file',
  'lint.summary': '{counts} in {files}',
  'lint.clean': 'no problems found in {files}',
  'lint.listSep': ', ',
  'lint.skipped': '{n} inputs could not be linted (see the errors above)',
  'lint.skippedOne': '1 input could not be linted (see the error above)',
  'lint.nothing': 'nothing was linted: {skipped}',
  'lint.foundSkipped': '{found}; {skipped}',
  // SARIF text around the rule's own words
  'sarif.fix': 'Fix: {fixes}',
  'sarif.see': 'See {url}',
  'sarif.howToFix': '**How to fix:**',
  'sarif.reference': 'Rule reference',
  // explain, text format
  'explain.taskmanager': 'TaskManager',
  'explain.jobmanager': 'JobManager',
  'explain.starts': 'starts',
  'explain.doesNotStart': 'does not start',
  'explain.why': 'why:   ',
  'explain.flink': 'flink: ',
  'explain.fix': 'fix:   ',
  'explain.noFix': 'none found automatically; see the reason above',
  'explain.note': 'note:  ',
  'explain.legacy': '{from} is used as "{to}" ({bytes} bytes)',
  'explain.bytes': 'bytes',
  'explain.trace': 'how Flink arrives at it:',
  'explain.effective': 'Effective configuration',
  'explain.viaDeprecated': ' via deprecated "{key}"',
  'explain.overrides': ', overrides {keys}',
  'explain.upgrade': 'Upgrade {from} -> {to}',
  'explain.nothingChanges': ': nothing changes for this configuration',
  'path.fine-grained': 'sized from its fine-grained components',
  'path.total-flink': 'sized from total Flink memory',
  'path.total-process': 'sized from total process memory',
  'path.local': 'local execution',
  'path.legacy-1.10': 'Flink 1.10 heap model',
  // memory components, as Flink's documentation names them
  'component.frameworkHeap': 'Framework Heap',
  'component.taskHeap': 'Task Heap',
  'component.managed': 'Managed Memory',
  'component.frameworkOffHeap': 'Framework Off-Heap',
  'component.taskOffHeap': 'Task Off-Heap',
  'component.network': 'Network',
  'component.jvmMetaspace': 'JVM Metaspace',
  'component.jvmOverhead': 'JVM Overhead',
  'component.jvmHeap': 'JVM Heap',
  'component.offHeap': 'Off-Heap',
  'component.totalFlink': 'Total Flink Memory',
  'component.totalProcess': 'Total Process Memory',
  'segment.heap': 'heap',
  'segment.managed': 'managed',
  'segment.direct': 'direct',
  'segment.metaspace': 'metaspace',
  'segment.overhead': 'overhead',
  'segment.off-heap': 'off-heap',
  // doctor, text format
  'doctor.none': 'flink-mem doctor: no memory failure recognised.',
  'doctor.one': 'flink-mem doctor: 1 diagnosis, most likely first.',
  'doctor.many': 'flink-mem doctor: {n} diagnoses, most likely first.',
  'doctor.line': 'line {line}:',
  'doctor.change': 'change:',
  'doctor.noChange': 'change: no option change to suggest from this text; see above.',
  'doctor.effect': 'effect:',
  'doctor.docs': 'docs:',
  'doctor.taskmanager': 'TaskManager',
  'doctor.jobmanager': 'JobManager',
  'doctor.unknown': 'process not named in the text',
  // usage errors of the language choice
  'usage.lang': '--lang "{value}" is not one of en, zh',
  'usage.langConfig': '{file}: "lang" "{value}" is not one of en, zh',
} as const;

export type CliKey = keyof typeof EN_CLI;

/**
 * Typed here, so that a key missing from the Chinese catalogue does not compile. A function: the
 * CLI loads the Chinese catalogues only when they are used.
 */
const zhTexts = (): Readonly<Record<CliKey, string>> => ZH_CLI;

/** A CLI text in `lang` with its `{placeholders}` filled. */
export function cliText(
  lang: Lang,
  key: CliKey,
  data?: Readonly<Record<string, string | number | bigint>>,
): string {
  const template: string = lang === 'zh' ? zhTexts()[key] : EN_CLI[key];
  return data
    ? template.replace(/\{(\w+)\}/g, (all, name: string) =>
        name in data ? String(data[name]) : all,
      )
    : template;
}

/**
 * A label and its text: `fix: x` in English, `修复：x` in Chinese (a full-width colon needs no space).
 */
export function labelled(
  label: string,
  text: string,
  paint: (s: string) => string = (s) => s,
): string {
  return `${paint(label)}${label.endsWith('：') ? '' : ' '}${text}`;
}

/** A text function bound to one language. */
export type Texts = (
  key: CliKey,
  data?: Readonly<Record<string, string | number | bigint>>,
) => string;
export const textsFor =
  (lang: Lang): Texts =>
  (key, data) =>
    cliText(lang, key, data);

/** Longest first; sorted on first use. */
let traceOrder: (typeof ZH_TRACE)[number][] | undefined;

/** A line of the model's trace in Chinese: its fixed phrases replaced, keys and numbers kept. */
export function translateTrace(text: string): string {
  let out = text;
  for (const [en, zh] of (traceOrder ??= [...ZH_TRACE].sort((a, b) => b[0].length - a[0].length)))
    if (out.includes(en)) out = out.split(en).join(zh);
  return out;
}
