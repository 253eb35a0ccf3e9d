import { defineSignature } from '../signature.js';
import { docs } from '../docs.js';
import { growHeap, whichProcess, WhichProcess } from '../suggest.js';
import type { SuggestContext, Suggestion } from '../types.js';

/** A stop-the-world pause this long makes a process miss heartbeats and look dead to its peers. */
export const LONG_PAUSE_MS = 5000;

/**
 * A timeout that names its peer ("heartbeat of JobManager ... timed out") is logged by the other
 * process: a long pause seen in the same log froze the process that wrote it, not the peer.
 */
const pauseOfWriter = (ctx: SuggestContext) => ctx.variant !== 'gc-pause' && ctx.facts.peer !== undefined && ctx.seen.longestGcPauseMs >= LONG_PAUSE_MS;
const longPauses = (ctx: SuggestContext) => !pauseOfWriter(ctx) && (ctx.variant === 'gc-pause' || ctx.seen.longestGcPauseMs >= LONG_PAUSE_MS);

export default defineSignature({
  id: 'heartbeat-timeout',
  title: 'Heartbeat timed out (or long GC pauses)',
  recognises: [
    "heartbeat timeouts of a TaskManager, the JobManager or the ResourceManager",
    "garbage-collection pauses of 5 s or more (G1 and unified GC logs, older GC logs, Flink's JVM pause monitor)",
    "a heartbeat timeout listed after the failure that caused it",
  ],
  rank: 50,
  keywords: ['timed out', 'heartbeat timeout', 'full gc', 'gc pause', 'pause full', 'pause young', 'pause remark', 'pause of approximately', '心跳'],
  patterns: [
    { re: /Heartbeat of TaskManager with id (?<peer>\S+?)\s+(?:has )?timed out/i, component: 'taskmanager' },
    { re: /heartbeat of JobManager with id (?<peer>\S+?)\s+(?:has )?timed out/i, component: 'jobmanager' },
    { re: /heartbeat of ResourceManager with (?:id|address) (?<peer>\S+?)\s+(?:has )?timed out/i, component: 'jobmanager' },
    { re: /(?:Full GC|GC pause)[^\n]{0,400}?\b(?<pauseSecs>(?:[5-9]|\d{2,9})\.\d{1,9}) secs\]/i, variant: 'gc-pause' },
    { re: /Pause (?:Full|Young|Remark|Cleanup|Mixed)\b[^\n]{0,400}?\s(?<pauseMs>(?:[5-9]\d{3}|\d{5,12})(?:\.\d{1,9})?)ms\b/i, variant: 'gc-pause' },
    { re: /pause of approximately (?<pauseMs>(?:[5-9]\d{3}|\d{5,}))ms/i, variant: 'gc-pause' },
    { re: /心跳.{0,4}超时|heartbeat (?:timeout|timed out)/i, strength: 'weak' },
  ],
  component: 'infer',
  options: ['heartbeat.timeout', 'taskmanager.memory.task.heap.size', 'jobmanager.memory.heap.size'],
  docs: [docs.option('heartbeat.timeout'), docs.trouble('outofmemoryerror-java-heap-space')],
  summary(ctx) {
    if (ctx.variant === 'gc-pause') return `${WhichProcess(ctx)} stopped for long garbage-collection pauses`;
    return `${WhichProcess(ctx)} stopped answering heartbeats`;
  },
  explain(ctx) {
    const parts = [
      'A process that misses heartbeats for longer than heartbeat.timeout (50 s by default) is declared lost and its tasks fail. The usual causes are: the process died (check for OOMKilled, exit code 137 or an OutOfMemoryError at the same time), long stop-the-world garbage collection on a nearly full heap, or an overloaded host or network.',
    ];
    if (pauseOfWriter(ctx)) {
      parts.push(
        `The input also shows a garbage-collection pause of ${ctx.seen.longestGcPauseMs / 1000} s in the process that wrote this log. A process frozen that long misses its peers' heartbeats too, so this timeout is most likely a consequence of that pause rather than a problem of ${whichProcess(ctx)}: give the paused process more heap (see the pause above).`,
      );
    } else if (longPauses(ctx)) {
      const secs = ctx.facts.pauseSecs ?? (ctx.facts.pauseMs ? String(Number(ctx.facts.pauseMs) / 1000) : String(ctx.seen.longestGcPauseMs / 1000));
      parts.push(`The input shows a garbage-collection pause of ${secs} s: the heap is close to full, so more heap is the memory-side remedy.`);
    } else {
      parts.push('Nothing in the text points at memory directly; look at the log of the lost process just before the timeout.');
    }
    return parts.join(' ');
  },
  suggest(ctx) {
    const out: Suggestion[] = longPauses(ctx) ? growHeap(ctx, 'shorter garbage-collection pauses on a heap with room to spare') : [];
    out.push(ctx.plan.advise('heartbeat.timeout', 'default 50000 (ms)', '120000', 'tolerates longer pauses while the cause is fixed; treats the symptom, not the cause'));
    return out;
  },
});
