/**
 * What `lint` and `explain` are asked to do, made from commander's option values. The commands'
 * actions use it, and so does the plain run of ../main.ts: `flink-mem lint` and `flink-mem
 * explain` with operands and only well-formed options of the tables below run without building
 * the command line with commander (most of the start-up time such a run can save).
 * `plainValues` gives the option values commander would give; anything it does not read exactly
 * so (an unknown or misspelt option, a missing or odd value, a value outside the choices, help)
 * is left to commander, which answers it as always. test/cli.plain-run.test.ts checks both
 * against commander.
 */
import type { Target } from '../../model/compute.js';
import { TARGETS } from '../../engine/version-target.js';
import type { ExplainOptions } from '../explain/run.js';
import type { LintOptions } from '../lint-flags.js';

/** The values of a repeatable option (see `repeatable` in command-options.ts). */
export const list = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : []);

export const EXPLAIN_FORMATS = ['text', 'json', 'svg', 'html', 'markdown'] as const;
export const PROCESSES = ['taskmanager', 'jobmanager', 'both'] as const;
export const INPUT_FORMATS = ['flink-conf', 'config-yaml', 'k8s'] as const;

/** The option values commander gives each command's action when no option is given. */
export const NO_OPTIONS: Readonly<Record<'lint' | 'explain', Readonly<Record<string, unknown>>>> = {
  lint: { failOn: 'error', ignore: true },
  explain: { format: 'text', trace: false, showConfig: false, process: 'both' },
};

export function lintRequest(inputs: string[], o: Record<string, unknown>): LintOptions {
  const formats = list(o.format);
  const outputs = list(o.output);
  const several = formats.length > 1;
  return {
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
    ...(o.containerMemory !== undefined ? { containerMemory: String(o.containerMemory) } : {}),
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
  };
}

export function explainRequest(files: string[], o: Record<string, unknown>): ExplainOptions {
  return {
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
  };
}

/**
 * How commander reads an option: one value (the last one given wins), a repeatable value
 * (gathered in order), a flag (true) or a `--no-` flag (false).
 */
interface OptionRead {
  readonly key: string;
  readonly kind: 'value' | 'list' | 'flag' | 'negated';
  readonly choices?: readonly string[];
}

const COMMON: Readonly<Record<string, OptionRead>> = {
  '--flink-version': { key: 'flinkVersion', kind: 'value' },
  '--target': { key: 'target', kind: 'value', choices: TARGETS },
  '--set': { key: 'set', kind: 'list' },
  '--input-format': { key: 'inputFormat', kind: 'value', choices: INPUT_FORMATS },
  '--lang': { key: 'lang', kind: 'value' },
};

/** The options of commands/define-lint.ts and define-explain.ts, as commander reads them. */
const OPTIONS: Readonly<Record<'lint' | 'explain', Readonly<Record<string, OptionRead>>>> = {
  lint: {
    ...COMMON,
    '--format': { key: 'format', kind: 'list' },
    '--output': { key: 'output', kind: 'list' },
    '--fail-on': { key: 'failOn', kind: 'value' },
    '--max-warnings': { key: 'maxWarnings', kind: 'value' },
    '--config': { key: 'config', kind: 'value' },
    '--container-memory': { key: 'containerMemory', kind: 'value' },
    '--rule': { key: 'rule', kind: 'list' },
    '--fix': { key: 'fix', kind: 'flag' },
    '--fix-dry-run': { key: 'fixDryRun', kind: 'flag' },
    '--stdin-filename': { key: 'stdinFilename', kind: 'value' },
    '--quiet': { key: 'quiet', kind: 'flag' },
    '--no-ignore': { key: 'ignore', kind: 'negated' },
    '--print-config': { key: 'printConfig', kind: 'value' },
  },
  explain: {
    ...COMMON,
    '--format': { key: 'format', kind: 'value', choices: EXPLAIN_FORMATS },
    '--trace': { key: 'trace', kind: 'flag' },
    '--show-config': { key: 'showConfig', kind: 'flag' },
    '--process': { key: 'process', kind: 'value', choices: PROCESSES },
    '--env': { key: 'env', kind: 'list' },
  },
};

/**
 * The operands and option values commander would give `command`'s action for these arguments
 * (those after the command's name), or undefined when they are not plainly read: no operand, an
 * option not in the table or written another way (`-x`, `--`, `-` for standard input), a flag
 * given a value, a value that is missing, empty, starts with `-` or is not one of the choices.
 */
export function plainValues(
  command: 'lint' | 'explain',
  args: readonly string[],
): { operands: string[]; values: Record<string, unknown> } | undefined {
  const table = OPTIONS[command];
  const values: Record<string, unknown> = { ...NO_OPTIONS[command] };
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) {
      operands.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const read = Object.hasOwn(table, name) ? table[name] : undefined;
    if (read === undefined) return undefined;
    if (read.kind === 'flag' || read.kind === 'negated') {
      if (eq > 0) return undefined;
      values[read.key] = read.kind === 'flag';
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (
      value === undefined ||
      value === '' ||
      value.startsWith('-') ||
      (read.choices !== undefined && !read.choices.includes(value))
    )
      return undefined;
    values[read.key] = read.kind === 'list' ? [...list(values[read.key]), value] : value;
  }
  return operands.length > 0 ? { operands, values } : undefined;
}
