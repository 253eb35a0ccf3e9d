/**
 * From the scanner's sightings to the failures to diagnose: the process of each, one entry per
 * failure and process, weaker evidence and what another failure explains dropped, most likely
 * first.
 */
import type { ScanResult, Sighting } from './scanner.js';
import type { Component } from './types.js';

const STRENGTH = { strong: 0, weak: 1, vague: 2 } as const;
/**
 * The failure that follows from the others (a process that stops answering), listed after its
 * cause.
 */
const CONSEQUENCE = 'heartbeat-timeout';

export interface Resolved {
  readonly finding: Sighting;
  readonly component: Component;
  occurrences: number;
}

/**
 * Decides the process of each finding, merges findings of the same failure and process, drops
 * weaker evidence.
 */
export function resolveSightings(scan: ScanResult): Resolved[] {
  const seen = scan.observations;
  // Another program's process (Spark, a Kafka Connect worker, a web console, the operator's pod):
  // its memory failures are not Flink's, unless the text names a Flink process too.
  const flinkSide =
    scan.inputProcess !== null ||
    scan.sightings.some((f) => f.process === 'taskmanager' || f.process === 'jobmanager');
  if (seen.otherSystem !== null && (!flinkSide || !seen.flinkNamed)) return [];
  const named = new Map<string, Set<Component>>();
  for (const f of scan.sightings)
    if (f.process !== null && f.process !== 'unknown')
      named.set(f.signature.id, (named.get(f.signature.id) ?? new Set()).add(f.process));
  const namedBySignature = new Map(
    [...named].filter(([, ps]) => ps.size === 1).map(([id, ps]) => [id, [...ps][0]!]),
  );
  const merged = new Map<string, Resolved>();
  for (const f of scan.sightings) {
    if (f.signature.requires && !scan.observations[f.signature.requires]) continue;
    // The operator's own pod killed next to Flink's pods: that line is not a Flink process.
    if (f.variant === 'operator') continue;
    // A failure that is not about memory explains what it overrides, and any generic "out of
    // memory".
    if (
      seen.notMemory !== null &&
      (f.strength === 'vague' || seen.notMemory.overrides?.includes(f.signature.id))
    )
      continue;
    // Peers that cannot reach each other's RPC address miss heartbeats without any memory problem.
    if (f.signature.id === 'heartbeat-timeout' && scan.observations.rpcAddress !== null) continue;
    // In a local run JobManager and TaskManager share one JVM: which one does not matter.
    const local = scan.observations.local && f.signature.component === 'infer' && !f.fixed;
    // A line that does not say (a sentence of prose) is about the process another line of the same
    // failure names.
    const component: Component = local
      ? 'unknown'
      : (f.process ?? namedBySignature.get(f.signature.id) ?? scan.inputProcess ?? 'unknown');
    const key = `${f.signature.id}|${component}`;
    const prev = merged.get(key);
    if (!prev) {
      merged.set(key, { finding: f, component, occurrences: f.occurrences });
      continue;
    }
    // The same failure described in weaker words is not another occurrence of it.
    if (STRENGTH[f.strength] > STRENGTH[prev.finding.strength]) continue;
    if (STRENGTH[f.strength] < STRENGTH[prev.finding.strength]) {
      merged.set(key, { finding: f, component, occurrences: f.occurrences });
      continue;
    }
    const better = f.line < prev.finding.line;
    merged.set(key, {
      finding: better ? f : prev.finding,
      component,
      occurrences: prev.occurrences + f.occurrences,
    });
  }
  let out = [...merged.values()];
  // A heartbeat timeout is a consequence: Flink's own text for it does not push aside a memory
  // cause described in someone's words ("频繁 Full GC" next to the timeout), which is listed first.
  const consequence = (r: Resolved) => r.finding.signature.id === CONSEQUENCE;
  const strongCause = out.some((r) => r.finding.strength === 'strong' && !consequence(r));
  if (strongCause) out = out.filter((r) => r.finding.strength === 'strong');
  else if (out.some((r) => r.finding.strength === 'strong'))
    out = out.filter(
      (r) => r.finding.strength === 'strong' || (r.finding.strength === 'weak' && !consequence(r)),
    );
  if (out.some((r) => r.finding.strength !== 'vague'))
    out = out.filter((r) => r.finding.strength !== 'vague');
  // "The JobManager went OOM" names no kind: a kind the text does name (metaspace, full GCs, a
  // kill) is that failure.
  const generic = (r: Resolved) => r.finding.variant === 'generic';
  if (out.some((r) => !generic(r) && !consequence(r))) out = out.filter((r) => !generic(r));
  // A cause someone only asks about ("is it because of long GCs?") comes after what they report.
  const hedged = (r: Resolved) => r.finding.hedged;
  const causes = out.some((r) => !consequence(r) && !hedged(r));
  // Frequent GCs or growing off-heap memory described next to a container kill: the JVM keeps its
  // heap within -Xmx however often it collects, and off-heap memory that grows without an
  // OutOfMemoryError is what the container limit caught, so the kill is the failure and they are
  // side notes.
  const killed = out.some(
    (r) =>
      r.finding.signature.id === 'container-memory-exceeded' && r.finding.variant !== 'operator',
  );
  const sideNote = (r: Resolved) =>
    killed &&
    ((r.finding.signature.id === 'gc-overhead' && r.finding.variant === 'frequent') ||
      (r.finding.signature.id === 'direct-oom' && r.finding.strength !== 'strong'));
  return out.sort(
    (a, b) =>
      (causes ? Number(consequence(a)) - Number(consequence(b)) : 0) ||
      Number(hedged(a)) - Number(hedged(b)) ||
      Number(sideNote(a)) - Number(sideNote(b)) ||
      STRENGTH[a.finding.strength] - STRENGTH[b.finding.strength] ||
      // "The TaskManager went OOM" names no kind: a kind described as well (metaspace, full GCs)
      // comes first.
      Number(a.finding.variant === 'generic') - Number(b.finding.variant === 'generic') ||
      a.finding.signature.rank - b.finding.signature.rank ||
      a.finding.line - b.finding.line,
  );
}
