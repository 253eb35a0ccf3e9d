/**
 * `flink-mem rules [--format text|json|markdown]`: the rule list, from the rules' own metadata.
 * The markdown form is the rule reference (docs/rules.md); its examples are each rule's first
 * invalid fixture and that fixture's `.out` snapshot, so every example in the docs is tested.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_RULES } from '../../rules/index.js';
import type { RuleDefinition } from '../engine/types.js';
import { ruleDocsUrl } from '../engine/types.js';
import {
  lintFlags,
  lintSettings,
  outputWithoutMarkers,
  readHeader,
  RULES_FAMILY,
  withoutMarkers,
} from '../fixtures/directives.js';
import type { Lang } from '../i18n/lang.js';
import { localizeRules } from '../i18n/rules.js';
import type { CliIO } from './io.js';
import { resolveLang } from './lang-flag.js';
import { EXIT, exitFor } from './io.js';
import { UsageError } from '../primitives/usage-error.js';

type Rule = RuleDefinition;

export interface RulesOptions {
  /** `text` (default), `json` or `markdown`. */
  readonly format?: string;
  /** `en` or `zh`; otherwise from .flink-mem.yaml or the locale. */
  readonly lang?: string;
}

export interface RuleExample {
  /** The fixture's file name, as the output shows it. */
  readonly name: string;
  /** The fixture without its `# expect:` test markers. */
  readonly input: string;
  /** The rendered `flink-mem lint` output (the fixture's `.out`), when there is one. */
  readonly output?: string;
  /** The same output in Chinese (the fixture's `.zh.out`), when there is one. */
  readonly outputZh?: string;
  /** Flags equivalent to the fixture's `# flink-mem-fixture:` directive. */
  readonly flags: readonly string[];
}

const FIXTURE = /^invalid-.*\.(ya?ml|conf)$/;

/** Each rule's first invalid fixture (by name) with its `.out`, from `fixtures/rules/<id>/`. */
export function loadRuleExamples(
  fixturesDir: string,
  ids: Iterable<string>,
): Map<string, RuleExample> {
  const out = new Map<string, RuleExample>();
  for (const id of ids) {
    const dir = join(fixturesDir, id);
    if (!existsSync(dir)) continue;
    const name = readdirSync(dir)
      .filter((n) => FIXTURE.test(n))
      .sort()[0];
    if (!name) continue;
    const text = readFileSync(join(dir, name), 'utf8');
    const outPath = join(dir, name.replace(/\.(ya?ml|conf)$/, '.out'));
    const zhPath = join(dir, name.replace(/\.(ya?ml|conf)$/, '.zh.out'));
    const unmarked = (path: string) => outputWithoutMarkers(readFileSync(path, 'utf8'));
    out.set(id, {
      name,
      input: withoutMarkers(text),
      ...(existsSync(outPath) ? { output: unmarked(outPath) } : {}),
      ...(existsSync(zhPath) ? { outputZh: unmarked(zhPath) } : {}),
      flags: lintFlags(
        lintSettings(join(dir, name), readHeader(RULES_FAMILY, join(dir, name), text)),
      ),
    });
  }
  return out;
}

/** `fixtures/rules` of the flink-mem package this code belongs to, when it ships with it. */
export function packageFixturesDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      const fixtures = join(dir, 'fixtures', 'rules');
      return existsSync(fixtures) ? fixtures : undefined;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function renderRulesText(rules: readonly Rule[]): string {
  const idWidth = Math.max(...rules.map((r) => r.id.length));
  return `${rules.map((r) => `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(7)}  ${r.description}`).join('\n')}\n`;
}

export function renderRulesJson(rules: readonly Rule[], lang: Lang = 'en'): string {
  const list = rules.map((r) => ({
    id: r.id,
    severity: r.severity,
    description: r.description,
    rationale: r.rationale,
    remediation: r.remediation,
    fixable: r.fixable ?? false,
    docsUrl: ruleDocsUrl(r.id, lang),
    messages: r.messages,
    ...(r.optionsSchema ? { optionsSchema: r.optionsSchema } : {}),
    ...(r.defaultOptions ? { defaultOptions: r.defaultOptions } : {}),
  }));
  return `${JSON.stringify({ rules: list }, null, 2)}\n`;
}

/** A fenced block whose fence is longer than any backtick run inside. */
function fenced(lang: string, body: string): string {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((s) => s.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${body.replace(/\n+$/, '')}\n${fence}`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The reference's own words; the rules come already in the language. */
const DOC_WORDS = {
  en: {
    title: '# Rule reference',
    generated:
      "<!-- Generated from the rules' metadata and fixtures by `npm run docs`; do not edit by hand. -->",
    intro: (n: number) => [
      `flink-mem has ${n} rules. Each finding names its rule in brackets; turn a rule off, change its severity or set its`,
      'options in `.flink-mem.yaml` (`rules: { <rule-id>: warning }`), or on the command line with `--rule <rule-id>=off`.',
      'Silence one finding with `# flink-mem-disable-next-line <rule-id> -- <reason>` above its line.',
    ],
    table: '| Rule | Severity | Description |',
    severity: '**Severity:**',
    fixable: ' · **Fixable:** yes',
    end: '.',
    why: '**Why:**',
    fix: '**How to fix:**',
    options: '**Options:**',
    none: 'None.',
    optionsTable: '| Option | Type | Default | Description |',
    example: '**Example:**',
    prints: 'prints:',
  },
  zh: {
    title: '# 规则参考',
    generated: '<!-- 由 `npm run docs` 根据规则的元数据和测试用例生成；请勿手工编辑。 -->',
    intro: (n: number) => [
      `flink-mem 共有 ${n} 条规则。每个问题都在方括号中注明其规则；可以在 \`.flink-mem.yaml\` 中关闭规则、修改其级别或设置其选项`,
      '（`rules: { <rule-id>: warning }`），也可以在命令行中使用 `--rule <rule-id>=off`。',
      '在某一行上方写 `# flink-mem-disable-next-line <rule-id> -- <理由>` 可抑制该行的问题。',
      '',
      '输出语言：`--lang zh`，或 `.flink-mem.yaml` 中的 `lang: zh`，或中文 locale（如 `LANG=zh_CN.UTF-8`）。英文版见 [../rules.md](../rules.md)。',
    ],
    table: '| 规则 | 级别 | 说明 |',
    severity: '**级别：**',
    fixable: ' · **可自动修复：** 是',
    end: '。',
    why: '**原因：**',
    fix: '**如何修复：**',
    options: '**选项：**',
    none: '无。',
    optionsTable: '| 选项 | 类型 | 默认值 | 说明 |',
    example: '**示例：**',
    prints: '输出：',
  },
} as const;

function optionsSection(rule: Rule, lang: Lang): string {
  const w = DOC_WORDS[lang];
  const props = (rule.optionsSchema?.['properties'] ?? {}) as Record<
    string,
    { type?: unknown; description?: string }
  >;
  const names = Object.keys(props);
  if (names.length === 0) return w.none;
  const rows = names.map((n) => {
    const p = props[n]!;
    const def = rule.defaultOptions?.[n];
    return `| \`${n}\` | ${cell(String(p.type ?? ''))} | ${def === undefined ? '' : `\`${cell(JSON.stringify(def))}\``} | ${cell(p.description ?? '')} |`;
  });
  return [DOC_WORDS[lang].optionsTable, '|---|---|---|---|', ...rows].join('\n');
}

function exampleSection(example: RuleExample, lang: Lang): string {
  const command = [
    'flink-mem lint',
    example.name,
    ...example.flags,
    ...(lang === 'en' ? [] : ['--lang', lang]),
  ].join(' ');
  const parts = [`\`${example.name}\`:`, fenced('yaml', example.input)];
  // The Chinese output of an example is the test fixture's `.zh.out` when there is one.
  const output = lang === 'zh' ? example.outputZh : example.output;
  if (output !== undefined)
    parts.push(`\`${command}\` ${DOC_WORDS[lang].prints}`, fenced('text', output));
  return parts.join('\n\n');
}

/**
 * The rule reference in markdown; `examples` maps a rule id to its example (omitted when absent).
 */
export function renderRulesMarkdown(
  rules: readonly Rule[],
  examples: ReadonlyMap<string, RuleExample>,
  lang: Lang = 'en',
): string {
  const w = DOC_WORDS[lang];
  const head = [
    w.title,
    '',
    w.generated,
    '',
    ...w.intro(rules.length),
    '',
    w.table,
    '|---|---|---|',
    ...rules.map((r) => `| [\`${r.id}\`](#${r.id}) | ${r.severity} | ${cell(r.description)} |`),
  ];
  const sections = rules.map((r) => {
    const example = examples.get(r.id);
    return [
      `## ${r.id}`,
      `${w.severity} ${r.severity}${r.fixable ? w.fixable : ''}`,
      `${r.description}${w.end}`,
      `${w.why} ${r.rationale}`,
      `${w.fix} ${r.remediation}`,
      `${w.options}\n\n${optionsSection(r, lang)}`,
      ...(example ? [`${w.example}\n\n${exampleSection(example, lang)}`] : []),
    ].join('\n\n');
  });
  return `${[head.join('\n'), ...sections].join('\n\n')}\n`;
}

export async function runRules(opts: RulesOptions, io: CliIO): Promise<number> {
  const format = opts.format ?? 'text';
  try {
    const lang = resolveLang(io, { flag: opts.lang });
    const rules = localizeRules(ALL_RULES, lang);
    if (format === 'text') io.write(renderRulesText(rules));
    else if (format === 'json') io.write(renderRulesJson(rules, lang));
    else if (format === 'markdown') {
      const dir = packageFixturesDir();
      io.write(
        renderRulesMarkdown(
          rules,
          dir
            ? loadRuleExamples(
                dir,
                rules.map((r) => r.id),
              )
            : new Map(),
          lang,
        ),
      );
    } else
      throw new UsageError('EINVAL', `--format "${format}" is not one of text, json, markdown`);
  } catch (e) {
    return exitFor(e, io);
  }
  return EXIT.ok;
}
