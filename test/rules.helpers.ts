/**
 * Shared by the rule tests (rules.keys, rules.state-and-containers): lint a text with some rules,
 * and apply a finding's fix to a flat
 * configuration to derive or lint it again.
 */
import { loadText, rawConfig } from '../src/config/index.js';
import type { InputFormat } from '../src/config/types.js';
import { lintLoadedFile } from '../src/engine/runner.js';
import type { RuleSetting } from '../src/engine/settings.js';
import { parseLimitOrThrow, parseVersionOrThrow } from '../src/engine/settings.js';
import type { Finding, FixChanges, RuleDefinition } from '../src/engine/types.js';
import { computeJobManager, computeTaskManager } from '../src/model/compute.js';
import type { Target } from '../src/model/compute.js';
import { applyChanges } from '../src/model/trial.js';
import { findOption } from '../src/options/catalogue.js';

export interface LintOptions {
  format?: InputFormat;
  version?: string;
  target?: Target;
  containerMemory?: string;
  rules?: Record<string, RuleSetting>;
}

export function load(text: string, opts: LintOptions = {}) {
  const format = opts.format ?? 'config-yaml';
  return loadText(
    text,
    format === 'flink-conf' ? 'flink-conf.yaml' : format === 'k8s' ? 'deploy.yaml' : 'config.yaml',
    { format },
  );
}

export function lint(
  rules: RuleDefinition | readonly RuleDefinition[],
  text: string,
  opts: LintOptions = {},
): Finding[] {
  const settings = {
    rules: opts.rules ?? {},
    target: opts.target ?? 'standalone',
    ...(opts.version ? { flinkVersion: parseVersionOrThrow(opts.version, 'version') } : {}),
    ...(opts.containerMemory
      ? { containerMemory: parseLimitOrThrow(opts.containerMemory, 'container-memory') }
      : {}),
  };
  return lintLoadedFile(
    load(text, opts),
    Array.isArray(rules) ? rules : [rules as RuleDefinition],
    settings,
  );
}

/** Both processes derived from the (first) document, with some changes applied. */
export function derive(text: string, opts: LintOptions = {}, changes: FixChanges = {}) {
  const doc = load(text, opts).documents[0]!;
  const raw = applyChanges(rawConfig(doc), changes);
  const model = {
    version: parseVersionOrThrow(opts.version ?? '2.2', 'version'),
    target: opts.target ?? 'standalone',
  };
  return { tm: computeTaskManager(raw, model), jm: computeJobManager(raw, model) };
}

/** A flat `key: value` file with the changes applied: keys set at the end, removed keys dropped. */
export function applyToFlatFile(text: string, changes: FixChanges): string {
  // Like the runner, removing a key also removes its fallback keys.
  const keys = Object.entries(changes).flatMap(([k, v]) => [
    k,
    ...(v === null ? (findOption(k)?.fallbackKeys ?? []).map((f) => f.key) : []),
  ]);
  const kept = text.split('\n').filter((line) => !keys.some((k) => line.startsWith(`${k}:`)));
  const added = Object.entries(changes)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}: ${v}`);
  return [...kept.filter((l) => l !== ''), ...added, ''].join('\n');
}
