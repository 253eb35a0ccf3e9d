/**
 * `flink-mem lint`: lints files, folders and standard input, streams each file's findings to the
 * chosen output formats, and returns the exit code: 0 nothing at or above `--fail-on`, 1 findings
 * at or above it (or more warnings than `--max-warnings`), 2 a usage or input error (the other
 * inputs are still linted and reported), 3 an internal error.
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, realpathSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { closest } from 'fastest-levenshtein';
import { parse as parseYaml } from 'yaml';
import { ALL_RULES } from '../../rules/index.js';
import { countNodes, flinkConfBeside, flinkFilesIn, loadBytes, loadText, MAX_CONFIG_BYTES, parseSetArg, ReadRefused, readRegularFile, sameLoadOptions, UsageError } from '../config/index.js';
import type { FolderWatch, Skipped } from '../config/expand.js';
import { LineIndex } from '../config/positions.js';
import type { InputFormat, LoadedFile, LoadOptions } from '../config/types.js';
import { lintLoadedFile } from '../engine/runner.js';
import { localizeRules } from '../i18n/rules.js';
import type { Lang } from '../i18n/lang.js';
import { resolveLang } from './lang.js';
import type { FixOutcome } from '../fix/index.js';
import { DEFAULT_SETTINGS, parseLimitOrThrow, parseVersionOrThrow, SettingsError, settingsFromObject } from '../engine/settings.js';
import type { LinterSettings, RuleSetting } from '../engine/settings.js';
import type { SuppressedFinding } from '../engine/suppressions.js';
import type { Finding, RuleDefinition, Severity, SeveritySetting } from '../engine/types.js';
import { TARGETS } from '../engine/version-target.js';
import { versionLabel } from '../options/version.js';
import { openReports } from './format/index.js';
import { OutputFailed } from './format/sink.js';
import type { OpenReport, ReportRequest } from './format/index.js';
import { STDIN_NAME } from './format/paths.js';
import { SEVERITY_RANK } from './format/types.js';
import type { CliIO } from './io.js';
import { CliUsageError, EXIT } from './io.js';
import { describeReadError, EMPTY_PATH, readStdin, shownUnder, skippedMessage, visibleLine } from './util.js';
import { fileStamp } from './write.js';
import type { FileStamp } from './write.js';
import { GitIgnores } from './gitignore.js';
import { globBase, isGlob, matchGlob } from './glob.js';

/** Flag values exactly as given on the command line; `runLint` validates them (exit 2 on a bad one). */
export interface LintOptions {
  /** Files, folders (their Flink config files and manifests), or `-` for standard input. */
  readonly inputs: readonly string[];
  /**
   * `text`, `json`, `sarif`, `github`, `gitlab`, `junit` or `checkstyle`; default `github` when
   * GITHUB_ACTIONS is `true` (as other linters do), else `text`. Ignored when `reports` is given.
   */
  readonly format?: string;
  /** Write the report to this file (atomically) instead of standard output. */
  readonly output?: string;
  /** Several reports in one run (`--format x --output file` pairs); at most one without a file. */
  readonly reports?: readonly ReportRequest[];
  /** `error` (default), `warning` or `info`: the lowest severity that makes the exit code 1. */
  readonly failOn?: string;
  /** Exit 1 when there are more warnings than this. */
  readonly maxWarnings?: number | string;
  /** A linter config file; otherwise `.flink-mem.yaml`/`.yml` is looked up from each linted file. */
  readonly config?: string;
  readonly flinkVersion?: string;
  /** `standalone`, `kubernetes`, `yarn` or `local`. */
  readonly target?: string;
  readonly containerMemory?: string;
  /** `key=value` overrides, applied last (repeatable). */
  readonly set?: readonly string[];
  /** `flink-conf`, `config-yaml` or `k8s`. */
  readonly inputFormat?: string;
  /** `rule-id=severity` overrides (repeatable), severity `error`, `warning`, `info` or `off`. */
  readonly rule?: readonly string[];
  /** Apply the fixes to the files, then report what remains. */
  readonly fix?: boolean;
  /** Print the fixes as a unified diff and write nothing. */
  readonly fixDryRun?: boolean;
  /** The path standard input stands for: findings name it, and its linter config is looked up from it. */
  readonly stdinFilename?: string;
  /** Report errors only (warnings and info are neither shown nor counted). */
  readonly quiet?: boolean;
  /** Also walk folders that git ignores. */
  readonly noIgnore?: boolean;
  /** Print the settings that apply to this file (linter config under the flags) instead of linting. */
  readonly printConfig?: string;
  /** `en` or `zh`; otherwise the linter config's `lang`, then LC_ALL, LC_MESSAGES, LANG. */
  readonly lang?: string;
}

/** The format when none is asked for: annotations in GitHub Actions, else text. */
export function defaultFormat(env: CliIO['env']): string {
  return env['GITHUB_ACTIONS'] === 'true' ? 'github' : 'text';
}

const FAIL_ON: readonly Severity[] = ['error', 'warning', 'info'];
const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];
const INPUT_FORMATS: readonly InputFormat[] = ['flink-conf', 'config-yaml', 'k8s'];
const CONFIG_NAMES = ['.flink-mem.yaml', '.flink-mem.yml'];
const RULES = new Map(ALL_RULES.map((r) => [r.id, r]));

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliUsageError(`${flag} "${value}" is not one of ${allowed.join(', ')}`);
}

function ruleOverrides(items: readonly string[]): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  for (const item of items) {
    const [id = '', severity] = item.split(/=(.*)/s).map((x) => x.trim());
    if (severity === undefined || !id) throw new CliUsageError(`--rule "${item}" must look like RULE-ID=SEVERITY`);
    if (!RULES.has(id)) throw new CliUsageError(`--rule: unknown rule "${id}" (did you mean "${closest(id, [...RULES.keys()])}"?)`);
    out[id] = oneOf(severity, SEVERITIES, `--rule ${id}`);
  }
  return out;
}

function maxWarningsOf(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0) throw new CliUsageError(`--max-warnings "${value}" must be a whole number of at least 0`);
  return n;
}

/** Linter settings from the flags; they win over the linter config file. */
function flagSettings(opts: LintOptions): Partial<LinterSettings> {
  return {
    ...(opts.flinkVersion !== undefined ? { flinkVersion: parseVersionOrThrow(opts.flinkVersion, '--flink-version') } : {}),
    ...(opts.target !== undefined ? { target: oneOf(opts.target, TARGETS, '--target') } : {}),
    ...(opts.containerMemory !== undefined ? { containerMemory: parseLimitOrThrow(opts.containerMemory, '--container-memory') } : {}),
    rules: ruleOverrides(opts.rule ?? []),
  };
}

/** Layers settings: later parts win; a severity override keeps the rule options set earlier. */
function mergeSettings(...parts: Partial<LinterSettings>[]): LinterSettings {
  let out: LinterSettings = { ...DEFAULT_SETTINGS, knownRuleIds: ALL_RULES.map((r) => r.id) };
  for (const { rules = {}, ...rest } of parts) {
    const merged: Record<string, RuleSetting> = { ...out.rules };
    for (const [id, setting] of Object.entries(rules)) {
      const before = merged[id];
      merged[id] = typeof setting === 'string' && Array.isArray(before) ? [setting, before[1]] : setting;
    }
    out = { ...out, ...rest, rules: merged };
  }
  return out;
}

/** Names the folder walk reports for each folder, so that lint does not look for them again. */
const WATCHED = new Set([...CONFIG_NAMES, '.git', 'flink-conf.yaml']);

/** Finds and reads `.flink-mem.yaml` files, once per folder; a bad one is a usage error. */
class LinterConfigs {
  private readonly found = new Map<string, string | null>();
  /** Watched names of folders the walk read recently (name -> is a folder). */
  private readonly listed = new Map<string, ReadonlyMap<string, boolean>>();
  /** Settings per config file, or the error it gave (kept, so a bad file is read once). */
  private readonly parsed = new Map<string, Partial<LinterSettings> | SettingsError>();

  constructor(
    private readonly cwd: string,
    private readonly ignores: GitIgnores | null = null,
  ) {}

  /** What the folder walk tells about each folder it reads. */
  readonly watch: FolderWatch = {
    names: WATCHED,
    skipFolder: (dir) => this.ignores?.ignoresFolder(dir) ?? false,
    folder: (dir, present) => {
      // Files come folder by folder, so small caches answer nearly every lookup; unbounded ones
      // would grow with the number of folders.
      if (this.listed.size >= 1024) this.listed.clear();
      this.listed.set(dir, present);
    },
  };

  /** The nearest config file for a folder: upwards, stopping after a folder holding `.git`. */
  locate(dir: string): string | null {
    const cached = this.found.get(dir);
    if (cached !== undefined) return cached;
    if (this.found.size >= 1024) this.found.clear();
    const listed = this.listed.get(dir);
    const has = (name: string) => (listed ? listed.has(name) : existsSync(join(dir, name)));
    const own = CONFIG_NAMES.find(has);
    let result: string | null = own === undefined ? null : join(dir, own);
    if (result === null && !has('.git') && dirname(dir) !== dir) result = this.locate(dirname(dir));
    this.found.set(dir, result);
    return result;
  }

  /** For a config.yaml read from disk: the flink-conf.yaml beside it, as the user would name it, or null. */
  flinkConfBeside(abs: string, shown: string): string | null {
    return flinkConfBeside(abs, shown, this.listed.get(dirname(abs)));
  }

  read(path: string): Partial<LinterSettings> {
    let result = this.parsed.get(path);
    if (result === undefined) {
      const shown = relative(this.cwd, path) || path;
      try {
        const text = readRegularFile(path, MAX_LINTER_CONFIG_BYTES, 'a linter config').toString('utf8');
        if (countNodes(text, MAX_LINTER_CONFIG_NODES).nodes > MAX_LINTER_CONFIG_NODES) {
          throw new SettingsError(`${shown}: cannot read the linter config: it holds more than ${MAX_LINTER_CONFIG_NODES.toLocaleString('en-US')} YAML values, too many for a linter config`);
        }
        result = settingsFromObject(parseYaml(text), shown, new Set(RULES.keys()));
      } catch (e) {
        const first = (e instanceof Error ? e.message : String(e)).split('\n')[0];
        result =
          e instanceof SettingsError ? e
          : e instanceof ReadRefused ? new SettingsError(`${shown}: cannot read the linter config: it ${e.message.replace(/; it is not read$/, '')}`)
          : new SettingsError(`${shown}: cannot read the linter config: ${first}`);
      }
      this.parsed.set(path, result);
    }
    if (result instanceof SettingsError) throw result;
    return result;
  }
}

/** A linter config is a few lines; these bound what parsing a hostile one can cost. */
const MAX_LINTER_CONFIG_BYTES = 4 * 1024 * 1024;
const MAX_LINTER_CONFIG_NODES = 10_000;

/**
 * Each input as the files to lint, `[shown path, absolute path]`, as the folder walk finds them
 * (a list of 10,000 paths would stay in memory for the whole run). A missing input, or a folder
 * without any Flink file (most likely the wrong folder), is a usage error.
 */
function* filesOf(input: string, cwd: string, watch: FolderWatch, stdinName: string, passedOver: (message: string, kind: Skipped['kind']) => void): Generator<[string, string]> {
  if (input === '-') {
    yield [stdinName, '-'];
    return;
  }
  if (input === '') throw new CliUsageError(EMPTY_PATH);
  const abs = resolve(cwd, input);
  let folder: boolean;
  try {
    folder = statSync(abs).isDirectory();
  } catch (e) {
    if (isGlob(input)) {
      yield* globFiles(input, cwd, watch);
      return;
    }
    throw new CliUsageError(describeReadError(input, e));
  }
  const shown = shownUnder(input, cwd);
  if (!folder) {
    yield [shown(abs), abs];
    return;
  }
  let found = false;
  const skipped = (path: string, why: Skipped) => passedOver(skippedMessage(shown(path), input, why), why.kind);
  for (const f of flinkFilesIn(abs, { ...watch, skipped })) {
    found = true;
    yield [shown(f), f];
  }
  if (!found) throw new CliUsageError(`"${input}" holds no Flink configuration files (flink-conf.yaml, config.yaml or manifests)`);
}

/** The Flink files under a quoted glob's folder whose paths the glob matches. */
function* globFiles(pattern: string, cwd: string, watch: FolderWatch): Generator<[string, string]> {
  const base = globBase(pattern);
  const absPattern = resolve(cwd, pattern).split(sep).join('/');
  const shown = shownUnder(pattern, cwd);
  let found = false;
  for (const f of flinkFilesIn(resolve(cwd, base), watch)) {
    if (!matchGlob(absPattern, f.split(sep).join('/'))) continue;
    found = true;
    yield [shown(f), f];
  }
  if (!found) throw new CliUsageError(`"${pattern}" matches no Flink configuration files (flink-conf.yaml, config.yaml or manifests)`);
}

/** A linted file as read: the loaded text, and for --fix what the file was (checked again before it is replaced). */
interface ReadFile {
  readonly loaded: LoadedFile;
  readonly abs: string;
  readonly stamp?: FileStamp;
}

/**
 * Reads one file relative to the CLI's working directory and loads it under the name the user
 * sees (the loader's `loadFile` would name it by its absolute path).
 */
async function readInput(shown: string, abs: string, io: CliIO, options: LoadOptions, configs: LinterConfigs, stamp: boolean): Promise<ReadFile> {
  if (abs === '-') return { loaded: loadBytes(await readStdin(io), shown, options), abs };
  let bytes: Buffer;
  let stat: Stats | undefined;
  try {
    // The file's state is taken after the read: a file changed in between fails the content check before any rename.
    const after: { stat?: Stats } = {};
    bytes = readRegularFile(abs, MAX_CONFIG_BYTES, undefined, stamp ? after : undefined);
    stat = after.stat;
  } catch (e) {
    throw new CliUsageError(describeReadError(shown, e));
  }
  const beside = configs.flinkConfBeside(abs, shown);
  const loaded = loadBytes(bytes, shown, beside === null ? options : { ...options, besideFlinkConf: beside });
  return stat ? { loaded, abs, stamp: fileStamp(abs, bytes, stat) } : { loaded, abs };
}

/** An --output file, known by its real path and, when it exists, its device and inode. */
interface OutputFile {
  readonly given: string;
  readonly abs: string;
  readonly real: string;
  readonly id: string | null;
}

/** A path's real path and device:inode; throws when it does not exist. */
function identity(path: string): { real: string; id: string } {
  const real = realpathSync.native(path);
  const st = statSync(real);
  return { real, id: `${st.dev}:${st.ino}` };
}

function outputFile(given: string, cwd: string): OutputFile {
  const abs = resolve(cwd, given);
  try {
    return { given, abs, ...identity(abs) };
  } catch {
    try {
      // Not there yet: the folder may still be a link.
      return { given, abs, real: join(realpathSync.native(dirname(abs)), basename(abs)), id: null };
    } catch {
      // The folder is missing too; opening the report has already said so.
      return { given, abs, real: abs, id: null };
    }
  }
}

/** The --output that is this linted file under any spelling (a link, a hard link), if any. */
function outputOver(abs: string, outputs: readonly OutputFile[]): OutputFile | undefined {
  if (outputs.length === 0 || abs === '-') return undefined;
  let file: { real: string; id: string | null } = { real: abs, id: null };
  try {
    file = identity(abs);
  } catch {
    // Unreadable: reading it will say so.
  }
  return outputs.find((o) => o.real === file.real || (file.id !== null && o.id === file.id));
}

interface Plan {
  /** `write` for --fix, `diff` for --fix-dry-run. */
  readonly fix: 'write' | 'diff' | null;
  readonly reports: readonly OpenReport[];
  readonly failOn: Severity;
  readonly maxWarnings: number | undefined;
  readonly load: LoadOptions;
  /** The files the reports are written to (`--output`). */
  readonly outputs: readonly OutputFile[];
  /** Settings for a file: its linter config (or --config) under the flags; throws SettingsError for a bad config. */
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
  if (opts.inputs.length === 0 && opts.printConfig === undefined) throw new CliUsageError('lint needs at least one file, folder, or - for standard input');
  const fix = fixMode(opts);
  const failOn = oneOf(opts.failOn ?? 'error', FAIL_ON, '--fail-on');
  const maxWarnings = maxWarningsOf(opts.maxWarnings);
  const fromFlags = flagSettings(opts);
  const load = {
    ...(opts.inputFormat !== undefined ? { format: oneOf(opts.inputFormat, INPUT_FORMATS, '--input-format') } : {}),
    set: (opts.set ?? []).map(parseSetArg),
  };
  const configs = new LinterConfigs(io.cwd, opts.noIgnore ? null : new GitIgnores());
  let explicit: Partial<LinterSettings> | undefined;
  if (opts.config !== undefined) {
    const path = resolve(io.cwd, opts.config);
    if (!existsSync(path)) throw new CliUsageError(`"${opts.config}" does not exist`);
    explicit = configs.read(path);
  }
  // One settings object per linter config file: the engine resolves rule settings once per object.
  const merged = new Map<string | null, LinterSettings>();
  const settingsFor = (abs: string) => {
    const found = explicit ? null : configs.locate(abs === '-' ? dirname(resolve(io.cwd, opts.stdinFilename ?? STDIN_NAME)) : dirname(abs));
    let settings = merged.get(found);
    if (!settings) merged.set(found, (settings = mergeSettings(explicit ?? (found ? configs.read(found) : {}), fromFlags)));
    return settings;
  };
  const explicitConfig = opts.config !== undefined ? resolve(io.cwd, opts.config) : null;
  const lang = lintLang(opts, io, explicit, configs);
  const rules = localizeRules(ALL_RULES, lang);
  if (fix === 'diff') return { fix, reports: [], failOn, maxWarnings, load, outputs: [], settingsFor, configs, explicitConfig, rules };
  const requests = opts.reports && opts.reports.length > 0 ? opts.reports : [{ format: opts.format ?? defaultFormat(io.env), ...(opts.output ? { output: opts.output } : {}) }];
  const reports = openReports(requests, io, new Map(rules.map((r) => [r.id, r])), lang);
  const outputs = requests.flatMap((r) => (r.output !== undefined ? [outputFile(r.output, io.cwd)] : []));
  return { fix, reports, failOn, maxWarnings, load, outputs, settingsFor, configs, explicitConfig, rules };
}

/**
 * One language for the whole run (one report): --lang, else `lang` of --config or of the linter
 * config found from the working directory, else the locale.
 */
function lintLang(opts: LintOptions, io: CliIO, explicit: Partial<LinterSettings> | undefined, configs: LinterConfigs): Lang {
  if (opts.lang !== undefined) return resolveLang(io, { flag: opts.lang });
  const found = explicit ? null : configs.locate(io.cwd);
  return resolveLang(io, { config: (explicit ?? (found ? configs.read(found) : {})).lang });
}

function fixMode(opts: LintOptions): Plan['fix'] {
  if (opts.fix && opts.fixDryRun) throw new CliUsageError('--fix and --fix-dry-run cannot be used together: --fix-dry-run shows what --fix would write');
  if (opts.fix && opts.inputs.includes('-')) throw new CliUsageError('--fix cannot write back to standard input; use --fix-dry-run to see the changes as a diff');
  if (opts.stdinFilename !== undefined && opts.stdinFilename.trim() === '') throw new CliUsageError('--stdin-filename is empty; give the path standard input stands for');
  if (opts.fixDryRun && ((opts.reports?.length ?? 0) > 0 || opts.output !== undefined || (opts.format ?? 'text') !== 'text')) {
    throw new CliUsageError('--fix-dry-run prints a unified diff; it takes no --format or --output');
  }
  return opts.fix ? 'write' : opts.fixDryRun ? 'diff' : null;
}

const isUsage = (e: unknown): e is Error => e instanceof CliUsageError || e instanceof SettingsError || e instanceof UsageError;

export async function runLint(opts: LintOptions, io: CliIO): Promise<number> {
  // Each usage problem is printed once (a bad linter config governs many files).
  const said = new Set<string>();
  const usage = (message: string) => {
    // File names and values in a message are shown escaped: stderr reaches terminals and CI logs too.
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
    if (!isUsage(e)) throw e;
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
      if (!isUsage(e)) throw e;
      usage(e.message);
      exit = Math.max(exit, EXIT.usage);
      totals.unread++;
      return undefined;
    }
  };
  try {
    // Loaded only for --fix and --fix-dry-run, so plain lint starts without them.
    const fixer = plan.fix ? { ...(await import('../fix/index.js')), ...(await import('./fix-output.js')) } : null;
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
          usage(`--output "${over.given}" is one of the linted files${over.abs === abs ? '' : ` ("${shown}")`}; the report would overwrite it (nothing was written)`);
          return EXIT.usage;
        }
        const settings = await orSkip(() => plan.settingsFor(abs));
        const read = settings && (await orSkip(() => readInput(shown, abs, io, plan.load, plan.configs, plan.fix === 'write')));
        if (!settings || !read) continue;
        const loaded = read.loaded;
        let file = loaded;
        let findings: Finding[];
        const suppressed: SuppressedFinding[] = [];
        if (plan.fix && fixer) {
          const outcome = fixer.fixLoadedFile(loaded, { lint: (f) => lintLoadedFile(f, plan.rules, settings), reload: (t) => loadText(t, shown, sameLoadOptions(loaded, plan.load)), settings });
          if (outcome.note) io.error(`flink-mem: ${visibleLine(`${shown}: ${outcome.note}`)}\n`);
          if (plan.fix === 'diff') {
            if (outcome.text !== loaded.text) io.write(fixer.unifiedDiff(shown, loaded.text, outcome.text));
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
        for (const r of plan.reports) r.formatter.file({ file: shown, lines, findings, suppressed });
      }
    }
    for (const r of plan.reports) r.formatter.end({ ...totals, failures: [...said] });
    // A report file of a run that skipped an input would look complete (an empty SARIF file closes
    // every open code-scanning alert), so none is written; reports on standard output are already out.
    for (const r of plan.reports) {
      if (totals.unread > 0) r.sink.abort();
      else r.sink.commit();
    }
    if (totals.unread > 0 && plan.outputs.length > 0) usage('no report file was written, because not every input could be linted');
  } catch (e) {
    for (const r of plan.reports) r.sink.abort();
    if (e instanceof OutputFailed) {
      usage(e.message);
      return EXIT.usage;
    }
    io.error(`flink-mem: internal error: ${e instanceof Error ? e.message : String(e)}\nThis is a bug in flink-mem; please report it with the input that caused it.\n`);
    if (io.env['FLINK_MEM_DEBUG'] && e instanceof Error && e.stack) io.error(`${e.stack}\n`);
    return EXIT.internal;
  }

  if (plan.fix) io.error(`flink-mem: ${fixSummary(plan.fix, fixes)}\n`);
  if (plan.fix === 'diff') return Math.max(exit, fixes.files > 0 ? EXIT.findings : EXIT.ok);
  const failing = FAIL_ON.filter((s) => SEVERITY_RANK[s] >= SEVERITY_RANK[plan.failOn]).some((s) => totals[s] > 0);
  const tooManyWarnings = plan.maxWarnings !== undefined && totals.warning > plan.maxWarnings;
  if (tooManyWarnings) io.error(`flink-mem: ${totals.warning} warning${totals.warning === 1 ? '' : 's'}, more than --max-warnings ${plan.maxWarnings} allows\n`);
  return Math.max(exit, failing || tooManyWarnings ? EXIT.findings : EXIT.ok);
}

/**
 * `--print-config <file>`: the settings lint would use for that file, as JSON: which linter config
 * applies, the Flink version and target it forces, and every rule's effective setting.
 */
function printConfig(file: string, plan: Plan, io: CliIO): number {
  for (const r of plan.reports) r.sink.abort();
  if (file === '') throw new CliUsageError(EMPTY_PATH);
  const abs = resolve(io.cwd, file);
  let settings: LinterSettings;
  try {
    settings = plan.settingsFor(abs);
  } catch (e) {
    if (!isUsage(e)) throw e;
    io.error(`flink-mem: error: ${e.message}\n`);
    return EXIT.usage;
  }
  const config = plan.explicitConfig ?? plan.configs.locate(dirname(abs));
  const rules = Object.fromEntries(ALL_RULES.map((r) => [r.id, settings.rules[r.id] ?? r.severity]));
  const printed = {
    file,
    configFile: config === null ? null : relative(io.cwd, config) || config,
    flinkVersion: settings.flinkVersion ? versionLabel(settings.flinkVersion) : 'from each file (spec.flinkVersion; 1.20 for flink-conf.yaml; else the newest)',
    target: settings.target,
    containerMemory: settings.containerMemory === undefined ? null : `${settings.containerMemory} bytes`,
    rules,
  };
  io.write(`${JSON.stringify(printed, null, 2)}\n`);
  return EXIT.ok;
}

interface FixCounts {
  problems: number;
  files: number;
  /** Files whose fixes could not be written (read-only, a full disk): each was reported on stderr. */
  unwritten: number;
}

function count(fixes: FixCounts, outcome: FixOutcome): void {
  if (outcome.fixed === 0) return;
  fixes.problems += outcome.fixed;
  fixes.files++;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The last line of --fix and --fix-dry-run on stderr. */
export function fixSummary(mode: 'write' | 'diff', fixes: FixCounts): string {
  const unwritten = fixes.unwritten > 0 ? `${plural(fixes.unwritten, 'file')} could not be written` : '';
  if (fixes.problems === 0) return unwritten ? `nothing fixed: ${unwritten}` : 'nothing to fix';
  const done = `${mode === 'write' ? 'fixed' : 'would fix'} ${plural(fixes.problems, 'problem')} in ${plural(fixes.files, 'file')}`;
  return unwritten ? `${done}; ${unwritten}` : done;
}

/** Writes a fixed file; true when there was nothing to write or it was written. A failed write is a usage error. */
function writeFixed(shown: string, read: ReadFile, outcome: FixOutcome, fixer: { writeAtomically: (path: string, text: string, expected?: FileStamp) => void; writeFailure: (e: unknown) => string }): true {
  if (outcome.text === read.loaded.text) return true;
  try {
    fixer.writeAtomically(read.abs, outcome.text, read.stamp);
  } catch (e) {
    throw new CliUsageError(`cannot write the fixes to "${shown}": ${fixer.writeFailure(e)}; the file is unchanged`);
  }
  return true;
}
