/**
 * From findings to changes: each finding's fix (`{ key: value | null }`) becomes set, remove or
 * rename operations on one document, and the next fix to apply is chosen.
 */
import type { ConfigDocument } from '../config/types.js';
import type { Finding, FixChanges } from '../engine/types.js';

export type Change =
  /**
   * `line`: where the finding is; when the key is written there too (a duplicate line), that line
   * is the one changed.
   */
  | { readonly kind: 'set'; readonly key: string; readonly value: string; readonly line?: number }
  | { readonly kind: 'remove'; readonly key: string }
  /** A key replaced by another in its place (a deprecated or misspelt key). */
  | { readonly kind: 'rename'; readonly from: string; readonly to: string; readonly value: string };

const FLINK_CONFIGURATION = 'spec.flinkConfiguration.';

/**
 * A manifest's fix may name a flinkConfiguration entry by its YAML path; it is the same Flink key.
 */
function normalize(doc: ConfigDocument, fix: FixChanges): [string, string | null][] {
  return Object.entries(fix).map(([k, v]) => [
    doc.format === 'k8s' && k.startsWith(FLINK_CONFIGURATION)
      ? k.slice(FLINK_CONFIGURATION.length)
      : k,
    v,
  ]);
}

const written = (doc: ConfigDocument, key: string) =>
  doc.entries.some((e) => e.key === key && e.source === 'file');

/**
 * The changes of one fix; a removed key written in the file and a new key that is not pair up as a
 * rename.
 */
export function changesOf(doc: ConfigDocument, fix: FixChanges, line?: number): Change[] {
  const pairs = normalize(doc, fix);
  const from = pairs.find(([k, v]) => v === null && written(doc, k))?.[0];
  const to = pairs.find(([k, v]) => v !== null && !written(doc, k));
  const out: Change[] = [];
  const rename = from !== undefined && to !== undefined;
  if (rename) out.push({ kind: 'rename', from, to: to[0], value: to[1]! });
  for (const [key, value] of pairs) {
    if (rename && (key === from || key === to[0])) continue;
    out.push(
      value === null
        ? { kind: 'remove', key }
        : { kind: 'set', key, value, ...(line !== undefined ? { line } : {}) },
    );
  }
  return out;
}

export interface NextFix {
  /** The finding whose fix is applied in this pass. */
  readonly finding: Finding;
  readonly changes: readonly Change[];
}

/**
 * The fix to apply next in a document. Fixes are computed against the configuration as it is, so
 * two of them are not known to be right together (two rules may each fix the same derivation in
 * their own way): one is applied per pass, and the rest are recomputed after a re-lint. Fixes that
 * rename keys go first (the user's own values take effect before other fixes fill in defaults for
 * them), then fixes that remove keys, since they often make the value changes unnecessary. Within
 * each kind, errors go before warnings: what breaks the start is settled first, so a tidying fix
 * (removing an unread option) cannot take away a value that an error's fix would have kept.
 */
const SEVERITY_RANK: Readonly<Record<Finding['severity'], number>> = {
  error: 0,
  warning: 1,
  info: 2,
};

/**
 * Whether a fix moves a value the user wrote to another key (a rename), rather than setting a new
 * one.
 */
function renames(doc: ConfigDocument, fix: FixChanges): boolean {
  const removed = Object.entries(fix)
    .filter(([, v]) => v === null)
    .map(([k]) => doc.effective.get(k)?.text.trim());
  return Object.values(fix).some((v) => v !== null && removed.includes(v.trim()));
}

export function nextFix(
  doc: ConfigDocument,
  findings: readonly Finding[],
  skip: ReadonlySet<Finding>,
): NextFix | null {
  const candidates = findings
    .filter(
      (f) =>
        f.fix &&
        (f.docIndex ?? 0) === doc.docIndex &&
        !skip.has(f) &&
        Object.keys(f.fix).length > 0,
    )
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const finding =
    candidates.find((f) => renames(doc, f.fix!)) ??
    candidates.find((f) => Object.values(f.fix!).some((v) => v === null)) ??
    candidates[0];
  if (!finding?.fix) return null;
  return { finding, changes: changesOf(doc, finding.fix, finding.line) };
}
