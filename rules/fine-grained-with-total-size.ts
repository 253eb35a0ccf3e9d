import type { ConfigEntry } from '../src/config/types.js';
import { defineRule } from '../src/engine/types.js';
import { parseMemorySize } from '../src/primitives/memory-size.js';
import { rawToString } from '../src/primitives/raw-value.js';
import { atLeast } from '../src/primitives/version.js';

/**
 * The fine-grained sizes that alone make Flink take its fine-grained path, and the totals that then
 * over-determine it.
 */
const PROCESSES = [
  {
    process: 'taskmanager',
    fine: ['taskmanager.memory.task.heap.size', 'taskmanager.memory.managed.size'],
    processKey: 'taskmanager.memory.process.size',
    flinkKey: 'taskmanager.memory.flink.size',
    since: '1.10',
  },
  {
    process: 'jobmanager',
    fine: ['jobmanager.memory.heap.size'],
    processKey: 'jobmanager.memory.process.size',
    flinkKey: 'jobmanager.memory.flink.size',
    since: '1.11',
  },
] as const;

const quoted = (e: ConfigEntry) => `"${e.key}" (${e.text})`;

function bytes(e: ConfigEntry | undefined): bigint | null {
  try {
    return e ? parseMemorySize(rawToString(e.value)) : null;
  } catch {
    return null;
  }
}

export default defineRule({
  id: 'fine-grained-with-total-size',
  severity: 'warning',
  description:
    'Task heap and managed memory (or the JobManager heap) are set together with a total memory size',
  rationale:
    'Once the fine-grained sizes are set, Flink derives the process from them and a total size only constrains the rest: ' +
    'network memory or JVM overhead become whatever remains and must still fall inside their ranges. The configuration is ' +
    "over-determined and breaks as soon as any one size changes. Flink's documentation advises setting either the " +
    'fine-grained sizes or a total, not both.',
  messages: {
    taskmanager:
      '{fine} are set together with {totals}: network memory and JVM overhead become leftovers that must still fit their ranges; set either the fine-grained sizes or a total',
    jobmanager:
      '{fine} is set together with {totals}: off-heap memory and JVM overhead become leftovers that must still fit; set either the heap or a total',
  },
  remediation:
    'Remove the total memory sizes and keep the fine-grained sizes, or remove the fine-grained sizes and keep one total.',
  fixable: true,
  check(ctx) {
    // Local execution ignores the totals.
    if (ctx.target === 'local') return;
    for (const p of PROCESSES) {
      if (!atLeast(ctx.version, p.since)) continue;
      const fine = p.fine.map((k) => ctx.entry(k));
      const processEntry = ctx.entry(p.processKey);
      const flinkEntry = ctx.entry(p.flinkKey);
      if (fine.some((e) => !e) || (!processEntry && !flinkEntry)) continue;
      const totals = [processEntry, flinkEntry].filter((e): e is ConfigEntry => e !== undefined);
      const at = totals[0]!;
      // Removing the totals is a fix only if the process still starts and does not grow beyond the
      // configured total.
      const fix = Object.fromEntries(totals.map((e) => [e.key, null]));
      const after = ctx.deriveWith(fix)[p.process];
      const limit = bytes(processEntry) ?? bytes(flinkEntry);
      const grown =
        !after.ok ||
        limit === null ||
        (processEntry ? after.sizes.totalProcess : after.sizes.totalFlink) > limit;
      const fromSpec = totals.some((e) => e.source === 'operator-resource');
      ctx.report({
        messageId: p.process,
        entry: at,
        key: at.key,
        data: {
          fine: fine.map((e) => quoted(e!)).join(' and '),
          totals: totals.map(quoted).join(' and '),
        },
        ...(grown || fromSpec ? {} : { fix }),
      });
    }
  },
});
