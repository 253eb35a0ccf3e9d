/**
 * The default, human format (actionlint's shape): a headline `file:line:col: severity: message
 * [rule-id]`, the source line with a caret under the column, then what to change.
 */
import pc from 'picocolors';
import type { Finding, Severity } from '../../engine/types.js';
import type { FileReport, FormatContext, Formatter, Totals } from './types.js';
import { fixLines } from './types.js';
import { visibleLine } from '../util.js';

type Colors = ReturnType<typeof pc.createColors>;

const TAB_WIDTH = 4;
/** Longest excerpt shown; longer lines are cut around the column so the caret stays visible. */
const MAX_EXCERPT = 100;
/** How much of the line before the column stays visible when a long line is cut. */
const LEAD = 30;

export interface Excerpt {
  readonly text: string;
  /** 0-based display column of the caret in `text`. */
  readonly caret: number;
  /** Width of the marker (caret plus tildes), at least 1. */
  readonly width: number;
}

/** Expands tabs to stops of TAB_WIDTH and maps a 0-based string index to its display column. */
function expandTabs(line: string): { text: string; at: (index: number) => number } {
  // Nothing to expand (the usual case): skip the per-character walk, which costs seconds on a 10 MB line.
  if (!/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(line)) return { text: line, at: (i) => i };
  const cols: number[] = [];
  let text = '';
  for (const ch of line) {
    for (let k = 0; k < ch.length; k++) cols.push(text.length);
    // Other control characters are shown escaped (\x1b), never written raw to the terminal.
    if (ch === '\t') text += ' '.repeat(TAB_WIDTH - (text.length % TAB_WIDTH));
    else text += visibleLine(ch);
  }
  return { text, at: (i) => (i < cols.length ? cols[i]! : text.length + (i - cols.length)) };
}

/**
 * The part of a source line to show with the marker from `column` to `endColumn` (1-based,
 * end exclusive), tabs expanded, cut to MAX_EXCERPT columns with an ellipsis on each cut side.
 */
export function excerpt(line: string, column: number, endColumn?: number): Excerpt {
  const { text, at } = expandTabs(line.replace(/\r$/, ''));
  const start = at(Math.max(0, column - 1));
  const end = endColumn !== undefined && endColumn > column ? at(endColumn - 1) : start + 1;
  let width = Math.max(1, end - start);
  if (text.length <= MAX_EXCERPT) return { text, caret: start, width };
  const from = start > LEAD ? start - LEAD : 0;
  const budget = MAX_EXCERPT - (from > 0 ? 1 : 0);
  const cutEnd = from + budget < text.length;
  const shown = text.slice(from, from + budget - (cutEnd ? 1 : 0));
  const caret = start - from + (from > 0 ? 1 : 0);
  const visible = (from > 0 ? 1 : 0) + shown.length;
  width = Math.max(1, Math.min(width, visible - caret));
  return { text: `${from > 0 ? '…' : ''}${shown}${cutEnd ? '…' : ''}`, caret, width };
}

/** A finding about the whole document sits at an empty span at 1:1; line 1 would say nothing about it. */
function isDocumentLevel(f: Finding): boolean {
  return f.line === 1 && f.column === 1 && (f.endLine === undefined || (f.endLine === 1 && (f.endColumn ?? 1) <= 1));
}

function severityColor(c: Colors, severity: Severity): (s: string) => string {
  return severity === 'error' ? c.red : severity === 'warning' ? c.yellow : c.cyan;
}

/** The lines printed for one finding (no trailing newline). */
export function renderFinding(f: Finding, lines: readonly string[], ctx: Pick<FormatContext, 'rules'>, c: Colors): string[] {
  const paint = severityColor(c, f.severity);
  const out = [`${c.bold(`${visibleLine(f.file)}:${f.line}:${f.column}:`)} ${paint(`${f.severity}:`)} ${visibleLine(f.message)} ${c.dim(`[${f.ruleId}]`)}`];
  const source = lines[f.line - 1];
  if (source !== undefined && source.trim() !== '' && !isDocumentLevel(f)) {
    const sameLine = f.endLine === undefined || f.endLine === f.line;
    const ex = excerpt(source, f.column, sameLine ? f.endColumn : undefined);
    const gutter = String(f.line);
    const pad = ' '.repeat(gutter.length);
    out.push(c.dim(`${pad} |`));
    out.push(`${c.dim(`${gutter} |`)} ${ex.text}`);
    out.push(`${c.dim(`${pad} |`)} ${' '.repeat(ex.caret)}${paint(`^${'~'.repeat(ex.width - 1)}`)}`);
  }
  const fixes = fixLines(f.fix);
  const remediation = ctx.rules.get(f.ruleId)?.remediation;
  const advice = fixes.length > 0 ? fixes : remediation ? [remediation] : [];
  for (const line of advice) out.push(`  ${c.green('fix:')} ${visibleLine(line)}`);
  return out;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `2 errors, 1 warning in 3 files`, or `no problems found in 3 files`; inputs that could not be
 * used are counted after it, so a run that read nothing never looks clean.
 */
export function summaryLine(t: Totals): string {
  const parts: string[] = [];
  if (t.error > 0) parts.push(plural(t.error, 'error'));
  if (t.warning > 0) parts.push(plural(t.warning, 'warning'));
  if (t.info > 0) parts.push(`${t.info} info`);
  const where = plural(t.files, 'file');
  const unread = t.unread ?? 0;
  const skipped = `${plural(unread, 'input')} could not be linted (see the error${unread === 1 ? '' : 's'} above)`;
  if (unread > 0 && t.files === 0) return `nothing was linted: ${skipped}`;
  const found = parts.length === 0 ? `no problems found in ${where}` : `${parts.join(', ')} in ${where}`;
  return unread > 0 ? `${found}; ${skipped}` : found;
}

export function textFormatter(ctx: FormatContext): Formatter {
  const c = pc.createColors(ctx.color);
  let printed = 0;
  return {
    file(report: FileReport) {
      for (const f of report.findings) {
        ctx.write(`${renderFinding(f, report.lines, ctx, c).join('\n')}\n`);
        printed++;
      }
    },
    end(totals: Totals) {
      const line = summaryLine(totals);
      const painted = totals.error > 0 || (totals.unread ?? 0) > 0 ? c.red(line) : totals.warning > 0 ? c.yellow(line) : c.green(line);
      ctx.write(`${printed > 0 ? '\n' : ''}${c.bold(painted)}\n`);
    },
  };
}
