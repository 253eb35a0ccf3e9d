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
 * whole parent mapping covers the removal of its leaves); insertions at one offset keep their
 * order.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.start - b.e.start || b.e.end - a.e.end || a.i - b.i);
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
  if (at >= index.text.length && !endsWithBreak(index.text))
    return { start: at, end: at, text: eol + body };
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

/**
 * A comment line kept in the place of a removed line: the line number and the line's text without
 * its break.
 */
export interface KeptComment {
  readonly line: number;
  readonly text: string;
}

/**
 * The comment at the end of a removed entry's line (`key: 1g  # why`), kept as a comment line of
 * its own at the key's indentation, so removing an option never removes what the user wrote about
 * it. Only single-line values: after a block scalar the rest of the line is not a comment.
 */
export function trailingComment(
  index: LineIndex,
  entry: { readonly valueSpan?: Span; readonly keySpan?: Span },
): KeptComment | null {
  const value = entry.valueSpan;
  const key = entry.keySpan;
  if (!value || !key || value.line !== value.endLine || key.line !== value.line) return null;
  const rest = index.text.slice(value.endOffset, index.lineEnd(value.line));
  const at = rest.search(/\S/);
  if (at < 0 || rest[at] !== '#' || (at === 0 && value.endOffset > value.offset)) return null;
  const indent = index.text.slice(index.lineStart(key.line), key.offset);
  return {
    line: key.line,
    text: `${/^[ \t]*$/.test(indent) ? indent : ''}${rest.slice(at).trimEnd()}`,
  };
}

/**
 * Removes several line ranges, joining those that touch so the end-of-file rule sees them as one.
 * A kept comment of a removed line takes that line's place, and so does a whole comment line
 * inside a removed range.
 */
export function removeLineRanges(
  index: LineIndex,
  spans: readonly Span[],
  kept: readonly KeptComment[] = [],
): TextEdit[] {
  const sorted = [...spans].sort((a, b) => a.offset - b.offset);
  const joined: Span[] = [];
  for (const s of sorted) {
    const last = joined[joined.length - 1];
    if (last && s.offset <= last.endOffset)
      joined[joined.length - 1] = index.span(last.offset, Math.max(last.endOffset, s.endOffset));
    else joined.push(s);
  }
  const eol = lineBreakOf(index.text);
  return joined.map((s) => {
    const edit = removeLines(index, s);
    const lastLine =
      s.endOffset > s.offset &&
      index.position(s.endOffset).column === 1 &&
      s.endOffset < index.text.length
        ? s.endLine - 1
        : s.endLine;
    const keep = kept.filter((k) => k.line >= s.line && k.line <= lastLine);
    // Whole-line comments inside a removed range (a parent mapping removed with its last key) stay
    // too.
    for (let line = s.line; line <= lastLine; line++) {
      const text = index.text.slice(index.lineStart(line), index.lineEnd(line));
      if (/^[ \t]*#/.test(text)) keep.push({ line, text: text.trimEnd() });
    }
    keep.sort((a, b) => a.line - b.line);
    if (keep.length === 0) return edit;
    // At the end of a file without a final break the removal starts at the previous line's end.
    const text =
      edit.start < s.offset
        ? keep.map((k) => eol + k.text).join('')
        : keep.map((k) => k.text + eol).join('');
    return { ...edit, text };
  });
}

/** Replaces exactly the characters of a span. */
export function replaceSpan(span: Span, text: string): TextEdit {
  return { start: span.offset, end: span.endOffset, text };
}
