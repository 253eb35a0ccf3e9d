import { defineRule } from '../src/engine/types.js';
import { formatSizeForConfig, formatSizeShort } from '../src/primitives/memory-size.js';
import { binaryQuantity, intendedResourceBytes } from '../src/options/resource-memory.js';

const human = (bytes: bigint) => `${formatSizeShort(bytes)} (${bytes} bytes)`;

export default defineRule({
  id: 'operator-memory-units',
  // The common finding (2G, 2g) deploys fine as the operator reads it, so it is a warning; a
  // spelling
  // the operator cannot pass to Flink at all (1.5g) stops the pods and is reported as an error.
  severity: 'warning',
  description:
    'FlinkDeployment resource memory that the operator and Kubernetes read differently, or that the operator cannot pass to Flink',
  rationale:
    "The operator reads resource memory with Flink's size grammar first, where every unit is binary (2G and 2000M are GiB and MiB), " +
    'and as a Kubernetes quantity only when that fails. Kubernetes, quota tooling and most platforms read G and M as powers of ten ' +
    '(and m as milli), so the same text means different sizes to them. A fractional size such as 1.5g is not Flink grammar; the ' +
    'operator then writes a decimal string like "1500000000.0" into the process size, which Flink rejects.',
  messages: {
    differs:
      '"{field}" ({text}) is {operator} for the operator but {kubernetes} bytes for Kubernetes and most platforms',
    notQuantity:
      '"{field}" ({text}) is not a Kubernetes quantity; the operator reads it as {operator}',
    unusable:
      '"{field}" ({text}) cannot be passed to Flink: the operator writes {written} into "{processKey}", which is not a memory size Flink reads',
  },
  remediation:
    'Write resource memory with binary Kubernetes units (Gi, Mi), which mean the same to the operator, Flink and Kubernetes.',
  fixable: true,
  check(ctx) {
    for (const r of ctx.doc.kubernetes?.resources ?? []) {
      const processKey = `${r.process}.memory.process.size`;
      const base = { field: r.field, text: r.text };
      // The fix is a resource field, not a Flink key: it is keyed by the field's YAML path.
      if (r.operatorBytes === null) {
        const intended = intendedResourceBytes(r.text);
        const derives =
          intended !== null &&
          intended > 0n &&
          ctx.deriveWith({ [processKey]: formatSizeForConfig(intended) })[r.process].ok;
        const written =
          r.operatorValue === null ? 'nothing (it fails on the text)' : `"${r.operatorValue}"`;
        const fix = derives ? { [r.field]: binaryQuantity(intended) } : undefined;
        ctx.report({
          messageId: 'unusable',
          severity: 'error',
          span: r.span,
          data: { written, processKey, ...base },
          ...(fix ? { fix } : {}),
        });
      } else if (r.kubernetesBytes === null) {
        const fix = { [r.field]: binaryQuantity(r.operatorBytes) };
        ctx.report({
          messageId: 'notQuantity',
          span: r.span,
          data: { operator: human(r.operatorBytes), ...base },
          fix,
        });
      } else if (r.kubernetesBytes !== r.operatorBytes && !/\dm$/.test(r.text.trim())) {
        // Kubernetes reads a lower-case m as milli; nobody reads "2048m" of memory that way, and it
        // is the operator's own documented spelling, so only decimal readings people do make count.
        const fix = { [r.field]: binaryQuantity(r.operatorBytes) };
        const data = { operator: human(r.operatorBytes), kubernetes: r.kubernetesBytes, ...base };
        ctx.report({ messageId: 'differs', span: r.span, data, fix });
      }
    }
  },
});
