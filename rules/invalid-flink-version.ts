import { defineRule } from '../src/engine/types.js';

/**
 * The operator's `FlinkVersion` enum (the CRD lists these values; Kubernetes rejects any other
 * spelling when the manifest is applied). v1_13 and v1_14 are still in the enum though the
 * operator no longer deploys them.
 */
export const OPERATOR_FLINK_VERSIONS: readonly string[] = [
  'v1_13',
  'v1_14',
  'v1_15',
  'v1_16',
  'v1_17',
  'v1_18',
  'v1_19',
  'v1_20',
  'v2_0',
  'v2_1',
  'v2_2',
  'v2_3',
  'v2_4',
];

/** The enum value a near miss (`1.17`, `v1.17`, `V1_17`, `v1-17`) was meant to be, if it is one. */
function meant(text: string): string | null {
  const m = /^\s*[vV]?(\d{1,2})[._-](\d{1,2})(?:[._-]\d+)?\s*$/.exec(text);
  const value = m ? `v${Number(m[1])}_${Number(m[2])}` : null;
  return value && OPERATOR_FLINK_VERSIONS.includes(value) ? value : null;
}

export default defineRule({
  id: 'invalid-flink-version',
  severity: 'error',
  description: "A FlinkDeployment spec.flinkVersion that is not one of the operator's values",
  rationale:
    'The Flink Kubernetes Operator reads spec.flinkVersion as an enum of underscore names (v1_17, v1_20, v2_0). Its CRD ' +
    'makes Kubernetes reject any other spelling when the manifest is applied, so "1.17", "v1.17" or "V1_17" never ' +
    'deploys. flink-mem still checks such a manifest against the version it reads in the value.',
  messages: {
    misspelt:
      '"spec.flinkVersion" ({value}) is not a value the operator accepts: write {suggestion}',
    unknown:
      '"spec.flinkVersion" ({value}) is not a Flink version the operator knows ({first} to {last})',
  },
  remediation:
    'Write the version as the operator\'s enum spells it: "v" and the major and minor version joined by "_", such as v1_20.',
  fixable: true,
  check(ctx) {
    const version = ctx.doc.kubernetes?.flinkVersion;
    if (ctx.doc.kubernetes?.kind !== 'FlinkDeployment' || !version) return;
    const value = version.text;
    if (OPERATOR_FLINK_VERSIONS.includes(value)) return;
    const suggestion = meant(value);
    if (suggestion) {
      ctx.report({
        messageId: 'misspelt',
        span: version.span,
        data: { value, suggestion },
        fix: { 'spec.flinkVersion': suggestion },
      });
      return;
    }
    ctx.report({
      messageId: 'unknown',
      span: version.span,
      data: {
        value,
        first: OPERATOR_FLINK_VERSIONS[0]!,
        last: OPERATOR_FLINK_VERSIONS[OPERATOR_FLINK_VERSIONS.length - 1]!,
      },
    });
  },
});
