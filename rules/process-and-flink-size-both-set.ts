import { defineRule } from '../src/engine/types.js';
import { atLeast } from '../src/primitives/version.js';

const PROCESSES = [
  {
    process: 'taskmanager',
    processKey: 'taskmanager.memory.process.size',
    flinkKey: 'taskmanager.memory.flink.size',
    since: '1.10',
  },
  {
    process: 'jobmanager',
    processKey: 'jobmanager.memory.process.size',
    flinkKey: 'jobmanager.memory.flink.size',
    since: '1.11',
  },
] as const;

export default defineRule({
  id: 'process-and-flink-size-both-set',
  severity: 'warning',
  description: 'Total process memory and total Flink memory are both configured',
  rationale:
    'With both totals set, JVM overhead is no longer derived from its fraction but is whatever remains between them, and it ' +
    'must still fall inside the overhead range. Any later change to one total, the metaspace or the overhead bounds then ' +
    "fails at start-up. Flink's documentation advises setting only one of them.",
  messages: {
    bothSet:
      '"{flinkKey}" ({flink}) is set together with "{processKey}" ({process}): JVM overhead becomes the difference and breaks when either changes; keep only the process size',
  },
  remediation: 'Remove the total Flink memory size and keep the total process memory size.',
  fixable: true,
  check(ctx) {
    // Local execution ignores both totals.
    if (ctx.target === 'local') return;
    for (const p of PROCESSES) {
      if (!atLeast(ctx.version, p.since)) continue;
      const processEntry = ctx.entry(p.processKey);
      const flinkEntry = ctx.entry(p.flinkKey);
      // A process size written by the operator from the spec is operator-memory-override's finding.
      if (!processEntry || !flinkEntry || processEntry.source === 'operator-resource') continue;
      const fix = { [p.flinkKey]: null };
      const stillStarts = ctx.deriveWith(fix)[p.process].ok;
      ctx.report({
        messageId: 'bothSet',
        entry: flinkEntry,
        key: p.flinkKey,
        data: {
          flinkKey: p.flinkKey,
          flink: flinkEntry.text,
          processKey: p.processKey,
          process: processEntry.text,
        },
        ...(stillStarts ? { fix } : {}),
      });
    }
  },
});
