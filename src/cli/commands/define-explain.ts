/**
 * `flink-mem explain`: its arguments, options, help and action (the work is in ../explain/run.ts,
 * loaded when the command runs).
 */
import { Option } from 'commander';
import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import {
  examples,
  inputFormatOption,
  langOption,
  repeatable,
  targetOption,
  versionOption,
} from './command-options.js';
import { EXPLAIN_FORMATS, explainRequest, PROCESSES } from './requests.js';

export function defineExplain(program: Command, io: CliIO, result: { code: number }): void {
  program
    .command('explain')
    .description(
      'Show how Flink splits TaskManager and JobManager memory for each file, or why it would not start',
    )
    .argument(
      '[files...]',
      'flink-conf.yaml, config.yaml, Kubernetes manifests, folders, or - for standard input',
    )
    .addOption(
      new Option(
        '--format <format>',
        'output format: text, json, svg (a picture to scale), html (one self-contained page with the picture, tables and lint findings) or markdown (for pull requests and job summaries)',
      )
        .choices(EXPLAIN_FORMATS)
        .default('text'),
    )
    .option(
      '--trace',
      'show how Flink arrives at each component (option, path, fraction, clamp, remainder)',
      false,
    )
    .option(
      '--show-config',
      'show the effective configuration and where each value comes from',
      false,
    )
    .addOption(versionOption())
    .addOption(targetOption())
    .addOption(
      new Option('--process <process>', 'which process to explain')
        .choices(PROCESSES)
        .default('both'),
    )
    .addOption(
      repeatable('--set <key=value>', 'override an option, applied last like -D (repeatable)'),
    )
    .addOption(
      repeatable(
        '--env <NAME=value>',
        'environment variable Flink would see, e.g. FLINK_TM_HEAP=1g (repeatable)',
      ),
    )
    .addOption(inputFormatOption())
    .addOption(langOption())
    .addHelpText(
      'after',
      examples([
        'flink-mem explain examples/flink-conf.yaml',
        'flink-mem explain conf/config.yaml --trace',
        'flink-mem explain conf/flink-conf.yaml --flink-version 1.20,2.0',
        'flink-mem explain k8s/deployment.yaml --format json --show-config',
        'flink-mem explain conf/ --format html > memory.html',
        'flink-mem explain conf/config.yaml --flink-version 1.20,2.0 --format svg > memory.svg',
        'cat flink-conf.yaml | flink-mem explain - --set taskmanager.memory.process.size=4g',
      ]),
    )
    .action(async (files: string[], o: Record<string, unknown>) => {
      const { runExplain } = await import('../explain/run.js');
      result.code = await runExplain(explainRequest(files, o), io);
    });
}
