import { defineSignature } from '../signature.js';
import { docs } from '../docs.js';
import { fmt, stepUp } from '../quantities.js';
import { LOCAL_RUN, NAME, raise, whichProcess } from '../suggest.js';
import type { SuggestContext, Suggestion } from '../types.js';

/** Submissions or job (re)starts in the input from which a growing metaspace looks like a leak. */
export const LEAK_SUBMISSIONS = 3;

/** Metaspace that runs out after repeated submissions, by the log's count or in someone's words. */
const leakLikely = (ctx: SuggestContext): boolean =>
  ctx.seen.submissions >= LEAK_SUBMISSIONS || ctx.seen.resubmitWording;

export default defineSignature({
  id: 'metaspace-oom',
  title: 'JVM metaspace exhausted',
  recognises: [
    "`OutOfMemoryError: Metaspace` and Flink's enriched text, for a TaskManager or the Flink Master",
    '`OutOfMemoryError: Compressed class space`',
    'repeated job submissions before the failure: the class-loading-leak caveat',
    'not a `Metaspace` figure in a GC log line',
    'descriptions in English or Chinese: metaspace that keeps growing or is never released after jobs finish, OOMs on metaspace, a class-loading (classloader) leak, 元空间持续增长',
  ],
  rank: 20,
  keywords: [
    'metaspace',
    'meta space',
    'meta-space',
    'compressed class space',
    '元空间',
    'classloader',
    'class loader',
    'class-loader',
    'class loading',
    '类加载',
    'metadata memory',
    'metadata space',
    '元数据',
  ],
  patterns: [
    { re: /OutOfMemoryError:?\s*Metaspace/i },
    { re: /(?:^|\s)Metaspace\. The metaspace out-of-memory error/i },
    { re: /OutOfMemoryError:?\s*Compressed class space/i, variant: 'class-space' },
    {
      re: /元空间.{0,8}(?:不足|不够|溢出|OOM|满|泄漏)|metaspace (?:is )?(?:\bOOM\b|exhausted|full|out of memory|溢出|不足)/i,
      strength: 'weak',
    },
    {
      re: /\bmeta[ -]?space\b[^。.;]{0,40}?(?:\bgrow|\bincreas|\bleak|\brising\b|never (?:reclaimed|released|freed|collected|unloaded)|not (?:be(?:ing)? )?(?:released|reclaimed|freed|collected|unloaded)|不会释放|不释放|未回收|没有回收|回收不掉|持续增长|一直增长|不断增长|一直上涨|累加|泄漏|泄露)|(?:元空间|\bmetaspace\b).{0,10}(?:增长|上涨|增加|不释放|未回收|没有回收|回收不掉)/i,
      strength: 'weak',
    },
    {
      re: /(?:\bOOMs?\b|\bout ?of ?memory(?:error)?\b)\W{1,6}(?:(?:on|in|with|of|for)\s{1,3})?(?:the\s{1,3})?metaspace\b/i,
      strength: 'weak',
    },
    // Too little of it: "no memory will be assigned to the metaspace", "metaspace too small".
    {
      re: /(?:\bno\b|\bnot enough\b|\btoo little\b|\binsufficient\b|\bwithout\b)[^。.;]{0,40}?\bmetaspace\b|\bmetaspace\b[^。.;]{0,20}?(?:\btoo small\b|\bnot enough\b|\binsufficient\b|\bran out\b|\brunning out\b)/i,
      strength: 'weak',
    },
    // Metaspace in other words: "JVM metadata memory", 元数据区/元数据空间 (what the JVM keeps class
    // metadata in).
    {
      re: /\b(?:JVM |class )?meta-?data (?:memory|space)\b|(?:JVM ?)?元数据(?:区|空间|内存)/i,
      strength: 'weak',
    },
    {
      re: /\bclass ?-?load(?:er|ing) leaks?\b|\bclassloaders?\b[^。.;]{0,40}?(?:not (?:being |getting )?garbage[- ]collected|never (?:garbage[- ]collected|unloaded)|\bleak)|类加载器?.{0,6}(?:泄漏|泄露)/i,
      strength: 'weak',
    },
  ],
  component: 'infer',
  options: ['taskmanager.memory.jvm-metaspace.size', 'jobmanager.memory.jvm-metaspace.size'],
  docs: [docs.trouble('outofmemoryerror-metaspace'), docs.classloading()],
  summary: (ctx) => `The JVM metaspace of ${whichProcess(ctx)} ran out`,
  explain(ctx) {
    if (ctx.seen.local) return LOCAL_RUN;
    const parts = [
      'Metaspace holds the classes the JVM has loaded, capped by -XX:MaxMetaspaceSize, which Flink sets from the JVM metaspace option (256m by default). Jobs with many or large dependencies (connectors, SQL with code generation, Scala) need more.',
    ];
    if (ctx.variant === 'class-space')
      parts.push(
        'The compressed class space is the part of metaspace that holds class metadata; the same limit and the same remedies apply.',
      );
    if (leakLikely(ctx)) {
      const shows =
        ctx.seen.submissions >= LEAK_SUBMISSIONS
          ? `The input shows ${ctx.seen.submissions} job submissions or (re)starts before the failure.`
          : 'The text says jobs were submitted again and again before the failure.';
      parts.push(
        `${shows} Metaspace that runs out only after several submissions points to a class-loading leak: classes of finished jobs are never unloaded because something outside the job still references them (threads the job started, JDBC drivers, static caches, shutdown hooks). More metaspace only postpones the failure; fix the leak, or move the libraries into Flink's lib/ folder so they are loaded once.`,
      );
    } else if (ctx.seen.leakWording) {
      parts.push(
        'The text says the usage grows over time: if it grows with each job (re)submission, it is a class-loading leak and more metaspace only postpones the failure.',
      );
    }
    return parts.join(' ');
  },
  suggest(ctx) {
    if (ctx.seen.local) return [];
    const out: Suggestion[] = [];
    for (const p of ctx.processes) {
      const key = `${p}.memory.jvm-metaspace.size`;
      const now = ctx.plan.bytes(p, key);
      if (now === null) continue;
      const target = stepUp(now);
      const who = ctx.component === 'unknown' ? `if it was the ${NAME[p]}: ` : '';
      const leak = leakLikely(ctx) ? ' (buys time while the class-loading leak is fixed)' : '';
      out.push(
        ...raise(
          ctx,
          p,
          key,
          target,
          `${who}room for more classes: ${fmt(now)} -> ${fmt(target)}${leak}`,
          { processOnly: true },
        ),
      );
    }
    return out;
  },
});
