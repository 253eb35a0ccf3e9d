/**
 * From findings to changes: each finding's fix (`{ key: value | null }`) becomes set, remove or
 * rename operations on one document, and the fixes of one pass are merged when they agree.
 */
import type { ConfigDocument } from '../config/types.js';
import type { Finding, FixChanges } from '../engine/types.js';

export type Change =
  | { readonly kind: 'set'; readonly key: string; readonly value: string }
  | { readonly kind: 'remove'; readonly key: string }
  /** A key replaced by another in its place (a deprecated or misspelt key). */
  | { readonly kind: 'rename'; readonly from: string; readonly to: string; readonly value: string };

/** The keys a change touches. */
export function keysOf(c: Change): string[] {
  return c.kind === 'rename' ? [c.from, c.to] : [c.key];
}

const FLINK_CONFIGURATION = 'spec.flinkConfiguration.';

/** A manifest's fix may name a flinkConfiguration entry by its YAML path; it is the same Flink key. */
function normalize(doc: ConfigDocument, fix: FixChanges): [string, string | null][] {
  return Object.entries(fix).map(([k, v]) => [doc.format === 'k8s' && k.startsWith(FLINK_CONFIGURATION) ? k.slice(FLINK_CONFIGURATION.length) : k, v]);
}

const written = (doc: ConfigDocument, key: string) => doc.entries.some((e) => e.key === key && e.source === 'file');

/** The changes of one fix; a removed key written in the file and a new key that is not pair up as a rename. */
export function changesOf(doc: ConfigDocument, fix: FixChanges): Change[] {
  const pairs = normalize(doc, fix);
  const from = pairs.find(([k, v]) => v === null && written(doc, k))?.[0];
  const to = pairs.find(([k, v]) => v !== null && !written(doc, k));
  const out: Change[] = [];
  const rename = from !== undefined && to !== undefined;
  if (rename) out.push({ kind: 'rename', from, to: to[0], value: to[1]! });
  for (const [key, value] of pairs) {
    if (rename && (key === from || key === to[0])) continue;
    out.push(value === null ? { kind: 'remove', key } : { kind: 'set', key, value });
  }
  return out;
}

export interface FixGroup {
  readonly finding: Finding;
  readonly changes: readonly Change[];
}

/**
 * The findings of one document whose fixes agree with each other, in report order: a fix that
 * sets a key another accepted fix sets differently (or removes) waits for the next pass.
 */
export function consistentGroups(doc: ConfigDocument, findings: readonly Finding[]): FixGroup[] {
  const merged = new Map<string, string | null>();
  const out: FixGroup[] = [];
  for (const finding of findings) {
    if (!finding.fix || (finding.docIndex ?? 0) !== doc.docIndex) continue;
    const pairs = normalize(doc, finding.fix);
    if (pairs.length === 0 || pairs.some(([k, v]) => merged.has(k) && merged.get(k) !== v)) continue;
    // The same change proposed twice (two rules agreeing) is applied once.
    const fresh = pairs.some(([k]) => !merged.has(k));
    for (const [k, v] of pairs) merged.set(k, v);
    out.push({ finding, changes: fresh ? changesOf(doc, finding.fix) : [] });
  }
  return out;
}

/** Every change of the groups once. */
export function uniqueChanges(groups: readonly FixGroup[]): Change[] {
  const seen = new Set<string>();
  const out: Change[] = [];
  for (const c of groups.flatMap((g) => g.changes)) {
    const id = JSON.stringify(c);
    if (!seen.has(id)) out.push(c);
    seen.add(id);
  }
  return out;
}
