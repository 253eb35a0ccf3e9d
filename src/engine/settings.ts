/**
 * Linter settings: rule severities and options, Flink version, deployment target and container
 * limit, from `.flink-mem.yaml` (validated with ajv) merged with command-line flags.
 */
import validateLinterConfig from './generated/linter-config-validator.js';
import type { Target } from '../model/compute.js';
import type { FlinkVersion } from '../primitives/version.js';
import { KNOWN_VERSIONS, parseVersion } from '../primitives/version.js';
export { LINTER_CONFIG_SCHEMA } from './settings-schema.js';
import { tooManyDigits } from '../primitives/java.js';
import { parseMemorySize } from '../primitives/memory-size.js';
import type { SeveritySetting } from './types.js';
import { UsageError } from '../primitives/usage-error.js';

export type RuleSetting =
  SeveritySetting | readonly [SeveritySetting, Readonly<Record<string, unknown>>];

export interface LinterSettings {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** Forced Flink version (flag or config file); otherwise the manifest's, otherwise the newest. */
  readonly flinkVersion?: FlinkVersion;
  readonly target: Target;
  readonly containerMemory?: bigint;
  /** Output language from the linter config file (`lang`); --lang wins over it. */
  readonly lang?: 'en' | 'zh';
  /** Every registered rule id, so that a suppression naming an unknown rule can be reported. */
  readonly knownRuleIds?: readonly string[];
}

export const DEFAULT_SETTINGS: LinterSettings = { rules: {}, target: 'standalone' };

/**
 * Validates a parsed `.flink-mem.yaml` and turns it into settings. `where` names the file for
 * errors.
 */
export function settingsFromObject(
  obj: unknown,
  where: string,
  knownRules: ReadonlySet<string>,
): Partial<LinterSettings> {
  if (obj === null || obj === undefined) return {};
  if (!validateLinterConfig(obj)) {
    const e = validateLinterConfig.errors?.[0];
    const path = e?.instancePath ? e.instancePath.replace(/^\//, '').replace(/\//g, '.') : '(root)';
    throw new UsageError('ECONFIG', `${where}: "${path}" ${e?.message ?? 'is invalid'}`);
  }
  const o = obj as {
    flinkVersion?: string;
    target?: Target;
    containerMemory?: string;
    lang?: 'en' | 'zh';
    rules?: Record<string, RuleSetting>;
  };
  const out: { -readonly [K in keyof LinterSettings]?: LinterSettings[K] } = {};
  if (o.flinkVersion !== undefined)
    out.flinkVersion = parseVersionOrThrow(o.flinkVersion, `${where}: "flinkVersion"`);
  if (o.target !== undefined) out.target = o.target;
  if (o.lang !== undefined) out.lang = o.lang;
  if (o.containerMemory !== undefined)
    out.containerMemory = parseLimitOrThrow(o.containerMemory, `${where}: "containerMemory"`);
  if (o.rules) {
    for (const id of Object.keys(o.rules)) {
      if (!knownRules.has(id))
        throw new UsageError('ECONFIG', `${where}: unknown rule "${id}" in "rules"`);
    }
    out.rules = o.rules;
  }
  return out;
}

export function parseVersionOrThrow(text: string, what: string): FlinkVersion {
  const v = parseVersion(text);
  if (!v)
    throw new UsageError(
      'EINVAL',
      `${what} "${text}" is not a Flink version flink-mem knows (${KNOWN_VERSIONS.join(', ')})`,
    );
  return v;
}

/** A container limit: Kubernetes quantities (4Gi, 4G = 4e9) or Flink sizes (4g = 4 GiB). */
export function parseLimitOrThrow(text: string, what: string): bigint {
  const shown = text.length > 80 ? `${text.slice(0, 59)}…${text.slice(-20)}` : text;
  const k8s = /^(\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(text.trim());
  if (k8s) {
    // Refused before BigInt, whose parsing is quadratic: a megabyte of digits would take seconds.
    if (tooManyDigits(k8s[1]!, 30))
      throw new UsageError('EINVAL', `${what} "${shown}" is larger than any container's memory`);
    const n = BigInt(k8s[1]!);
    const mult: Record<string, bigint> = {
      Ki: 1024n,
      Mi: 1024n ** 2n,
      Gi: 1024n ** 3n,
      Ti: 1024n ** 4n,
      k: 1000n,
      M: 1000n ** 2n,
      G: 1000n ** 3n,
      T: 1000n ** 4n,
    };
    return n * (k8s[2] ? mult[k8s[2]]! : 1n);
  }
  try {
    return parseMemorySize(text);
  } catch {
    throw new UsageError('EINVAL', `${what} "${shown}" is not a memory size (use 4Gi, 4G or 4g)`);
  }
}
