/**
 * The engine loop: for each document, run every enabled rule with a shared context, apply
 * suppressions, and return findings sorted by position. A rule that throws becomes a finding.
 */
import { rawConfig as modelInput } from '../config/load-text.js';
import type { ConfigDocument, ConfigEntry, LoadedFile, Span } from '../config/types.js';
import { computeJobManager, computeTaskManager } from '../model/compute.js';
import type { Target } from '../model/compute.js';
import type { RawValue } from '../primitives/raw-value.js';
import { applyChanges, healthy } from '../model/trial.js';
import { findOption } from '../options/catalogue.js';
import type { FlinkVersion } from '../primitives/version.js';
import { defaultVersion, imageVersion, parseVersion } from '../primitives/version.js';
import type { LinterSettings, RuleSetting } from './settings.js';
import { applySuppressions, readSuppressions } from './suppressions.js';
import type { SuppressedFinding, Suppression } from './suppressions.js';
import type { Finding, FixChanges, MemoryView, MessageData, Report, RuleContext, RuleDefinition, Severity, SeveritySetting } from './types.js';

export interface EngineRule extends RuleDefinition<string> {
  /** Runs after suppressions are applied, with the unused ones (for unused-suppression). */
  readonly afterSuppressions?: boolean;
}

export interface DocumentContext {
  readonly version: FlinkVersion;
  readonly target: Target;
  readonly suppressions: readonly Suppression[];
}

/** The newest Flink that still reads a legacy flink-conf.yaml (2.0 removed that parser). */
export const NEWEST_LEGACY_VERSION = parseVersion('1.20')!;

/** The Flink version a document is checked against, and whether it is known or assumed. */
export interface VersionChoice {
  readonly version: FlinkVersion;
  /** True when the user forced it or the document says it; false when flink-mem assumed it. */
  readonly known: boolean;
}

/**
 * The Flink version a document says it targets when none is forced: the manifest's
 * `spec.flinkVersion`, else the tag of the official Flink image it runs; otherwise an assumption:
 * 1.20 for a legacy flink-conf.yaml (bare or in a ConfigMap: only 1.x reads it), else the newest.
 */
export function inferredChoice(doc: ConfigDocument): VersionChoice {
  const k8s = doc.kubernetes;
  const fromSpec = k8s?.flinkVersion?.text;
  const parsed = (fromSpec ? parseVersion(fromSpec) : null) ?? (k8s?.image ? imageVersion(k8s.image.text) : null);
  if (parsed) return { version: parsed, known: true };
  const legacy = doc.format === 'flink-conf' || k8s?.embedded?.name === 'flink-conf.yaml';
  return { version: legacy ? NEWEST_LEGACY_VERSION : defaultVersion(), known: false };
}

export function inferredVersion(doc: ConfigDocument): FlinkVersion {
  return inferredChoice(doc).version;
}

/** The Flink version for a document: forced by settings, else inferred from the document. */
export function versionFor(doc: ConfigDocument, settings: LinterSettings): FlinkVersion {
  return settings.flinkVersion ?? inferredVersion(doc);
}

/** As versionFor, with whether the version is known (forced or written in the document). */
export function versionChoiceFor(doc: ConfigDocument, settings: LinterSettings): VersionChoice {
  return settings.flinkVersion ? { version: settings.flinkVersion, known: true } : inferredChoice(doc);
}

export function targetFor(doc: ConfigDocument, settings: Pick<LinterSettings, 'target'>): Target {
  if (settings.target !== 'standalone') return settings.target;
  // A ConfigMap feeds Flink's own images, whose start-up scripts map legacy heap keys the standalone way.
  return doc.format === 'k8s' && doc.kubernetes?.kind !== 'ConfigMap' ? 'kubernetes' : settings.target;
}

function resolveSetting(rule: EngineRule, setting: RuleSetting | undefined): { severity: SeveritySetting; configured: boolean; options: Record<string, unknown> } {
  const [sev, opts] = setting === undefined ? [rule.severity, {}] : Array.isArray(setting) ? setting : [setting as SeveritySetting, {}];
  return { severity: sev, configured: setting !== undefined, options: { ...(rule.defaultOptions ?? {}), ...(opts ?? {}) } };
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
  return template.replace(/\{(\w+)\}/g, (all, name: string) => (data && name in data ? dataText(data[name]) : all));
}

const ORIGIN: Span = { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 };

function positionOf(doc: ConfigDocument, report: Report<string>, entry: ConfigEntry | undefined): Span {
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
 * Both processes, each derived on first use. A class rather than an object literal with getters:
 * V8 gives every such literal a hidden class of its own, which lives in the old generation and
 * keeps the derivations it closes over alive past the young-generation collections.
 */
class LazyMemory implements MemoryView {
  readonly #raw: ReadonlyMap<string, RawValue>;
  readonly #options: { readonly version: FlinkVersion; readonly target: Target; readonly trace: false };
  #tm: MemoryView['taskmanager'] | undefined;
  #jm: MemoryView['jobmanager'] | undefined;

  constructor(raw: ReadonlyMap<string, RawValue>, options: { readonly version: FlinkVersion; readonly target: Target; readonly trace: false }) {
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

function memoryFor(raw: ReadonlyMap<string, RawValue>, version: FlinkVersion, target: Target): MemoryView {
  // Rules decide on the sizes and failures; the trace is for explain --trace only.
  return new LazyMemory(raw, { version, target, trace: false });
}

/**
 * A fix must not make a process fail that started before, nor leave it less heap than a fix
 * must leave (see healthy()) when it had enough before: a fix that trades one finding for another
 * is no fix.
 */
function fixIsSafe(raw: ReadonlyMap<string, RawValue>, before: MemoryView, fixed: ReadonlyMap<string, RawValue>, after: MemoryView): boolean {
  for (const p of ['taskmanager', 'jobmanager'] as const) {
    if (before[p].ok && !after[p].ok) return false;
    if (healthy(raw, p, before[p]) && !healthy(fixed, p, after[p])) return false;
  }
  return true;
}

/** Rule settings resolved once per settings object (a run lints thousands of files with one). */
const resolvedSettings = new WeakMap<LinterSettings, Map<string, ReturnType<typeof resolveSetting>>>();

function settingFor(rule: EngineRule, settings: LinterSettings): ReturnType<typeof resolveSetting> {
  let byRule = resolvedSettings.get(settings);
  if (!byRule) resolvedSettings.set(settings, (byRule = new Map()));
  let resolved = byRule.get(rule.id);
  if (!resolved) byRule.set(rule.id, (resolved = resolveSetting(rule, settings.rules[rule.id])));
  return resolved;
}

/** Lints one document; the findings its suppressions dropped go to `suppressed` when given. */
export function lintDocument(doc: ConfigDocument, rules: readonly EngineRule[], settings: LinterSettings, suppressed?: SuppressedFinding[]): Finding[] {
  const { version, known: versionKnown } = versionChoiceFor(doc, settings);
  const target = targetFor(doc, settings);
  const raw = modelInput(doc);
  const memory = memoryFor(raw, version, target);
  const suppressions = readSuppressions(doc);
  const findings: Finding[] = [];
  // What every rule's context shares for this document.
  const entry = (key: string) => entryFor(doc, key);
  const rawConfig = () => raw;
  const deriveWith = (changes: FixChanges) => memoryFor(applyChanges(raw, changes), version, target);

  const run = (rule: EngineRule, extra: { unusedSuppressions?: readonly Suppression[]; knownRuleIds?: readonly string[] }) => {
    const { severity, configured, options } = settingFor(rule, settings);
    if (severity === 'off') return;
    const ctx: RuleContext<string> & { unusedSuppressions?: readonly Suppression[]; knownRuleIds?: readonly string[] } = {
      doc,
      version,
      versionKnown,
      target,
      memory,
      // A copy per rule, as before: a rule may not change what the next one sees.
      options: { ...options },
      ...(settings.containerMemory !== undefined ? { containerMemory: settings.containerMemory } : {}),
      ...extra,
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
          severity: configured ? (severity as Severity) : (r.severity ?? (severity as Severity)),
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
      findings.push({
        ruleId: rule.id,
        severity: 'error',
        message: `rule "${rule.id}" crashed while checking this file (please report it): ${e instanceof Error ? e.message : String(e)}`,
        file: doc.file,
        line: 1,
        column: 1,
      });
    }
  };

  for (const rule of rules) if (!rule.afterSuppressions) run(rule, {});
  const kept = applySuppressions(findings, suppressions, suppressed);
  // Not push(...kept): spreading 200,000 findings of a huge file overflows the stack.
  findings.splice(0, findings.length);
  for (const f of kept) findings.push(f);
  const unused = suppressions.filter((s) => !s.used);
  const known = settings.knownRuleIds ? { knownRuleIds: settings.knownRuleIds } : {};
  for (const rule of rules) if (rule.afterSuppressions) run(rule, { unusedSuppressions: unused, ...known });
  return sortFindings(findings);
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
}

/** Lints every document of a loaded file; file-level problems go to the config-syntax rule. */
export function lintLoadedFile(file: LoadedFile, rules: readonly EngineRule[], settings: LinterSettings, suppressed?: SuppressedFinding[]): Finding[] {
  const out: Finding[] = [];
  const syntax = settings.rules['config-syntax'];
  const sev = syntax === undefined ? 'error' : Array.isArray(syntax) ? syntax[0] : syntax;
  if (sev !== 'off') {
    for (const p of file.problems) {
      // A file that is not a cluster configuration (a template, values or compose file) is skipped with a notice.
      const severity = p.kind === 'not-cluster-config' && syntax === undefined ? 'info' : (sev as Severity);
      out.push({ ruleId: 'config-syntax', severity, message: p.message, file: file.file, line: p.span.line, column: p.span.column, ...(p.key ? { key: p.key } : {}) });
    }
  }
  for (const doc of file.documents) for (const f of lintDocument(doc, rules, settings, suppressed)) out.push(f);
  return out;
}
