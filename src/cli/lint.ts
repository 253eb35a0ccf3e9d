/**
 * `flink-mem lint`: lints files, folders and standard input, streams each file's findings to the
 * chosen output formats, and returns the exit code: 0 nothing at or above `--fail-on`, 1 findings
 * at or above it (or more warnings than `--max-warnings`), 2 a usage or input error (the other
 * inputs are still linted and reported), 3 an internal error.
 */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { ALL_RULES } from '../../rules/index.js';
import { loadText, parseSetArg, sameLoadOptions, UsageError } from '../config/index.js';
import { LineIndex } from '../config/positions.js';
import type { LoadOptions } from '../config/types.js';
import { lintLoadedFile } from '../engine/runner.js';
import { localizeRules } from '../i18n/rules.js';
import type { Lang } from '../i18n/lang.js';
import { resolveLang } from './lang.js';
import type { LinterSettings } from '../engine/settings.js';
import type { SuppressedFinding } from '../engine/suppressions.js';
import type { Finding, RuleDefinition, Severity } from '../engine/types.js';
import { versionLabel } from '../primitives/version.js';
import { openReports } from './format/index.js';
import { OutputFailed } from './format/sink.js';
import type { OpenReport } from './format/index.js';
import { STDIN_NAME } from './format/paths.js';
import { SEVERITY_RANK } from './format/types.js';
import type { CliIO } from './io.js';
import { EXIT, exitFor } from './io.js';
import { EMPTY_PATH, visibleLine } from './util.js';
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
import { filesOf, readInput } from './lint-inputs.js';
import { outputFile, outputOver } from './lint-outputs.js';
import type { OutputFile } from './lint-outputs.js';
import { count, fixSummary, writeFixed } from './lint-fixes.js';
import type { FixCounts } from './lint-fixes.js';

export type { LintOptions } from './lint-flags.js';

interface Plan {
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
function prepare(opts: LintOptions, io: CliIO): Plan {
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

export async function runLint(opts: LintOptions, io: CliIO): Promise<number> {
  // Each usage problem is printed once (a bad linter config governs many files).
  const said = new Set<string>();
  const usage = (message: string) => {
    // File names and values in a message are shown escaped: stderr reaches terminals and CI logs
    // too.
    if (!said.has(message)) io.error(`flink-mem: error: ${visibleLine(message)}\n`);
    said.add(message);
  };
  const stdinName = opts.stdinFilename ?? STDIN_NAME;
  const shownSeverity = (f: Finding) => !opts.quiet || f.severity === 'error';
  let plan: Plan;
  try {
    plan = prepare(opts, io);
    if (opts.printConfig !== undefined) return printConfig(opts.printConfig, plan, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    usage(e.message);
    return EXIT.usage;
  }

  const totals = { files: 0, error: 0, warning: 0, info: 0, unread: 0 };
  const fixes: FixCounts = { problems: 0, files: 0, unwritten: 0 };
  let exit: number = EXIT.ok;
  /** Runs one step for one input; a usage problem skips that input and makes the exit code 2. */
  const orSkip = async <T>(step: () => T | Promise<T>): Promise<T | undefined> => {
    try {
      return await step();
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      usage(e.message);
      exit = Math.max(exit, EXIT.usage);
      totals.unread++;
      return undefined;
    }
  };
  try {
    // Loaded only for --fix and --fix-dry-run, so plain lint starts without them.
    const fixer = plan.fix
      ? { ...(await import('../fix/index.js')), ...(await import('./fix-output.js')) }
      : null;
    // Only overlapping inputs can name a file twice; one input needs no list of what was seen.
    const seen = opts.inputs.length > 1 ? new Set<string>() : null;
    for (const input of opts.inputs) {
      const files = filesOf(input, io.cwd, plan.configs.watch, stdinName, (message, kind) => {
        if (kind === 'outside') io.error(`flink-mem: note: ${visibleLine(message)}\n`);
        else {
          usage(message);
          exit = Math.max(exit, EXIT.usage);
        }
      });
      for (;;) {
        const next = await orSkip(() => files.next());
        if (!next || next.done) break;
        const [shown, abs] = next.value;
        // Standard input too: read once, it is empty the second time.
        if (seen?.has(abs)) continue;
        seen?.add(abs);
        const over = outputOver(abs, plan.outputs);
        if (over) {
          // The report would replace the configuration it is about.
          for (const r of plan.reports) r.sink.abort();
          usage(
            `--output "${over.given}" is one of the linted files${over.abs === abs ? '' : ` ("${shown}")`}; the report would overwrite it (nothing was written)`,
          );
          return EXIT.usage;
        }
        const settings = await orSkip(() => plan.settingsFor(abs));
        const read =
          settings &&
          (await orSkip(() =>
            readInput(shown, abs, io, plan.load, plan.configs, plan.fix === 'write'),
          ));
        if (!settings || !read) continue;
        const loaded = read.loaded;
        let file = loaded;
        let findings: Finding[];
        const suppressed: SuppressedFinding[] = [];
        if (plan.fix && fixer) {
          const outcome = fixer.fixLoadedFile(loaded, {
            lint: (f) => lintLoadedFile(f, plan.rules, settings),
            reload: (t) => loadText(t, shown, sameLoadOptions(loaded, plan.load)),
            settings,
          });
          if (outcome.note) io.error(`flink-mem: ${visibleLine(`${shown}: ${outcome.note}`)}\n`);
          if (plan.fix === 'diff') {
            if (outcome.text !== loaded.text)
              io.write(fixer.unifiedDiff(shown, loaded.text, outcome.text));
            count(fixes, outcome);
            continue;
          }
          if (!(await orSkip(() => writeFixed(shown, read, outcome, fixer)))) {
            fixes.unwritten++;
            findings = lintLoadedFile(loaded, plan.rules, settings);
          } else {
            count(fixes, outcome);
            file = outcome.loaded;
            findings = outcome.findings;
          }
        } else findings = lintLoadedFile(loaded, plan.rules, settings, suppressed);
        if (opts.quiet) findings = findings.filter(shownSeverity);
        totals.files++;
        for (const f of findings) totals[f.severity]++;
        const lines = file.documents[0]?.lines ?? new LineIndex(file.text).lines();
        for (const r of plan.reports)
          r.formatter.file({ file: shown, lines, findings, suppressed });
      }
    }
    for (const r of plan.reports) r.formatter.end({ ...totals, failures: [...said] });
    // A report file of a run that skipped an input would look complete (an empty SARIF file closes
    // every open code-scanning alert), so none is written; reports on standard output are already
    // out.
    for (const r of plan.reports) {
      if (totals.unread > 0) r.sink.abort();
      else r.sink.commit();
    }
    if (totals.unread > 0 && plan.outputs.length > 0)
      usage('no report file was written, because not every input could be linted');
  } catch (e) {
    for (const r of plan.reports) r.sink.abort();
    if (e instanceof OutputFailed) {
      usage(e.message);
      return EXIT.usage;
    }
    return exitFor(e, io);
  }

  if (plan.fix) io.error(`flink-mem: ${fixSummary(plan.fix, fixes)}\n`);
  if (plan.fix === 'diff') return Math.max(exit, fixes.files > 0 ? EXIT.findings : EXIT.ok);
  const failing = FAIL_ON.filter((s) => SEVERITY_RANK[s] >= SEVERITY_RANK[plan.failOn]).some(
    (s) => totals[s] > 0,
  );
  const tooManyWarnings = plan.maxWarnings !== undefined && totals.warning > plan.maxWarnings;
  if (tooManyWarnings)
    io.error(
      `flink-mem: ${totals.warning} warning${totals.warning === 1 ? '' : 's'}, more than --max-warnings ${plan.maxWarnings} allows\n`,
    );
  return Math.max(exit, failing || tooManyWarnings ? EXIT.findings : EXIT.ok);
}

/**
 * `--print-config <file>`: the settings lint would use for that file, as JSON: which linter config
 * applies, the Flink version and target it forces, and every rule's effective setting.
 */
function printConfig(file: string, plan: Plan, io: CliIO): number {
  for (const r of plan.reports) r.sink.abort();
  if (file === '') throw new UsageError('EINVAL', EMPTY_PATH);
  const abs = resolve(io.cwd, file);
  let settings: LinterSettings;
  try {
    settings = plan.settingsFor(abs);
  } catch (e) {
    return exitFor(e, io);
  }
  const config = plan.explicitConfig ?? plan.configs.locate(dirname(abs));
  const rules = Object.fromEntries(
    ALL_RULES.map((r) => [r.id, settings.rules[r.id] ?? r.severity]),
  );
  const printed = {
    file,
    configFile: config === null ? null : relative(io.cwd, config) || config,
    flinkVersion: settings.flinkVersion
      ? versionLabel(settings.flinkVersion)
      : 'from each file (spec.flinkVersion; 1.20 for flink-conf.yaml; else the newest)',
    target: settings.target,
    containerMemory:
      settings.containerMemory === undefined ? null : `${settings.containerMemory} bytes`,
    rules,
  };
  io.write(`${JSON.stringify(printed, null, 2)}\n`);
  return EXIT.ok;
}
