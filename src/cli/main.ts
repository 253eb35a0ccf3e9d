/**
 * Command-line wiring. `run(argv, io)` parses the arguments, runs one command and returns its
 * exit code; it never exits the process and never throws, so tests call it in-process.
 * Command modules are loaded only when their command runs, to keep start-up fast.
 */
import { Command, CommanderError, Option } from 'commander';
import type { CliIO } from './io.js';
import { EXIT, exitFor, oneLineError, withEnv } from './io.js';
import { KNOWN_VERSIONS, NEWEST_VERSION } from '../primitives/version.js';
import { UsageError } from '../primitives/usage-error.js';
import { TARGETS } from '../engine/version-target.js';
import type { Target } from '../model/compute.js';
import { resolveLang } from './lang.js';
import { helpLang, localizeHelp, localizeUsageError } from './help-lang.js';
import type { Lang } from '../i18n/lang.js';

declare const FLINK_MEM_VERSION: string | undefined;
const VERSION = typeof FLINK_MEM_VERSION === 'string' ? FLINK_MEM_VERSION : '0.0.0-dev';

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
/**
 * A repeatable option gathering its values in order (undefined when not given; read with `list`).
 */
const repeatable = (flags: string, description: string) =>
  new Option(flags, description).argParser(collect);
const list = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : []);

const versionOption = () =>
  new Option(
    '--flink-version <version>',
    `Flink version(s) to use, comma-separated (${KNOWN_VERSIONS[0]} to ${NEWEST_VERSION}; default: the manifest's spec.flinkVersion, 1.20 for a flink-conf.yaml, else ${NEWEST_VERSION})`,
  );
const targetOption = () =>
  new Option(
    '--target <target>',
    'deployment target: decides how legacy heap keys map (default: kubernetes for manifests, else standalone)',
  ).choices(TARGETS);
const langOption = () =>
  new Option(
    '--lang <lang>',
    'output language: en or zh (default: lang in .flink-mem.yaml, else LC_ALL, LC_MESSAGES, LANG)',
  );
const inputFormatOption = () =>
  new Option(
    '--input-format <format>',
    'read inputs as this format instead of detecting it',
  ).choices(['flink-conf', 'config-yaml', 'k8s']);

function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

/**
 * Commands whose definition alone is built when the arguments start with their name (see `run`).
 */
const ALONE = new Set(['explain', 'lint', 'doctor', 'rules', 'schema', 'init']);

/**
 * The program; with `only`, just that command under it (its run, help and errors are the same, and
 * start-up does not build the other commands' options, choices and help texts).
 */
export function buildProgram(
  outer: CliIO,
  result: { code: number },
  lang: Lang = 'en',
  only?: string,
): Command {
  const wanted = (name: string) => only === undefined || only === name;
  const env: Record<string, string | undefined> = { ...outer.env };
  const io = withEnv(outer, env);
  const program = new Command('flink-mem')
    .description(
      'Lint Apache Flink memory configuration, derive it exactly as Flink does, and diagnose memory failures.',
    )
    .version(VERSION, '-v, --version')
    .option('--color', 'colour the output even when it is not a terminal (as FORCE_COLOR=1 does)')
    .option('--no-color', 'no colours (as NO_COLOR=1 or TERM=dumb do)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.write(s),
      writeErr: (s) => io.error(s),
      outputError: (s, write) => write(oneLineError(localizeUsageError(s, lang))),
    })
    .addHelpText(
      'after',
      examples([
        'flink-mem explain conf/config.yaml',
        'flink-mem lint conf/ k8s/flink-deployment.yaml --format sarif > flink-mem.sarif',
        'flink-mem doctor --error "java.lang.OutOfMemoryError: Direct buffer memory" --config conf/config.yaml',
      ]) +
        '\nExit codes: 0 ok, 1 findings (lint), a process would not start (explain) or no diagnosis (doctor), 2 usage or input error, 3 internal error.\n',
    );

  if (wanted('explain'))
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
          .choices(['text', 'json', 'svg', 'html', 'markdown'])
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
          .choices(['taskmanager', 'jobmanager', 'both'])
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
        const { runExplain } = await import('./explain/run.js');
        result.code = await runExplain(
          {
            files,
            format: o.format as 'text' | 'json' | 'svg' | 'html' | 'markdown',
            trace: Boolean(o.trace),
            showConfig: Boolean(o.showConfig),
            ...(o.flinkVersion ? { flinkVersion: String(o.flinkVersion) } : {}),
            target: (o.target as Target | undefined) ?? 'standalone',
            set: list(o.set),
            env: list(o.env),
            ...(o.inputFormat
              ? { inputFormat: o.inputFormat as 'flink-conf' | 'config-yaml' | 'k8s' }
              : {}),
            process: o.process as 'taskmanager' | 'jobmanager' | 'both',
            ...(o.lang !== undefined ? { lang: String(o.lang) } : {}),
          },
          io,
        );
      });

  if (wanted('lint'))
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
        repeatable(
          '--rule <id=severity>',
          'set a rule to error, warning, info or off (repeatable)',
        ),
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
        const { runLint } = await import('./lint.js');
        const formats = list(o.format);
        const outputs = list(o.output);
        const several = formats.length > 1;
        result.code = await runLint(
          {
            inputs,
            ...(several
              ? {
                  reports: formats.map((format, i) => ({
                    format,
                    ...(outputs[i] !== undefined ? { output: outputs[i] } : {}),
                  })),
                }
              : {
                  ...(formats[0] !== undefined ? { format: formats[0] } : {}),
                  ...(outputs[0] !== undefined ? { output: outputs[0] } : {}),
                }),
            failOn: String(o.failOn),
            ...(o.maxWarnings !== undefined ? { maxWarnings: String(o.maxWarnings) } : {}),
            ...(o.config !== undefined ? { config: String(o.config) } : {}),
            ...(o.flinkVersion !== undefined ? { flinkVersion: String(o.flinkVersion) } : {}),
            ...(o.target !== undefined ? { target: String(o.target) } : {}),
            ...(o.containerMemory !== undefined
              ? { containerMemory: String(o.containerMemory) }
              : {}),
            set: list(o.set),
            rule: list(o.rule),
            ...(o.inputFormat !== undefined ? { inputFormat: String(o.inputFormat) } : {}),
            ...(o.fix ? { fix: true } : {}),
            ...(o.fixDryRun ? { fixDryRun: true } : {}),
            ...(o.stdinFilename !== undefined ? { stdinFilename: String(o.stdinFilename) } : {}),
            ...(o.quiet ? { quiet: true } : {}),
            ...(o.ignore === false ? { noIgnore: true } : {}),
            ...(o.printConfig !== undefined ? { printConfig: String(o.printConfig) } : {}),
            ...(o.lang !== undefined ? { lang: String(o.lang) } : {}),
          },
          io,
        );
      });

  if (wanted('doctor'))
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
        const { runDoctor } = await import('./doctor.js');
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

  if (wanted('rules'))
    program
      .command('rules')
      .description('List the lint rules (the reference in docs/rules.md is generated from this)')
      .addOption(
        new Option('--format <format>', 'output format')
          .choices(['text', 'json', 'markdown'])
          .default('text'),
      )
      .addOption(langOption())
      .action(async (o: { format: string; lang?: string }) => {
        const { runRules } = await import('./rules-cmd.js');
        result.code = await runRules(
          { format: o.format, ...(o.lang !== undefined ? { lang: o.lang } : {}) },
          io,
        );
      });

  if (wanted('schema'))
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
        const { runSchema } = await import('./schema-cmd.js');
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

  if (wanted('init'))
    program
      .command('init')
      .description('Write a commented .flink-mem.yaml (linter config) in the current folder')
      .option('--force', 'replace an existing .flink-mem.yaml', false)
      .action(async (o: { force: boolean }) => {
        const { runInit } = await import('./init-cmd.js');
        result.code = await runInit(o, io);
      });

  program
    .command('completion')
    .description('Print a shell completion script for bash, zsh or fish')
    .argument('<shell>', 'bash, zsh or fish')
    .addHelpText(
      'after',
      examples([
        'source <(flink-mem completion bash)',
        'source <(flink-mem completion zsh)',
        'flink-mem completion fish > ~/.config/fish/completions/flink-mem.fish',
      ]),
    )
    .action(async (shell: string) => {
      const { completionScript, PATH_FLAGS, SHELLS } = await import('./completion.js');
      const { FORMAT_NAMES } = await import('./format/types.js');
      if (!(SHELLS as readonly string[]).includes(shell))
        throw new UsageError('EINVAL', `completion: "${shell}" is not one of ${SHELLS.join(', ')}`);
      const flag = (o: Option, command = '') => {
        // lint's --format is repeatable, so its values are not commander choices.
        const choices =
          o.argChoices ?? (command === 'lint' && o.long === '--format' ? FORMAT_NAMES : undefined);
        return {
          ...(o.long ? { long: o.long } : {}),
          ...(o.short ? { short: o.short } : {}),
          value: o.required || o.optional,
          ...(choices ? { choices } : {}),
          ...(o.long && PATH_FLAGS.includes(o.long) ? { path: true } : {}),
          description: o.description,
        };
      };
      const commands = program.commands.map((c) => ({
        name: c.name(),
        description: c.description(),
        flags: c.options.map((o) => flag(o, c.name())),
      }));
      io.write(
        completionScript(shell as 'bash' | 'zsh' | 'fish', commands, [
          ...program.options.map((o) => flag(o)),
          { long: '--help', short: '-h', value: false, description: 'show help' },
        ]),
      );
    });

  // --color and --no-color stand for FORCE_COLOR and NO_COLOR, for every command.
  program.hook('preAction', (root) => {
    const color = root.opts()['color'] as boolean | undefined;
    // The flag wins over the environment it stands for.
    if (color === true) {
      env['FORCE_COLOR'] = '1';
      delete env['NO_COLOR'];
    }
    if (color === false) {
      env['NO_COLOR'] = '1';
      delete env['FORCE_COLOR'];
    }
  });

  localizeHelp(program, lang);
  return program;
}

/** Runs the CLI; returns the exit code. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const result = { code: EXIT.ok as number };
  // `flink-mem lint ...` and the like need only that command; anything else (top-level help, a
  // misspelt command, global flags first, completion) gets every command.
  const program = buildProgram(
    io,
    result,
    helpLang(argv, io),
    ALONE.has(argv[0] ?? '') ? argv[0] : undefined,
  );
  try {
    if (argv.length === 0) {
      program.outputHelp();
      io.error('flink-mem: error: no command given; the commands are listed above\n');
      return EXIT.usage;
    }
    // -V was the version flag before -v; it still works.
    await program.parseAsync(argv[0] === '-V' ? ['--version', ...argv.slice(1)] : [...argv], {
      from: 'user',
    });
    return result.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return EXIT.ok;
      return EXIT.usage;
    }
    return exitFor(e, io);
  }
}
