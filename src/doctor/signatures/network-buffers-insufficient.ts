import { defineSignature } from '../signature.js';
import { docs } from '../docs.js';
import { MIB, formatSizeForConfig } from '../../primitives/memory-size.js';
import { atLeast } from '../../primitives/version.js';
import { ceilTo, fmt, fractionUp, stepUp } from '../quantities.js';
import { raise, startingPoint } from '../suggest.js';
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
function poolNumbers(ctx: SuggestContext): PoolNumbers | null {
  const r = big(ctx.facts, 'poolRequired');
  const a = big(ctx.facts, 'poolAllocated');
  const m = big(ctx.facts, 'poolMissing');
  return r !== null && a !== null && m !== null ? { required: r, allocated: a, missing: m } : null;
}

/**
 * A JVM direct limit with room for the pool and the framework's own direct buffers: twice the pool,
 * at least 256m.
 */
function localDirectFlag(requiredMb: bigint): string {
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
function poolSuggestions(ctx: SuggestContext): Suggestion[] {
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
function fromPool(ctx: SuggestContext, need: NetworkNeed, pool: bigint): Suggestion[] {
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
const OLD_DEFAULT_MAX = 1024n * MIB;

function timeoutAdvice(ctx: SuggestContext): Suggestion {
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

export default defineSignature({
  id: 'network-buffers-insufficient',
  title: 'Not enough network buffers',
  recognises: [
    '`Insufficient number of network buffers: required R, but only A available ... set to T of S bytes each`: T + (R - A) buffers of S bytes size the network memory exactly',
    '`Timeout triggered when requesting exclusive buffers` (the buffer-request timeout)',
    "`Could not allocate enough memory segments for NetworkBufferPool`: network memory sized to the direct memory the JVM really gave (in an IDE or MiniCluster run that is the JVM's own -XX:MaxDirectMemorySize), then framework off-heap raised by exactly what was missing",
    'descriptions in English or Chinese (网络缓冲不足)',
  ],
  rank: 20,
  keywords: ['network buffers', 'exclusive buffers', 'networkbufferpool', '网络缓冲', '网络内存'],
  patterns: [
    {
      re: /Insufficient number of network buffers: required (?<required>\d+), but only (?<available>\d+) available/i,
    },
    { re: /Insufficient number of network buffers/i },
    { re: /Timeout triggered when requesting exclusive buffers/i, variant: 'timeout' },
    {
      re: /Could not allocate enough memory segments for NetworkBufferPool(?: \(required \(MB\): (?<poolRequired>\d+), allocated \(MB\): (?<poolAllocated>\d+), missing \(MB\): (?<poolMissing>\d+)\))?/i,
      variant: 'pool',
    },
    {
      re: /网络缓冲.{0,6}(?:不足|不够)|网络内存.{0,4}(?:不足|不够)|network buffers? (?:are |is )?(?:insufficient|not enough|exhausted)|NetworkBufferPool (?:OOM|out of memory)/i,
      strength: 'weak',
    },
  ],
  details: [
    /total number of network buffers is currently set to (?<total>\d+) of (?<segment>\d+) bytes each/i,
    /required (?<required>\d+), but only (?<available>\d+) available/i,
    /increase the timeout which is (?<timeoutMs>\d+)\s*ms/i,
  ],
  component: 'taskmanager',
  options: [
    'taskmanager.memory.network.min',
    'taskmanager.memory.network.max',
    'taskmanager.memory.network.fraction',
  ],
  docs: [
    docs.trouble('ioexception-insufficient-number-of-network-buffers'),
    docs.network(),
    docs.setupTm('network-memory'),
  ],
  summary: (ctx) =>
    ctx.variant === 'pool'
      ? 'The TaskManager could not allocate its network buffer pool'
      : 'A TaskManager ran out of network buffers for its tasks',
  explain(ctx) {
    const parts: string[] = [];
    if (ctx.variant === 'pool') {
      parts.push(
        'At start-up the TaskManager allocates all network buffers as direct memory at once, and the JVM refused part of it.',
      );
      const pool = poolNumbers(ctx);
      if (pool)
        parts.push(
          `The pool needed ${pool.required} MB and got ${pool.allocated} MB of direct memory (${pool.missing} MB missing).`,
        );
      if (ctx.seen.local) {
        const flag = pool
          ? `-XX:MaxDirectMemorySize=${localDirectFlag(pool.required)}`
          : '-XX:MaxDirectMemorySize';
        parts.push(
          `This ran inside a local or IDE JVM (a MiniCluster): the direct memory limit is the JVM's own (-XX:MaxDirectMemorySize, by default about the maximum heap), not one Flink computes, and Flink's process sizes do not apply. Start that JVM with ${flag} (run configuration, MAVEN_OPTS or the test runner's JVM arguments), or give the local environment's Configuration a smaller fixed network memory (taskmanager.memory.network.min and .max) that fits what the JVM has.`,
        );
      } else {
        parts.push(
          'On a cluster Flink sets -XX:MaxDirectMemorySize to framework off-heap + task off-heap + network memory, so the pool fits unless something else took direct memory first or the limit was overridden (look for -XX:MaxDirectMemorySize in env.java.opts). Size network memory to the direct memory really free (below); only when something else needs that direct memory does more framework off-heap help.',
        );
      }
      return parts.join(' ');
    }
    const need = networkNeed(ctx.facts, {
      network: ctx.plan.size('taskmanager', 'network'),
      segment: ctx.plan.bytes('taskmanager', 'taskmanager.memory.segment-size') ?? 32768n,
    });
    parts.push(
      'Every input and output channel of a task needs network buffers, so the number needed grows with parallelism, slots per TaskManager, and the number of shuffles in the job.',
    );
    if (need) {
      parts.push(
        `The pool has ${ctx.facts.total ?? 'its'} buffers of ${need.segment} bytes and a task asked for ${ctx.facts.required} with only ${ctx.facts.available} free, so it needs at least ${need.buffers} buffers: ${fmt(need.bytes)} of network memory.`,
      );
      const today = ctx.plan.size('taskmanager', 'network');
      if (ctx.withConfig && today !== null && today >= need.bytes) {
        parts.push(
          `Your configuration already gives ${fmt(today)} of network memory (${today / need.segment} buffers), enough for that: the failing TaskManager did not run with it (dynamic properties, another file, another Flink version), so no network option needs to change in this file; find the settings the process really used.`,
        );
      } else if (
        ctx.withConfig &&
        today !== null &&
        ctx.facts.total &&
        BigInt(ctx.facts.total) !== today / need.segment
      ) {
        parts.push(
          `Your configuration gives ${today / need.segment} buffers, not the ${ctx.facts.total} the error reports: the process probably ran with other settings (dynamic properties, another file, another Flink version).`,
        );
      }
    } else if (ctx.variant === 'timeout') {
      parts.push(
        'A task waited for its exclusive buffers until the request timed out: the pool was too small for all tasks at once.',
      );
    }
    if (ctx.seen.local)
      parts.push(
        'In a local run network memory is fixed: set taskmanager.memory.network.min and .max to the same value.',
      );
    else
      parts.push(
        'Network memory is the fraction of total Flink memory clamped between its min and max; raising the min fixes it at the size needed, raising the fraction keeps it proportional to the TaskManager size.',
      );
    return parts.join(' ');
  },
  suggest(ctx) {
    if (ctx.variant === 'pool') return poolSuggestions(ctx);
    const today = ctx.plan.size('taskmanager', 'network');
    if (today === null) return [];
    const need = networkNeed(ctx.facts, {
      network: today,
      segment: ctx.plan.bytes('taskmanager', 'taskmanager.memory.segment-size') ?? 32768n,
    });
    // The configuration already holds what the error asked for: the process ran with other
    // settings.
    if (need && ctx.withConfig && today >= need.bytes)
      return ctx.variant === 'timeout' ? [timeoutAdvice(ctx)] : [];
    // Without a configuration, a pool smaller than Flink's defaults give says the process ran with
    // other sizes: scale the network fraction it ran with by what was missing, from the error
    // alone.
    const pool = need && ctx.facts.total ? BigInt(ctx.facts.total) * need.segment : null;
    if (need && pool !== null && pool > 0n && !ctx.withConfig && !ctx.seen.local && pool < today)
      return fromPool(ctx, need, pool);
    const target = need ? need.configured : stepUp(today);
    const enough = (bytes: bigint) => (s: Readonly<Record<string, bigint>>) =>
      (s.network ?? 0n) >= bytes;
    const out: Suggestion[] = [];
    // The pool the error shows already fills the maximum (the configured one, or the 1g that was
    // the default up to Flink 1.14): no fraction or minimum gets past it. From the error alone
    // (with a
    // configuration the changes below are checked with the model).
    const configuredMax = ctx.plan.bytes('taskmanager', 'taskmanager.memory.network.max');
    const max = pool === OLD_DEFAULT_MAX ? OLD_DEFAULT_MAX : configuredMax;
    if (
      need &&
      pool !== null &&
      max !== null &&
      pool >= max &&
      !ctx.seen.local &&
      !ctx.withConfig
    ) {
      const raised = max * 2n > target ? max * 2n : target;
      const current =
        max === configuredMax
          ? (ctx.plan.valueText('taskmanager', 'taskmanager.memory.network.max') ?? fmt(max))
          : `${fmt(max)} (the default up to Flink 1.14)`;
      out.push(
        ctx.plan.advise(
          'taskmanager.memory.network.max',
          current,
          formatSizeForConfig(raised),
          `the pool of ${fmt(pool)} the error shows is the maximum already: raise it (with the fraction or the minimum below) so that the network memory can grow`,
        ),
      );
    }
    const reason = need
      ? `${need.buffers} buffers x ${need.segment} bytes = ${fmt(need.bytes)}, rounded up to a whole MiB`
      : `a step up from ${fmt(today)}`;
    if (ctx.seen.local) {
      const why = `in a local run network memory is fixed, so minimum and maximum move together: ${reason}`;
      out.push(
        ...ctx.plan.set(
          'taskmanager',
          { 'taskmanager.memory.network.min': target, 'taskmanager.memory.network.max': target },
          { why: { 'taskmanager.memory.network.min': why, 'taskmanager.memory.network.max': why } },
        ),
      );
    } else {
      out.push(
        ...raise(
          ctx,
          'taskmanager',
          'taskmanager.memory.network.min',
          target,
          `network memory of at least ${fmt(target)}: ${reason}`,
          { alsoMax: 'taskmanager.memory.network.max' },
        ),
      );
    }
    const flink = ctx.plan.size('taskmanager', 'totalFlink');
    const fraction = flink !== null ? fractionUp(target, flink) : null;
    const fractionNow = ctx.plan.valueText('taskmanager', 'taskmanager.memory.network.fraction');
    if (
      !ctx.seen.local &&
      flink !== null &&
      fraction !== null &&
      (fractionNow === null || Number(fraction) > Number(fractionNow))
    ) {
      const changes: Record<string, string | bigint> = {
        'taskmanager.memory.network.fraction': fraction,
      };
      const max = ctx.plan.bytes('taskmanager', 'taskmanager.memory.network.max');
      if (max !== null && max < target) changes['taskmanager.memory.network.max'] = target;
      out.push(
        ...ctx.plan.set('taskmanager', changes, {
          why: {
            'taskmanager.memory.network.fraction': `alternative to the minimum above: ${fraction} of total Flink memory (${fmt(flink)}) gives at least ${fmt(target)} and grows with the TaskManager${startingPoint(ctx)}`,
            'taskmanager.memory.network.max':
              'the maximum must not cap the network memory below what is needed',
          },
          require: enough(need ? need.bytes : target),
          // The alternative keeps the TaskManager's size; a larger fraction plus a larger total
          // would grow everything.
          keepTotal: true,
          tolerance: 0.25,
        }),
      );
    }
    if (ctx.variant === 'timeout') out.push(timeoutAdvice(ctx));
    return out;
  },
});
