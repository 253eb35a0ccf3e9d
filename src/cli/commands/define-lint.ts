/**
 * `flink-mem lint`: its arguments, options, help and action (the work is in ../lint.ts, loaded when
 * the command runs).
 */
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
import { lintRequest } from './requests.js';

export function defineLint(program: Command, io: CliIO, result: { code: number }): void {
  program
    .command('lint')
    .description(
      'Check Flink configuration files and manifests for memory settings that fail at start-up or in production',
    )
    .argument(
      '[inputs...]',
      'files, folders (their Flink config files and manifests) or - for standard input',
    )
    .addOption(
      repeatable(
        '--format <format>',
        'text, json, sarif, github, gitlab, junit or checkstyle; repeat with --output to write several reports (default: github when GITHUB_ACTIONS=true, else text)',
      ),
    )
    .addOption(
      repeatable(
        '--output <file>',
        'write the report to this file instead of standard output (pairs with --format in order)',
      ),
    )
    .option(
      '--fail-on <severity>',
      'lowest severity that makes the exit code 1: error, warning or info',
      'error',
    )
    .option('--max-warnings <n>', 'also exit 1 when there are more warnings than this')
    .option(
      '--config <file>',
      'linter config file (default: .flink-mem.yaml found upwards from each linted file)',
    )
    .addOption(versionOption())
    .addOption(targetOption())
    .option(
      '--container-memory <size>',
      'memory limit of the container or pod, e.g. 4Gi (Kubernetes units) or 4g (binary)',
    )
    .addOption(
      repeatable('--set <key=value>', 'override an option, applied last like -D (repeatable)'),
    )
    .addOption(
      repeatable('--rule <id=severity>', 'set a rule to error, warning, info or off (repeatable)'),
    )
    .addOption(inputFormatOption())
    .option(
      '--fix',
      'apply the fixes the rules propose to the files (atomically, only when the fixed file still loads and every process that started still starts), then report what remains',
    )
    .addOption(langOption())
    .option(
      '--fix-dry-run',
      'print the fixes as a unified diff (--- a/<file> +++ b/<file>, for git apply) and write nothing; exit 1 when there is something to fix, 0 when not',
    )
    .option(
      '--stdin-filename <path>',
      'the path standard input (-) stands for: reports name it and its .flink-mem.yaml is found from it',
    )
    .option('--quiet', 'report errors only: warnings and info are neither shown nor counted')
    .option(
      '--no-ignore',
      'also lint inside folders that git ignores (.gitignore, .git/info/exclude)',
    )
    .option(
      '--print-config <file>',
      'print the settings lint would use for this file (linter config and flags) as JSON, and lint nothing',
    )
    .addHelpText(
      'after',
      examples([
        'flink-mem lint conf/flink-conf.yaml',
        'flink-mem lint conf/ --fix-dry-run',
        "flink-mem lint 'deploy/**/*.yaml' --quiet",
        'flink-mem lint --print-config conf/flink-conf.yaml',
        'flink-mem lint conf/flink-conf.yaml k8s/deployment.yaml --fix',
        'flink-mem lint . --format github',
        'flink-mem lint conf/ --format junit --output flink-mem.junit.xml --format gitlab --output gl-code-quality.json',
        'cat conf/config.yaml | flink-mem lint - --stdin-filename conf/config.yaml --format sarif',
        'flink-mem lint k8s/ --format sarif --output flink-mem.sarif --format text',
        'flink-mem lint conf/ --flink-version 2.0 --fail-on warning',
        'flink-mem lint deploy.yaml --container-memory 4Gi --rule managed-memory-unused=off',
      ]),
    )
    .action(async (inputs: string[], o: Record<string, unknown>) => {
      const { runLint } = await import('../lint.js');
      result.code = await runLint(lintRequest(inputs, o), io);
    });
}
