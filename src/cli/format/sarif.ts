/**
 * `--format sarif`: SARIF 2.1.0 for code scanning. Every rule's metadata travels in
 * `tool.driver.rules` (description, rationale, remediation, docs link), so an alert explains
 * itself without flink-mem at hand. Results are written as they arrive (see sarifFormatter).
 */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import pkg from '../../../package.json' with { type: 'json' };
import { DOCS_BASE, ruleDocsUrl } from '../../engine/types.js';
import type { Finding, RuleDefinition, Severity } from '../../engine/types.js';
import { cliText } from '../../i18n/cli.js';
import type { Lang } from '../../i18n/lang.js';
import { relativeUri } from './paths.js';
import type { FileReport, FormatContext, Formatter } from './types.js';
import { fixLines } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The project's home: the repository the docs live in. */
export const INFORMATION_URI = DOCS_BASE.split('/blob/')[0]!;

const LEVEL: Readonly<Record<Severity, Result.level>> = { error: 'error', warning: 'warning', info: 'note' };

export function ruleDescriptor(rule: RuleDefinition<string>, lang: Lang = 'en'): ReportingDescriptor {
  const url = ruleDocsUrl(rule.id, lang);
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.rationale },
    help: {
      text: `${rule.remediation} ${cliText(lang, 'sarif.see', { url })}`,
      markdown: `${rule.rationale}\n\n${cliText(lang, 'sarif.howToFix')} ${rule.remediation}\n\n[${cliText(lang, 'sarif.reference')}](${url})`,
    },
    helpUri: url,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['flink', 'memory', 'configuration'] },
  };
}

function toResult(f: Finding, ruleIndex: number | undefined, cwd: string, uri = relativeUri(f.file, cwd), lang: Lang = 'en'): Result {
  const fixes = fixLines(f.fix, lang);
  const hasEnd = f.endLine !== undefined && f.endColumn !== undefined && f.endLine >= f.line;
  const region = {
    startLine: f.line,
    startColumn: f.column,
    ...(hasEnd ? { endLine: f.endLine, endColumn: f.endLine === f.line ? Math.max(f.endColumn!, f.column) : f.endColumn } : {}),
  };
  return {
    ruleId: f.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: LEVEL[f.severity],
    message: { text: fixes.length > 0 ? `${f.message}\n\n${cliText(lang, 'sarif.fix', { fixes: fixes.join('; ') })}` : f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region } }],
    ...(f.key || f.fix ? { properties: { ...(f.key ? { key: f.key } : {}), ...(f.fix ? { fix: f.fix } : {}) } } : {}),
  };
}

/** The whole SARIF log for a set of findings (rules listed in registry order). */
export function sarifLog(rules: Iterable<RuleDefinition<string>>, findings: Iterable<Finding>, cwd: string, lang: Lang = 'en'): Log {
  const list = [...rules];
  const index = new Map(list.map((r, i) => [r.id, i]));
  const results: Result[] = [];
  for (const f of findings) results.push(toResult(f, index.get(f.ruleId), cwd, undefined, lang));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'flink-mem',
            version: pkg.version,
            semanticVersion: pkg.version,
            informationUri: INFORMATION_URI,
            rules: list.map((r) => ruleDescriptor(r, lang)),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/**
 * The log is written as results arrive, byte for byte what `JSON.stringify(sarifLog(...), null, 2)`
 * gives, so that 10,000 files' results never sit in memory together: the part before the results
 * (tool and rules) is known up front, each result is indented to its place, the closing part last.
 */
export function sarifFormatter(ctx: FormatContext): Formatter {
  const rules = [...ctx.rules.values()];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const lang = ctx.lang ?? 'en';
  const empty = JSON.stringify(sarifLog(rules, [], ctx.cwd, lang), null, 2);
  // `results` is the run's last key; its quotes cannot appear unescaped inside a string.
  const at = empty.lastIndexOf('"results": []');
  const pad = empty.slice(empty.lastIndexOf('\n', at) + 1, at);
  let count = 0;
  return {
    file(report: FileReport) {
      // Every finding of a report is about the same file: its URI is worked out once.
      const uri = report.findings.length > 0 ? relativeUri(report.file, ctx.cwd) : '';
      for (const f of report.findings) {
        const text = JSON.stringify(toResult(f, index.get(f.ruleId), ctx.cwd, f.file === report.file ? uri : undefined, lang), null, 2).replace(/\n/g, `\n${pad}  `);
        ctx.write(`${count === 0 ? `${empty.slice(0, at)}"results": [\n` : ',\n'}${pad}  ${text}`);
        count++;
      }
    },
    end() {
      ctx.write(count === 0 ? `${empty}\n` : `\n${pad}]${empty.slice(at + '"results": []'.length)}\n`);
    },
  };
}
