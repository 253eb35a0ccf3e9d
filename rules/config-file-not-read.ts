import { defineRule } from '../src/engine/types.js';
import { atLeast, versionLabel } from '../src/primitives/version.js';

const named = (file: string, name: string) =>
  file === name || file.endsWith(`/${name}`) || file.endsWith(`\\${name}`);

export default defineRule({
  id: 'config-file-not-read',
  severity: 'error',
  description:
    'A configuration file the chosen Flink version does not read at all (config.yaml before 1.19 or next to a flink-conf.yaml, flink-conf.yaml from 2.0, also in a ConfigMap)',
  rationale:
    'Flink looks for one configuration file by name: conf/flink-conf.yaml (flat "key: value" lines) up to 1.18, conf/config.yaml ' +
    '(standard YAML) from 2.0, and in 1.19 and 1.20 either, flink-conf.yaml first (a config.yaml next to a flink-conf.yaml is ' +
    'ignored there). A file in the other format is never opened: ' +
    'every setting in it is silently lost and the processes start with defaults or fail for want of a memory size. This happens ' +
    'after upgrading to Flink 2 with the old file kept, and when a config.yaml from current documentation is deployed on an older Flink.',
  messages: {
    flinkConfWithFlink2:
      '"flink-conf.yaml" is not read by Flink {version}, which reads only conf/config.yaml, so none of the settings in this file take effect: convert it with Flink\'s bin/migrate-config-file.sh (it reads conf/flink-conf.yaml and writes conf/config.yaml)',
    legacyFormatWithFlink2:
      "this file is in the legacy flink-conf.yaml format, which Flink {version} no longer reads (only conf/config.yaml, standard YAML): convert it with Flink's bin/migrate-config-file.sh, or, if it is already meant as a config.yaml, lint it with --input-format config-yaml",
    configYamlBefore119:
      '"config.yaml" is not read by Flink {version}, which reads only conf/flink-conf.yaml (config.yaml is read from Flink 1.19 on), so none of the settings in this file take effect: write them as flat "key: value" lines into flink-conf.yaml',
    yamlFormatBefore119:
      'this file is in the standard YAML format of config.yaml, which Flink {version} does not read (it reads conf/flink-conf.yaml, flat "key: value" lines, and skips nested YAML): write the settings as flat lines into flink-conf.yaml',
    embeddedFlinkConfWithFlink2:
      'the ConfigMap\'s "flink-conf.yaml" is not read by Flink {version}, which reads only conf/config.yaml, so none of its settings take effect: convert it with Flink\'s bin/migrate-config-file.sh and store it under "config.yaml" in the ConfigMap',
    embeddedConfigYamlBefore119:
      'the ConfigMap\'s "config.yaml" is not read by Flink {version}, which reads only conf/flink-conf.yaml (config.yaml is read from Flink 1.19 on), so none of its settings take effect: store them as flat "key: value" lines under "flink-conf.yaml"',
    configYamlBesideFlinkConf:
      '"config.yaml" is not read by Flink {version} while "{other}" exists in the same folder (Flink 1.19 and 1.20 read flink-conf.yaml first), so none of the settings in this file take effect: remove or rename {other} once its settings are in this file',
  },
  remediation:
    'Use the file the deployed Flink reads: config.yaml from Flink 2.0 on (bin/migrate-config-file.sh converts a flink-conf.yaml), ' +
    'flink-conf.yaml before 1.19; and lint with that version (--flink-version, spec.flinkVersion or flinkVersion in .flink-mem.yaml).',
  check(ctx) {
    const version = { version: versionLabel(ctx.version) };
    const embedded = ctx.doc.kubernetes?.embedded;
    if (embedded?.name === 'flink-conf.yaml' && atLeast(ctx.version, '2.0')) {
      ctx.report({ messageId: 'embeddedFlinkConfWithFlink2', span: embedded.span, data: version });
      return;
    }
    if (embedded?.name === 'config.yaml' && !atLeast(ctx.version, '1.19')) {
      ctx.report({ messageId: 'embeddedConfigYamlBefore119', span: embedded.span, data: version });
      return;
    }
    // Reported at the top of the file: the file as a whole is not read.
    if (ctx.doc.format === 'flink-conf' && atLeast(ctx.version, '2.0')) {
      ctx.report({
        messageId: named(ctx.doc.file, 'flink-conf.yaml')
          ? 'flinkConfWithFlink2'
          : 'legacyFormatWithFlink2',
        data: version,
      });
    } else if (ctx.doc.format === 'config-yaml' && !atLeast(ctx.version, '1.19')) {
      ctx.report({
        messageId: named(ctx.doc.file, 'config.yaml')
          ? 'configYamlBefore119'
          : 'yamlFormatBefore119',
        data: version,
      });
    } else if (
      ctx.doc.format === 'config-yaml' &&
      ctx.doc.besideFlinkConf !== undefined &&
      !atLeast(ctx.version, '2.0')
    ) {
      ctx.report({
        messageId: 'configYamlBesideFlinkConf',
        data: { other: ctx.doc.besideFlinkConf, ...version },
      });
    }
  },
});
