/**
 * `--format github`: workflow commands that GitHub Actions turns into annotations.
 * A step shows at most 10 error, 10 warning and 10 notice annotations; the rest vanish silently.
 * So past that cap findings are printed as plain log lines, and one notice at the end says how
 * many were not annotated and where to find them.
 */
import type { Finding, Severity } from '../../engine/types.js';
import { repoRelativePath, STDIN_NAME } from './paths.js';
import type { FileReport, FormatContext, Formatter, Totals } from './types.js';
import { fixLines } from './types.js';
import { cliText, labelled } from '../../i18n/cli.js';
import type { Lang } from '../../i18n/lang.js';
import { visibleLine } from '../util.js';

/** Annotations GitHub shows per step and kind. */
export const ANNOTATION_CAP = 10;

const COMMAND: Readonly<Record<Severity, string>> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
};

/** Escapes a command's message (GitHub's toolkit rules: %, CR, LF). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Escapes a command property value: the message rules plus `:` and `,`, which delimit properties.
 */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotation(f: Finding, cwd: string, lang: Lang = 'en'): string {
  const props: [string, string | number | undefined][] = [
    ['file', f.file === STDIN_NAME ? undefined : visibleLine(repoRelativePath(f.file, cwd))],
    ['line', f.line],
    ['col', f.column],
    ['endLine', f.endLine],
    ['endColumn', f.endLine === f.line ? f.endColumn : undefined],
    ['title', f.ruleId],
  ];
  const properties = props
    .filter((p): p is [string, string | number] => p[1] !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  // Each part on its own line, control characters of config values shown escaped.
  const message = [
    f.message,
    ...fixLines(f.fix, lang).map((l) => labelled(cliText(lang, 'lint.fix'), l)),
  ]
    .map(visibleLine)
    .join('\n');
  return `::${COMMAND[f.severity]} ${properties}::${escapeData(message)}`;
}

/**
 * A finding past the cap, as a log line. GitHub reads any log line that starts with "::" as a
 * workflow command, so control characters are escaped (a line break in a file name would start
 * a new line) and a name that starts with "::" is written as ./name.
 */
function plainLine(f: Finding): string {
  const file = visibleLine(f.file);
  return `${file.startsWith('::') ? './' : ''}${file}:${f.line}:${f.column}: ${f.severity}: ${visibleLine(f.message)} [${f.ruleId}]`;
}

export function githubFormatter(ctx: FormatContext): Formatter {
  // One notice slot stays free for the overflow notice, whether it is needed or not.
  const cap: Record<Severity, number> = {
    error: ANNOTATION_CAP,
    warning: ANNOTATION_CAP,
    info: ANNOTATION_CAP - 1,
  };
  const shown: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const hidden: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  return {
    file(report: FileReport) {
      for (const f of report.findings) {
        if (shown[f.severity] < cap[f.severity]) {
          shown[f.severity]++;
          ctx.write(`${annotation(f, ctx.cwd, ctx.lang)}\n`);
        } else {
          hidden[f.severity]++;
          ctx.write(`${plainLine(f)}\n`);
        }
      }
    },
    end(_totals: Totals) {
      const total = hidden.error + hidden.warning + hidden.info;
      if (total === 0) return;
      const parts = (['error', 'warning', 'info'] as const)
        .filter((s) => hidden[s] > 0)
        .map((s) => `${hidden[s]} ${s}${s !== 'info' && hidden[s] !== 1 ? 's' : ''}`);
      ctx.write(
        `::notice title=flink-mem::${escapeData(
          `${total} more finding${total === 1 ? '' : 's'} (${parts.join(', ')}) not annotated: GitHub shows at most ${ANNOTATION_CAP} errors and ${ANNOTATION_CAP} warnings per step. They are listed in this step's log; run flink-mem lint --format text to see every finding with its source line and fix.`,
        )}\n`,
      );
    },
  };
}
