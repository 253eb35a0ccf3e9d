/**
 * The engine loop: for each file, the rules' `checkFile` with the file's own problems; for each
 * document, every enabled rule with a shared context, then suppressions, then the rules declared
 * `afterSuppressions` with what the suppressions did; findings sorted by position. A rule that
 * throws becomes a finding.
 */
import { rawConfig as modelInput } from '../config/load-text.js';
import type { ConfigDocument, ConfigEntry, LoadedFile, Span } from '../config/types.js';
import { computeJobManager, computeTaskManager } from '../model/compute.js';
import type { Target } from '../model/compute.js';
import type { RawValue } from '../primitives/raw-value.js';
import { applyChanges, healthy } from '../model/trial.js';
import { findOption } from '../options/catalogue.js';
import type { FlinkVersion } from '../primitives/version.js';
import type { LinterSettings, RuleSetting } from './settings.js';
import { applySuppressions, readSuppressions } from './suppressions.js';
import type { SuppressedFinding } from './suppressions.js';
import { versionAndTarget } from './version-target.js';
import type {
  FileContext,
  Finding,
  FixChanges,
  MemoryView,
  MessageData,
  Report,
  RuleContext,
  RuleDefinition,
  Severity,
  SeveritySetting,
  SuppressionState,
} from './types.js';

function resolveSetting(
  rule: RuleDefinition,
  setting: RuleSetting | undefined,
): { severity: SeveritySetting; configured: boolean; options: Record<string, unknown> } {
  const [sev, opts] =
    setting === undefined
      ? [rule.severity, {}]
      : typeof setting === 'string'
        ? [setting, {}]
        : setting;
  return {
    severity: sev,
    configured: setting !== undefined,
    options: { ...(rule.defaultOptions ?? {}), ...(opts ?? {}) },
  };
}

/** Longest placeholder value kept whole: Flink's own messages fit; a pasted megabyte does not. */
const MAX_DATA = 500;

/** A value for a message: folded onto one line, a huge one cut in the middle. */
function dataText(value: unknown): string {
  let text = String(value);
  if (text.length > MAX_DATA) text = `${text.slice(0, MAX_DATA - 100)}…${text.slice(-99)}`;
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** Fills `{name}` placeholders; values are folded onto one line so a message stays one line. */
function render(template: string, data: MessageData | undefined): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) =>
    data && name in data ? dataText(data[name]) : all,
  );
}

const ORIGIN: Span = { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 };

function positionOf(doc: ConfigDocument, report: Report, entry: ConfigEntry | undefined): Span {
  if (report.span) return report.span;
  const e = report.entry ?? entry;
  return e?.keySpan ?? e?.valueSpan ?? ORIGIN;
}

/** The effective entry for an option: its own key first, then its fallback keys. */
export function entryFor(doc: ConfigDocument, key: string): ConfigEntry | undefined {
  const own = doc.effective.get(key);
  if (own) return own;
  for (const f of findOption(key)?.fallbackKeys ?? []) {
    const e = doc.effective.get(f.key);
    if (e) return e;
  }
  return undefined;
}

/**
 * Both processes, each derived on first use. A class rather than an object literal with getters
 * (see README, Objects on hot paths).
 */
class LazyMemory implements MemoryView {
  readonly #raw: ReadonlyMap<string, RawValue>;
  readonly #options: {
    readonly version: FlinkVersion;
    readonly target: Target;
    readonly trace: false;
  };
  #tm: MemoryView['taskmanager'] | undefined;
  #jm: MemoryView['jobmanager'] | undefined;

  constructor(
    raw: ReadonlyMap<string, RawValue>,
    options: { readonly version: FlinkVersion; readonly target: Target; readonly trace: false },
  ) {
    this.#raw = raw;
    this.#options = options;
  }

  get taskmanager(): MemoryView['taskmanager'] {
    return (this.#tm ??= computeTaskManager(this.#raw, this.#options));
  }

  get jobmanager(): MemoryView['jobmanager'] {
    return (this.#jm ??= computeJobManager(this.#raw, this.#options));
  }
}

function memoryFor(
  raw: ReadonlyMap<string, RawValue>,
  version: FlinkVersion,
  target: Target,
): MemoryView {
  // Rules decide on the sizes and failures; the trace is for explain --trace only.
  return new LazyMemory(raw, { version, target, trace: false });
}

/**
 * A fix must not make a process fail that started before, nor leave it less heap than a fix
 * must leave (see healthy()) when it had enough before: a fix that trades one finding for another
 * is no fix.
 */
function fixIsSafe(
  raw: ReadonlyMap<string, RawValue>,
  before: MemoryView,
  fixed: ReadonlyMap<string, RawValue>,
  after: MemoryView,
): boolean {
  for (const p of ['taskmanager', 'jobmanager'] as const) {
    if (before[p].ok && !after[p].ok) return false;
    if (healthy(raw, p, before[p]) && !healthy(fixed, p, after[p])) return false;
  }
  return true;
}

/** Rule settings resolved once per settings object (a run lints thousands of files with one). */
const resolvedSettings = new WeakMap<
  LinterSettings,
  Map<string, ReturnType<typeof resolveSetting>>
>();

function settingFor(
  rule: RuleDefinition,
  settings: LinterSettings,
): ReturnType<typeof resolveSetting> {
  let byRule = resolvedSettings.get(settings);
  if (!byRule)
    resolvedSettings.set(settings, (byRule = new Map<string, ReturnType<typeof resolveSetting>>()));
  let resolved = byRule.get(rule.id);
  if (!resolved) byRule.set(rule.id, (resolved = resolveSetting(rule, settings.rules[rule.id])));
  return resolved;
}

/** Lints one document; the findings its suppressions dropped go to `suppressed` when given. */
export function lintDocument(
  doc: ConfigDocument,
  rules: readonly RuleDefinition[],
  settings: LinterSettings,
  suppressed?: SuppressedFinding[],
): Finding[] {
  const { version, known: versionKnown, target } = versionAndTarget(doc, settings);
  const raw = modelInput(doc);
  const memory = memoryFor(raw, version, target);
  const suppressions = readSuppressions(doc);
  const findings: Finding[] = [];
  // What every rule's context shares for this document.
  const entry = (key: string) => entryFor(doc, key);
  const rawConfig = () => raw;
  const deriveWith = (changes: FixChanges) =>
    memoryFor(applyChanges(raw, changes), version, target);

  const run = (rule: RuleDefinition, suppressionState?: SuppressionState) => {
    const { severity, configured, options } = settingFor(rule, settings);
    if (severity === 'off') return;
    const ctx: RuleContext = {
      doc,
      version,
      versionKnown,
      target,
      memory,
      // A copy per rule, as before: a rule may not change what the next one sees.
      options: { ...options },
      ...(settings.containerMemory !== undefined
        ? { containerMemory: settings.containerMemory }
        : {}),
      ...(suppressionState ? { suppressions: suppressionState } : {}),
      entry,
      rawConfig,
      deriveWith,
      report(r) {
        const entry = r.key ? entryFor(doc, r.key) : undefined;
        const span = positionOf(doc, r, entry);
        let fix = r.fix;
        if (fix) {
          const fixed = applyChanges(raw, fix);
          if (!fixIsSafe(raw, memory, fixed, memoryFor(fixed, version, target))) fix = undefined;
        }
        findings.push({
          ruleId: rule.id,
          severity: findingSeverity(severity, configured, r),
          message: render(rule.messages[r.messageId] ?? r.messageId, r.data),
          file: doc.file,
          line: span.line,
          column: span.column,
          endLine: span.endLine,
          endColumn: span.endColumn,
          ...(r.key ? { key: r.key } : {}),
          ...(fix ? { fix } : {}),
          ...(doc.docIndex > 0 ? { docIndex: doc.docIndex } : {}),
        });
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      findings.push(crashed(rule, doc.file, e));
    }
  };

  for (const rule of rules) if (!rule.afterSuppressions) run(rule);
  const kept = applySuppressions(findings, suppressions, suppressed);
  // Not push(...kept): spreading 200,000 findings of a huge file overflows the stack.
  findings.splice(0, findings.length);
  for (const f of kept) findings.push(f);
  const state: SuppressionState = {
    unused: suppressions.filter((s) => !s.used),
    ...(settings.knownRuleIds ? { knownRuleIds: settings.knownRuleIds } : {}),
  };
  for (const rule of rules) if (rule.afterSuppressions) run(rule, state);
  return sortFindings(findings);
}

/** A severity the user configured wins; else the report's own, else the rule's. */
function findingSeverity(severity: SeveritySetting, configured: boolean, report: Report): Severity {
  return configured ? (severity as Severity) : (report.severity ?? (severity as Severity));
}

function crashed(rule: RuleDefinition, file: string, e: unknown): Finding {
  return {
    ruleId: rule.id,
    severity: 'error',
    message: `rule "${rule.id}" crashed while checking this file (please report it): ${e instanceof Error ? e.message : String(e)}`,
    file,
    line: 1,
    column: 1,
  };
}

/** Runs a rule's `checkFile` on the problems of a file as a whole; its findings go to `out`. */
function checkFile(
  rule: RuleDefinition,
  file: LoadedFile,
  settings: LinterSettings,
  out: Finding[],
): void {
  if (!rule.checkFile) return;
  const { severity, configured } = settingFor(rule, settings);
  if (severity === 'off') return;
  const ctx: FileContext = {
    file: file.file,
    problems: file.problems,
    report(r) {
      const at = r.span ?? ORIGIN;
      out.push({
        ruleId: rule.id,
        severity: findingSeverity(severity, configured, r),
        message: render(rule.messages[r.messageId] ?? r.messageId, r.data),
        file: file.file,
        line: at.line,
        column: at.column,
        ...(r.key ? { key: r.key } : {}),
      });
    },
  };
  try {
    rule.checkFile(ctx);
  } catch (e) {
    out.push(crashed(rule, file.file, e));
  }
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
  );
}

/**
 * Lints a loaded file: the rules' `checkFile` on the file's own problems first, then every
 * document.
 */
export function lintLoadedFile(
  file: LoadedFile,
  rules: readonly RuleDefinition[],
  settings: LinterSettings,
  suppressed?: SuppressedFinding[],
): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) checkFile(rule, file, settings, out);
  for (const doc of file.documents)
    for (const f of lintDocument(doc, rules, settings, suppressed)) out.push(f);
  return out;
}
