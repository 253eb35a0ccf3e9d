/**
 * How the doctor reads a pasted line: decorations (Markdown quotes and fences, timestamps,
 * `kubectl logs` prefixes) come off, and each line either continues the current error block
 * (stack frames, `Caused by:`, indented detail) or starts a new one.
 */

/** Patterns never look further than this into one line, so a 10 MB line costs no more than 8 KB. */
export const MAX_LINE = 8192;

const FENCE = /^\s*(?:```|~~~)/;

export function isFence(line: string): boolean {
  return FENCE.test(line);
}

const QUOTE = /^\s*(?:>\s?){1,64}/;
const TIMESTAMP =
  /^\[?(?:\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?|\d{2}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}|\d{2}:\d{2}:\d{2}[.,]\d{3})\]?[ \t]?/;
const KUBECTL = /^\[pod\/[^\]\s]+\][ \t]?/;

/** The line without quote marks, timestamps and `kubectl logs --prefix` tags, indentation kept. */
export function stripDecorations(line: string): string {
  let s = line;
  const q = QUOTE.exec(s);
  if (q) s = s.slice(q[0].length);
  for (let i = 0; i < 2; i++) {
    const m = KUBECTL.exec(s) ?? TIMESTAMP.exec(s);
    if (!m) break;
    s = s.slice(m[0].length);
  }
  return s;
}

// `#` lines are the JVM's fatal-error banner (hs_err), which belongs to the warning above it.
const CONTINUATION =
  /^(?:\s+\S|at\s|Caused by:|Suppressed:|\.\.\.\s*\d+\s+(?:more|common frames omitted)|#(?:\s|$))/;
// Bounded: package depth and name lengths (a line of `a.a.a...` backtracked over every dot).
const EXCEPTION_START =
  /^(?:(?:[a-z_$][\w$]{0,80}\.){1,24}[A-Z][\w$]{0,120}|[A-Z][\w$]{0,120})(?:Exception|Error|Throwable)\b/;

/** Stack frames, `Caused by:` and indented lines belong to the error block above them. */
export function isContinuation(stripped: string): boolean {
  return CONTINUATION.test(stripped);
}

/** `java.lang.OutOfMemoryError: ...`, `MemoryError`: the first line of an exception. */
export function isExceptionStart(stripped: string): boolean {
  return EXCEPTION_START.test(stripped);
}

const EXCEPTION_NAME = /\b((?:[a-z_$][\w$]{0,80}\.){1,24}[A-Z][\w$]{0,120}(?:Exception|Error))\b/;

/** The fully qualified exception class a line names, if any. */
export function exceptionName(line: string): string | null {
  if (!line.includes('Exception') && !line.includes('Error')) return null;
  return EXCEPTION_NAME.exec(line)?.[1] ?? null;
}

/** The evidence as shown to the user: trimmed, and cut at 300 characters. */
export function evidenceText(line: string): string {
  const t = line.trim();
  return t.length > 300 ? `${t.slice(0, 297)}...` : t;
}
