import { defineRule } from '../src/engine/types.js';
import type { ConfigEntry } from '../src/config/types.js';
import { formatSizeShort, parseMemorySize } from '../src/primitives/memory-size.js';
import { rawToString } from '../src/primitives/raw-value.js';

const PROCESSES = [
  {
    process: 'taskmanager',
    processKey: 'taskmanager.memory.process.size',
    flinkKey: 'taskmanager.memory.flink.size',
  },
  {
    process: 'jobmanager',
    processKey: 'jobmanager.memory.process.size',
    flinkKey: 'jobmanager.memory.flink.size',
  },
] as const;

/** Bytes of a size entry, or null when it does not parse (invalid-memory-size reports that). */
function bytesOf(entry: ConfigEntry): bigint | null {
  try {
    return parseMemorySize(rawToString(entry.value));
  } catch {
    return null;
  }
}

export default defineRule({
  id: 'operator-memory-override',
  severity: 'warning',
  description:
    'FlinkDeployment memory in flinkConfiguration that the resource spec silently overrides or collides with',
  rationale:
    "The Flink Kubernetes Operator writes the spec's resource memory into the process size after copying flinkConfiguration, so a " +
    'process size there is silently replaced. A total Flink memory size there is kept, so the pod starts with both totals set: JVM ' +
    'overhead becomes their difference, and Flink refuses to start when that falls outside the overhead range.',
  messages: {
    overridden:
      '"{key}" ({value}) in flinkConfiguration is replaced by "{field}" ({resource}), so the {name} runs with {size}',
    bothTotals:
      '"{key}" ({value}) in flinkConfiguration is kept next to the process size the operator sets from "{field}" ({resource}), so both totals are set{outcome}',
  },
  remediation:
    'Size the process with spec.jobManager/taskManager resource memory only, and delete the memory totals from flinkConfiguration.',
  fixable: true,
  check(ctx) {
    if (ctx.doc.kubernetes?.kind !== 'FlinkDeployment') return;
    for (const p of PROCESSES) {
      const fromSpec = ctx.doc.effective.get(p.processKey);
      if (fromSpec?.source !== 'operator-resource') continue;
      const field =
        fromSpec.path ??
        `spec.${p.process === 'taskmanager' ? 'taskManager' : 'jobManager'}.resource.memory`;
      const name = p.process === 'taskmanager' ? 'TaskManager' : 'JobManager';
      const result = ctx.memory[p.process];
      for (const entry of ctx.doc.entries) {
        if (entry.key !== p.processKey || entry.source !== 'file' || !entry.overridden) continue;
        // The same size as the resource (the operator's autotuner writes it so) changes nothing.
        const same = bytesOf(entry);
        if (same !== null && same === bytesOf(fromSpec)) continue;
        const size = result.ok ? formatSizeShort(result.sizes.totalProcess) : `"${fromSpec.text}"`;
        const data = {
          key: p.processKey,
          value: entry.text,
          field,
          resource: fromSpec.text,
          name,
          size,
        };
        // The overridden line is not in the effective configuration, so it is removed by its YAML
        // path.
        ctx.report({
          messageId: 'overridden',
          entry,
          key: p.processKey,
          data,
          fix: { [entry.path ?? `spec.flinkConfiguration.${p.processKey}`]: null },
        });
      }
      const flinkEntry = ctx.doc.effective.get(p.flinkKey);
      if (!flinkEntry || flinkEntry.source !== 'file') continue;
      const outcome = result.ok
        ? ', and JVM overhead becomes their difference'
        : ', and Flink refuses to start the ' + name;
      const data = {
        key: p.flinkKey,
        value: flinkEntry.text,
        field,
        resource: fromSpec.text,
        outcome,
      };
      ctx.report({
        messageId: 'bothTotals',
        entry: flinkEntry,
        key: p.flinkKey,
        data,
        fix: { [p.flinkKey]: null },
      });
    }
  },
});
