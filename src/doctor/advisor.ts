/**
 * The doctor: from an error message or a log to diagnoses, most likely first, each with its
 * evidence, an explanation, and option changes computed with the model.
 */
import { defaultVersion } from '../primitives/version.js';
import { withOldKeys } from './legacy-keys.js';
import { Planner } from './plan.js';
import { Scanner } from './scanner.js';
import type { ScanResult } from './scanner.js';
import { resolveSightings } from './resolve-sightings.js';
import { SIGNATURES } from './signatures/index.js';
import type {
  Component,
  Diagnosis,
  DoctorInput,
  DoctorOptions,
  DoctorResult,
  Process,
  SuggestContext,
} from './types.js';

export type {
  Diagnosis,
  DoctorInput,
  DoctorOptions,
  DoctorResult,
  Suggestion,
  Component,
} from './types.js';

/**
 * Failures of the job's own code and data: a TaskManager's when the text describes that work and
 * names no process.
 */
const TASKMANAGER_PRIOR = new Set([
  'heap-oom',
  'gc-overhead',
  'direct-oom',
  'native-thread-limit',
  'container-memory-exceeded',
]);

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
export async function diagnoseStream(
  lines: AsyncIterable<string | readonly string[]>,
  options: DoctorOptions = {},
): Promise<DoctorResult> {
  const scanner = new Scanner(SIGNATURES);
  for await (const item of lines) {
    if (typeof item === 'string') scanner.push(item);
    else for (const line of item) scanner.push(line);
  }
  return advise(scanner.finish(), options);
}

function advise(scan: ScanResult, options: DoctorOptions): DoctorResult {
  const version = options.version ?? defaultVersion();
  const target = options.target ?? (scan.observations.local ? 'local' : 'standalone');
  const plan = new Planner(options.config, version, target);
  const resolved = resolveSightings(scan);
  const diagnoses: Diagnosis[] = resolved.map((resolvedFinding) => {
    const refined =
      resolvedFinding.component === 'unknown'
        ? resolvedFinding.finding.signature.refineComponent?.(resolvedFinding.finding.facts, plan)
        : null;
    // Nothing in the text names the process, but it describes the job's data work (a sink, an
    // operator, state): that runs in TaskManagers, so the suggestions are for one (and the
    // explanation quotes the line). Without such a line the process stays unknown.
    const workLine = scan.workLine;
    const assumed =
      !refined &&
      workLine !== null &&
      resolvedFinding.component === 'unknown' &&
      !scan.observations.local &&
      TASKMANAGER_PRIOR.has(resolvedFinding.finding.signature.id);
    const r = refined
      ? { ...resolvedFinding, component: refined }
      : assumed
        ? { ...resolvedFinding, component: 'taskmanager' as const }
        : resolvedFinding;
    const shown =
      options.config === undefined
        ? (r.finding.signature.processSize?.(r.finding.facts) ?? null)
        : null;
    const own =
      shown !== null
        ? new Planner(undefined, version, target, {
            [r.component === 'jobmanager' ? 'jobmanager' : 'taskmanager']: shown,
          })
        : plan;
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
    if (assumed && workLine !== null) {
      explanation += options.language
        ? options.language.assumed(workLine)
        : ` The text does not name the process, but it describes the job's own data work ("${workLine}"), which runs in TaskManagers: the suggestions are for a TaskManager (the JobManager's options are the same under jobmanager.memory.* if its log shows the error).`;
    } else if (
      r.component === 'unknown' &&
      !scan.observations.local &&
      TASKMANAGER_PRIOR.has(sig.id) &&
      suggestions.length > 0
    ) {
      explanation += options.language
        ? options.language.undecided
        : ' The text does not say which process failed, nor what the job was doing when it did: the suggestions cover both processes; keep those of the process whose log shows the error.';
    }
    if (r.occurrences > 1)
      explanation += options.language
        ? options.language.seen(r.occurrences)
        : ` (Seen ${r.occurrences} times; the evidence is the first.)`;
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
  // A Flink before 1.10 reads other keys: only when the caller did not name a (modern) version.
  const shown =
    options.version === undefined ? withOldKeys(diagnoses, scan.observations.oldFlink) : diagnoses;
  if (shown.length > 0) return { diagnoses: shown, linesRead: scan.lines };
  const kinds = SIGNATURES.map((s) => s.id).join(', ');
  return {
    diagnoses,
    lookedAt: options.language
      ? options.language.lookedAt(scan.lines, kinds, scan.exceptions)
      : lookedAt(scan),
    linesRead: scan.lines,
  };
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

/**
 * The links of a signature, without the set-up page of the other process when the process is known.
 */
function docsFor(links: readonly string[], component: Component): readonly string[] {
  const other =
    component === 'taskmanager'
      ? '/mem_setup_jobmanager/'
      : component === 'jobmanager'
        ? '/mem_setup_tm/'
        : null;
  const kept = other ? links.filter((u) => !u.includes(other)) : links;
  return kept.length > 0 ? kept : links;
}

/** Heartbeats time out when a process dies or stalls: say so when the cause is listed too. */
function addConsequenceNotes(diagnoses: Diagnosis[], language: DoctorOptions['language']): void {
  for (let i = 0; i < diagnoses.length; i++) {
    // Only causes listed above it (a cause only asked about comes after).
    const causes = diagnoses
      .slice(0, i)
      .filter((d) => d.id !== 'heartbeat-timeout')
      .map((d) => d.id);
    if (causes.length === 0) continue;
    const d = diagnoses[i]!;
    const note = language
      ? language.consequence(causes.join(', '))
      : ` Here it is most likely a consequence of ${causes.join(', ')} listed above: fix that first.`;
    if (
      d.id !== 'heartbeat-timeout' ||
      d.explanation.includes(language ? '的后果' : 'most likely a consequence')
    )
      continue;
    diagnoses[i] = { ...d, explanation: `${d.explanation}${note}` };
  }
}

function lookedAt(scan: ScanResult): string {
  const kinds = SIGNATURES.map((s) => s.id).join(', ');
  const lines = `${scan.lines} line${scan.lines === 1 ? '' : 's'}`;
  if (scan.observations.rpcAddress !== null) {
    return `Looked at ${lines} for the memory failures flink-mem knows (${kinds}). The processes cannot reach each other at the addresses they advertise (the input shows "${scan.observations.rpcAddress}"): a heartbeat timeout with it is an RPC address or network problem, not a memory failure. Check jobmanager.rpc.address, taskmanager.host and the host names each process resolves to (not localhost), and that the RPC ports are open between them.`;
  }
  const instead = scan.observations.otherSystem ?? scan.observations.notMemory;
  if (instead !== null) {
    const who =
      scan.observations.otherSystem !== null
        ? `The process that failed looks like ${instead.what}`
        : `It looks like ${instead.what}`;
    return `Looked at ${lines} for the memory failures flink-mem knows (${kinds}) and found none that applies. ${who} (the input shows "${instead.line}"): ${instead.advice}`;
  }
  const exceptions =
    scan.exceptions.length > 0
      ? ` The text shows ${scan.exceptions.join(', ')}, which ${scan.exceptions.length === 1 ? 'is' : 'are'} not a memory failure this tool knows.`
      : '';
  return `Looked at ${lines} for the memory failures flink-mem knows (${kinds}) and found none.${exceptions}`;
}
