/**
 * The command line: `runProgram(argv, io)` parses the arguments with commander, runs one command
 * and returns its exit code (through `run` of ./main.ts, which starts a command given no options
 * without it). Each command is defined in a file of its own under commands/; the modules that do a
 * command's work are loaded only when it runs, to keep start-up fast.
 */
import { Command, CommanderError } from 'commander';
import type { CliIO } from './io.js';
import { EXIT, exitFor, oneLineError, withEnv } from './io.js';
import { helpLang, localizeHelp, localizeUsageError } from './help-lang.js';
import type { Lang } from '../i18n/lang.js';
import { examples } from './commands/command-options.js';
import { defineCompletion } from './commands/define-completion.js';
import { defineDoctor } from './commands/define-doctor.js';
import { defineExplain } from './commands/define-explain.js';
import { defineInit } from './commands/define-init.js';
import { defineLint } from './commands/define-lint.js';
import { defineRules } from './commands/define-rules.js';
import { defineSchema } from './commands/define-schema.js';

declare const FLINK_MEM_VERSION: string | undefined;
declare const FLINK_MEM_ONLY: string | undefined;
const VERSION = typeof FLINK_MEM_VERSION === 'string' ? FLINK_MEM_VERSION : '0.0.0-dev';

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

  if ((typeof FLINK_MEM_ONLY !== 'string' || FLINK_MEM_ONLY === 'explain') && wanted('explain'))
    defineExplain(program, io, result);
  if ((typeof FLINK_MEM_ONLY !== 'string' || FLINK_MEM_ONLY === 'lint') && wanted('lint'))
    defineLint(program, io, result);
  if ((typeof FLINK_MEM_ONLY !== 'string' || FLINK_MEM_ONLY === 'doctor') && wanted('doctor'))
    defineDoctor(program, io, result);
  if ((typeof FLINK_MEM_ONLY !== 'string' || FLINK_MEM_ONLY === 'rules') && wanted('rules'))
    defineRules(program, io, result);
  if ((typeof FLINK_MEM_ONLY !== 'string' || FLINK_MEM_ONLY === 'schema') && wanted('schema'))
    defineSchema(program, io, result);
  if ((typeof FLINK_MEM_ONLY !== 'string' || FLINK_MEM_ONLY === 'init') && wanted('init'))
    defineInit(program, io, result);
  defineCompletion(program, io);

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

/** Runs the command line through commander; returns the exit code. */
export async function runProgram(argv: readonly string[], io: CliIO): Promise<number> {
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
