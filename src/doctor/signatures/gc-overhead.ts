import { defineSignature } from '../signature.js';
import { docs } from '../docs.js';
import { LOCAL_RUN, growHeap, whichProcess, whichProcessAtStart } from '../suggest.js';
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
    '`OutOfMemoryError: GC overhead limit exceeded`',
    "garbage-collection pauses of 5 s or more (G1 and unified GC logs, older GC logs, Flink's JVM pause monitor): the memory cause of the heartbeat timeouts that usually follow",
    'descriptions of frequent full GCs in English or Chinese (频繁 Full GC), also next to a heartbeat timeout, which is then listed as its consequence',
    "a full GC every few minutes, an old generation that is full or never empties (老年代占满), long GC times (GC时间过长) in someone's words",
  ],
  rank: 20,
  keywords: [
    'never goes down',
    'never drops',
    'never empties',
    'never shrinks',
    '%',
    '居高不下',
    '回收不掉',
    '降不下来',
    'gc overhead',
    'full gc',
    '频繁',
    ' gc',
    'gc pause',
    'pause full',
    'pause young',
    'pause remark',
    'pause of approximately',
    'fullgc',
    'full-gc',
    'fgc',
    'old gen',
    'old space',
    '老年代',
    ' old ',
    'vm old',
    'gc时间',
    'gc 时间',
    '垃圾回收',
    'long gc',
    'gc',
  ],
  patterns: [
    { re: /GC overhead limit exceeded/i },
    {
      re: /(?:Full GC|GC pause)[^\n]{0,400}?\b(?<pauseSecs>(?:[5-9]|\d{2,9})\.\d{1,9}) secs\]/i,
      variant: 'gc-pause',
    },
    {
      re: /Pause (?:Full|Young|Remark|Cleanup|Mixed)\b[^\n]{0,400}?\s(?<pauseMs>(?:[5-9]\d{3}|\d{5,12})(?:\.\d{1,9})?)ms\b/i,
      variant: 'gc-pause',
    },
    { re: /pause of approximately (?<pauseMs>(?:[5-9]\d{3}|\d{5,12}))ms/i, variant: 'gc-pause' },
    {
      re: /频繁.{0,4}(?:Full ?[GF]C|GC)|(?:Full ?GC|GC).{0,4}频繁/i,
      strength: 'weak',
      variant: 'frequent',
    },
    {
      re: /\b(?:frequent|constant|continuous|repeated|back-to-back)\s{1,3}(?:full\s?GCs?|GCs?)\b|\bfull\s?GCs?\b.{0,30}\b(?:every (?:few |couple of |\d{1,3}(?:\s?-\s?\d{1,3})? )?(?:second|minute|hour)s?|all the time|constantly)\b/i,
      strength: 'weak',
      variant: 'frequent',
    },
    {
      re: /每\s{0,2}\d{0,3}(?:\s?[-~～到]\s?\d{1,3})?\s{0,2}个?(?:分钟|小时|秒)[^。，,]{0,10}(?:full ?gc|fgc)|(?:full ?gc|fgc)[^。；]{0,80}?频繁/i,
      strength: 'weak',
      variant: 'frequent',
    },
    {
      re: /\bold (?:gen(?:eration)?|space)\b[^。.;]{0,30}?(?:\bfull\b|never (?:empties|emptied|freed|released|shrinks|goes down|drops)|not (?:freed|released|reclaimed|cleared)|keeps? (?:growing|increasing)|\b(?:9\d|100) ?%)|老年代.{0,10}(?:满|占满|被占用|不释放|回收不掉|一直增长|持续增长|居高不下|(?:9\d|100)\s?%)|\bold\b.{0,8}被(?:全部)?占用/i,
      strength: 'weak',
      variant: 'frequent',
    },
    // A heap that stays full: what an old generation that never empties looks like on a heap graph.
    {
      re: /\bheap(?: usage)?\b[^。.;]{0,30}?(?:never (?:goes down|drops|empties|shrinks)|stays? (?:at|near|above|around) (?:9\d|100) ?%|\b(?:reaches|reached|hits|hit) (?:9\d|100) ?%)|堆内存?.{0,10}(?:居高不下|一直(?:在|是)? ?(?:9\d|100)\s?%|回收不掉|降不下来)/i,
      strength: 'weak',
      variant: 'frequent',
    },
    // A pause given in someone's words: "full GC takes 30 seconds", "GC 停顿 20 秒".
    {
      re: /\b(?:full ?GCs?|GC pauses?|GCs?)\s(?:takes?|took|lasts?|lasted|of|runs? for|ran for)\s(?:about\s|over\s|more than\s|up to\s|around\s)?(?:[5-9]|\d{2,4})(?:\.\d{1,3})?\s?(?:s|secs?|seconds)\b|(?:full ?gc|fgc|\bgc)\s{0,2}(?:一次)?\s{0,2}(?:耗时|停顿|暂停|时间|要|需要)\s{0,2}(?:达到|长达|超过)?\s{0,2}(?:[5-9]|\d{2,4})(?:\.\d{1,3})?\s{0,2}(?:秒|s\b)/i,
      strength: 'weak',
      variant: 'frequent',
    },
    {
      re: /\bGC\b[^.。]{0,30}?\blong pauses?\b|(?:full ?gc|fgc|\bGC|垃圾回收).{0,6}(?:时间|耗时)(?:过长|很长|太长|较长)|\blong (?:full )?GC(?: pauses?| times?)?\b|\b(?:frequent(?:ly)?|constant(?:ly)?|continuous(?:ly)?|repeated(?:ly)?)\b[^.]{0,30}?\b(?:full\s?GCs?|GCs?|garbage collections?)\b|\balways (?:execut(?:e|es|ing)|do(?:es|ing)?|run(?:s|ning)?) (?:full )?GCs?\b|\b(?:keeps?|kept) (?:doing|running) (?:full )?GCs?\b/i,
      strength: 'weak',
      variant: 'frequent',
    },
  ],
  component: 'infer',
  options: [
    'taskmanager.memory.task.heap.size',
    'taskmanager.memory.process.size',
    'jobmanager.memory.heap.size',
  ],
  docs: [
    docs.trouble('outofmemoryerror-java-heap-space'),
    docs.setupTm('task-operator-heap-memory'),
    docs.option('heartbeat.timeout'),
  ],
  summary: (ctx) =>
    ctx.variant === 'gc-pause'
      ? `${whichProcessAtStart(ctx)} stopped for long garbage-collection pauses (${pauseSecs(ctx)} s)`
      : ctx.variant === 'frequent'
        ? `The heap of ${whichProcess(ctx)} is nearly full: it collects garbage all the time`
        : `The JVM of ${whichProcess(ctx)} spent nearly all its time collecting garbage`,
  explain(ctx) {
    if (ctx.seen.local) return LOCAL_RUN;
    const parts =
      ctx.variant === 'gc-pause'
        ? [
            `A stop-the-world garbage collection of ${pauseSecs(ctx)} s means the heap is close to full of live objects. While it runs the process answers nothing: pauses this long make it miss heartbeats (heartbeat.timeout is 50 s by default, and several pauses in a row add up), so its peers declare it lost and its tasks fail. The heap is the cause; a heartbeat timeout at the same time is the consequence.`,
            'Give the process more heap; if live data keeps growing without bound (state kept on the heap, caches, collections in user code), more heap only delays the failure.',
          ]
        : ctx.variant === 'frequent'
          ? [
              'Full collections that come again and again, or an old generation that stays full after them, mean the heap holds more live objects than it has room for: the JVM spends its time collecting and frees little. Long pauses follow (missed heartbeats, back pressure), then an OutOfMemoryError.',
              'Give the process more heap; if live data keeps growing without bound (state kept on the heap, caches, collections in user code), more heap only delays the failure, and a heap dump shows what grows.',
            ]
          : [
              'The JVM gives up when garbage collection takes almost all of its time and frees almost nothing: the heap is full of live objects, so this is a heap shortage seen early.',
              'Give the process more heap; if live data keeps growing without bound (state kept on the heap, caches, collections in user code), more heap only delays the failure.',
            ];
    return parts.join(' ');
  },
  suggest(ctx) {
    if (ctx.seen.local) return [];
    return growHeap(
      ctx,
      ctx.variant === 'gc-pause'
        ? 'shorter garbage-collection pauses on a heap with room to spare'
        : 'a heap that is not full of live objects',
    );
  },
});
