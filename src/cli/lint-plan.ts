/**
 * What `flink-mem lint` settles before it reads any input: every flag checked, the linter configs
 * (--config, or found upwards from each file), the output language, the rules' texts in it and the
 * opened reports. A usage problem is thrown here, before anything is linted.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ALL_RULES } from '../../rules/index.js';
import { parseSetArg, UsageError } from '../config/index.js';
import type { LoadOptions } from '../config/types.js';
import { localizeRules } from '../i18n/rules.js';
import type { Lang } from '../i18n/lang.js';
import { resolveLang } from './lang-flag.js';
import type { LinterSettings } from '../engine/settings.js';
import type { RuleDefinition, Severity } from '../engine/types.js';
import { openReports } from './format/index.js';
import type { OpenReport } from './format/index.js';
import { STDIN_NAME } from './format/paths.js';
import type { CliIO } from './io.js';
import { GitIgnores } from './gitignore.js';
import {
  defaultFormat,
  FAIL_ON,
  fixMode,
  flagSettings,
  INPUT_FORMATS,
  maxWarningsOf,
  oneOf,
} from './lint-flags.js';
import type { LintOptions } from './lint-flags.js';
import { LinterConfigs, mergeSettings } from './linter-configs.js';
import { outputFile } from './lint-outputs.js';
import type { OutputFile } from './lint-outputs.js';

export interface Plan {
  /** `write` for --fix, `diff` for --fix-dry-run. */
  readonly fix: 'write' | 'diff' | null;
  readonly reports: readonly OpenReport[];
  readonly failOn: Severity;
  readonly maxWarnings: number | undefined;
  readonly load: LoadOptions;
  /** The files the reports are written to (`--output`). */
  readonly outputs: readonly OutputFile[];
  /**
   * Settings for a file: its linter config (or --config) under the flags; throws a UsageError for a
   * bad config.
   */
  settingsFor(abs: string): LinterSettings;
  /** Linter configs, and what the folder walk saw of each folder. */
  readonly configs: LinterConfigs;
  /** The --config file, when given (absolute). */
  readonly explicitConfig: string | null;
  /** The rules with their texts in the output language. */
  readonly rules: readonly RuleDefinition[];
}

/** Validates every flag and opens the outputs; throws a usage error before anything is linted. */
export function prepare(opts: LintOptions, io: CliIO): Plan {
  if (opts.inputs.length === 0 && opts.printConfig === undefined)
    throw new UsageError('EINVAL', 'lint needs at least one file, folder, or - for standard input');
  const fix = fixMode(opts);
  const failOn = oneOf(opts.failOn ?? 'error', FAIL_ON, '--fail-on');
  const maxWarnings = maxWarningsOf(opts.maxWarnings);
  const fromFlags = flagSettings(opts);
  const load = {
    ...(opts.inputFormat !== undefined
      ? { format: oneOf(opts.inputFormat, INPUT_FORMATS, '--input-format') }
      : {}),
    set: (opts.set ?? []).map(parseSetArg),
  };
  const configs = new LinterConfigs(io.cwd, opts.noIgnore ? null : new GitIgnores());
  let explicit: Partial<LinterSettings> | undefined;
  if (opts.config !== undefined) {
    const path = resolve(io.cwd, opts.config);
    if (!existsSync(path)) throw new UsageError('ENOENT', `"${opts.config}" does not exist`);
    explicit = configs.read(path);
  }
  // One settings object per linter config file: the engine resolves rule settings once per object.
  const merged = new Map<string | null, LinterSettings>();
  const settingsFor = (abs: string) => {
    const found = explicit
      ? null
      : configs.locate(
          abs === '-' ? dirname(resolve(io.cwd, opts.stdinFilename ?? STDIN_NAME)) : dirname(abs),
        );
    let settings = merged.get(found);
    if (!settings)
      merged.set(
        found,
        (settings = mergeSettings(explicit ?? (found ? configs.read(found) : {}), fromFlags)),
      );
    return settings;
  };
  const explicitConfig = opts.config !== undefined ? resolve(io.cwd, opts.config) : null;
  const lang = lintLang(opts, io, explicit, configs);
  const rules = localizeRules(ALL_RULES, lang);
  if (fix === 'diff')
    return {
      fix,
      reports: [],
      failOn,
      maxWarnings,
      load,
      outputs: [],
      settingsFor,
      configs,
      explicitConfig,
      rules,
    };
  const requests =
    opts.reports && opts.reports.length > 0
      ? opts.reports
      : [
          {
            format: opts.format ?? defaultFormat(io.env),
            ...(opts.output ? { output: opts.output } : {}),
          },
        ];
  const reports = openReports(requests, io, new Map(rules.map((r) => [r.id, r])), lang);
  const outputs = requests.flatMap((r) =>
    r.output !== undefined ? [outputFile(r.output, io.cwd)] : [],
  );
  return {
    fix,
    reports,
    failOn,
    maxWarnings,
    load,
    outputs,
    settingsFor,
    configs,
    explicitConfig,
    rules,
  };
}

/**
 * One language for the whole run (one report): --lang, else `lang` of --config or of the linter
 * config found from the working directory, else the locale.
 */
function lintLang(
  opts: LintOptions,
  io: CliIO,
  explicit: Partial<LinterSettings> | undefined,
  configs: LinterConfigs,
): Lang {
  if (opts.lang !== undefined) return resolveLang(io, { flag: opts.lang });
  const found = explicit ? null : configs.locate(io.cwd);
  return resolveLang(io, { config: (explicit ?? (found ? configs.read(found) : {})).lang });
}
