/**
 * The sizing arithmetic of the network-buffers-insufficient signature: the buffers a TaskManager
 * needs, the pool's own figures, and the suggestions built from them.
 */
import { MIB, formatSizeForConfig } from '../../primitives/memory-size.js';
import { atLeast } from '../../primitives/version.js';
import { ceilTo, fmt, stepUp } from '../quantities.js';
import { raise } from '../suggest.js';
import type { Facts, SuggestContext, Suggestion } from '../types.js';

export interface NetworkNeed {
  /** Buffers the TaskManager needs at least. */
  readonly buffers: bigint;
  readonly segment: bigint;
  /** buffers x segment size. */
  readonly bytes: bigint;
  /** The same, rounded up to a whole MiB: the value to configure. */
  readonly configured: bigint;
}

const big = (facts: Facts, name: string): bigint | null =>
  facts[name] !== undefined ? BigInt(facts[name]) : null;

/**
 * From "required R, but only A available ... set to T of S bytes each": the pool had T buffers and
 * was R - A short, so it needs at least T + (R - A). Without T, today's network memory tells it.
 */
export function networkNeed(
  facts: Facts,
  today: { network: bigint | null; segment: bigint },
): NetworkNeed | null {
  const required = big(facts, 'required');
  const available = big(facts, 'available');
  const segment = big(facts, 'segment') ?? today.segment;
  if (segment <= 0n) return null;
  const total = big(facts, 'total') ?? (today.network !== null ? today.network / segment : null);
  if (required === null || available === null || total === null) return null;
  const buffers = total + (required > available ? required - available : required);
  const bytes = buffers * segment;
  return { buffers, segment, bytes, configured: ceilTo(bytes, MIB) };
}

interface PoolNumbers {
  readonly required: bigint;
  readonly allocated: bigint;
  readonly missing: bigint;
}

/**
 * The MB figures of "Could not allocate enough memory segments for NetworkBufferPool (required
 * (MB): R, allocated (MB): A, missing (MB): M)".
 */
export function poolNumbers(ctx: SuggestContext): PoolNumbers | null {
  const r = big(ctx.facts, 'poolRequired');
  const a = big(ctx.facts, 'poolAllocated');
  const m = big(ctx.facts, 'poolMissing');
  return r !== null && a !== null && m !== null ? { required: r, allocated: a, missing: m } : null;
}

/**
 * A JVM direct limit with room for the pool and the framework's own direct buffers: twice the pool,
 * at least 256m.
 */
export function localDirectFlag(requiredMb: bigint): string {
  const mb = requiredMb * 2n > 256n ? requiredMb * 2n : 256n;
  return `${mb}m`;
}

/**
 * The smallest network memory worth running with: fewer buffers than this fail as soon as tasks
 * connect.
 */
const MIN_NETWORK = 16n * MIB;

/**
 * The pool could not get its direct memory: network memory sized to the direct memory really
 * available first (min and max, fixed), then the framework off-heap that raises the JVM's direct
 * limit by exactly what was missing.
 */
export function poolSuggestions(ctx: SuggestContext): Suggestion[] {
  const pool = poolNumbers(ctx);
  const out: Suggestion[] = [];
  if (pool && pool.allocated * MIB >= MIN_NETWORK) {
    const fits = pool.allocated * MIB;
    const why = `the ${pool.allocated} MB of direct memory the JVM really gave the pool; the pool asked for ${pool.required} MB`;
    const current = `${pool.required}m (the pool the error shows)`;
    const whyMax = 'the same size: network memory fixed at what fits';
    // Checked with the model where it can derive the TaskManager (the total stays; network is what
    // shrinks).
    const checked = ctx.seen.local
      ? []
      : ctx.plan.set(
          'taskmanager',
          { 'taskmanager.memory.network.min': fits, 'taskmanager.memory.network.max': fits },
          {
            why: {
              'taskmanager.memory.network.min': why,
              'taskmanager.memory.network.max': whyMax,
            },
            grows: ['network'],
            keepTotal: true,
          },
        );
    if (checked.length > 0) out.push(...checked.map((x) => ({ ...x, current })));
    else {
      out.push(
        ctx.plan.advise('taskmanager.memory.network.min', current, formatSizeForConfig(fits), why),
      );
      out.push(
        ctx.plan.advise(
          'taskmanager.memory.network.max',
          current,
          formatSizeForConfig(fits),
          whyMax,
        ),
      );
    }
  }
  if (ctx.seen.local) return out;
  const now =
    ctx.plan.bytes('taskmanager', 'taskmanager.memory.framework.off-heap.size') ?? 128n * MIB;
  const target = pool ? now + ceilTo(pool.missing * MIB, MIB) : stepUp(now);
  const why = pool
    ? `or keep the network size: ${pool.missing} MB more framework off-heap raises the JVM's direct memory limit by the ${pool.missing} MB the pool was missing`
    : 'more direct memory next to the network buffers, for whatever allocates direct memory before them';
  out.push(...raise(ctx, 'taskmanager', 'taskmanager.memory.framework.off-heap.size', target, why));
  return out;
}

/**
 * The pool the error shows (T buffers) was smaller than the defaults give: the process ran with
 * a smaller TaskManager or a lower fraction. The fraction it needs grows by the share that was
 * missing (with a margin: the need grows with parallelism), the max with it where it would cap it.
 */
export function fromPool(ctx: SuggestContext, need: NetworkNeed, pool: bigint): Suggestion[] {
  const fractionNow = Number(
    ctx.plan.valueText('taskmanager', 'taskmanager.memory.network.fraction') ?? '0.1',
  );
  const ratio = Number(need.bytes) / Number(pool);
  const fraction = Math.min(0.9, Math.ceil(fractionNow * Math.max(ratio, 1.5) * 100 - 1e-9) / 100);
  const target = ceilTo((pool * BigInt(Math.round(Math.max(ratio, 1.5) * 1000))) / 1000n, MIB);
  const out = [
    ctx.plan.advise(
      'taskmanager.memory.network.fraction',
      `${fractionNow} (the pool of ${fmt(pool)} the error shows)`,
      String(fraction),
      `the pool had ${fmt(pool)} and needed ${fmt(need.bytes)}: a fraction ${Math.max(ratio, 1.5).toFixed(2)} times larger, with room for the need to grow with parallelism; the process ran with a smaller TaskManager than Flink's defaults, so the fraction is what scales with it`,
    ),
  ];
  const max = ctx.plan.bytes('taskmanager', 'taskmanager.memory.network.max');
  const maxText = ctx.plan.valueText('taskmanager', 'taskmanager.memory.network.max') ?? '';
  if (max !== null && max < 1024n * 1024n * MIB) {
    out.push(
      ctx.plan.advise(
        'taskmanager.memory.network.max',
        maxText,
        formatSizeForConfig(max > target ? max * 2n : target * 2n),
        'the max caps the fraction: raise it with the fraction so that the larger share is not clamped',
      ),
    );
  }
  out.push(
    ctx.plan.advise(
      'taskmanager.memory.network.min',
      `${fmt(pool)} (the pool the error shows)`,
      formatSizeForConfig(target),
      `or fix the network memory at ${fmt(target)} instead: ${need.buffers} buffers x ${need.segment} bytes = ${fmt(need.bytes)} at least`,
    ),
  );
  return out;
}

/** taskmanager.memory.network.max by default up to Flink 1.14 (unbounded from 1.15 on). */
export const OLD_DEFAULT_MAX = 1024n * MIB;

export function timeoutAdvice(ctx: SuggestContext): Suggestion {
  const modern = atLeast(ctx.version, '1.20');
  const key = modern
    ? 'taskmanager.network.memory.buffers-request-timeout'
    : 'taskmanager.network.memory.exclusive-buffers-request-timeout-ms';
  const ms = ctx.facts.timeoutMs ? Number(ctx.facts.timeoutMs) : 30000;
  const current = `${ctx.facts.timeoutMs ? '' : 'default '}${modern ? `${ms / 1000} s` : String(ms)}`;
  return ctx.plan.advise(
    key,
    current,
    modern ? `${(ms * 2) / 1000} s` : String(ms * 2),
    'tasks wait longer for buffers that other tasks are about to release; only helps when buffers free up over time',
  );
}
