import { defineSignature } from '../signature.js';
import { docs } from '../docs.js';
import { growHeap, whichProcess } from '../suggest.js';
import type { SuggestContext, Suggestion } from '../types.js';
import { LONG_PAUSE_MS } from './gc-overhead.js';

/**
 * A timeout that names its peer ("heartbeat of JobManager ... timed out") is logged by the other
 * process: a long pause seen in the same log froze the process that wrote it, not the peer.
 */
const pauseOfWriter = (ctx: SuggestContext) =>
  ctx.facts.peer !== undefined && ctx.seen.longestGcPauseMs >= LONG_PAUSE_MS;
const longPauses = (ctx: SuggestContext) =>
  !pauseOfWriter(ctx) && ctx.seen.longestGcPauseMs >= LONG_PAUSE_MS;

export default defineSignature({
  id: 'heartbeat-timeout',
  title: 'Heartbeat timed out',
  recognises: [
    'heartbeat timeouts of a TaskManager, the JobManager or the ResourceManager',
    'listed after the memory failure that caused it (a heap that ran out, long garbage-collection pauses), as its consequence',
    'not a memory failure when the input shows an RPC address problem (`non-local recipient`, an unresolved ResourceManager address, a failed association with the remote system)',
  ],
  rank: 50,
  keywords: ['timed out', 'heartbeat', '心跳'],
  patterns: [
    {
      re: /Heartbeat of TaskManager with id (?<peer>\S+?)\s+(?:has )?timed out/i,
      component: 'taskmanager',
    },
    {
      re: /heartbeat of JobManager with id (?<peer>\S+?)\s+(?:has )?timed out/i,
      component: 'jobmanager',
    },
    {
      re: /heartbeat of ResourceManager with (?:id|address) (?<peer>\S+?)\s+(?:has )?timed out/i,
      component: 'jobmanager',
    },
    {
      re: /心跳.{0,4}(?:超时|丢失)|丢失心跳|heartbeats?\s{1,3}(?:timeout|timed?[ -]?out|times out)|\bheartbeats? (?:of|from|with|to) (?:the |a )?(?:task ?managers?|job ?managers?|resource ?manager|TMs?|JMs?)\b[^.]{0,20}?\btimed? ?out\b/i,
      strength: 'weak',
    },
  ],
  component: 'infer',
  options: [
    'heartbeat.timeout',
    'taskmanager.memory.task.heap.size',
    'jobmanager.memory.heap.size',
  ],
  docs: [docs.option('heartbeat.timeout'), docs.trouble('outofmemoryerror-java-heap-space')],
  summary: (ctx) =>
    `${whichProcess(ctx).replace(/^./, (c) => c.toUpperCase())} stopped answering heartbeats`,
  explain(ctx) {
    const parts = [
      'A process that misses heartbeats for longer than heartbeat.timeout (50 s by default) is declared lost and its tasks fail. The usual causes are: the process died (check for OOMKilled, exit code 137 or an OutOfMemoryError at the same time), long stop-the-world garbage collection on a nearly full heap, or an overloaded host or network.',
    ];
    if (pauseOfWriter(ctx)) {
      parts.push(
        `The input also shows a garbage-collection pause of ${ctx.seen.longestGcPauseMs / 1000} s in the process that wrote this log. A process frozen that long misses its peers' heartbeats too, so this timeout is most likely a consequence of that pause rather than a problem of ${whichProcess(ctx)}: give the paused process more heap (see the pause above).`,
      );
    } else if (longPauses(ctx)) {
      parts.push(
        `The input shows a garbage-collection pause of ${ctx.seen.longestGcPauseMs / 1000} s: the heap is close to full, so more heap is the memory-side remedy.`,
      );
    } else {
      parts.push(
        'Nothing in the text points at memory directly; look at the log of the lost process just before the timeout.',
      );
    }
    return parts.join(' ');
  },
  suggest(ctx) {
    const out: Suggestion[] = longPauses(ctx)
      ? growHeap(ctx, 'shorter garbage-collection pauses on a heap with room to spare')
      : [];
    out.push(
      ctx.plan.advise(
        'heartbeat.timeout',
        'default 50000 (ms)',
        '120000',
        'tolerates longer pauses while the cause is fixed; treats the symptom, not the cause',
      ),
    );
    return out;
  },
});
