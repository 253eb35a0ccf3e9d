import { defineSignature } from '../signature.js';
import { docs } from '../docs.js';
import { MIB } from '../../primitives/memory-size.js';
import { ceilTo, fmt, stepUp } from '../quantities.js';
import { growManaged } from '../suggest.js';
import type { Facts, SuggestContext, Suggestion } from '../types.js';

const big = (facts: Facts, name: string): bigint | null =>
  facts[name] !== undefined ? BigInt(facts[name]) : null;

/**
 * Managed memory the TaskManager needs, from the error's numbers. Each slot gets managed / slots;
 * "could not allocate X bytes, only Y remaining" means a slot was X - Y short, so every slot needs
 * that much more. A page count without bytes counts as that many pages short; a shared resource
 * of size S needs S in every slot.
 */
export function managedNeed(
  facts: Facts,
  today: { managed: bigint; slots: number; pageSize: bigint },
): bigint | null {
  const slots = BigInt(Math.max(1, today.slots));
  const requested = big(facts, 'bytesRequested');
  const remaining = big(facts, 'bytesRemaining');
  const pages = big(facts, 'pages');
  const shared = big(facts, 'sharedSize');
  let need: bigint | null = null;
  if (requested !== null && remaining !== null)
    need = today.managed + (requested - remaining) * slots;
  else if (pages !== null) need = today.managed + pages * today.pageSize * slots;
  else if (shared !== null)
    need = today.managed / slots < shared ? shared * slots : today.managed + shared * slots;
  return need === null ? null : ceilTo(need, MIB);
}

const WEIGHTS = 'taskmanager.memory.managed.consumer-weights';
const DEFAULT_WEIGHTS = 'OPERATOR:70,STATE_BACKEND:70,PYTHON:30';

function weights(ctx: SuggestContext): Suggestion[] {
  const key = WEIGHTS;
  // Without a configuration the weights the process ran with are unknown: every kind needs one.
  if (!ctx.withConfig)
    return [
      ctx.plan.advise(
        key,
        'not in the text',
        DEFAULT_WEIGHTS,
        "Flink's default, which gives every kind of consumer a share; keep any kind the job uses above 0",
      ),
    ];
  // The configuration leaves Flink's default, which has every kind: the process read other weights.
  if (!ctx.plan.isSet('taskmanager', key)) return [];
  const current = ctx.plan.valueText('taskmanager', key) ?? '';
  const defaults = DEFAULT_WEIGHTS;
  const have = new Map(
    current.split(',').map((e) => e.split(':').map((x) => x.trim()) as [string, string]),
  );
  const merged = defaults.split(',').map((e) => {
    const [k] = e.split(':') as [string, string];
    const w = have.get(k);
    return w !== undefined && w !== '0' ? `${k}:${w}` : e;
  });
  return [
    ctx.plan.advise(
      key,
      current,
      merged.join(','),
      'every kind of consumer the job uses needs a weight above 0, or it gets no managed memory at all',
    ),
  ];
}

export default defineSignature({
  id: 'managed-memory-insufficient',
  title: 'Not enough managed memory in a slot',
  recognises: [
    '`MemoryAllocationException: Could not allocate N pages` and `Could not allocate N bytes, only M bytes are remaining`',
    "`Could not created the shared memory resource of size N` (RocksDB's shared cache in a slot)",
    "batch operators with too small a share of managed memory: `Too little memory provided to sorter`, `Too few memory segments provided. Hash Join needs at least N memory segments`, `Cannot write record to fresh sort buffer. Record too large` (one record larger than a batch sorter's or combiner's buffer), and descriptions of a sort, hash join or aggregation whose memory allocation failed",
    '`The fraction of memory to allocate should not be 0`: a RocksDB or Python consumer with no weight in `taskmanager.memory.managed.consumer-weights`',
    'descriptions in English or Chinese (托管内存不足)',
  ],
  rank: 20,
  keywords: [
    'could not allocate',
    'too little memory provided to sorter',
    'too few memory segments',
    'memory allocation failed',
    'failed to allocate',
    'more buffers',
    'more memory segments',
    'more managed memory',
    '内存分配失败',
    '内存不足',
    '内存不够',
    'shared memory resource',
    'fraction of memory to allocate',
    "slot's managed memory",
    'memoryallocationexception',
    '托管内存',
    'managed memory',
    'fresh sort buffer',
  ],
  patterns: [
    {
      re: /Could not allocate (?<bytesRequested>\d+) bytes, only (?<bytesRemaining>\d+) bytes are remaining/i,
    },
    {
      re: /Could not created? the shared memory resource of size (?<sharedSize>\d+)/i,
      variant: 'shared',
    },
    { re: /Could not allocate (?<pages>\d+) pages/i },
    { re: /The fraction of memory to allocate should not be 0/i, variant: 'weights' },
    { re: /Not enough memory left to reserve from the slot's managed memory/i, variant: 'shared' },
    { re: /MemoryAllocationException/ },
    // Batch operators that got too small a share of their slot's managed memory.
    {
      re: /Too little memory provided to sorter to perform task\. Required are at least (?<minPages>\d{1,12}) pages\. Current page size is (?<pageBytes>\d{1,12}) bytes/i,
      variant: 'batch-operator',
    },
    {
      re: /Too little memory provided to sorter to perform task\. Required are at least (?<minBytes>\d{1,19}) bytes\. Current memory size is (?<gotBytes>\d{1,19}) bytes/i,
      variant: 'batch-operator',
    },
    { re: /Too little memory provided to sorter/i, variant: 'batch-operator' },
    {
      re: /Too few memory segments provided\. Hash Join needs at leas?t? (?<minPages>\d{1,12}) memory segments/i,
      variant: 'batch-operator',
    },
    // A batch hash table asking for more pages than its share of managed memory holds.
    { re: /More buffers requested available than totally available/i, variant: 'batch-operator' },
    // One record larger than a batch sorter's or combiner's whole sort buffer, which is cut from
    // managed memory.
    {
      re: /Cannot write record to fresh sort buffer\. Record too large/i,
      variant: 'batch-operator',
    },
    {
      re: /\b(?:memory allocation failed|failed to allocate (?:managed )?memory)\b.{0,80}\b(?:sort|hash|join|aggregat|batch|operator)|\b(?:sort(?:er|ing)?|hash ?join|hash table|aggregat\w{0,5}|batch (?:job|operator)s?)\b.{0,80}\b(?:memory allocation failed|failed to allocate memory|needs? more (?:buffers|memory segments|managed memory))|(?:排序|哈希|hash ?join|批处理|聚合).{0,20}(?:内存分配失败|内存(?:不足|不够))/i,
      strength: 'weak',
      variant: 'batch-operator',
    },
    {
      re: /托管内存.{0,6}(?:不足|不够|满)|managed memory (?:is )?(?:insufficient|not enough|exhausted|full)|(?:内存满了|内存不足|内存不够)[^。\n]{0,200}?managed ?memory/i,
      strength: 'weak',
    },
  ],
  details: [
    /Could not allocate (?<bytesRequested>\d+) bytes, only (?<bytesRemaining>\d+) bytes are remaining/i,
    /Could not allocate (?<pages>\d+) pages/i,
  ],
  component: 'taskmanager',
  options: [
    'taskmanager.memory.managed.size',
    'taskmanager.memory.managed.fraction',
    'taskmanager.memory.managed.consumer-weights',
  ],
  docs: [
    docs.setupTm('managed-memory'),
    docs.option('taskmanager.memory.managed.consumer-weights'),
  ],
  summary: (ctx) =>
    ctx.variant === 'weights'
      ? 'An operator got no managed memory because its kind of consumer has no weight'
      : 'An operator could not get the managed memory it needs in its slot',
  explain(ctx) {
    if (ctx.variant === 'weights') {
      const parts = [
        'Managed memory is shared between consumer kinds by taskmanager.memory.managed.consumer-weights: OPERATOR (batch sorting, hashing, joins), STATE_BACKEND (RocksDB) and PYTHON (Python workers). A kind the job uses has weight 0 or is missing, so its share is 0 and the operator cannot start.',
      ];
      if (ctx.seen.python)
        parts.push('The text shows Python: the PYTHON weight is the likely one.');
      else if (ctx.seen.rocksdb)
        parts.push('The text shows RocksDB: the STATE_BACKEND weight is the likely one.');
      if (ctx.withConfig && !ctx.plan.isSet('taskmanager', WEIGHTS)) {
        parts.push(
          `Your configuration does not set the weights, and Flink's default (${DEFAULT_WEIGHTS}) gives every kind a share: the failing process read other weights (dynamic properties, another file, the job's own configuration).`,
        );
      }
      return parts.join(' ');
    }
    const managed = ctx.plan.size('taskmanager', 'managed');
    const slots = ctx.plan.slots();
    const parts = [
      `Each slot gets an equal part of the TaskManager's managed memory${managed !== null ? ` (${fmt(managed)} over ${slots} slot${slots === 1 ? '' : 's'})` : ''}, used by batch sorting and hashing, RocksDB and Python workers. An operator (or a shared resource like RocksDB's cache) asked for more than its slot had left.`,
    ];
    if (ctx.facts.bytesRequested)
      parts.push(
        `It asked for ${fmt(BigInt(ctx.facts.bytesRequested))} with ${fmt(BigInt(ctx.facts.bytesRemaining ?? '0'))} remaining.`,
      );
    if (ctx.variant === 'batch-operator') {
      const min =
        ctx.facts.minPages && ctx.facts.pageBytes
          ? BigInt(ctx.facts.minPages) * BigInt(ctx.facts.pageBytes)
          : ctx.facts.minBytes
            ? BigInt(ctx.facts.minBytes)
            : null;
      parts.push(
        `A batch operator (sort, hash join, hash aggregation) runs on its share of the slot's managed memory${min !== null ? `, and its share was below the ${fmt(min)} it needs to run at all` : ''}. Managed memory is the fix, not the heap: the operator spills to disk when its share is small, but it cannot start below its minimum.`,
      );
    }
    parts.push('Fewer slots per TaskManager also gives each slot more.');
    return parts.join(' ');
  },
  suggest(ctx) {
    if (ctx.variant === 'weights') return weights(ctx);
    const managed = ctx.plan.size('taskmanager', 'managed');
    if (managed === null) return [];
    const page = ctx.plan.bytes('taskmanager', 'taskmanager.memory.segment-size') ?? 32768n;
    const need = managedNeed(ctx.facts, { managed, slots: ctx.plan.slots(), pageSize: page });
    const target = need !== null && need > managed ? need : stepUp(managed);
    const reason =
      need !== null
        ? `covers what each slot was short by, from the error's numbers (${fmt(managed)} -> ${fmt(target)})`
        : `is a step up (${fmt(managed)} -> ${fmt(target)})`;
    return growManaged(ctx, target, reason);
  },
});
