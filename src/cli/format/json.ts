/**
 * `--format json`: `{ "version": 1, "results": [ { "file", "findings": [...] } ] }`, one result
 * per linted file (clean files too, with no findings). Written as files arrive: the output is
 * byte-identical to `JSON.stringify(document, null, 2)` without holding every result in memory.
 */
import type { Finding, FixChanges, Severity } from '../../engine/types.js';
import type { FileReport, FormatContext, Formatter } from './types.js';

export const JSON_FORMAT_VERSION = 1;

export interface JsonFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number | null;
  readonly endColumn: number | null;
  /** The option the finding is about, or null for a finding about the whole document. */
  readonly key: string | null;
  /** Concrete changes (`null` value = remove the key), or null when there is none. */
  readonly fix: FixChanges | null;
}

export interface JsonResult {
  readonly file: string;
  readonly findings: readonly JsonFinding[];
}

export function toJsonFinding(f: Finding): JsonFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: f.line,
    column: f.column,
    endLine: f.endLine ?? null,
    endColumn: f.endColumn ?? null,
    key: f.key ?? null,
    fix: f.fix ?? null,
  };
}

const indent = (text: string, by: string) => text.replace(/\n/g, `\n${by}`);

export function jsonFormatter(ctx: FormatContext): Formatter {
  let count = 0;
  return {
    file(report: FileReport) {
      const result: JsonResult = {
        file: report.file,
        findings: report.findings.map(toJsonFinding),
      };
      ctx.write(
        `${count === 0 ? `{\n  "version": ${JSON_FORMAT_VERSION},\n  "results": [\n` : ',\n'}    ${indent(JSON.stringify(result, null, 2), '    ')}`,
      );
      count++;
    },
    end() {
      ctx.write(
        count === 0
          ? `{\n  "version": ${JSON_FORMAT_VERSION},\n  "results": []\n}\n`
          : '\n  ]\n}\n',
      );
    },
  };
}
