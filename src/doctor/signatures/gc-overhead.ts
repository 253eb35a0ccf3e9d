import { defineSignature } from '../signature.js';
import { docs } from '../docs.js';
import { LOCAL_RUN, growHeap, whichProcess } from '../suggest.js';

export default defineSignature({
  id: 'gc-overhead',
  title: 'Garbage collection overhead limit exceeded',
  recognises: [
    "`OutOfMemoryError: GC overhead limit exceeded`",
    "descriptions of frequent full GCs (频繁 Full GC)",
  ],
  rank: 20,
  keywords: ['gc overhead', 'full gc', '频繁'],
  patterns: [
    { re: /GC overhead limit exceeded/i },
    { re: /频繁.{0,4}(?:Full ?GC|GC)|(?:Full ?GC|GC).{0,4}频繁/i, strength: 'weak' },
  ],
  component: 'infer',
  options: ['taskmanager.memory.task.heap.size', 'taskmanager.memory.process.size', 'jobmanager.memory.heap.size'],
  docs: [docs.trouble('outofmemoryerror-java-heap-space'), docs.setupTm('task-operator-heap-memory')],
  summary: (ctx) => `The JVM of ${whichProcess(ctx)} spent nearly all its time collecting garbage`,
  explain(ctx) {
    if (ctx.seen.local) return LOCAL_RUN;
    const parts = [
      'The JVM gives up when garbage collection takes almost all of its time and frees almost nothing: the heap is full of live objects, so this is a heap shortage seen early.',
      'Give the process more heap; if live data keeps growing without bound (state kept on the heap, caches, collections in user code), more heap only delays the failure.',
    ];
    return parts.join(' ');
  },
  suggest(ctx) {
    if (ctx.seen.local) return [];
    return growHeap(ctx, 'a heap that is not full of live objects');
  },
});
