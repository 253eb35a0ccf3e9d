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
import type { CliIO } from './io.js';
import { CliUsageError, EXIT } from './io.js';

type Rule = RuleDefinition<string>;

export interface RulesOptions {
  /** `text` (default), `json` or `markdown`. */
  readonly format?: string;
}

export interface RuleExample {
  /** The fixture's file name, as the output shows it. */
  readonly name: string;
  /** The fixture without its `# expect:` test markers. */
  readonly input: string;
  /** The rendered `flink-mem lint` output (the fixture's `.out`), when there is one. */
  readonly output?: string;
  /** Flags equivalent to the fixture's `# flink-mem-fixture:` directive. */
  readonly flags: readonly string[];
}

const FIXTURE = /^invalid-.*\.(ya?ml|conf)$/;
const EXPECT_MARKER = /[ \t]*#\s*expect:.*$/gm;
const DIRECTIVE_FLAGS: Readonly<Record<string, string>> = {
  format: '--input-format',
  version: '--flink-version',
  target: '--target',
  'container-memory': '--container-memory',
};

function flagsOf(text: string): string[] {
  const m = /#\s*flink-mem-fixture:\s*(.*)$/.exec(text.split(/\r?\n/, 1)[0] ?? '');
  if (!m) return [];
  return m[1]!.split(/\s+/).flatMap((part) => {
    const [k, v] = part.split('=');
    const flag = k ? DIRECTIVE_FLAGS[k] : undefined;
    return flag && v ? [flag, v] : [];
  });
}

/** Each rule's first invalid fixture (by name) with its `.out`, from `fixtures/rules/<id>/`. */
export function loadRuleExamples(fixturesDir: string, ids: Iterable<string>): Map<string, RuleExample> {
  const out = new Map<string, RuleExample>();
  for (const id of ids) {
    const dir = join(fixturesDir, id);
    if (!existsSync(dir)) continue;
    const name = readdirSync(dir).filter((n) => FIXTURE.test(n)).sort()[0];
    if (!name) continue;
    const text = readFileSync(join(dir, name), 'utf8');
    const outPath = join(dir, name.replace(/\.(ya?ml|conf)$/, '.out'));
    // The test markers are dropped from the input and from the source lines quoted in the output.
    out.set(id, {
      name,
      input: text.replace(EXPECT_MARKER, ''),
      ...(existsSync(outPath) ? { output: readFileSync(outPath, 'utf8').replace(/^(\d+ \|.*?)[ \t]*#\s*expect:.*$/gm, '$1') } : {}),
      flags: flagsOf(text),
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

export function renderRulesJson(rules: readonly Rule[]): string {
  const list = rules.map((r) => ({
    id: r.id,
    severity: r.severity,
    description: r.description,
    rationale: r.rationale,
    remediation: r.remediation,
    fixable: r.fixable ?? false,
    docsUrl: ruleDocsUrl(r.id),
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

function optionsSection(rule: Rule): string {
  const props = (rule.optionsSchema?.['properties'] ?? {}) as Record<string, { type?: unknown; description?: string }>;
  const names = Object.keys(props);
  if (names.length === 0) return 'None.';
  const rows = names.map((n) => {
    const p = props[n]!;
    const def = rule.defaultOptions?.[n];
    return `| \`${n}\` | ${cell(String(p.type ?? ''))} | ${def === undefined ? '' : `\`${cell(JSON.stringify(def))}\``} | ${cell(p.description ?? '')} |`;
  });
  return ['| Option | Type | Default | Description |', '|---|---|---|---|', ...rows].join('\n');
}

function exampleSection(example: RuleExample): string {
  const command = ['flink-mem lint', example.name, ...example.flags].join(' ');
  const parts = [`\`${example.name}\`:`, fenced('yaml', example.input)];
  if (example.output !== undefined) parts.push(`\`${command}\` prints:`, fenced('text', example.output));
  return parts.join('\n\n');
}

/** The rule reference in markdown; `examples` maps a rule id to its example (omitted when absent). */
export function renderRulesMarkdown(rules: readonly Rule[], examples: ReadonlyMap<string, RuleExample>): string {
  const head = [
    '# Rule reference',
    '',
    '<!-- Generated from the rules\' metadata and fixtures by `npm run docs`; do not edit by hand. -->',
    '',
    `flink-mem has ${rules.length} rules. Each finding names its rule in brackets; turn a rule off, change its severity or set its`,
    'options in `.flink-mem.yaml` (`rules: { <rule-id>: warning }`), or on the command line with `--rule <rule-id>=off`.',
    'Silence one finding with `# flink-mem-disable-next-line <rule-id> -- <reason>` above its line.',
    '',
    '| Rule | Severity | Description |',
    '|---|---|---|',
    ...rules.map((r) => `| [\`${r.id}\`](#${r.id}) | ${r.severity} | ${cell(r.description)} |`),
  ];
  const sections = rules.map((r) => {
    const example = examples.get(r.id);
    return [
      `## ${r.id}`,
      `**Severity:** ${r.severity}${r.fixable ? ' · **Fixable:** yes' : ''}`,
      `${r.description}.`,
      `**Why:** ${r.rationale}`,
      `**How to fix:** ${r.remediation}`,
      `**Options:**\n\n${optionsSection(r)}`,
      ...(example ? [`**Example:**\n\n${exampleSection(example)}`] : []),
    ].join('\n\n');
  });
  return `${[head.join('\n'), ...sections].join('\n\n')}\n`;
}

export async function runRules(opts: RulesOptions, io: CliIO): Promise<number> {
  const format = opts.format ?? 'text';
  try {
    if (format === 'text') io.write(renderRulesText(ALL_RULES));
    else if (format === 'json') io.write(renderRulesJson(ALL_RULES));
    else if (format === 'markdown') {
      const dir = packageFixturesDir();
      io.write(renderRulesMarkdown(ALL_RULES, dir ? loadRuleExamples(dir, ALL_RULES.map((r) => r.id)) : new Map()));
    } else throw new CliUsageError(`--format "${format}" is not one of text, json, markdown`);
  } catch (e) {
    if (!(e instanceof CliUsageError)) throw e;
    io.error(`flink-mem: error: ${e.message}\n`);
    return EXIT.usage;
  }
  return EXIT.ok;
}
