/**
 * Inline suppressions in the linted file:
 *   # flink-mem-disable-next-line <rule-id>[, <rule-id>] -- <reason>
 *   # flink-mem-disable <rule-id>[, <rule-id>] -- <reason>      (the whole file, or its YAML
 * document)
 * and, in a FlinkDeployment, the annotation `flink-mem.io/ignore-<rule-id>: "<reason>"`.
 */
import type { ConfigDocument, Span } from '../config/types.js';
import type { Finding, Suppression } from './types.js';

const MARK = 'flink-mem-disable';
const NEXT_LINE = 'disable-next-line';

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/**
 * `# flink-mem-disable[-next-line] <ids> -- <reason>` read by hand (a pattern with runs of
 * spaces on both sides of the ids backtracked for minutes on a comment padded with spaces).
 */
function parseDirective(
  text: string,
  hash: number,
): { scope: Suppression['scope']; body: string } | null {
  let i = hash + 1;
  while (isSpace(text[i])) i++;
  if (!text.startsWith(MARK, i)) return null;
  i += MARK.length;
  const scope = text.startsWith(NEXT_LINE, i - 'disable'.length) ? 'next-line' : 'file';
  if (scope === 'next-line') i += NEXT_LINE.length - 'disable'.length;
  if (!isSpace(text[i])) return null;
  return { scope, body: text.slice(i).trim() };
}

/** "rule-a, rule-b -- reason"; a directive may also start with "--" when it names no rule. */
function splitBody(body: string): { ruleIds: string[]; reason: string } {
  const parts: string[] = [];
  let from = 0;
  const padded = ` ${body}`;
  for (let at = padded.indexOf('--', 1); at >= 0; at = padded.indexOf('--', at + 1)) {
    const before = padded[at - 1];
    const after = padded[at + 2];
    if (isSpace(before) && (after === undefined || isSpace(after))) {
      parts.push(padded.slice(from, at));
      from = at + 2;
      at++;
    }
  }
  parts.push(padded.slice(from));
  const [ids = '', ...reason] = parts;
  return {
    ruleIds: ids.split(/[\s,]+/).filter(Boolean),
    reason: reason
      .map((r) => r.trim())
      .join(' -- ')
      .trim(),
  };
}

interface Directive {
  readonly index: number;
  readonly column: number;
  readonly scope: Suppression['scope'];
  readonly ruleIds: readonly string[];
  readonly reason: string;
  readonly targetLine?: number;
}

/**
 * The directives of a file, read once per file: every document of a multi-document file shares its
 * lines.
 */
const directivesOf = new WeakMap<readonly string[], readonly Directive[]>();

function directives(lines: readonly string[]): readonly Directive[] {
  let found = directivesOf.get(lines);
  if (found) return found;
  const out: Directive[] = [];
  // The next line that is not blank or a comment, for each line: one pass from the end, on first
  // need (a run of directive lines each scanning ahead would be quadratic).
  let next: Int32Array | null = null;
  const nextAfter = (i: number): number => {
    if (!next) {
      next = new Int32Array(lines.length + 1);
      next[lines.length] = -1;
      for (let k = lines.length - 1; k >= 0; k--) {
        const t = lines[k]!.trim();
        next[k] = t !== '' && !t.startsWith('#') ? k : next[k + 1]!;
      }
    }
    const k = next[i]!;
    return k >= 0 ? k + 1 : i + 1;
  };
  lines.forEach((text, i) => {
    if (!text.includes(MARK)) return;
    // The first `#` that starts a directive (a comment may come before it on the line).
    let hash = text.indexOf('#');
    let d = null;
    for (; hash >= 0 && !(d = parseDirective(text, hash)); hash = text.indexOf('#', hash + 1));
    if (!d) return;
    const { ruleIds, reason } = splitBody(d.body);
    out.push({
      index: i,
      column: hash + 1,
      scope: d.scope,
      ruleIds,
      reason,
      ...(d.scope === 'next-line' ? { targetLine: nextAfter(i + 1) } : {}),
    });
  });
  directivesOf.set(lines, (found = out));
  return found;
}

/** Reads the suppressions of one document (comments in its file, annotations of its object). */
export function readSuppressions(doc: ConfigDocument): Suppression[] {
  // In a file of several YAML documents, only this document's own lines speak for it. The file's
  // directives are in line order, so this document's are found by a binary search, not a scan.
  const all = directives(doc.lines);
  const first = doc.lineRange ? doc.lineRange.first - 1 : 0;
  const last = doc.lineRange ? Math.min(doc.lineRange.last, doc.lines.length) : doc.lines.length;
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid]!.index < first) lo = mid + 1;
    else hi = mid;
  }
  const out: Suppression[] = [];
  for (let k = lo; k < all.length && all[k]!.index < last; k++) {
    const d = all[k]!;
    out.push({
      ruleIds: d.ruleIds,
      scope: d.scope,
      ...(d.targetLine !== undefined ? { targetLine: d.targetLine } : {}),
      reason: d.reason,
      line: d.index + 1,
      column: d.column,
      used: false,
    });
  }
  for (const [name, reason] of Object.entries(doc.kubernetes?.annotations ?? {})) {
    const m = /^flink-mem\.io\/ignore-(.+)$/.exec(name);
    if (!m) continue;
    const at = findLine(doc.lines, name, first, last);
    out.push({ ruleIds: [m[1]!], scope: 'file', reason, line: at, column: 1, used: false });
  }
  return out;
}

/** The 1-based line of the first of lines[from, to) holding `needle`, else the first of them. */
function findLine(lines: readonly string[], needle: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (lines[i]!.includes(needle)) return i + 1;
  return from + 1;
}

/**
 * A finding an inline comment or annotation suppressed, with the reason given there (SARIF reports
 * it).
 */
export interface SuppressedFinding extends Finding {
  readonly justification: string;
}

/**
 * Drops suppressed findings and marks the suppressions that did something; the dropped ones go to
 * `dropped` when given.
 */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  dropped?: SuppressedFinding[],
): Finding[] {
  return findings.filter((f) => {
    const s = suppressions.find(
      (x) =>
        x.ruleIds.includes(f.ruleId) &&
        (x.scope === 'file' || x.targetLine === f.line || spansLine(f, x.targetLine)),
    );
    if (!s) return true;
    s.used = true;
    dropped?.push({ ...f, justification: s.reason });
    return false;
  });
}

function spansLine(f: Finding, line: number | undefined): boolean {
  return line !== undefined && f.endLine !== undefined && f.line <= line && line <= f.endLine;
}

export function suppressionSpan(s: Suppression, lines: readonly string[]): Span {
  const text = lines[s.line - 1] ?? '';
  const offset = lineStarts(lines)[s.line - 1] ?? 0;
  return {
    line: s.line,
    column: s.column,
    endLine: s.line,
    endColumn: text.length + 1,
    offset: offset + s.column - 1,
    endOffset: offset + text.length,
  };
}

const startsOf = new WeakMap<readonly string[], readonly number[]>();

/** Offsets of the lines' starts, computed once per file. */
function lineStarts(lines: readonly string[]): readonly number[] {
  let starts = startsOf.get(lines);
  if (starts) return starts;
  const out: number[] = [];
  let offset = 0;
  for (const l of lines) {
    out.push(offset);
    offset += l.length + 1;
  }
  startsOf.set(lines, (starts = out));
  return starts;
}
