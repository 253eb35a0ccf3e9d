/**
 * `--fix` as a library: applies the fixes of a loaded file's findings to its original text and
 * re-checks the result. Each pass applies one fix per document and lints again, until nothing is
 * left to apply (so a fix is always computed against the configuration it is applied to). The
 * result is refused, and the text kept, when the edited file would
 * not load, when a process that started before would not start, or when a fix did not remove its
 * finding. Nothing here writes files: the CLI does that.
 */
import { LineIndex } from '../config/positions.js';
import { FATAL_PROBLEMS } from '../config/fatal.js';
import { rawConfig } from '../config/load-text.js';
import type { ConfigDocument, ConfigEntry, LoadedFile } from '../config/types.js';
import { findOption } from '../options/catalogue.js';
import { parseYaml } from '../config/yaml-guard.js';
import type { Document } from 'yaml';
import { yamlLib } from '../config/yaml-lib.js';
import type { LinterSettings } from '../engine/settings.js';
import type { Finding } from '../engine/types.js';
import { versionAndTarget } from '../engine/version-target.js';
import { computeJobManager, computeTaskManager } from '../model/compute.js';
import { nextFix } from './changes.js';
import type { Change } from './changes.js';
import { applyEdits } from './edits.js';
import type { TextEdit } from './edits.js';
import { planLegacy } from './flink-conf-edits.js';
import { planManifest } from './manifest-edits.js';
import type { EditPlan } from './edit-plan.js';
import { planMapping } from './yaml-map.js';

export { applyEdits } from './edits.js';
export type { TextEdit } from './edits.js';

/** Each pass applies one fix per document; no real file has more fixable findings than this. */
export const MAX_PASSES = 50;

export interface FixEnvironment {
  /** Lints a loaded file (the rules and settings of the run). */
  lint(file: LoadedFile): Finding[];
  /** Loads edited text the way the original was loaded. */
  reload(text: string): LoadedFile;
  readonly settings: LinterSettings;
}

export interface FixOutcome {
  /** The fixed text, or the original when nothing was applied or the result was refused. */
  readonly text: string;
  /** The file as loaded from `text`, and its findings (what remains). */
  readonly loaded: LoadedFile;
  readonly findings: Finding[];
  /** How many findings of the original report are gone (matched by rule, document and key). */
  readonly fixed: number;
  /** Why the file was left as it was, or why some fixes were not applied (one line). */
  readonly note?: string;
}

export function fatalProblem(file: LoadedFile): string | null {
  const p =
    file.problems[0] ??
    file.documents.flatMap((d) => d.problems).find((x) => FATAL_PROBLEMS.has(x.kind));
  return p ? `${p.span.line}:${p.span.column}: ${p.message}` : null;
}

function starts(doc: ConfigDocument, settings: LinterSettings): [boolean, boolean] {
  const { version, target } = versionAndTarget(doc, settings);
  const options = { version, target, trace: false };
  const raw = rawConfig(doc);
  return [computeTaskManager(raw, options).ok, computeJobManager(raw, options).ok];
}

/** The process (of any document) that started before and would not start in `next`, if any. */
function stopsStarting(
  next: LoadedFile,
  before: readonly [boolean, boolean][],
  settings: LinterSettings,
): string | null {
  for (const [i, doc] of next.documents.entries()) {
    const [tm, jm] = starts(doc, settings);
    const [tmBefore, jmBefore] = before[i] ?? [false, false];
    if (tmBefore && !tm) return 'TaskManager';
    if (jmBefore && !jm) return 'JobManager';
  }
  return null;
}

function planner(
  file: LoadedFile,
  index: LineIndex,
): (doc: ConfigDocument, changes: readonly Change[]) => EditPlan {
  if (file.format === 'flink-conf') return planLegacy;
  const yamlDocs: Document.Parsed[] = parseYaml(
    file.text,
    index,
    'the file',
    file.format === 'k8s',
  ).docs;
  if (file.format === 'k8s') {
    const siblings = (doc: ConfigDocument) =>
      file.documents.filter((d) => d.docIndex === doc.docIndex).length;
    return (doc, changes) =>
      planManifest(doc, yamlDocs[doc.docIndex], index, changes, {
        siblings: siblings(doc),
        plannerFor: planner,
      });
  }
  const root = yamlDocs[0]?.contents;
  const map = root && yamlLib().isMap(root) ? root : null;
  const create = map ? undefined : { afterLine: index.lineCount, header: null, indent: 0, unit: 2 };
  return (doc, changes) =>
    planMapping(
      doc,
      { index, map, holder: null, mode: 'typed', ...(create ? { create } : {}) },
      changes,
    );
}

/** Findings of `before` without a counterpart in `after` (same rule, document and key). */
function gone(before: readonly Finding[], after: readonly Finding[]): number {
  const id = (f: Finding) => `${f.ruleId}|${f.docIndex ?? 0}|${f.key ?? ''}`;
  const left = new Map<string, number>();
  for (const f of after) left.set(id(f), (left.get(id(f)) ?? 0) + 1);
  let n = 0;
  for (const f of before) {
    const k = left.get(id(f)) ?? 0;
    if (k > 0) left.set(id(f), k - 1);
    else n++;
  }
  return n;
}

const identity = (f: Finding) => `${f.ruleId}|${f.docIndex ?? 0}|${JSON.stringify(f.fix)}`;

/** One pass: the next fix of every document, skipping fixes this format cannot write. */
function pass(
  file: LoadedFile,
  findings: readonly Finding[],
): { edits: TextEdit[]; applied: Finding[]; skipped: [string, string][]; touched: Set<string>[] } {
  const index = new LineIndex(file.text);
  const plan = planner(file, index);
  const edits: TextEdit[] = [];
  const applied: Finding[] = [];
  const skipped: [string, string][] = [];
  const touched: Set<string>[] = file.documents.map(() => new Set());
  for (const [i, doc] of file.documents.entries()) {
    const cannot = new Set<Finding>();
    for (let next = nextFix(doc, findings, cannot); next; next = nextFix(doc, findings, cannot)) {
      // A value given with --set wins over the file, so editing the file would not change it.
      const given = Object.keys(next.finding.fix ?? {}).find(
        (k) => doc.effective.get(k)?.source === 'set',
      );
      if (given !== undefined) {
        skipped.push([
          identity(next.finding),
          `"${given}" is given with --set, which wins over the file`,
        ]);
        cannot.add(next.finding);
        continue;
      }
      const p = plan(doc, next.changes);
      if (p.unsupported.size === 0) {
        edits.push(...p.edits);
        applied.push(next.finding);
        for (const k of changedKeys(next.changes)) touched[i]!.add(k);
        break;
      }
      skipped.push([identity(next.finding), [...p.unsupported.values()].join('; ')]);
      cannot.add(next.finding);
    }
  }
  return { edits, applied, skipped, touched };
}

/**
 * The keys a fix's changes are about: each with the deprecated keys it falls back to, and as
 * Flink reads it behind a flink-conf.yaml's byte order mark (which a fix may remove).
 */
function changedKeys(changes: readonly Change[]): string[] {
  const keys = changes.flatMap((c) => (c.kind === 'rename' ? [c.from, c.to] : [c.key]));
  return keys.flatMap((k) => [
    k,
    `\ufeff${k}`,
    ...(findOption(k)?.fallbackKeys ?? []).map((f) => f.key),
  ]);
}

const shownValue = (e: ConfigEntry | undefined): string =>
  e === undefined
    ? ''
    : `${e.value.kind}:${'text' in e.value && e.value.text !== undefined ? e.value.text : String((e.value as { value: unknown }).value)}`;

/**
 * A key whose value an edit changed though no fix was about it (a value shared through a YAML
 * anchor or alias, an edit that slipped into a neighbouring block), or null.
 */
function changedBeside(
  before: ConfigDocument,
  after: ConfigDocument,
  touched: ReadonlySet<string>,
): string | null {
  // A manifest's resource field (a fix keyed by its YAML path) is the process size the operator
  // sets.
  const about = (key: string, e: ConfigEntry | undefined) =>
    touched.has(key) || (e?.path !== undefined && touched.has(e.path));
  for (const [key, entry] of before.effective) {
    const now = after.effective.get(key);
    if (!about(key, entry) && !about(key, now) && shownValue(entry) !== shownValue(now)) return key;
  }
  for (const [key, entry] of after.effective)
    if (!before.effective.has(key) && !about(key, entry)) return key;
  return null;
}

export function fixLoadedFile(original: LoadedFile, env: FixEnvironment): FixOutcome {
  const originalFindings = env.lint(original);
  const unchanged = (note?: string): FixOutcome => ({
    text: original.text,
    loaded: original,
    findings: originalFindings,
    fixed: 0,
    ...(note ? { note } : {}),
  });
  if (!originalFindings.some((f) => f.fix)) return unchanged();
  const fatal = fatalProblem(original);
  if (fatal) return unchanged(`not fixed: the file does not load as it is (${fatal})`);
  const before = original.documents.map((d) => starts(d, env.settings));

  let current = original;
  let findings = originalFindings;
  const skipped = new Map<string, string>();
  const done = new Set<string>();
  for (let n = 0; n < MAX_PASSES; n++) {
    const step = pass(current, findings);
    for (const [id, why] of step.skipped) skipped.set(id, why);
    if (step.edits.length === 0) break;
    const text = applyEdits(current.text, step.edits);
    if (text === current.text) break;
    const next = env.reload(text);
    const broken = fatalProblem(next);
    if (broken) return unchanged(`not fixed: the fixed file would not load (${broken})`);
    if (next.documents.length !== original.documents.length)
      return unchanged('not fixed: the fixed file would not hold the same configurations');
    for (const [i, doc] of current.documents.entries()) {
      const beside = changedBeside(doc, next.documents[i]!, step.touched[i]!);
      if (beside !== null)
        return unchanged(
          `not fixed: the fixes would also change "${beside}", which no fix is about (a YAML alias?)`,
        );
    }
    const failing = stopsStarting(next, before, env.settings);
    if (failing)
      return unchanged(`not fixed: with the fixes, the ${failing} would no longer start`);
    const nextFindings = env.lint(next);
    for (const f of step.applied) done.add(identity(f));
    const stuck = nextFindings.find((f) => f.fix && done.has(identity(f)));
    if (stuck)
      return unchanged(
        `not fixed: the fix for ${stuck.ruleId} at line ${stuck.line} did not remove the finding`,
      );
    current = next;
    findings = nextFindings;
  }
  // Counted by what the report no longer shows; a changed file fixed at least one problem.
  const fixed = current.text === original.text ? 0 : Math.max(1, gone(originalFindings, findings));
  const reasons = [...skipped.values()];
  const note =
    reasons.length > 0
      ? `${reasons.length} fix${reasons.length === 1 ? '' : 'es'} not applied: ${reasons[0]}`
      : undefined;
  return { text: current.text, loaded: current, findings, fixed, ...(note ? { note } : {}) };
}
