import { defineRule } from '../src/engine/types.js';
import { smallestLimit } from '../src/config/limits.js';
import { findFix } from '../src/model/fix-search.js';
import { applyChanges, healthy } from '../src/model/trial.js';
import { formatSizeForConfig, parseMemorySize } from '../src/primitives/memory-size.js';
import { atLeast } from '../src/primitives/version.js';

/** The sizes Flink's distribution ships in its default configuration file. */
const PROCESSES = [
  {
    process: 'taskmanager',
    key: 'taskmanager.memory.process.size',
    shipped: '1728m',
    since: '1.10',
  },
  { process: 'jobmanager', key: 'jobmanager.memory.process.size', shipped: '1600m', since: '1.11' },
] as const;

export default defineRule({
  id: 'no-total-memory-configured',
  severity: 'error',
  description:
    'Neither a total memory size nor the required fine-grained sizes are set for the TaskManager or JobManager',
  rationale:
    'Flink sizes a process from one of three starting points: the total process memory, the total Flink memory, or the ' +
    'fine-grained sizes (task heap and managed memory for a TaskManager, the heap for a JobManager). None of them has a ' +
    'default, so a configuration without any of them stops the process at start-up. The shipped configuration file sets ' +
    'the process sizes, which is easy to lose when a file is written from scratch.',
  messages: {
    taskmanager:
      'no TaskManager memory size is set: set "taskmanager.memory.process.size", "taskmanager.memory.flink.size", or both "taskmanager.memory.task.heap.size" and "taskmanager.memory.managed.size"',
    jobmanager:
      'no JobManager memory size is set: set "jobmanager.memory.process.size", "jobmanager.memory.flink.size" or "jobmanager.memory.heap.size"',
  },
  remediation:
    'Set taskmanager.memory.process.size and jobmanager.memory.process.size (Flink ships 1728m and 1600m).',
  fixable: true,
  check(ctx) {
    // Local execution needs no total: Flink fills in its own sizes.
    if (ctx.target === 'local') return;
    // The operator's own configuration: defaults under deployments whose specs set the memory.
    if (ctx.doc.operatorDefaults) return;
    // Keys of a file that did not parse as a mapping are not reliably known: config-syntax reports
    // the file.
    if (ctx.doc.problems.some((p) => p.kind === 'yaml-syntax' || p.kind === 'non-mapping-root'))
      return;
    for (const p of PROCESSES) {
      if (!atLeast(ctx.version, p.since)) continue;
      const result = ctx.memory[p.process];
      // Read the model's verdict, which already applied the legacy heap keys of this target.
      if (result.ok || result.failure.check !== 'no-total-memory') continue;
      // The shipped size, unless other settings (a large task heap) need more: then the model's own
      // search.
      // A container limit below the shipped size caps it, or the fix would trade this error for an
      // OOM kill.
      const limit = smallestLimit(ctx.doc, p.process, ctx.containerMemory);
      const shippedBytes = parseMemorySize(p.shipped);
      const capped = limit !== null && limit < shippedBytes;
      const shipped = { [p.key]: capped ? formatSizeForConfig(limit) : p.shipped };
      // Under a container limit, the limit is the size (if the process starts with it); otherwise
      // it must also leave a usable heap.
      const derived = ctx.deriveWith(shipped)[p.process];
      const usable = capped
        ? derived.ok
        : healthy(applyChanges(ctx.rawConfig(), shipped), p.process, derived);
      const found = usable
        ? shipped
        : findFix(ctx.rawConfig(), p.process, { version: ctx.version, target: ctx.target })
            ?.changes;
      const fix = found && ctx.deriveWith(found)[p.process].ok ? found : undefined;
      ctx.report({ messageId: p.process, key: p.key, ...(fix ? { fix } : {}) });
    }
  },
});
