/**
 * `--format sarif`: SARIF 2.1.0 for code scanning. Every rule's metadata travels in
 * `tool.driver.rules` (description, rationale, remediation, docs link), so an alert explains
 * itself without flink-mem at hand. Paths are relative to `%SRCROOT%` (the working directory,
 * given once in `originalUriBaseIds`), each result carries a fingerprint that survives line moves,
 * findings silenced by an inline comment are listed as suppressed, and the invocation says whether
 * every input could be linted. Results are written as they arrive (see sarifFormatter).
 */
import { pathToFileURL } from 'node:url';
import type { Invocation, Log, ReportingDescriptor, Result } from 'sarif';
import pkg from '../../../package.json' with { type: 'json' };
import type { SuppressedFinding } from '../../engine/suppressions.js';
import { DOCS_BASE, ruleDocsUrl } from '../../engine/types.js';
import type { Finding, RuleDefinition, Severity } from '../../engine/types.js';
import { Fingerprints } from './fingerprint.js';
import { cliText } from '../../i18n/cli.js';
import type { Lang } from '../../i18n/lang.js';
import { relativeUri } from './paths.js';
import type { FileReport, FormatContext, Formatter } from './types.js';
import { fixLines } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The project's home: the repository the docs live in. */
export const INFORMATION_URI = DOCS_BASE.split('/blob/')[0]!;
/** The base every relative artifact URI is resolved against (SARIF's conventional name). */
export const SRCROOT = '%SRCROOT%';
/** The key of flink-mem's fingerprint in `partialFingerprints` (versioned, as the spec advises). */
export const FINGERPRINT_KEY = 'flinkMemFinding/v1';

const LEVEL: Readonly<Record<Severity, Result.level>> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** `network-min-above-max` -> `NetworkMinAboveMax`: the readable rule name code scanning shows. */
export function ruleName(id: string): string {
  return id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

export function ruleDescriptor(rule: RuleDefinition, lang: Lang = 'en'): ReportingDescriptor {
  const url = ruleDocsUrl(rule.id, lang);
  return {
    id: rule.id,
    name: ruleName(rule.id),
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

function toResult(
  f: Finding,
  ruleIndex: number | undefined,
  uri: string,
  fingerprint: string,
  lang: Lang = 'en',
): Result {
  const fixes = fixLines(f.fix, lang);
  const hasEnd = f.endLine !== undefined && f.endColumn !== undefined && f.endLine >= f.line;
  const region = {
    startLine: f.line,
    startColumn: f.column,
    ...(hasEnd
      ? {
          endLine: f.endLine,
          endColumn: f.endLine === f.line ? Math.max(f.endColumn, f.column) : f.endColumn,
        }
      : {}),
  };
  // A URI outside the working directory stays absolute (file:), which needs no base.
  const relative = !uri.startsWith('file:');
  const justification = (f as Partial<SuppressedFinding>).justification;
  return {
    ruleId: f.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: LEVEL[f.severity],
    message: {
      text:
        fixes.length > 0
          ? `${f.message}\n\n${cliText(lang, 'sarif.fix', { fixes: fixes.join('; ') })}`
          : f.message,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri, ...(relative ? { uriBaseId: SRCROOT } : {}) },
          region,
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    ...(justification !== undefined
      ? {
          suppressions: [
            { kind: 'inSource', status: 'accepted', ...(justification ? { justification } : {}) },
          ],
        }
      : {}),
    ...(f.key || f.fix
      ? { properties: { ...(f.key ? { key: f.key } : {}), ...(f.fix ? { fix: f.fix } : {}) } }
      : {}),
  };
}

/** The run's invocation: successful unless an input could not be linted at all. */
function invocation(failures: readonly string[]): Invocation {
  return {
    executionSuccessful: failures.length === 0,
    ...(failures.length > 0
      ? {
          toolExecutionNotifications: failures.map((text) => ({
            level: 'error' as const,
            message: { text },
          })),
        }
      : {}),
  };
}

/** The base URI of `%SRCROOT%`: the working directory as a file: URI ending in a slash. */
function srcroot(cwd: string): string {
  const href = pathToFileURL(cwd).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** The whole SARIF log for a set of file reports (rules listed in registry order). */
export function sarifLog(
  rules: Iterable<RuleDefinition>,
  reports: readonly Pick<FileReport, 'file' | 'findings' | 'suppressed'>[],
  cwd: string,
  failures: readonly string[] = [],
  lang: Lang = 'en',
): Log {
  const list = [...rules];
  const index = new Map(list.map((r, i) => [r.id, i]));
  const fingerprints = new Fingerprints();
  const results: Result[] = [];
  for (const report of reports) {
    for (const f of [...report.findings, ...(report.suppressed ?? [])]) {
      const uri = relativeUri(f.file, cwd);
      results.push(toResult(f, index.get(f.ruleId), uri, fingerprints.of(f, uri), lang));
    }
  }
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
        originalUriBaseIds: { [SRCROOT]: { uri: srcroot(cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [invocation(failures)],
      },
    ],
  };
}

const RESULTS = '"results": []';

/**
 * The log is written as results arrive, byte for byte what `JSON.stringify(sarifLog(...), null, 2)`
 * gives, so that 10,000 files' results never sit in memory together: the part before the results
 * (tool and rules) is known up front, each result is indented to its place, and the part after
 * them (the invocation) is written at the end, when it is known.
 */
export function sarifFormatter(ctx: FormatContext): Formatter {
  const rules = [...ctx.rules.values()];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const lang = ctx.lang ?? 'en';
  const fingerprints = new Fingerprints();
  const empty = JSON.stringify(sarifLog(rules, [], ctx.cwd, [], lang), null, 2);
  // `results` comes before `invocations`; its quotes cannot appear unescaped inside a string.
  const at = empty.indexOf(RESULTS);
  const pad = empty.slice(empty.lastIndexOf('\n', at) + 1, at);
  let count = 0;
  return {
    file(report: FileReport) {
      // Every finding of a report is about the same file: its URI is worked out once.
      const uri = relativeUri(report.file, ctx.cwd);
      for (const f of [...report.findings, ...(report.suppressed ?? [])]) {
        const own = f.file === report.file ? uri : relativeUri(f.file, ctx.cwd);
        const text = JSON.stringify(
          toResult(f, index.get(f.ruleId), own, fingerprints.of(f, own), lang),
          null,
          2,
        ).replace(/\n/g, `\n${pad}  `);
        ctx.write(`${count === 0 ? `${empty.slice(0, at)}"results": [\n` : ',\n'}${pad}  ${text}`);
        count++;
      }
    },
    end(totals) {
      const whole = JSON.stringify(sarifLog(rules, [], ctx.cwd, totals.failures ?? []), null, 2);
      const tail = whole.slice(whole.indexOf(RESULTS) + RESULTS.length);
      ctx.write(count === 0 ? `${whole}\n` : `\n${pad}]${tail}\n`);
    },
  };
}
