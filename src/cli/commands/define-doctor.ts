/**
 * `flink-mem doctor`: its options, help and action (the work is in ../doctor.ts, loaded when the
 * command runs).
 */
import { Option } from 'commander';
import type { Command } from 'commander';
import { KNOWN_VERSIONS, NEWEST_VERSION } from '../../primitives/version.js';
import type { CliIO } from '../io.js';
import { examples, langOption, targetOption } from './command-options.js';

export function defineDoctor(program: Command, io: CliIO, result: { code: number }): void {
  program
    .command('doctor')
    .description(
      'Diagnose a memory failure from an error message, a stack trace or a whole log, and say which options to change to which values',
    )
    .option('--error <text>', 'the error message or stack trace (quote it)')
    .option(
      '--log <file>',
      'a TaskManager or JobManager log, kubectl describe output or a YARN diagnostic, of any size',
    )
    .option(
      '--config <file>',
      "the configuration the process ran with (any file lint reads, or Flink's conf/ folder), for concrete values",
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    )
    .option(
      '--flink-version <version>',
      `Flink version whose defaults to use (${KNOWN_VERSIONS[0]} to ${NEWEST_VERSION}; default: the manifest's spec.flinkVersion, 1.20 for a flink-conf.yaml, else ${NEWEST_VERSION})`,
    )
    .addOption(targetOption())
    .addOption(langOption())
    .addHelpText(
      'after',
      examples([
        'flink-mem doctor --error "java.lang.OutOfMemoryError: Direct buffer memory"',
        'flink-mem doctor --log taskmanager.log --config conf/config.yaml',
        'kubectl describe pod flink-taskmanager-1-1 | flink-mem doctor --config k8s/deployment.yaml',
        'flink-mem doctor --error "Insufficient number of network buffers: required 2049, but only 1024 available" --format json',
      ]) +
        '\nExit codes: 0 at least one diagnosis, 1 no memory failure recognised, 2 usage or input error.\n',
    )
    .action(async (o: Record<string, unknown>) => {
      const { runDoctor } = await import('../doctor-cmd.js');
      result.code = await runDoctor(
        {
          format: o.format as 'text' | 'json',
          ...(o.error !== undefined ? { error: String(o.error) } : {}),
          ...(o.log !== undefined ? { log: String(o.log) } : {}),
          ...(o.config !== undefined ? { config: String(o.config) } : {}),
          ...(o.flinkVersion !== undefined ? { flinkVersion: String(o.flinkVersion) } : {}),
          ...(o.target !== undefined ? { target: String(o.target) } : {}),
          ...(o.lang !== undefined ? { lang: String(o.lang) } : {}),
        },
        io,
      );
    });
}
