/**
 * The doctor: from an error message or a log to diagnoses, most likely first, each with its
 * evidence, an explanation, and option changes computed with the model.
 */
import { defaultVersion } from '../options/version.js';
import { Planner } from './plan.js';
import { Scanner } from './scanner.js';
import type { Finding, ScanResult } from './scanner.js';
import { SIGNATURES } from './signatures/index.js';
import type { Component, Diagnosis, DoctorInput, DoctorOptions, DoctorResult, Process, SuggestContext } from './types.js';

export type { Diagnosis, DoctorInput, DoctorOptions, DoctorResult, Suggestion, Component } from './types.js';

const STRENGTH = { strong: 0, weak: 1, vague: 2 } as const;

/** Diagnoses from a whole text (a pasted message, trace or log). */
export function diagnose(input: DoctorInput): DoctorResult {
  const scanner = new Scanner(SIGNATURES);
  let start = 0;
  const text = input.text;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    if (end === -1) {
      if (start < text.length) scanner.push(text.slice(start));
      break;
    }
    scanner.push(text.slice(start, end));
    start = end + 1;
  }
  return advise(scanner.finish(), input);
}

/**
 * Diagnoses from lines read one by one, or in batches (a log of any size): memory stays flat.
 * Batches save one await per line on long logs.
 */
export async function diagnoseStream(lines: AsyncIterable<string | readonly string[]>, options: DoctorOptions = {}): Promise<DoctorResult> {
  const scanner = new Scanner(SIGNATURES);
  for await (const item of lines) {
    if (typeof item === 'string') scanner.push(item);
    else for (const line of item) scanner.push(line);
  }
  return advise(scanner.finish(), options);
}

interface Resolved {
  readonly finding: Finding;
  readonly component: Component;
  occurrences: number;
}

/** Decides the process of each finding, merges findings of the same failure and process, drops weaker evidence. */
function resolve(scan: ScanResult): Resolved[] {
  const merged = new Map<string, Resolved>();
  for (const f of scan.findings) {
    if (f.signature.requires && !scan.observations[f.signature.requires]) continue;
    // In a local run JobManager and TaskManager share one JVM: which one does not matter.
    const local = scan.observations.local && f.signature.component === 'infer' && !f.fixed;
    const component: Component = local ? 'unknown' : f.process ?? scan.inputProcess ?? 'unknown';
    const key = `${f.signature.id}|${component}`;
    const prev = merged.get(key);
    if (!prev) {
      merged.set(key, { finding: f, component, occurrences: f.occurrences });
      continue;
    }
    const better = STRENGTH[f.strength] < STRENGTH[prev.finding.strength] || (f.strength === prev.finding.strength && f.line < prev.finding.line);
    merged.set(key, { finding: better ? f : prev.finding, component, occurrences: prev.occurrences + f.occurrences });
  }
  let out = [...merged.values()];
  if (out.some((r) => r.finding.strength === 'strong')) out = out.filter((r) => r.finding.strength === 'strong');
  if (out.some((r) => r.finding.strength !== 'vague')) out = out.filter((r) => r.finding.strength !== 'vague');
  return out.sort(
    (a, b) =>
      STRENGTH[a.finding.strength] - STRENGTH[b.finding.strength] ||
      a.finding.signature.rank - b.finding.signature.rank ||
      a.finding.line - b.finding.line,
  );
}

function advise(scan: ScanResult, options: DoctorOptions): DoctorResult {
  const version = options.version ?? defaultVersion();
  const target = options.target ?? (scan.observations.local ? 'local' : 'standalone');
  const plan = new Planner(options.config, version, target);
  const resolved = resolve(scan);
  const diagnoses: Diagnosis[] = resolved.map((resolvedFinding) => {
    const refined = resolvedFinding.component === 'unknown' ? resolvedFinding.finding.signature.refineComponent?.(resolvedFinding.finding.facts, plan) : null;
    const r = refined ? { ...resolvedFinding, component: refined } : resolvedFinding;
    const shown = options.config === undefined ? r.finding.signature.processSize?.(r.finding.facts) ?? null : null;
    const own = shown !== null ? new Planner(undefined, version, target, { [r.component === 'jobmanager' ? 'jobmanager' : 'taskmanager']: shown }) : plan;
    const processes = processesFor(r.component, own);
    const ctx: SuggestContext = {
      component: r.component,
      processes,
      facts: r.finding.facts,
      variant: r.finding.variant,
      occurrences: r.occurrences,
      seen: scan.observations,
      version,
      withConfig: options.config !== undefined,
      plan: own,
    };
    const sig = r.finding.signature;
    const suggestions = sig.suggest(ctx);
    const words = options.language?.signatures[sig.id] ?? sig;
    let explanation = words.explain(ctx);
    if (r.occurrences > 1) explanation += options.language ? options.language.seen(r.occurrences) : ` (Seen ${r.occurrences} times; the evidence is the first.)`;
    return {
      id: sig.id,
      component: r.component,
      summary: words.summary(ctx),
      explanation,
      evidence: { line: r.finding.line, text: r.finding.text },
      suggestions,
      docs: docsFor(sig.docs, r.component),
    };
  });
  addConsequenceNotes(diagnoses, options.language);
  if (diagnoses.length > 0) return { diagnoses, linesRead: scan.lines };
  const kinds = SIGNATURES.map((s) => s.id).join(', ');
  return { diagnoses, lookedAt: options.language ? options.language.lookedAt(scan.lines, kinds, scan.exceptions) : lookedAt(scan), linesRead: scan.lines };
}

/**
 * The processes to suggest changes for. When the text does not say, both, except one the given
 * configuration does not size at all (a TaskManager-only file says nothing about the JobManager).
 */
function processesFor(component: Component, plan: Planner): Process[] {
  if (component !== 'unknown') return [component];
  const both: Process[] = ['taskmanager', 'jobmanager'];
  const sized = both.filter((p) => {
    const check = plan.userCheck(p);
    return !check || check.ok || check.failure.check !== 'no-total-memory';
  });
  return sized.length > 0 ? sized : both;
}

/** The links of a signature, without the set-up page of the other process when the process is known. */
function docsFor(links: readonly string[], component: Component): readonly string[] {
  const other = component === 'taskmanager' ? '/mem_setup_jobmanager/' : component === 'jobmanager' ? '/mem_setup_tm/' : null;
  const kept = other ? links.filter((u) => !u.includes(other)) : links;
  return kept.length > 0 ? kept : links;
}

/** Heartbeats time out when a process dies or stalls: say so when the cause is listed too. */
function addConsequenceNotes(diagnoses: Diagnosis[], language: DoctorOptions['language']): void {
  const causes = diagnoses.filter((d) => d.id !== 'heartbeat-timeout').map((d) => d.id);
  if (causes.length === 0) return;
  for (let i = 0; i < diagnoses.length; i++) {
    const d = diagnoses[i]!;
    if (d.id !== 'heartbeat-timeout') continue;
    const note = language ? language.consequence(causes.join(', ')) : ` Here it is most likely a consequence of ${causes.join(', ')} listed above: fix that first.`;
    diagnoses[i] = { ...d, explanation: `${d.explanation}${note}` };
  }
}

function lookedAt(scan: ScanResult): string {
  const kinds = SIGNATURES.map((s) => s.id).join(', ');
  const lines = `${scan.lines} line${scan.lines === 1 ? '' : 's'}`;
  const exceptions = scan.exceptions.length > 0 ? ` The text shows ${scan.exceptions.join(', ')}, which ${scan.exceptions.length === 1 ? 'is' : 'are'} not a memory failure this tool knows.` : '';
  return `Looked at ${lines} for the memory failures flink-mem knows (${kinds}) and found none.${exceptions}`;
}
