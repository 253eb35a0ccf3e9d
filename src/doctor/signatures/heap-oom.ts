import { defineSignature } from '../signature.js';
import { docs } from '../docs.js';
import { LOCAL_RUN, growHeap, whichProcess } from '../suggest.js';
import type { SuggestContext, Suggestion } from '../types.js';

function heapRole(ctx: SuggestContext): string {
  if (ctx.component === 'jobmanager') {
    return 'The JobManager heap holds the job graphs, execution graphs, checkpoint metadata and the REST/web frontend; very large jobs, many jobs in a session cluster, or large accumulators fill it.';
  }
  if (ctx.component === 'taskmanager') {
    return 'A TaskManager heap is task heap (user code, operators, and state of heap-based backends such as hashmap) plus framework heap (Flink itself); the task heap is what usually runs out.';
  }
  return 'For a TaskManager the heap is task heap (user code, operators, heap state) plus framework heap; for the JobManager it is its heap (job and execution graphs, checkpoint metadata, REST).';
}

function giveMore(ctx: SuggestContext): string {
  if (ctx.component === 'jobmanager')
    return 'Give it more heap: raise jobmanager.memory.heap.size, or the total process size so that the heap grows with it.';
  const tm =
    'raise taskmanager.memory.task.heap.size, or the total process size so that the task heap grows with it. Framework heap is only worth raising when Flink itself, not the job, fills the heap.';
  if (ctx.component === 'taskmanager') return `Give it more heap: ${tm}`;
  return `Give it more heap. For a TaskManager: ${tm} For the JobManager: raise jobmanager.memory.heap.size or its total process size.`;
}

const attemptsHistory = (ctx: SuggestContext): boolean =>
  ctx.facts.attempts !== undefined || ctx.facts.attempts2 !== undefined;

/** What the JobManager keeps of past jobs and attempts, and what bounds it. */
function historyNote(ctx: SuggestContext): string {
  return attemptsHistory(ctx)
    ? 'The JobManager keeps the prior execution attempts of every task for the web UI and REST; a job that restarts often piles them up on its heap. jobmanager.execution.attempts-history-size bounds how many it keeps.'
    : 'A session cluster keeps every finished job (its archived execution graph) in its job store until jobstore.expiration-time passes; with many jobs, their graphs fill the JobManager heap. jobstore.max-capacity bounds how many it keeps.';
}

function historyBound(ctx: SuggestContext): Suggestion {
  return attemptsHistory(ctx)
    ? ctx.plan.advise(
        'jobmanager.execution.attempts-history-size',
        '16 (default)',
        '8',
        'keep fewer prior execution attempts per task on the JobManager heap',
      )
    : ctx.plan.advise(
        'jobstore.max-capacity',
        'unbounded (default)',
        '100',
        'keep at most this many finished jobs on the JobManager (the oldest go first), whatever jobstore.expiration-time says',
      );
}

export default defineSignature({
  id: 'heap-oom',
  title: 'JVM heap exhausted',
  recognises: [
    "`OutOfMemoryError: Java heap space`, also when another exception carries it (`java.sql.SQLException: Java heap space`) and in Flink's enriched text",
    "the TaskManager's task heap, or the JobManager heap when the log is a JobManager's or names the Flink Master",
    '`Requested array size exceeds VM limit`: more heap does not help',
    "IDE and MiniCluster runs: no Flink memory option helps, the JVM's own flags do",
    "descriptions in English or Chinese (堆内存溢出, 内存溢出): a TaskManager or JobManager that goes OOM or out of memory in someone's words, a memory leak in one of them",
    "a bare OOM, out of memory, 内存泄漏 or exit code 239 (Flink's fatal-error exit): the heap as the likely case, with that caveat",
  ],
  rank: 20,
  keywords: [
    'heap space',
    'requested array size',
    '堆',
    '内存',
    'out of heap',
    'heap is full',
    'heap full',
    'outofmemory',
    'oom',
    'out of memory',
    'leak',
    'overflow',
    'code 239',
    'status 239',
    'finished job',
    'completed job',
    'archived',
    'historic',
    'execution attempts',
    'execution history',
    'execution attempt history',
    'consumes',
    'consumed',
    'consuming',
    'increase',
    'raise',
    'bump',
    'crash',
    'task mem',
    '调大',
    '增加',
    '加大',
    '调整',
    '提高',
    '调高',
  ],
  patterns: [
    // The JobManager keeps finished jobs (a session cluster's job store) and prior execution
    // attempts on its heap.
    {
      re: /\b(?<jobstore>(?:finished|completed|archived|historic(?:al)?) (?:jobs?|(?:Archived)?ExecutionGraphs?))\b[^\n]{0,800}?\b(?:memory|heap|OOMs?)\b|\b(?<attempts>(?:prior|previous|old) execution attempts|execution (?:attempts? )?history)\b[^\n]{0,200}?\b(?:memory|heap|OOMs?)\b|\b(?:memory|heap|OOMs?)\b[^\n]{0,200}?\b(?<attempts2>(?:prior|previous|old) execution attempts|execution (?:attempts? )?history)\b|(?<jobstore2>已完成的?作业|历史作业|作业历史)[^。\n]{0,60}?(?:内存|堆)/i,
      strength: 'weak',
      variant: 'history',
      component: 'jobmanager',
    },
    { re: /Java heap space/i },
    { re: /OutOfMemoryError:?\s*Requested array size exceeds VM limit/i, variant: 'array' },
    {
      re: /堆内存.{0,4}(?:不足|不够|溢出|满|爆|OOM)|堆溢出|(?:java )?heap.{0,6}(?:溢出|不足)/i,
      strength: 'weak',
    },
    {
      re: /\bout of (?:java |jvm )?heap\b|\bheap (?:is |was )?(?:full|exhausted)\b|\bheap\b[^。.;]{0,20}?(?:\bOOMs?\b|\bout of memory\b|\boverflow(?:s|ed)?\b|溢出)/i,
      strength: 'weak',
    },
    {
      re: /(?<![\w.])(?:task ?managers?|TMs?|job ?managers?|JMs?|flink master)(?![\w.])[^。.;!?]{0,40}?(?:\bOOMs?\b|\bout of memory\b|\bOutOfMemory(?:Error)?\b(?!:)|内存溢出|内存不足|内存不够|内存(?:爆了|爆掉|撑爆|打满|满了)|\bmemory leaks?\b)/i,
      strength: 'weak',
      variant: 'generic',
    },
    {
      re: /(?:\bOOMs?\b|\bout of memory\b|\bmemory leaks?\b|内存溢出)[^。.;!?]{0,40}?\b(?:of|in|on|at|for)\s(?:the\s|a\s|our\s|flink\s)?(?:task ?managers?|TMs?|job ?managers?|JMs?)(?![\w.])/i,
      strength: 'weak',
      variant: 'generic',
    },
    // A process that uses too much memory, or the remedy people give (more memory for it), in their
    // words.
    {
      re: /(?<![\w.])(?:task ?managers?|TMs?|job ?manager?s?|JMs?|flink master|task)(?![\w.])[^。.;!?]{0,20}?(?:特别|非常|很|太)?(?:消耗|占用|耗|吃)了?(?:大量|很多|太多)?内存|(?<![\w.])(?:task ?managers?|TMs?|job ?manager?s?|JMs?)(?![\w.])[^。.;!?]{0,10}?内存(?:占用|使用率?)(?:过高|很高|太高|特别高|偏高|飙升|暴涨)|(?<![\w.])(?:task ?managers?|TMs?|job ?manager?s?|JMs?)(?![\w.])[^。.;!?]{0,20}?\bconsum(?:es|ed|ing) (?:too much|a lot of|lots of|excessive) memory\b|(?:调大|增加|加大|调整下?|提高|调高)(?:一下)?\s{0,2}(?:task ?manager|TM|task|job ?manager|JM)\s{0,2}的?\s{0,2}(?:mem(?:ory)?|内存|堆)|\b(?:try(?:ing)?(?: to)?|you (?:can|could|should|may|need to)|need to|should|please)\s(?:increase|raise|bump up|give more to)\s(?:the\s)?(?:task ?manager|TM|job ?manager|JM)(?:['’]s)?\s(?:heap|memory)\b/i,
      strength: 'weak',
      variant: 'generic',
    },
    {
      re: /内存(?:爆了|爆掉|撑爆|打满)|\bcrash(?:es|ed|ing)?\b[^.。]{0,20}?\b(?:because|beacuse|due to)\b[^.。]{0,12}?\bmemory\b|内存溢出|内存(?:泄漏|泄露)|\bOutOfMemory(?:Error)?\b(?!:)|\bOOMs?\b|\bout of memory\b|\bmemory leaks?\b|\bmemory overflow\b|\bexit(?:ed)?\s(?:with\s)?(?:code|status)[ :=]{0,3}239\b/i,
      strength: 'vague',
      variant: 'generic',
    },
  ],
  // Another kind named on the same line (metaspace, direct or native memory, a kill) is that kind's
  // evidence.
  excludes: [
    /\bmetaspace\b|元空间|\bdirect (?:buffer )?memory\b|直接内存|堆外|\boff-?heap\b|\bnative memory\b|\bOOM[- ]?kill|\bkilled\b|GC overhead|机器内存|主机内存|系统内存|物理内存/i,
  ],
  component: 'infer',
  options: [
    'taskmanager.memory.task.heap.size',
    'taskmanager.memory.process.size',
    'taskmanager.memory.framework.heap.size',
    'jobmanager.memory.heap.size',
    'jobmanager.memory.process.size',
  ],
  docs: [
    docs.trouble('outofmemoryerror-java-heap-space'),
    docs.setupTm('task-operator-heap-memory'),
    docs.setupJm('configure-jvm-heap'),
  ],
  summary: (ctx) =>
    ctx.variant === 'array'
      ? `A single array was larger than the JVM allows, in ${whichProcess(ctx)}`
      : `The JVM heap of ${whichProcess(ctx)} ran out`,
  explain(ctx) {
    const parts: string[] = [];
    if (ctx.variant === 'array') {
      return 'The code asked for one array larger than the JVM can create (about 2^31 elements). More heap does not help: find the operator or library that builds such a buffer (collecting a huge record, a giant list state value, serialising a very large object) and split the data.';
    }
    if (ctx.variant === 'history') parts.push(historyNote(ctx));
    if (ctx.variant === 'generic')
      parts.push(
        'The text only says "out of memory" without the kind; the heap is the most common case, but check the full error for "Java heap space", "Direct buffer memory", "Metaspace" or a container kill.',
      );
    if (ctx.seen.local) {
      parts.push(LOCAL_RUN);
      return parts.join(' ');
    }
    parts.push(heapRole(ctx));
    parts.push(giveMore(ctx));
    if (ctx.seen.leakWording || ctx.occurrences > 2) {
      parts.push(
        `The failure shows ${ctx.occurrences > 1 ? `${ctx.occurrences} times` : 'with growth over time'}: if the heap fills up again after raising it, it is a leak rather than undersizing; take a heap dump (-XX:+HeapDumpOnOutOfMemoryError in env.java.opts.taskmanager or env.java.opts.jobmanager) and look for what keeps growing.`,
      );
    }
    return parts.join(' ');
  },
  suggest(ctx) {
    if (ctx.seen.local || ctx.variant === 'array') return [];
    if (ctx.variant === 'history')
      return [historyBound(ctx), ...growHeap(ctx, 'room on the heap for what it keeps')];
    return growHeap(ctx, 'more heap for the job');
  },
});
