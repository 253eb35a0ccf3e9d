/**
 * Parity: the registry, the rule files, their metadata and the generated docs stay in step.
 * (Fixtures per rule are checked by rules.fixtures.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.js';
import type { RuleDefinition } from '../src/engine/types.js';
import { ruleDocsUrl } from '../src/engine/types.js';
import type { CliIO } from '../src/cli/io.js';
import {
  loadRuleExamples,
  packageFixturesDir,
  renderRulesMarkdown,
  runRules,
} from '../src/cli/rules-cmd.js';
import { RULE_FIXTURES } from './fixtures.js';

const RULES_DIR = new URL('../rules/', import.meta.url);
const DOCS = new URL('../docs/rules.md', import.meta.url);
const ruleFiles = readdirSync(RULES_DIR)
  .filter((n) => n.endsWith('.ts') && n !== 'index.ts')
  .map((n) => n.slice(0, -3))
  .sort();

describe('registry', () => {
  it('lists exactly the files in rules/', () => {
    expect(ALL_RULES.map((r) => r.id).sort()).toEqual(ruleFiles);
  });

  it('is sorted by id and has no duplicates', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses kebab-case ids equal to the file names', async () => {
    for (const name of ruleFiles) {
      const mod = (await import(`../rules/${name}.ts`)) as { default: RuleDefinition };
      expect(mod.default.id, `rules/${name}.ts`).toBe(name);
      expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    }
  });
});

describe.each(ALL_RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  it('writes messages as one line, lower-case first, no trailing period', () => {
    for (const [messageId, text] of Object.entries<string>(rule.messages)) {
      expect(text, messageId).not.toMatch(/\n/);
      expect(text, messageId).not.toMatch(/^[A-Z]/);
      expect(text, messageId).not.toMatch(/\.$/);
    }
  });

  it('has a description without a trailing period and a remediation sentence ending with one', () => {
    expect(rule.description.trim().length).toBeGreaterThan(0);
    expect(rule.description).not.toMatch(/\.$/);
    expect(rule.rationale.trim().length).toBeGreaterThan(0);
    expect(rule.remediation).toMatch(/\.$/);
    expect(rule.remediation).toMatch(/^[A-Z]/);
  });
});

describe('docs/rules.md', () => {
  it('is what `npm run docs` generates from the current rules and fixtures', () => {
    const expected = renderRulesMarkdown(
      ALL_RULES,
      loadRuleExamples(
        RULE_FIXTURES,
        ALL_RULES.map((r) => r.id),
      ),
    );
    let actual = '';
    try {
      actual = readFileSync(DOCS, 'utf8');
    } catch {
      // Missing docs compare as empty and fail below.
    }
    expect(actual === expected, 'docs/rules.md is stale: run `npm run docs`').toBe(true);
  });
});

describe('flink-mem rules', () => {
  async function rules(format?: string) {
    const r = { code: -1, out: '', err: '' };
    const io: CliIO = {
      write: (t) => void (r.out += t),
      error: (t) => void (r.err += t),
      stdin: Readable.from([]),
      stdinIsTTY: false,
      stdoutIsTTY: false,
      env: {},
      cwd: '/',
    };
    r.code = await runRules(format === undefined ? {} : { format }, io);
    return r;
  }

  it('lists one rule per line with its severity and description', async () => {
    const r = await rules();
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(ALL_RULES.length);
    ALL_RULES.forEach((rule, i) =>
      expect(lines[i]!.split(/\s{2,}/)).toEqual([rule.id, rule.severity, rule.description]),
    );
  });

  it('prints the metadata as JSON, with the docs link of each rule', async () => {
    const doc = JSON.parse((await rules('json')).out) as {
      rules: { id: string; docsUrl: string; remediation: string }[];
    };
    expect(doc.rules.map((r) => r.id)).toEqual(ALL_RULES.map((r) => r.id));
    for (const r of doc.rules) expect(r.docsUrl).toBe(ruleDocsUrl(r.id));
  });

  it('renders the markdown reference with the fixtures shipped next to the package', async () => {
    expect(resolve(packageFixturesDir() ?? '')).toBe(resolve(RULE_FIXTURES));
    const r = await rules('markdown');
    expect(r.out).toBe(
      renderRulesMarkdown(
        ALL_RULES,
        loadRuleExamples(
          RULE_FIXTURES,
          ALL_RULES.map((x) => x.id),
        ),
      ),
    );
    for (const rule of ALL_RULES) expect(r.out).toContain(`\n## ${rule.id}\n`);
  });

  it('shows an example input without its test markers, and its output when there is one', () => {
    const [rule] = ALL_RULES;
    const examples = new Map([
      [
        rule!.id,
        {
          name: 'invalid-x.yaml',
          input: 'a: ```\nb: 1\n',
          output: 'invalid-x.yaml:1:1: error: m [x]\n',
          flags: ['--flink-version', '1.20'],
        },
      ],
    ]);
    const md = renderRulesMarkdown([rule!], examples);
    expect(md).toContain('````yaml\na: ```\nb: 1\n````');
    expect(md).toContain(
      '`flink-mem lint invalid-x.yaml --flink-version 1.20` prints:\n\n```text\ninvalid-x.yaml:1:1: error: m [x]\n```',
    );
    const noOutput = renderRulesMarkdown(
      [rule!],
      new Map([[rule!.id, { name: 'invalid-x.yaml', input: 'a: 1', flags: [] }]]),
    );
    expect(noOutput).not.toContain('prints:');
    expect(
      loadRuleExamples(
        RULE_FIXTURES,
        ALL_RULES.map((x) => x.id),
      ).get(ALL_RULES[0]!.id)?.input ?? '',
    ).not.toMatch(/#\s*expect:/);
  });

  it('rejects an unknown format with a one-line usage error', async () => {
    const r = await rules('html');
    expect(r.code).toBe(2);
    expect(r.err).toBe('flink-mem: error: --format "html" is not one of text, json, markdown\n');
  });
});
