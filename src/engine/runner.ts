/**
 * The engine loop: for each file, the rules' `checkFile` with the file's own problems; for each
 * document, every enabled rule with a shared context, then suppressions, then the rules declared
 * `afterSuppressions` with what the suppressions did; findings sorted by position. A rule that
 * throws becomes a finding.
 */
import { rawConfig as modelInput } from '../config/load-text.js';
import type { ConfigDocument, ConfigEntry, LoadedFile, Span } from '../config/types.js';
import { applyChanges } from '../model/trial.js';
import { findOption } from '../options/catalogue.js';
import type { LinterSettings } from './settings.js';
import { applySuppressions, readSuppressions } from './suppressions.js';
import type { SuppressedFinding } from './suppressions.js';
import { versionAndTarget } from './version-target.js';
import { fixIsSafe, memoryFor } from './lazy-memory.js';
import { render } from './message-render.js';
import { findingSeverity, settingFor } from './rule-severity.js';
import type {
  FileContext,
  Finding,
  FixChanges,
  Report,
  RuleContext,
  RuleDefinition,
  SuppressionState,
} from './types.js';

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
