/**
 * Text edits on the original text: every fix becomes replacements of exact offset ranges, so
 * whatever no fix touches (comments, quoting, blank lines, line breaks, a BOM) stays as it was.
 */
import type { LineIndex } from '../config/positions.js';
import type { Span } from '../config/types.js';

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * Applies edits in offset order. An edit inside a range already replaced is dropped (removing a
 * whole parent mapping covers the removal of its leaves); insertions at one offset keep their order.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || b.e.end - a.e.end || a.i - b.i);
  let out = '';
  let at = 0;
  for (const { e } of sorted) {
    if (e.start < at) {
      // Overlapping removals join; anything else inside a replaced range is already covered.
      if (e.text === '') at = Math.max(at, e.end);
      continue;
    }
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** The file's own line break: that of its first line, else `\n`. */
export function lineBreakOf(text: string): string {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr >= 0 && (lf < 0 || cr < lf)) return text[cr + 1] === '\n' ? '\r\n' : '\r';
  return '\n';
}

/** Whether the text ends with a line break (or is empty, after an optional BOM). */
function endsWithBreak(text: string): boolean {
  return text === '' || text === '\ufeff' || text.endsWith('\n') || text.endsWith('\r');
}

/**
 * Inserts whole lines after line `after` (0 = at the start); at the end of a file without a final
 * line break the break goes before the new lines, so the file still ends without one.
 */
export function insertLines(index: LineIndex, after: number, lines: readonly string[]): TextEdit {
  const eol = lineBreakOf(index.text);
  const at = after <= 0 ? index.lineStart(1) : index.lineNext(after);
  const body = lines.join(eol);
  if (at >= index.text.length && !endsWithBreak(index.text)) return { start: at, end: at, text: eol + body };
  return { start: at, end: at, text: body + eol };
}

/**
 * Removes whole lines (a `lineSpan`). When they are the last lines of a file without a final line
 * break, the break before them goes too, so the file still ends without one.
 */
export function removeLines(index: LineIndex, span: Span): TextEdit {
  const text = index.text;
  if (span.endOffset >= text.length && !endsWithBreak(text) && span.line > 1) {
    return { start: index.lineEnd(span.line - 1), end: text.length, text: '' };
  }
  return { start: span.offset, end: span.endOffset, text: '' };
}

/** Removes several line ranges, joining those that touch so the end-of-file rule sees them as one. */
export function removeLineRanges(index: LineIndex, spans: readonly Span[]): TextEdit[] {
  const sorted = [...spans].sort((a, b) => a.offset - b.offset);
  const joined: Span[] = [];
  for (const s of sorted) {
    const last = joined[joined.length - 1];
    if (last && s.offset <= last.endOffset) joined[joined.length - 1] = index.span(last.offset, Math.max(last.endOffset, s.endOffset));
    else joined.push(s);
  }
  return joined.map((s) => removeLines(index, s));
}

/** Replaces exactly the characters of a span. */
export function replaceSpan(span: Span, text: string): TextEdit {
  return { start: span.offset, end: span.endOffset, text };
}
