/**
 * A rule's severity and options as the user's settings set them, resolved once per settings
 * object, and the severity a finding gets.
 */
import type { LinterSettings, RuleSetting } from './settings.js';
import type { Report, RuleDefinition, Severity, SeveritySetting } from './types.js';

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

/** Rule settings resolved once per settings object (a run lints thousands of files with one). */
const resolvedSettings = new WeakMap<
  LinterSettings,
  Map<string, ReturnType<typeof resolveSetting>>
>();

export function settingFor(
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

/** A severity the user configured wins; else the report's own, else the rule's. */
export function findingSeverity(
  severity: SeveritySetting,
  configured: boolean,
  report: Report,
): Severity {
  return configured ? (severity as Severity) : (report.severity ?? (severity as Severity));
}
