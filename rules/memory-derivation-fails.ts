import { fixInManifest } from '../src/fix/manifest-changes.js';
import type { RuleContext } from '../src/engine/types.js';
import { defineRule } from '../src/engine/types.js';
import { findFix } from '../src/model/fix-search.js';
import type { MemoryFailure } from '../src/model/compute.js';
import { formatSizeShort } from '../src/primitives/memory-size.js';
import { explainFailure } from '../src/model/reasons.js';

/**
 * Failures other rules report more precisely, at the offending value: reporting them here as
 * well would say the same thing twice.
 */
const COVERED_ELSEWHERE = new Set([
  'no-total-memory', // no-total-memory-configured
  'invalid-fraction-range', // fraction-out-of-range, range-min-above-max
  'unparsable-memory-size', // invalid-memory-size
  'unparsable-value', // invalid-option-value, fraction-out-of-range
  'invalid-segment-size', // invalid-option-value
  'invalid-cpu-cores', // invalid-option-value (slots below 1, cores not above 0)
]);

const TOTALS = {
  taskmanager: ['taskmanager.memory.flink.size', 'taskmanager.memory.process.size'],
  jobmanager: ['jobmanager.memory.flink.size', 'jobmanager.memory.process.size'],
} as const;

/**
 * When an explicit managed fraction makes the components overflow, says what it is a share of:
 * articles often call it a share of the JVM heap, and a value picked that way is far too large.
 */
function managedShareNote(ctx: RuleContext, failure: MemoryFailure): string {
  const fraction = ctx.entry('taskmanager.memory.managed.fraction');
  const { managed, flink } = failure.data;
  if (
    failure.check !== 'components-exceed-flink' ||
    !fraction ||
    ctx.entry('taskmanager.memory.managed.size')
  )
    return '';
  if (managed === undefined || flink === undefined || managed === 0n) return '';
  return `; managed memory alone takes ${formatSizeShort(managed)}, because "${fraction.key}" (${fraction.text}) is a share of total Flink memory (${formatSizeShort(flink)}), not of the JVM heap`;
}

export default defineRule({
  id: 'memory-derivation-fails',
  severity: 'error',
  description:
    'Flink would refuse to start the TaskManager or JobManager with this memory configuration',
  rationale:
    'Before a TaskManager or JobManager starts, Flink derives every memory component from the configured sizes, fractions ' +
    'and ranges, and stops with an IllegalConfigurationException when they do not fit together: components that exceed a ' +
    'total, a remainder outside its range, a total too small for metaspace and overhead. The same derivation runs here, so ' +
    'the reason is known before deploying.',
  messages: {
    taskmanager: 'the TaskManager would not start: {reason} (Flink: "{flinkMessage}")',
    jobmanager: 'the JobManager would not start: {reason} (Flink: "{flinkMessage}")',
  },
  remediation:
    'Apply the suggested change, or resize the options the message names so that the components fit their totals and ranges.',
  fixable: true,
  check(ctx) {
    // A file that did not parse as a mapping yields partial keys: config-syntax reports the file.
    if (ctx.doc.problems.some((p) => p.kind === 'yaml-syntax' || p.kind === 'non-mapping-root'))
      return;
    for (const process of ['taskmanager', 'jobmanager'] as const) {
      // Local execution ignores every JobManager memory option.
      if (process === 'jobmanager' && ctx.target === 'local') continue;
      const result = ctx.memory[process];
      if (result.ok || COVERED_ELSEWHERE.has(result.failure.check)) continue;
      const failure = result.failure;
      // A legacy heap key copied into a total is the line the user wrote.
      const mapped = result.legacyMapping;
      const from = mapped ? ctx.entry(mapped.from) : undefined;
      const value = (key: string) => {
        const entry = ctx.entry(key);
        if (entry?.source === 'operator-resource') return `${entry.text} from "${entry.path}"`;
        return (
          entry?.text ??
          (from && key === mapped?.to ? `${from.text} from "${from.key}"` : undefined)
        );
      };
      const reason =
        explainFailure(failure, value, process) +
        (process === 'taskmanager' ? managedShareNote(ctx, failure) : '');
      // The keys the check compared; when none is set (a remainder between defaults), the totals it
      // was derived from.
      const keys = [...failure.keys, ...TOTALS[process]].map((k) =>
        from && k === mapped?.to ? from.key : k,
      );
      const key = keys.find((k) => ctx.entry(k) !== undefined);
      const found = findFix(ctx.rawConfig(), process, { version: ctx.version, target: ctx.target });
      const fix =
        found && ctx.deriveWith(found.changes)[process].ok
          ? fixInManifest(ctx.doc, found.changes)
          : undefined;
      ctx.report({
        messageId: process,
        data: { reason, flinkMessage: failure.flinkMessage },
        ...(key ? { key } : {}),
        ...(fix ? { fix } : {}),
      });
    }
  },
});
