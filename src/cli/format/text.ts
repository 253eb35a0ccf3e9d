/**
 * The default, human format (actionlint's shape): a headline `file:line:col: severity: message
 * [rule-id]`, the source line with a caret under the column, then what to change.
 */
import pc from 'picocolors';
import type { Finding, Severity } from '../../engine/types.js';
import type { FileReport, FormatContext, Formatter, Totals } from './types.js';
import { fixLines } from './types.js';
import { visibleLine } from '../util.js';
import { cliText, labelled } from '../../i18n/cli.js';
import type { Lang } from '../../i18n/lang.js';
import { charWidth, displayWidth } from '../../i18n/width.js';

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

interface Expanded {
  readonly text: string;
  /** Display column of a 0-based string index of the original line. */
  readonly at: (index: number) => number;
  /** Display width of the whole text. */
  readonly width: number;
  /**
   * The part of `text` covering display columns [from, to): a wide character cut in two is left
   * out.
   */
  readonly cut: (from: number, to: number) => string;
}

/**
 * Expands tabs to stops of TAB_WIDTH and measures display columns: an East Asian wide character
 * takes two columns, so the caret lands under it on a terminal. Other control characters are
 * shown escaped (\x1b), never written raw to the terminal.
 */
function expandTabs(line: string): Expanded {
  // Narrow text and nothing to expand (the usual case): skip the per-character walk, which costs
  // seconds on a 10 MB line.
  // The range from U+0300 (a combining mark) to U+FFFF is meant: everything that may not be one
  // column.
  // eslint-disable-next-line no-misleading-character-class
  if (!/[\u0000-\u001f\u007f-\u009f\u0300-\uffff]/.test(line)) {
    return {
      text: line,
      at: (i) => i,
      width: line.length,
      cut: (from, to) => line.slice(from, to),
    };
  }
  const cols: number[] = [];
  const starts: number[] = [];
  const pieces: string[] = [];
  let col = 0;
  for (const ch of line) {
    for (let k = 0; k < ch.length; k++) cols.push(col);
    const piece = ch === '\t' ? ' '.repeat(TAB_WIDTH - (col % TAB_WIDTH)) : visibleLine(ch);
    starts.push(col);
    pieces.push(piece);
    col += ch === '\t' || piece !== ch ? piece.length : charWidth(piece);
  }
  const width = col;
  return {
    text: pieces.join(''),
    at: (i) => (i < cols.length ? cols[i]! : width + (i - cols.length)),
    width,
    cut(from, to) {
      let out = '';
      for (let k = 0; k < pieces.length; k++) {
        const end = k + 1 < starts.length ? starts[k + 1]! : width;
        if (starts[k]! >= from && end <= to) out += pieces[k]!;
      }
      return out;
    },
  };
}

/**
 * The part of a source line to show with the marker from `column` to `endColumn` (1-based,
 * end exclusive), tabs expanded, cut to MAX_EXCERPT columns with an ellipsis on each cut side.
 */
export function excerpt(line: string, column: number, endColumn?: number): Excerpt {
  const ex = expandTabs(line.replace(/\r$/, ''));
  const { text, at } = ex;
  const start = at(Math.max(0, column - 1));
  const end = endColumn !== undefined && endColumn > column ? at(endColumn - 1) : start + 1;
  let width = Math.max(1, end - start);
  if (ex.width <= MAX_EXCERPT) return { text, caret: start, width };
  const from = start > LEAD ? start - LEAD : 0;
  const budget = MAX_EXCERPT - (from > 0 ? 1 : 0);
  const cutEnd = from + budget < ex.width;
  const shown = ex.cut(from, from + budget - (cutEnd ? 1 : 0));
  const caret = start - from + (from > 0 ? 1 : 0);
  const visible = (from > 0 ? 1 : 0) + displayWidth(shown);
  width = Math.max(1, Math.min(width, visible - caret));
  return { text: `${from > 0 ? '…' : ''}${shown}${cutEnd ? '…' : ''}`, caret, width };
}

/**
 * A finding about the whole document sits at an empty span at 1:1; line 1 would say nothing about
 * it.
 */
function isDocumentLevel(f: Finding): boolean {
  return (
    f.line === 1 &&
    f.column === 1 &&
    (f.endLine === undefined || (f.endLine === 1 && (f.endColumn ?? 1) <= 1))
  );
}

function severityColor(c: Colors, severity: Severity): (s: string) => string {
  return severity === 'error' ? c.red : severity === 'warning' ? c.yellow : c.cyan;
}

/** The lines printed for one finding (no trailing newline). */
export function renderFinding(
  f: Finding,
  lines: readonly string[],
  ctx: Pick<FormatContext, 'rules' | 'lang'>,
  c: Colors,
): string[] {
  const lang = ctx.lang ?? 'en';
  const paint = severityColor(c, f.severity);
  const out = [
    `${c.bold(`${visibleLine(f.file)}:${f.line}:${f.column}:`)} ${paint(`${f.severity}:`)} ${visibleLine(f.message)} ${c.dim(`[${f.ruleId}]`)}`,
  ];
  const source = lines[f.line - 1];
  if (source !== undefined && source.trim() !== '' && !isDocumentLevel(f)) {
    const sameLine = f.endLine === undefined || f.endLine === f.line;
    const ex = excerpt(source, f.column, sameLine ? f.endColumn : undefined);
    const gutter = String(f.line);
    const pad = ' '.repeat(gutter.length);
    out.push(c.dim(`${pad} |`));
    out.push(`${c.dim(`${gutter} |`)} ${ex.text}`);
    out.push(
      `${c.dim(`${pad} |`)} ${' '.repeat(ex.caret)}${paint(`^${'~'.repeat(ex.width - 1)}`)}`,
    );
  }
  const fixes = fixLines(f.fix, lang);
  const remediation = ctx.rules.get(f.ruleId)?.remediation;
  const advice = fixes.length > 0 ? fixes : remediation ? [remediation] : [];
  for (const line of advice)
    out.push(`  ${labelled(cliText(lang, 'lint.fix'), visibleLine(line), c.green)}`);
  return out;
}

/**
 * `2 errors, 1 warning in 3 files`, or `no problems found in 3 files` (in `lang`); inputs that
 * could not be used are counted after it, so a run that read nothing never looks clean.
 */
export function summaryLine(t: Totals, lang: Lang = 'en'): string {
  const count = (
    n: number,
    one: 'lint.error' | 'lint.warning' | 'lint.file' | 'lint.skippedOne',
    many: 'lint.errors' | 'lint.warnings' | 'lint.files' | 'lint.skipped',
  ) => (n === 1 ? cliText(lang, one) : cliText(lang, many, { n }));
  const parts: string[] = [];
  if (t.error > 0) parts.push(count(t.error, 'lint.error', 'lint.errors'));
  if (t.warning > 0) parts.push(count(t.warning, 'lint.warning', 'lint.warnings'));
  if (t.info > 0) parts.push(cliText(lang, 'lint.info', { n: t.info }));
  const files = count(t.files, 'lint.file', 'lint.files');
  const unread = t.unread ?? 0;
  const skipped = count(unread, 'lint.skippedOne', 'lint.skipped');
  if (unread > 0 && t.files === 0) return cliText(lang, 'lint.nothing', { skipped });
  const found =
    parts.length === 0
      ? cliText(lang, 'lint.clean', { files })
      : cliText(lang, 'lint.summary', { counts: parts.join(cliText(lang, 'lint.listSep')), files });
  return unread > 0 ? cliText(lang, 'lint.foundSkipped', { found, skipped }) : found;
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
      const line = summaryLine(totals, ctx.lang);
      const painted =
        totals.error > 0 || (totals.unread ?? 0) > 0
          ? c.red(line)
          : totals.warning > 0
            ? c.yellow(line)
            : c.green(line);
      ctx.write(`${printed > 0 ? '\n' : ''}${c.bold(painted)}\n`);
    },
  };
}
