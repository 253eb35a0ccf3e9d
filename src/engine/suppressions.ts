/**
 * Inline suppressions in the linted file:
 *   # flink-mem-disable-next-line <rule-id>[, <rule-id>] -- <reason>
 *   # flink-mem-disable <rule-id>[, <rule-id>] -- <reason>      (the whole file, or its YAML document)
 * and, in a FlinkDeployment, the annotation `flink-mem.io/ignore-<rule-id>: "<reason>"`.
 */
import type { ConfigDocument, Span } from '../config/types.js';
import type { Finding } from './types.js';

export interface Suppression {
  readonly ruleIds: readonly string[];
  readonly scope: 'next-line' | 'file';
  /** The line the suppression applies to (next-line), 1-based. */
  readonly targetLine?: number;
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  used: boolean;
}

const DIRECTIVE = /#\s*flink-mem-(disable-next-line|disable)\s+([^\n]*?)\s*$/;

function nextContentLine(lines: readonly string[], from: number): number {
  for (let i = from; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t !== '' && !t.startsWith('#')) return i + 1;
  }
  return from + 1;
}

/** Reads the suppressions of one document (comments in its file, annotations of its object). */
export function readSuppressions(doc: ConfigDocument): Suppression[] {
  const out: Suppression[] = [];
  // In a file of several YAML documents, only this document's own lines speak for it.
  const from = doc.lineRange ? doc.lineRange.first - 1 : 0;
  const to = doc.lineRange ? Math.min(doc.lineRange.last, doc.lines.length) : doc.lines.length;
  for (let i = from; i < to; i++) {
    const text = doc.lines[i]!;
    const hash = text.indexOf('#');
    if (hash < 0 || !text.includes('flink-mem-disable')) continue;
    const m = DIRECTIVE.exec(text.slice(hash));
    if (!m) continue;
    // "rule-a, rule-b -- reason"; a directive may also start with "--" when it names no rule.
    const [idsPart, ...reasonParts] = (' ' + m[2]!).split(/\s+--(?:\s+|$)/);
    const ruleIds = (idsPart ?? '').split(/[\s,]+/).filter(Boolean);
    const scope = m[1] === 'disable' ? 'file' : 'next-line';
    out.push({
      ruleIds,
      scope,
      ...(scope === 'next-line' ? { targetLine: nextContentLine(doc.lines, i + 1) } : {}),
      reason: reasonParts.join(' -- ').trim(),
      line: i + 1,
      column: hash + 1,
      used: false,
    });
  }
  for (const [name, reason] of Object.entries(doc.kubernetes?.annotations ?? {})) {
    const m = /^flink-mem\.io\/ignore-(.+)$/.exec(name);
    if (!m) continue;
    const at = findLine(doc.lines, name, from, to);
    out.push({ ruleIds: [m[1]!], scope: 'file', reason, line: at, column: 1, used: false });
  }
  return out;
}

/** The 1-based line of the first of lines[from, to) holding `needle`, else the first of them. */
function findLine(lines: readonly string[], needle: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (lines[i]!.includes(needle)) return i + 1;
  return from + 1;
}

/** Drops suppressed findings and marks the suppressions that did something. */
export function applySuppressions(findings: readonly Finding[], suppressions: readonly Suppression[]): Finding[] {
  return findings.filter((f) => {
    const s = suppressions.find(
      (x) => x.ruleIds.includes(f.ruleId) && (x.scope === 'file' || x.targetLine === f.line || spansLine(f, x.targetLine)),
    );
    if (!s) return true;
    s.used = true;
    return false;
  });
}

function spansLine(f: Finding, line: number | undefined): boolean {
  return line !== undefined && f.endLine !== undefined && f.line <= line && line <= f.endLine;
}

export function suppressionSpan(s: Suppression, lines: readonly string[]): Span {
  const text = lines[s.line - 1] ?? '';
  let offset = 0;
  for (let i = 0; i < s.line - 1; i++) offset += (lines[i]?.length ?? 0) + 1;
  return {
    line: s.line,
    column: s.column,
    endLine: s.line,
    endColumn: text.length + 1,
    offset: offset + s.column - 1,
    endOffset: offset + text.length,
  };
}
