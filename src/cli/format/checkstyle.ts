/**
 * `--format checkstyle`: checkstyle's XML report, read by Jenkins' Warnings Next Generation
 * plugin, reviewdog, SonarQube and Danger: one `<file>` per linted file with an `<error>` per
 * finding (checkstyle calls every finding an error and puts the weight in `severity`).
 */
import type { Severity } from '../../engine/types.js';
import type { FileReport, FormatContext, Formatter } from './types.js';
import { fixLines } from './types.js';
import { XML_DECLARATION, xmlEscape } from './xml.js';

/** Checkstyle's severities are ignore, info, warning and error. */
const CHECKSTYLE_SEVERITY: Readonly<Record<Severity, string>> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
};

export function checkstyleFormatter(ctx: FormatContext): Formatter {
  let started = false;
  const start = () => {
    if (!started) ctx.write(`${XML_DECLARATION}<checkstyle version="4.3">\n`);
    started = true;
  };
  return {
    file(report: FileReport) {
      start();
      ctx.write(`  <file name="${xmlEscape(report.file)}">\n`);
      for (const f of report.findings) {
        const fixes = fixLines(f.fix);
        const message = fixes.length > 0 ? `${f.message} (fix: ${fixes.join('; ')})` : f.message;
        ctx.write(
          `    <error line="${f.line}" column="${f.column}" severity="${CHECKSTYLE_SEVERITY[f.severity]}" message="${xmlEscape(message)}" source="flink-mem.${xmlEscape(f.ruleId)}" />\n`,
        );
      }
      ctx.write('  </file>\n');
    },
    end() {
      start();
      ctx.write('</checkstyle>\n');
    },
  };
}
