/**
 * A legacy `flink-conf.yaml` line and the bounds Flink's reader cuts it at: Java's `trim()`, the
 * first `#`, and the text that replaces part of a line in a suggested rewrite.
 */
import { opensQuote } from './flink-conf-lines.js';

export interface Line {
  readonly number: number;
  readonly raw: string;
  /** Offset of the line's first character in the text. */
  readonly at: number;
  /** Bounds of the Java-trimmed content before the first `#` (indexes into raw). */
  readonly s: number;
  readonly e: number;
  readonly hash: number;
}

/** Java `String.trim()` bounds of raw[from, to). */
export function trimBounds(raw: string, from: number, to: number): [number, number] {
  while (from < to && raw.charCodeAt(from) <= 0x20) from++;
  while (to > from && raw.charCodeAt(to - 1) <= 0x20) to--;
  return [from, to];
}

/** True when the `#` that Flink cuts at is not where YAML would start a comment. */
export function cutsValue(l: Line, valueFrom: number): boolean {
  if (l.hash < 0) return false;
  if (l.raw.charCodeAt(l.hash - 1) > 0x20) return true;
  return opensQuote(l.raw.slice(valueFrom, l.e));
}

/** The line with raw[from, to) replaced, indentation and comment kept. */
export function rewrite(l: Line, from: number, to: number, by: string): string {
  return l.raw.slice(0, from) + by + l.raw.slice(to);
}
