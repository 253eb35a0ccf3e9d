/**
 * `flink-mem schema`: its options, help and action (the work is in ../schema-cmd.ts, loaded when
 * the command runs).
 */
import { Option } from 'commander';
import type { Command } from 'commander';
import { NEWEST_VERSION } from '../../primitives/version.js';
import type { CliIO } from '../io.js';
import { resolveLang } from '../lang-flag.js';
import { examples, langOption } from './command-options.js';

export function defineSchema(program: Command, io: CliIO, result: { code: number }): void {
  program
    .command('schema')
    .description(
      'Print a JSON Schema of Flink memory options for editors (yaml-language-server): flat or nested config.yaml, or a FlinkDeployment',
    )
    .option(
      '--flink-version <version>',
      `defaults and deprecations of this Flink version (default: ${NEWEST_VERSION})`,
    )
    .addOption(langOption())
    .addOption(
      new Option(
        '--kind <kind>',
        "config: a flink-conf.yaml or config.yaml (flat or nested keys); flink-deployment: a FlinkDeployment's spec.flinkConfiguration",
      )
        .choices(['config', 'flink-deployment'])
        .default('config'),
    )
    .addHelpText(
      'after',
      examples([
        'flink-mem schema > flink-config.schema.json',
        '# then, first line of config.yaml: # yaml-language-server: $schema=./flink-config.schema.json',
        'flink-mem schema --kind flink-deployment > flink-deployment.schema.json',
      ]),
    )
    .action(async (o: { flinkVersion?: string; kind: string; lang?: string }) => {
      const { runSchema } = await import('../schema-cmd.js');
      // The schema's descriptions are Flink's own option texts (English); --lang is accepted and
      // checked like everywhere.
      resolveLang(io, { flag: o.lang });
      result.code = await runSchema(
        {
          kind: o.kind,
          ...(o.flinkVersion !== undefined ? { flinkVersion: o.flinkVersion } : {}),
        },
        io,
      );
    });
}
