import { defineSignature } from '../signature.js';
import { docs } from '../docs.js';
import { fmt, stepUp } from '../quantities.js';
import {
  LOCAL_RUN,
  NAME,
  num,
  raise,
  startingPoint,
  stepOrNeed,
  whichProcessAtStart,
} from '../suggest.js';
import type { Facts, Process, SuggestContext, Suggestion } from '../types.js';

/**
 * Bytes the failed reservation was short by: allocated + requested - limit (from "Cannot reserve N
 * bytes ...").
 */
export function directShortfall(facts: Facts): bigint | null {
  const big = (name: string) =>
    facts[name] !== undefined && /^\d+$/.test(facts[name]) ? BigInt(facts[name]) : null;
  const [request, allocated, limit] = [big('request'), big('allocated'), big('limit')];
  if (request === null || allocated === null || limit === null) return null;
  const missing = allocated + request - limit;
  return missing > 0n ? missing : request;
}

function keyFor(ctx: SuggestContext, p: Process): string {
  if (p === 'jobmanager') return 'jobmanager.memory.off-heap.size';
  return ctx.facts.netty
    ? 'taskmanager.memory.framework.off-heap.size'
    : 'taskmanager.memory.task.off-heap.size';
}

/**
 * Whether the JobManager's JVM gets -XX:MaxDirectMemorySize from its off-heap size (off by
 * default).
 */
const jmLimitFollowsOffHeap = (ctx: SuggestContext): boolean =>
  ctx.plan
    .valueText('jobmanager', 'jobmanager.memory.enable-jvm-direct-memory-limit')
    ?.trim()
    .toLowerCase() === 'true';

/**
 * Without its own limit the JobManager's JVM caps direct memory at its maximum heap size, so a
 * larger heap is what raises the cap (a small off-heap size with the limit switched on would lower
 * it).
 */
function jmHeapAsLimit(ctx: SuggestContext): Suggestion[] {
  const now = ctx.plan.size('jobmanager', 'jvmHeap');
  if (now === null) return [];
  const target = stepUp(now);
  const who = ctx.component === 'unknown' ? 'if it was the JobManager: ' : '';
  const why = `${who}without jobmanager.memory.enable-jvm-direct-memory-limit the JVM caps direct memory at its heap size, so the cap grows with the heap: ${fmt(now)} -> ${fmt(target)}${startingPoint(ctx)}`;
  return ctx.plan.atLeast(
    'jobmanager',
    'jvmHeap',
    target,
    'jobmanager.memory.heap.size',
    why,
    `${why}; the total grows so that nothing else shrinks`,
  );
}

export default defineSignature({
  id: 'direct-oom',
  title: 'JVM direct memory exhausted',
  recognises: [
    "`OutOfMemoryError: Direct buffer memory` and Flink's enriched text for a TaskManager or the Flink Master",
    '`Cannot reserve N bytes of direct buffer memory (allocated: A, limit: L)`: the shortfall A + N - L sizes the change, and L tells the process',
    'Netty in the stack: framework off-heap instead of task off-heap',
    'direct memory growing over days (a leak, not undersizing)',
    'descriptions in English or Chinese (直接内存)',
  ],
  rank: 20,
  keywords: [
    'direct buffer memory',
    '直接内存',
    'direct memory',
    'outofdirectmemory',
    '堆外',
    'native memory',
    'off-heap memory',
  ],
  patterns: [
    {
      re: /Cannot reserve (?<request>\d+) bytes of direct buffer memory \(allocated: (?<allocated>\d+), limit: (?<limit>\d+)\)/i,
    },
    { re: /OutOfMemoryError:?\s*Direct buffer memory/i },
    { re: /Direct buffer memory\. The direct out-of-memory error/i },
    { re: /\bOutOfDirectMemoryError\b/ },
    {
      re: /直接内存.{0,10}(?:不足|不够|溢出|OOM|泄漏|泄露|满|增长|上涨)|direct (?:buffer )?memory.{0,20}(?:\bOOM\b|exhausted|leak|grow|full|不够|不足|溢出|满)/i,
      strength: 'weak',
    },
    { re: /Direct buffer memory/i, strength: 'weak' },
    {
      re: /\b(?:low on|out of|ran out of|running out of|not enough|insufficient|lack of) direct (?:buffer )?memory\b|堆外内存.{0,10}(?:溢出|不足|不够|OOM|泄漏|泄露|满|增长|上涨|超)|(?:堆外|直接)内存(?:溢出|OOM)/i,
      strength: 'weak',
    },
    // "the Flink network native memory": the network stack's Netty, which framework off-heap
    // budgets.
    {
      re: /(?:\bOOMs?\b|\bOutOfMemory(?:Error)?\b|\bout of memory\b)[^。.;]{0,40}?\b(?<netty>network\s)?(?:native|direct|off-heap) memory\b/i,
      strength: 'weak',
    },
  ],
  // The network buffer pool failing to allocate its segments is its own diagnosis.
  excludes: [/NetworkBufferPool/],
  details: [
    /Cannot reserve (?<request>\d+) bytes of direct buffer memory \(allocated: (?<allocated>\d+), limit: (?<limit>\d+)\)/i,
    /(?<netty>io\.netty|shaded\.netty|PooledByteBufAllocator)/,
  ],
  component: 'infer',
  refineComponent(facts, plan) {
    const limit = facts.limit;
    if (limit === undefined) return null;
    if (plan.size('taskmanager', 'jvmDirect') === BigInt(limit)) return 'taskmanager';
    const jmLimit =
      plan.valueText('jobmanager', 'jobmanager.memory.enable-jvm-direct-memory-limit') === 'true'
        ? plan.size('jobmanager', 'offHeap')
        : null;
    return jmLimit === BigInt(limit) ? 'jobmanager' : null;
  },
  options: [
    'taskmanager.memory.task.off-heap.size',
    'taskmanager.memory.framework.off-heap.size',
    'jobmanager.memory.off-heap.size',
  ],
  docs: [
    docs.trouble('outofmemoryerror-direct-buffer-memory'),
    docs.setupTm('configure-off-heap-memory-direct-or-native'),
    docs.setupJm('configure-off-heap-memory'),
  ],
  summary: (ctx) => `${whichProcessAtStart(ctx)} ran out of JVM direct memory`,
  explain(ctx) {
    if (ctx.seen.local) return LOCAL_RUN;
    const parts: string[] = [];
    const missing = directShortfall(ctx.facts);
    if (missing !== null) {
      parts.push(
        `A direct buffer of ${fmt(num(ctx, 'request')!)} did not fit: ${fmt(num(ctx, 'allocated')!)} were in use under a limit of ${fmt(num(ctx, 'limit')!)}.`,
      );
    }
    if (ctx.component !== 'jobmanager') {
      parts.push(
        'Direct memory is capped by -XX:MaxDirectMemorySize, which Flink sets for a TaskManager to framework off-heap + task off-heap + network memory. Network buffers are allocated up front, so this means user code or a library (Kafka, Netty, compression, file system clients) used more direct memory than the off-heap budget allows.',
      );
    }
    if (ctx.facts.netty && ctx.component !== 'jobmanager')
      parts.push(
        'The stack shows Netty, which Flink counts as framework off-heap memory (high parallelism needs more of it).',
      );
    else if (ctx.component !== 'jobmanager') {
      const key = 'taskmanager.memory.task.off-heap.size';
      const set =
        ctx.withConfig && ctx.plan.isSet('taskmanager', key)
          ? ctx.plan.bytes('taskmanager', key)
          : null;
      parts.push(
        `User code and its libraries are budgeted in task off-heap memory, which is ${set !== null ? `${fmt(set)} in your configuration` : '0 by default'}.`,
      );
    }
    if (ctx.component !== 'taskmanager') {
      parts.push(
        'For the JobManager the budget is jobmanager.memory.off-heap.size (128m by default), used by Flink itself (RPC, Netty) and by user code that runs there (sources being split, REST handlers, coordinators); the JVM limit only follows it when jobmanager.memory.enable-jvm-direct-memory-limit is true, otherwise the JVM caps direct memory at its heap size.',
      );
      if (!jmLimitFollowsOffHeap(ctx)) {
        const heap = ctx.plan.size('jobmanager', 'jvmHeap');
        parts.push(
          `That limit is off${ctx.withConfig ? ' in your configuration' : ' by default'}, so direct memory reached about the heap size${heap !== null ? ` (${fmt(heap)})` : ''}: a larger heap raises the cap. Switching the limit on only helps with an off-heap size above that, and direct memory this large in a JobManager is worth a look for a leak.`,
        );
      }
    }
    if (ctx.seen.leakWording) {
      parts.push(
        'The text says the memory grows over time: that is a leak (buffers that are never released), not undersizing. A larger budget only buys time; find the code that keeps direct buffers alive.',
      );
    }
    return parts.join(' ');
  },
  suggest(ctx) {
    if (ctx.seen.local) return [];
    const out: Suggestion[] = [];
    const missing = directShortfall(ctx.facts);
    for (const p of ctx.processes) {
      if (p === 'jobmanager' && !jmLimitFollowsOffHeap(ctx)) {
        out.push(...jmHeapAsLimit(ctx));
        continue;
      }
      const key = keyFor(ctx, p);
      const now = ctx.plan.bytes(p, key);
      if (now === null) continue;
      const target = stepOrNeed(now, missing);
      const cause =
        missing !== null
          ? `the failed reservation was short by ${fmt(missing)}; this covers it with room to spare`
          : 'a step up from today';
      const who = ctx.component === 'unknown' ? `if it was the ${NAME[p]}: ` : '';
      out.push(
        ...raise(
          ctx,
          p,
          key,
          target,
          `${who}raises the direct memory limit by ${fmt(target - now)} (${cause})`,
        ),
      );
    }
    return out;
  },
});
