import type { ProblemKind } from '../src/config/types.js';
import { defineRule } from '../src/engine/types.js';
import { atLeast, versionLabel } from '../src/options/version.js';

type SyntaxKind = Extract<ProblemKind, 'yaml-syntax' | 'duplicate-key' | 'non-mapping-root' | 'null-value' | 'not-flink-config'>;

/**
 * Problems of a whole file (YAML that does not parse at all) are reported by the runner under
 * this id; this rule reports the ones the loader attached to a document.
 */
const MESSAGE_OF: Readonly<Record<SyntaxKind, 'yamlSyntax' | 'duplicateKey' | 'nonMappingRoot' | 'nullValue' | 'notFlinkConfig'>> = {
  'yaml-syntax': 'yamlSyntax',
  'duplicate-key': 'duplicateKey',
  'non-mapping-root': 'nonMappingRoot',
  'null-value': 'nullValue',
  'not-flink-config': 'notFlinkConfig',
};

const isSyntax = (kind: ProblemKind): kind is SyntaxKind => kind in MESSAGE_OF;

const isNamedConfigYaml = (file: string) => /(^|[\\/])config\.yaml$/.test(file);

export default defineRule({
  id: 'config-syntax',
  severity: 'error',
  description: 'A configuration file Flink cannot load: broken YAML, duplicate keys, a non-mapping root, an empty value, or config.yaml before Flink 1.19',
  rationale:
    'Flink 1.19+ reads config.yaml with a strict YAML 1.2 parser: malformed YAML, a top level that is not a mapping, the same ' +
    'key twice in one mapping, or a key without a value make the whole file fail to load, so neither the JobManager nor the ' +
    'TaskManagers start. A file that holds no Flink configuration at all is usually the wrong file. Flink before 1.19 does not ' +
    'look for config.yaml at all: it reads only conf/flink-conf.yaml, so every setting in a config.yaml is ignored there.',
  messages: {
    yamlSyntax: '{detail}',
    duplicateKey: '{detail}',
    nonMappingRoot: '{detail}',
    nullValue: '{detail}',
    notFlinkConfig: '{detail}',
    configYamlBefore119:
      '"config.yaml" is not read by Flink {version}, which reads only conf/flink-conf.yaml (config.yaml is read from Flink 1.19 on), ' +
      'so none of the settings in this file take effect: write them as flat "key: value" lines into flink-conf.yaml',
    yamlFormatBefore119:
      'this file is in the standard YAML format of config.yaml, which Flink {version} does not read (it reads conf/flink-conf.yaml, ' +
      'flat "key: value" lines, and skips nested YAML): write the settings as flat lines into flink-conf.yaml',
  },
  remediation:
    'Fix the YAML so the file is one mapping of option keys to values, each key once and each with a value; before Flink 1.19, ' +
    'put the configuration into flink-conf.yaml.',
  check(ctx) {
    if (ctx.doc.format === 'config-yaml' && !atLeast(ctx.version, '1.19')) {
      // Reported at the top of the file: the file as a whole is not read.
      const messageId = isNamedConfigYaml(ctx.doc.file) ? 'configYamlBefore119' : 'yamlFormatBefore119';
      ctx.report({ messageId, data: { version: versionLabel(ctx.version) } });
    }
    for (const p of ctx.doc.problems) {
      if (!isSyntax(p.kind)) continue;
      ctx.report({ messageId: MESSAGE_OF[p.kind], data: { detail: p.message }, span: p.span, ...(p.key ? { key: p.key } : {}) });
    }
  },
});
