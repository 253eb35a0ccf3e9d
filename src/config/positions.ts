/**
 * Turns 0-based offsets into the 1-based line/column spans every entry and problem carries.
 * Line breaks are `\r\n`, `\n` and a lone `\r` (Java's `readLine` and YAML agree on all three).
 * A leading byte order mark is not part of line 1: columns start after it, offsets still count it.
 */
import type { Span } from './types.js';

export class LineIndex {
  /** Offset where each line's content starts. */
  private readonly starts: number[] = [];
  /** Offset where each line's content ends (before its line break). */
  private readonly ends: number[] = [];

  constructor(readonly text: string) {
    let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    // The next CR and LF are searched again only once passed: a file without CR stays linear.
    let lf = -2;
    let cr = -2;
    for (;;) {
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      const brk = cr === -1 ? lf : lf === -1 ? cr : Math.min(cr, lf);
      this.starts.push(start);
      if (brk === -1) {
        this.ends.push(text.length);
        break;
      }
      this.ends.push(brk);
      start = text.charCodeAt(brk) === 13 && text.charCodeAt(brk + 1) === 10 ? brk + 2 : brk + 1;
      // A final line break ends the last line; there is no empty line after it.
      if (start >= text.length) break;
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }

  /** Offset just before the line break of a 1-based line. */
  lineEnd(line: number): number {
    return this.ends[line - 1] ?? this.text.length;
  }

  /** Offset of the next line's start (after the line break), or the end of the text. */
  lineNext(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  lines(): string[] {
    return this.starts.map((s, i) => this.text.slice(s, this.ends[i]));
  }

  /** 1-based line and column of an offset (an offset inside a line break belongs to its line). */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: Math.max(1, offset - (this.starts[lo] ?? 0) + 1) };
  }

  /** Offsets are clamped into the text (parsers may point one past the end at end of input). */
  span(offset: number, endOffset: number): Span {
    const len = this.text.length;
    offset = Math.min(Math.max(0, offset), len);
    endOffset = Math.min(Math.max(offset, endOffset), len);
    const a = this.position(offset);
    const b = this.position(endOffset);
    return {
      line: a.line,
      column: a.column,
      endLine: b.line,
      endColumn: b.column,
      offset,
      endOffset,
    };
  }

  /** Whole lines `from`..`to` (1-based, inclusive) with the final line break, for removal. */
  lineSpan(from: number, to = from): Span {
    return this.span(this.lineStart(from), this.lineNext(to));
  }
}

/** A zero-length span at the start of the text, for problems about the whole file. */
export function fileStartSpan(): Span {
  return { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 };
}
