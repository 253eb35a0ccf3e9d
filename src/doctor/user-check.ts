/**
 * The user's configuration checked as given, with a verified fix when Flink would not start with
 * it.
 */
import type { MemoryFailure, Target } from '../model/compute.js';
import { findFix } from '../model/fix-search.js';
import { applyChanges, compute } from '../model/trial.js';
import type { RawValue } from '../primitives/raw-value.js';
import { rawToString } from '../primitives/raw-value.js';
import { defaultFor, findOption } from '../options/catalogue.js';
import type { FlinkVersion } from '../primitives/version.js';
import { atLeast } from '../primitives/version.js';
import type { Process } from '../primitives/flink-process.js';
import type { Sizes } from './component-sizes.js';
import { sizesOf } from './component-sizes.js';
import { breakdown } from './effect.js';
import type { Suggestion } from './suggestion.js';

export type UserCheck =
  { ok: true; sizes: Sizes } | { ok: false; failure: MemoryFailure; fix: Suggestion[] } | null;

/**
 * Null without a configuration (or for a 1.10 JobManager); else whether it passes, or the model's
 * failure and a verified fix.
 */
export function checkUserConfig(
  p: Process,
  userConfig: ReadonlyMap<string, RawValue> | undefined,
  version: FlinkVersion,
  target: Target,
): UserCheck {
  const options = () => ({ version, target, trace: false });
  if (!userConfig || (p === 'jobmanager' && !atLeast(version, '1.11'))) return null;
  const r = compute(userConfig, p, options());
  if (r.ok) return { ok: true, sizes: sizesOf(r) };
  const found = findFix(userConfig, p, options());
  if (!found) return { ok: false, failure: r.failure, fix: [] };
  const fixed = compute(applyChanges(userConfig, found.changes), p, options());
  const effect = fixed.ok ? breakdown(p, sizesOf(fixed)) : undefined;
  const fix = Object.entries(found.changes).map(([key, value]) => ({
    key,
    current: userConfig.has(key) ? rawToString(userConfig.get(key)!) : 'not set',
    suggested: value ?? 'remove',
    why: `makes the "${r.failure.check}" check pass${
      found.checks.length > 1
        ? ` (and then ${found.checks
            .slice(1)
            .map((c) => `"${c}"`)
            .join(', ')})`
        : ''
    }${value === null ? backToDefault(key, version) : ''}`,
    ...(effect ? { effect } : {}),
  }));
  return { ok: false, failure: r.failure, fix };
}

function backToDefault(key: string, version: FlinkVersion): string {
  const o = findOption(key);
  const def = o ? defaultFor(o, version) : null;
  return def === null ? '' : `; removing it brings back the default ${def}`;
}

/** An option as the user's configuration has it, before any fix. */
export function userValue(
  userConfig: ReadonlyMap<string, RawValue> | undefined,
  key: string,
): string {
  const raw = userConfig?.get(key);
  return raw ? rawToString(raw) : 'not set';
}
