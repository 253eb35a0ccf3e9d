import type { ProblemKind } from '../src/config/types.js';
import { defineRule } from '../src/engine/types.js';

type SyntaxKind = Extract<
  ProblemKind,
  'yaml-syntax' | 'duplicate-key' | 'non-mapping-root' | 'null-value' | 'not-flink-config'
>;

/** The message of each problem the loader attaches to a document. */
const MESSAGE_OF: Readonly<
  Record<
    SyntaxKind,
    'yamlSyntax' | 'duplicateKey' | 'nonMappingRoot' | 'nullValue' | 'notFlinkConfig'
  >
> = {
  'yaml-syntax': 'yamlSyntax',
  'duplicate-key': 'duplicateKey',
  'non-mapping-root': 'nonMappingRoot',
  'null-value': 'nullValue',
  'not-flink-config': 'notFlinkConfig',
};

const isSyntax = (kind: ProblemKind): kind is SyntaxKind => kind in MESSAGE_OF;

/**
 * The message of a problem of the file as a whole (every message shows the loader's own words): a
 * file
 * that is not a cluster configuration (a template, values or compose file) and one that is not
 * UTF-8
 * have no message of their own.
 */
const fileMessageOf = (kind: ProblemKind) =>
  isSyntax(kind)
    ? MESSAGE_OF[kind]
    : kind === 'not-cluster-config'
      ? 'notFlinkConfig'
      : 'yamlSyntax';

export default defineRule({
  id: 'config-syntax',
  severity: 'error',
  description:
    'A configuration file Flink cannot load: broken YAML, duplicate keys, a non-mapping root or an empty value',
  rationale:
    'Flink 1.19+ reads config.yaml with a strict YAML 1.2 parser: malformed YAML, a top level that is not a mapping, the same ' +
    'key twice in one mapping, or a key without a value make the whole file fail to load, so neither the JobManager nor the ' +
    'TaskManagers start. A file that holds no Flink configuration at all is usually the wrong file; an unrendered Helm ' +
    'template, a Helm values file, a docker-compose file or a Terraform file is not checked and gets one notice instead.',
  messages: {
    yamlSyntax: '{detail}',
    duplicateKey: '{detail}',
    nonMappingRoot: '{detail}',
    nullValue: '{detail}',
    notFlinkConfig: '{detail}',
  },
  remediation:
    'Fix the YAML so the file is one mapping of option keys to values, each key once and each with a value; for a Helm template, values or docker-compose file, lint the Flink configuration it produces instead.',
  check(ctx) {
    for (const p of ctx.doc.problems) {
      if (!isSyntax(p.kind)) continue;
      ctx.report({
        messageId: MESSAGE_OF[p.kind],
        data: { detail: p.message },
        span: p.span,
        ...(p.key ? { key: p.key } : {}),
      });
    }
  },
  // YAML that does not parse at all, or a file that is not a Flink configuration, has no document.
  checkFile(ctx) {
    for (const p of ctx.problems) {
      // A file that is not a cluster configuration is skipped with a notice.
      const notice = p.kind === 'not-cluster-config' ? { severity: 'info' as const } : {};
      ctx.report({
        messageId: fileMessageOf(p.kind),
        data: { detail: p.message },
        span: p.span,
        ...(p.key ? { key: p.key } : {}),
        ...notice,
      });
    }
  },
});
