import { defineSignature } from '../signature.js';
import { docs } from '../docs.js';
import { formatSizeForConfig } from '../../primitives/memory-size.js';
import { fmt, fractionUp, stepUp } from '../quantities.js';
import { raise, startingPoint } from '../suggest.js';
import type { Suggestion } from '../types.js';
import {
  OLD_DEFAULT_MAX,
  fromPool,
  localDirectFlag,
  networkNeed,
  poolNumbers,
  poolSuggestions,
  timeoutAdvice,
} from './network-buffers-sizing.js';

export { networkNeed, type NetworkNeed } from './network-buffers-sizing.js';

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
