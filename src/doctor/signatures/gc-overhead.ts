import { defineSignature } from '../signature.js';
import { docs } from '../docs.js';
import { LOCAL_RUN, growHeap, whichProcess, WhichProcess } from '../suggest.js';
import type { SuggestContext } from '../types.js';

/** A stop-the-world pause this long makes a process miss heartbeats and look dead to its peers. */
export const LONG_PAUSE_MS = 5000;

function pauseSecs(ctx: SuggestContext): string {
  if (ctx.facts.pauseSecs) return ctx.facts.pauseSecs;
  if (ctx.facts.pauseMs) return String(Number(ctx.facts.pauseMs) / 1000);
  return String(ctx.seen.longestGcPauseMs / 1000);
}

export default defineSignature({
  id: 'gc-overhead',
  title: 'Garbage collection overhead: the heap is (nearly) full',
  recognises: [
    "`OutOfMemoryError: GC overhead limit exceeded`",
    "garbage-collection pauses of 5 s or more (G1 and unified GC logs, older GC logs, Flink's JVM pause monitor): the memory cause of the heartbeat timeouts that usually follow",
    "descriptions of frequent full GCs in English or Chinese (频繁 Full GC), also next to a heartbeat timeout, which is then listed as its consequence",
  ],
  rank: 20,
  keywords: ['gc overhead', 'full gc', '频繁', ' gc', 'gc pause', 'pause full', 'pause young', 'pause remark', 'pause of approximately'],
  patterns: [
    { re: /GC overhead limit exceeded/i },
    { re: /(?:Full GC|GC pause)[^\n]*?\b(?<pauseSecs>(?:[5-9]|\d{2,})\.\d+) secs\]/i, variant: 'gc-pause' },
    { re: /Pause (?:Full|Young|Remark|Cleanup|Mixed)\b[^\n]*?\s(?<pauseMs>(?:[5-9]\d{3}|\d{5,})(?:\.\d+)?)ms\b/i, variant: 'gc-pause' },
    { re: /pause of approximately (?<pauseMs>(?:[5-9]\d{3}|\d{5,}))ms/i, variant: 'gc-pause' },
    { re: /频繁.{0,4}(?:Full ?GC|GC)|(?:Full ?GC|GC).{0,4}频繁/i, strength: 'weak' },
    { re: /\b(?:frequent|constant|continuous|repeated|back-to-back)\s{1,3}(?:full\s?GCs?|GCs?)\b|\bfull\s?GCs?\b.{0,30}\b(?:every (?:few )?(?:second|minute)s?|all the time|constantly)\b/i, strength: 'weak' },
  ],
  component: 'infer',
  options: ['taskmanager.memory.task.heap.size', 'taskmanager.memory.process.size', 'jobmanager.memory.heap.size'],
  docs: [docs.trouble('outofmemoryerror-java-heap-space'), docs.setupTm('task-operator-heap-memory'), docs.option('heartbeat.timeout')],
  summary: (ctx) =>
    ctx.variant === 'gc-pause'
      ? `${WhichProcess(ctx)} stopped for long garbage-collection pauses (${pauseSecs(ctx)} s)`
      : `The JVM of ${whichProcess(ctx)} spent nearly all its time collecting garbage`,
  explain(ctx) {
    if (ctx.seen.local) return LOCAL_RUN;
    const parts =
      ctx.variant === 'gc-pause'
        ? [
            `A stop-the-world garbage collection of ${pauseSecs(ctx)} s means the heap is close to full of live objects. While it runs the process answers nothing: pauses this long make it miss heartbeats (heartbeat.timeout is 50 s by default, and several pauses in a row add up), so its peers declare it lost and its tasks fail. The heap is the cause; a heartbeat timeout at the same time is the consequence.`,
            'Give the process more heap; if live data keeps growing without bound (state kept on the heap, caches, collections in user code), more heap only delays the failure.',
          ]
        : [
            'The JVM gives up when garbage collection takes almost all of its time and frees almost nothing: the heap is full of live objects, so this is a heap shortage seen early.',
            'Give the process more heap; if live data keeps growing without bound (state kept on the heap, caches, collections in user code), more heap only delays the failure.',
          ];
    return parts.join(' ');
  },
  suggest(ctx) {
    if (ctx.seen.local) return [];
    return growHeap(ctx, ctx.variant === 'gc-pause' ? 'shorter garbage-collection pauses on a heap with room to spare' : 'a heap that is not full of live objects');
  },
});
