import type { ContainerLimit } from '../src/config/types.js';
import type { FixChanges, Report, RuleContext } from '../src/engine/types.js';
import { fixInManifest } from '../src/fix/manifest-changes.js';
import { defineRule } from '../src/engine/types.js';
import { formatSizeForConfig, formatSizeShort } from '../src/primitives/memory-size.js';
import { rawToString } from '../src/primitives/raw-value.js';
import type { Process } from '../src/primitives/flink-process.js';

const NAMES: Readonly<Record<Process, string>> = {
  taskmanager: 'TaskManager',
  jobmanager: 'JobManager',
};
const human = (bytes: bigint) => `${formatSizeShort(bytes)} (${bytes} bytes)`;

/**
 * A FlinkDeployment's pod limit is its process size times the limit factor: below it when the
 * factor is under 1.
 */
function factorLimit(ctx: RuleContext, process: Process): ContainerLimit | null {
  const key = `kubernetes.${process}.memory.limit-factor`;
  const entry = ctx.doc.effective.get(key);
  const result = ctx.memory[process];
  if (ctx.doc.kubernetes?.kind !== 'FlinkDeployment' || !entry || !result.ok) return null;
  const factor = Number(rawToString(entry.value));
  if (!(factor > 0 && factor < 1)) return null;
  const bytes = BigInt(Math.floor(Number(result.sizes.totalProcess) * factor));
  return {
    process,
    field: key,
    text: entry.text,
    bytes,
    ...(entry.keySpan ? { span: entry.keySpan } : {}),
  };
}

export default defineRule({
  id: 'container-memory-exceeded',
  severity: 'error',
  description: 'Process memory above the container or pod memory limit',
  rationale:
    'Flink sizes the JVM (heap, direct memory, metaspace) and reserves native memory from its own process size; it does not look ' +
    'at the container. When that size is above the limit the kernel enforces, the process is OOM-killed as soon as it actually uses ' +
    'the memory it was promised, typically under load.',
  messages: {
    exceeded:
      '{what} is {process}, above the {limit} memory limit {source}: the {name} is OOM-killed once it uses the memory Flink gives it',
  },
  remediation:
    'Lower the process size to the container limit, or raise the limit to the process size.',
  fixable: true,
  check(ctx) {
    const k8s = ctx.doc.kubernetes;
    // Flink's native Kubernetes integration overwrites the main container's memory from its own
    // options, so a limit in a FlinkDeployment's pod template is never enforced.
    const docLimits = (k8s?.limits ?? []).filter(
      (l) => !(k8s?.kind === 'FlinkDeployment' && l.field.includes('podTemplate')),
    );
    for (const process of ['taskmanager', 'jobmanager'] as const) {
      const result = ctx.memory[process];
      if (!result.ok) continue;
      const total = result.sizes.totalProcess;
      const limits: ContainerLimit[] = docLimits.filter(
        (l) => l.process === process || l.process === 'unknown',
      );
      const factor = factorLimit(ctx, process);
      if (factor) limits.push(factor);
      if (ctx.containerMemory !== undefined) {
        limits.push({
          process,
          field: '--container-memory',
          text: formatSizeShort(ctx.containerMemory),
          bytes: ctx.containerMemory,
        });
      }
      const limit = limits
        .filter((l) => l.bytes < total)
        .sort((a, b) => (a.bytes < b.bytes ? -1 : 1))[0];
      if (!limit) continue;

      const key = `${process}.memory.process.size`;
      const entry = ctx.doc.effective.get(key);
      const derives = ctx.deriveWith({ [key]: formatSizeForConfig(limit.bytes) })[process].ok;
      const flinkSize = ctx.doc.effective.get(`${process}.memory.flink.size`);
      let what = flinkSize
        ? `${NAMES[process]} process memory ("${flinkSize.key}" (${flinkSize.text}) plus JVM metaspace and overhead)`
        : `${NAMES[process]} process memory`;
      let fix: FixChanges | undefined;
      let at: Pick<Report, 'entry' | 'span' | 'key'> = limit.span ? { span: limit.span } : {};
      if (limit === factor) {
        // The pod limit follows the process size, so only the factor can bring it back above it.
        const factorEntry = ctx.doc.effective.get(limit.field)!;
        at = { entry: factorEntry, key: limit.field };
        fix = { [limit.field]: '1.0' };
      } else if (entry?.source === 'operator-resource' && entry.path) {
        // The operator writes the process size from the resource field, so that field is what to
        // change.
        what = `"${entry.path}" (${entry.text})`;
        at = entry.valueSpan ? { span: entry.valueSpan } : at;
      } else if (entry) {
        what = `"${key}" (${entry.text})`;
        at = { entry, key };
      }
      // A process size the operator sets from the resource field is fixed in that field.
      if (entry && limit !== factor && derives)
        fix = fixInManifest(ctx.doc, { [key]: formatSizeForConfig(limit.bytes) });
      const source =
        limit.field === '--container-memory'
          ? 'given with --container-memory'
          : `of "${limit.field}" (${limit.text})`;
      const data = {
        what,
        process: human(total),
        limit: human(limit.bytes),
        source,
        name: NAMES[process],
      };
      ctx.report({ messageId: 'exceeded', ...at, data, ...(fix ? { fix } : {}) });
    }
  },
});
