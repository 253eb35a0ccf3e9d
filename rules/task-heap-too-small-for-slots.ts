import { fixInManifest } from '../src/fix/manifest-changes.js';
import { defineRule } from '../src/engine/types.js';
import type { FixChanges, MemoryView } from '../src/engine/types.js';
import {
  MIB,
  formatSizeForConfig,
  formatSizeShort,
  parseMemorySize,
} from '../src/primitives/memory-size.js';
import { rawToString } from '../src/primitives/raw-value.js';

const TASK_HEAP = 'taskmanager.memory.task.heap.size';
const SLOTS = 'taskmanager.numberOfTaskSlots';
/**
 * The option that decides the task heap, by the TaskManager's derivation path, most direct first.
 */
const SIZE_KEYS = [
  TASK_HEAP,
  'taskmanager.memory.flink.size',
  'taskmanager.memory.process.size',
] as const;

export default defineRule({
  id: 'task-heap-too-small-for-slots',
  severity: 'warning',
  description: 'Task heap per slot too small for the tasks a slot runs',
  rationale:
    'All slots of a TaskManager share its task heap. Each task deserializes its input records on the heap, and a record that ' +
    'spans network buffers is assembled in a heap buffer of up to 5 MiB per input channel before Flink spills it to disk; ' +
    'user functions, heap state, timers and window contents come on top. Below 16 MiB per slot (three such buffers and little ' +
    'else) a job with a few input channels or modest records fails with "OutOfMemoryError: Java heap space" or spends its ' +
    'time in garbage collection, although the TaskManager starts. A 1 GiB TaskManager has about 25 MiB of task heap: enough ' +
    'for one slot, not for two. The threshold is the rule option minTaskHeapPerSlot.',
  messages: {
    shared:
      '{slots} slots share {taskHeap} of task heap ({perSlot} each, below {min} per slot){from}',
    single: 'the only slot gets {taskHeap} of task heap, below {min}{from}',
  },
  remediation:
    'Give the TaskManager more memory (the total process size, or the task heap) or fewer slots per TaskManager.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      minTaskHeapPerSlot: {
        type: 'string',
        pattern: '^[0-9]+ ?[a-zA-Z]*$',
        description: 'The least task heap per slot, as a Flink memory size.',
      },
    },
  },
  defaultOptions: { minTaskHeapPerSlot: '16m' },
  fixable: true,
  check(ctx) {
    if (ctx.target === 'local') return;
    const tm = ctx.memory.taskmanager;
    if (!tm.ok || tm.path === 'local') return;
    const slotsEntry = ctx.entry(SLOTS);
    const slots = BigInt(tm.slots);
    let min: bigint;
    try {
      min = parseMemorySize(String(ctx.options['minTaskHeapPerSlot']));
    } catch {
      return; // the linter config's schema admits only sizes
    }
    const needed = min * slots;
    if (tm.sizes.taskHeap >= needed) return;
    const sizeEntry = SIZE_KEYS.map((k) => ctx.entry(k)).find((e) => e !== undefined);
    const entry = sizeEntry ?? slotsEntry;
    if (!entry) return;
    const from =
      sizeEntry && sizeEntry.key !== TASK_HEAP
        ? `, derived from "${sizeEntry.key}" (${sizeEntry.text})`
        : '';
    const raised = sizeEntry
      ? raise(ctx, sizeEntry.key, rawToString(sizeEntry.value), needed)
      : undefined;
    const fix = raised && fixInManifest(ctx.doc, raised);
    const data = {
      slots: String(slots),
      taskHeap: formatSizeShort(tm.sizes.taskHeap),
      perSlot: formatSizeShort(tm.sizes.taskHeap / slots),
      min: formatSizeShort(min),
      from,
    };
    ctx.report({
      messageId: slots === 1n ? 'single' : 'shared',
      entry,
      key: entry.key,
      data,
      ...(fix ? { fix } : {}),
    });
  },
});

/**
 * The smallest whole-MiB value of the size option that gives at least `needed` task heap, checked
 * with the model (task heap grows with each total, so a binary search finds it); none past 16x.
 */
function raise(
  ctx: { deriveWith(c: FixChanges): MemoryView },
  key: string,
  value: string,
  needed: bigint,
): FixChanges | undefined {
  let current: bigint;
  try {
    current = parseMemorySize(value);
  } catch {
    return undefined;
  }
  const heapWith = (mib: bigint) => {
    const tm = ctx.deriveWith({ [key]: formatSizeForConfig(mib * MIB) }).taskmanager;
    return tm.ok ? tm.sizes.taskHeap : -1n;
  };
  let lo = current / MIB + 1n;
  let hi = lo * 16n;
  if (heapWith(hi) < needed) return undefined;
  while (lo < hi) {
    const mid = (lo + hi) / 2n;
    if (heapWith(mid) >= needed) hi = mid;
    else lo = mid + 1n;
  }
  return { [key]: formatSizeForConfig(lo * MIB) };
}
