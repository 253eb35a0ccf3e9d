/**
 * What `lint` and `explain` are asked to do, made from commander's option values. The commands'
 * actions use it, and so does the plain run of ../main.ts: `flink-mem lint <inputs>` and
 * `flink-mem explain <files>` with no options at all run without building the command line (the
 * parser is most of the start-up time such a run can save), with the option values commander
 * gives when no option is given (`NO_OPTIONS`, checked against commander by a test).
 */
import type { Target } from '../../model/compute.js';
import type { ExplainOptions } from '../explain/run.js';
import type { LintOptions } from '../lint-flags.js';

/** The values of a repeatable option (see `repeatable` in command-options.ts). */
export const list = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : []);

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
