/**
 * The library's entry points: load a configuration, derive its memory exactly as Flink does,
 * lint it, fix it, and diagnose a memory failure. The CLI is a thin shell over these.
 */
import { doctorLanguage, localizeResult } from './i18n/doctor.js';
import type { Lang } from './i18n/lang.js';
import { localizeRules } from './i18n/rules.js';
import { ALL_RULES } from '../rules/index.js';
import { flinkConfBeside, loadFile, loadText, rawConfig, sameLoadOptions } from './config/index.js';
import type { ConfigDocument, InputFormat, LoadedFile } from './config/types.js';
import type { JobManagerResult, Target, TaskManagerResult } from './model/compute.js';
import { computeJobManager, computeTaskManager } from './model/compute.js';
import { lintLoadedFile } from './engine/runner.js';
import type { LinterSettings, RuleSetting } from './engine/settings.js';
import { parseLimitOrThrow, parseVersionOrThrow } from './engine/settings.js';
import type { Finding } from './engine/types.js';
import { versionAndTarget } from './engine/version-target.js';
import { fixLoadedFile } from './fix/index.js';
import { diagnose as diagnoseText } from './doctor/advisor.js';
import type { DoctorResult } from './doctor/types.js';

export interface LoadConfigOptions {
  /** Force a format instead of detecting it from the name and content. */
  readonly format?: InputFormat;
  /** Overrides applied last, like `-D key=value`. */
  readonly set?: Readonly<Record<string, string>>;
}

/**
 * Loads a Flink configuration: a path to a flink-conf.yaml, config.yaml or Kubernetes manifest,
 * or `{ text, name }` for text you already have. Problems inside the file are data
 * (`problems`); a file that cannot be read throws a `UsageError`.
 */
export function loadConfig(
  input: string | { readonly text: string; readonly name?: string },
  options: LoadConfigOptions = {},
): LoadedFile {
  const opts = {
    ...(options.format ? { format: options.format } : {}),
    set: Object.entries(options.set ?? {}),
  };
  if (typeof input !== 'string') return loadText(input.text, input.name ?? '<text>', opts);
  // Lint judges a config.yaml with the flink-conf.yaml beside it (Flink 1.19 and 1.20 read that
  // one).
  const beside = input === '-' ? null : flinkConfBeside(input);
  return loadFile(input, beside === null ? opts : { ...opts, besideFlinkConf: beside });
}

export interface MemoryOptions {
  /**
   * "1.20", "2.0", ...; default: the document's spec.flinkVersion, 1.20 for flink-conf.yaml, else
   * the newest.
   */
  readonly flinkVersion?: string;
  /** Decides how legacy heap keys map; default: kubernetes for manifests, else standalone. */
  readonly target?: Target;
  /** Environment variables Flink's scripts would see (FLINK_TM_HEAP, FLINK_JM_HEAP). */
  readonly env?: Readonly<Record<string, string>>;
}

export interface MemoryResult {
  readonly taskmanager: TaskManagerResult;
  readonly jobmanager: JobManagerResult;
}

function settingsOf(
  options: MemoryOptions & {
    rules?: Readonly<Record<string, RuleSetting>>;
    containerMemory?: string;
  },
): LinterSettings {
  return {
    rules: options.rules ?? {},
    target: options.target ?? 'standalone',
    knownRuleIds: ALL_RULES.map((r) => r.id),
    ...(options.flinkVersion
      ? { flinkVersion: parseVersionOrThrow(options.flinkVersion, 'flinkVersion') }
      : {}),
    ...(options.containerMemory
      ? { containerMemory: parseLimitOrThrow(options.containerMemory, 'containerMemory') }
      : {}),
  };
}

/**
 * Derives TaskManager and JobManager memory for one configuration document, or for a plain
 * `{ key: value }` object (values as they would appear in flink-conf.yaml).
 */
export function computeMemory(
  config: ConfigDocument | Readonly<Record<string, string>>,
  options: MemoryOptions = {},
): MemoryResult {
  const settings = settingsOf(options);
  const isDoc = 'effective' in config && config.effective instanceof Map;
  const doc = isDoc ? (config as ConfigDocument) : undefined;
  const { version, target } = versionAndTarget(doc, settings);
  const raw = doc ? rawConfig(doc) : (config as Readonly<Record<string, string>>);
  const modelOptions = { version, target, ...(options.env ? { env: options.env } : {}) };
  return {
    taskmanager: computeTaskManager(raw, modelOptions),
    jobmanager: computeJobManager(raw, modelOptions),
  };
}

export interface LintOptions extends MemoryOptions {
  /** Rule id to severity (`error`, `warning`, `info`, `off`), or `[severity, options]`. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Memory limit of the container or pod ("4Gi", "4g"). */
  readonly containerMemory?: string;
  /** Language of the messages: `en` (default) or `zh`; ids and keys stay English. */
  readonly lang?: Lang;
}

/** Lints a loaded file with every rule; findings are sorted by position. */
export function lint(file: LoadedFile, options: LintOptions = {}): Finding[] {
  return lintLoadedFile(file, localizeRules(ALL_RULES, options.lang ?? 'en'), settingsOf(options));
}

export { ALL_RULES as rules };

export interface FixOptions extends LintOptions, LoadConfigOptions {}

export interface FixResult {
  /** The fixed text; the original text when nothing could be fixed. */
  readonly text: string;
  /** How many findings the fixes removed. */
  readonly fixed: number;
  /** What is left to fix by hand. */
  readonly findings: Finding[];
  /** Why the file was left as it was, or why some fixes were not applied. */
  readonly note?: string;
}

/**
 * Applies the fixes `lint` proposes, as `flink-mem lint --fix` does, and returns the new text;
 * nothing is written. Every byte the fixes do not touch stays as it was, and the text is left
 * unchanged when it does not load or when a process that started would no longer start. Pass the
 * options the file was loaded with (`format`, `set`), so that the fixed text is read the same way.
 */
export function fix(file: LoadedFile, options: FixOptions = {}): FixResult {
  const settings = settingsOf(options);
  const load = sameLoadOptions(file, {
    format: options.format ?? file.format,
    set: Object.entries(options.set ?? {}),
  });
  const outcome = fixLoadedFile(file, {
    lint: (f) => lintLoadedFile(f, ALL_RULES, settings),
    reload: (text) => loadText(text, file.file, load),
    settings,
  });
  return {
    text: outcome.text,
    fixed: outcome.fixed,
    findings: outcome.findings,
    ...(outcome.note ? { note: outcome.note } : {}),
  };
}

export interface DiagnoseOptions extends MemoryOptions {
  /**
   * The configuration the failing process ran with; without it, suggestions start from Flink's
   * defaults.
   */
  readonly config?: ConfigDocument;
  /**
   * Language of summaries, explanations and suggestions: `en` (default) or `zh`; ids and keys stay
   * English.
   */
  readonly lang?: Lang;
}

/**
 * What went wrong in an error message or a whole log (`flink-mem doctor`), most likely cause
 * first, each with the options to change and their new values, checked with the model.
 */
export function diagnose(text: string, options: DiagnoseOptions = {}): DoctorResult {
  const doc = options.config;
  // As `flink-mem doctor`: with a configuration, the version lint and explain decide, and the
  // target
  // when it is asked or the configuration says it; what is left open the doctor reads from the
  // text.
  const asked = {
    ...(options.flinkVersion
      ? { flinkVersion: parseVersionOrThrow(options.flinkVersion, 'flinkVersion') }
      : {}),
    ...(options.target ? { target: options.target } : {}),
  };
  const decided = doc ? versionAndTarget(doc, asked) : undefined;
  const version = decided?.version ?? asked.flinkVersion;
  const target = decided?.targetKnown ? decided.target : asked.target;
  const lang = options.lang ?? 'en';
  const language = doctorLanguage(lang);
  const result = diagnoseText({
    text,
    ...(doc ? { config: rawConfig(doc) } : {}),
    ...(version ? { version } : {}),
    ...(target ? { target } : {}),
    ...(language ? { language } : {}),
  });
  return localizeResult(result, lang);
}
