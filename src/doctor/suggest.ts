/**
 * Suggestion builders several signatures share (more heap, more of one sized component), and
 * the sentences that go with them.
 */
import { fmt, fractionUp, roundUp, stepUp } from './quantities.js';
import type { Process, SuggestContext, Suggestion } from './types.js';

export const NAME: Readonly<Record<Process, string>> = {
  taskmanager: 'TaskManager',
  jobmanager: 'JobManager',
};

/** "the TaskManager", "the JobManager", or "a Flink process" when the text does not say. */
export function whichProcess(ctx: SuggestContext): string {
  return ctx.component === 'unknown' ? 'a Flink process' : `the ${NAME[ctx.component]}`;
}

/** The same, to start a sentence. */
export function whichProcessAtStart(ctx: SuggestContext): string {
  const w = whichProcess(ctx);
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** Said at the end of every suggestion made without a configuration. */
export function startingPoint(ctx: SuggestContext): string {
  if (ctx.withConfig) return '';
  const shown = ctx.processes.map((p) => ctx.plan.shownSize(p)).find((x) => x !== null);
  return shown
    ? `; a starting point from Flink's defaults for a process of ${fmt(shown)}, the container size the error shows`
    : "; a starting point from Flink's defaults";
}

/**
 * More JVM heap: task heap for a TaskManager, heap for the JobManager, a step up from today's size.
 */
export function growHeap(ctx: SuggestContext, reason: string): Suggestion[] {
  const out: Suggestion[] = [];
  for (const p of ctx.processes) {
    const component = p === 'taskmanager' ? 'taskHeap' : 'jvmHeap';
    const key =
      p === 'taskmanager' ? 'taskmanager.memory.task.heap.size' : 'jobmanager.memory.heap.size';
    const now = ctx.plan.size(p, component);
    if (now === null) continue;
    const target = stepUp(now);
    const scope = ctx.component === 'unknown' ? `if it was the ${NAME[p]}: ` : '';
    // The heap option itself first (the expert's knob), checked with the model; the total grows
    // along when the other components cannot spare the memory. A total alone when that fails.
    const direct = ctx.plan.set(
      p,
      { [key]: target },
      {
        why: { [key]: `${scope}${reason}: ${fmt(now)} -> ${fmt(target)}${startingPoint(ctx)}` },
        totalWhy: `${scope}make room for the larger ${p === 'taskmanager' ? 'task heap' : 'heap'}, so that no other component shrinks${startingPoint(ctx)}`,
        grows: [component],
      },
    );
    out.push(
      ...(direct.length > 0
        ? direct
        : ctx.plan.atLeast(
            p,
            component,
            target,
            key,
            `${scope}${reason}: ${fmt(now)} -> ${fmt(target)}${startingPoint(ctx)}`,
            `${scope}${reason}: the ${p === 'taskmanager' ? 'task heap' : 'JobManager heap'} (${fmt(now)} today) grows to at least ${fmt(target)}; the fraction-based components grow along, nothing shrinks${startingPoint(ctx)}`,
          )),
    );
  }
  return out;
}

/**
 * A sized option raised to `target` (at least a step up from today), keeping the total when the
 * other components can spare it, growing it otherwise.
 */
export function raise(
  ctx: SuggestContext,
  p: Process,
  key: string,
  target: bigint,
  why: string,
  options: { tolerance?: number; processOnly?: boolean; alsoMax?: string } = {},
): Suggestion[] {
  const changes: Record<string, bigint> = { [key]: target };
  const whyByKey: Record<string, string> = { [key]: `${why}${startingPoint(ctx)}` };
  if (options.alsoMax) {
    const max = ctx.plan.bytes(p, options.alsoMax);
    if (max !== null && max < target) {
      changes[options.alsoMax] = target;
      whyByKey[options.alsoMax] =
        `the maximum must not stay below the new minimum (${fmt(max)} today)`;
    }
  }
  return ctx.plan.set(p, changes, {
    why: whyByKey,
    totalWhy: `make room for it, so that no other component shrinks (the fraction-based ones grow along)${startingPoint(ctx)}`,
    ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
    ...(options.processOnly ? { processOnly: true } : {}),
  });
}

/** The larger of a step up and what the error says is missing, rounded up. */
export function stepOrNeed(current: bigint, missing: bigint | null, floor?: bigint): bigint {
  const step = stepUp(current, floor);
  if (missing === null) return step;
  const need = roundUp(current + missing);
  return need > step ? need : step;
}

/** A fact as a bigint, or null. */
export function num(ctx: SuggestContext, name: string): bigint | null {
  const v = ctx.facts[name];
  return v !== undefined && /^\d+$/.test(v) ? BigInt(v) : null;
}

export const LOCAL_RUN =
  'This ran inside a JVM that Flink does not size (a local or IDE run in a MiniCluster, a test, or the client that submits the job), so its memory options have no effect here. ' +
  "Give the JVM itself more memory (-Xmx, -XX:MaxDirectMemorySize or -XX:MaxMetaspaceSize in the run configuration, MAVEN_OPTS, or the test runner's JVM arguments).";

/**
 * More managed memory: its size when configured; else a larger fraction when the task heap can
 * spare the memory; else a fixed size and a larger total (a larger fraction plus a larger total
 * would grow everything else too).
 */
export function growManaged(ctx: SuggestContext, target: bigint, reason: string): Suggestion[] {
  const sizeKey = 'taskmanager.memory.managed.size';
  if (ctx.plan.isSet('taskmanager', sizeKey))
    return raise(ctx, 'taskmanager', sizeKey, target, `managed memory that ${reason}`);
  const flink = ctx.plan.size('taskmanager', 'totalFlink');
  if (flink !== null) {
    const fraction = fractionUp(target, flink);
    const byFraction = ctx.plan.set(
      'taskmanager',
      { 'taskmanager.memory.managed.fraction': fraction },
      {
        why: {
          'taskmanager.memory.managed.fraction': `${fraction} of total Flink memory (${fmt(flink)}) gives managed memory that ${reason}${startingPoint(ctx)}`,
        },
        require: (s) => (s.managed ?? 0n) >= target,
        keepTotal: true,
      },
    );
    if (byFraction.length > 0) return byFraction;
  }
  return raise(
    ctx,
    'taskmanager',
    sizeKey,
    target,
    `a fixed managed size that ${reason} (a larger fraction would take too much from the task heap)`,
  );
}
