/**
 * `--format junit`: JUnit XML, which Jenkins, GitLab (`artifacts:reports:junit`), Azure Pipelines
 * and most CI systems show as test results. As ESLint's junit formatter does, each linted file is
 * a `<testsuite>`; each finding is a `<testcase>` with a `<failure>` (an info finding too, so
 * nothing is hidden), and a clean file is one passing test case, so it shows up as checked.
 */
import { SEVERITY_RANK } from './types.js';
import type { FileReport, FormatContext, Formatter } from './types.js';
import { fixLines } from './types.js';
import { XML_DECLARATION, xmlEscape } from './xml.js';

export function junitFormatter(ctx: FormatContext): Formatter {
  let started = false;
  const start = () => {
    if (!started) ctx.write(`${XML_DECLARATION}<testsuites name="flink-mem">\n`);
    started = true;
  };
  return {
    file(report: FileReport) {
      start();
      const name = xmlEscape(report.file);
      const cases = report.findings.length === 0 ? 1 : report.findings.length;
      ctx.write(
        `  <testsuite name="${name}" tests="${cases}" failures="${report.findings.length}" errors="0" skipped="0">\n`,
      );
      if (report.findings.length === 0)
        ctx.write(`    <testcase classname="${name}" name="flink-mem lint" />\n`);
      const sorted = [...report.findings].sort(
        (a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.line - b.line,
      );
      for (const f of sorted) {
        const at = `${report.file}:${f.line}:${f.column}`;
        const body = [
          `${at}: ${f.severity}: ${f.message} [${f.ruleId}]`,
          ...fixLines(f.fix).map((l) => `fix: ${l}`),
        ].join('\n');
        ctx.write(
          `    <testcase classname="${name}" name="${xmlEscape(`${f.ruleId} at line ${f.line}, column ${f.column}`)}">\n` +
            `      <failure type="${f.severity}" message="${xmlEscape(f.message)}">${xmlEscape(body)}</failure>\n` +
            '    </testcase>\n',
        );
      }
      ctx.write('  </testsuite>\n');
    },
    end() {
      start();
      ctx.write('</testsuites>\n');
    },
  };
}
