/**
 * `flink-mem lint`'s flags: the options as given on the command line, and their checks (a bad
 * value is a usage error, exit code 2) and the settings they force.
 */
import { closest } from 'fastest-levenshtein';
import { ALL_RULES } from '../../rules/index.js';
import { UsageError } from '../config/index.js';
import type { InputFormat } from '../config/types.js';
import { parseLimitOrThrow, parseVersionOrThrow } from '../engine/settings.js';
import type { LinterSettings } from '../engine/settings.js';
import type { Severity, SeveritySetting } from '../engine/types.js';
import { TARGETS } from '../engine/version-target.js';
import type { ReportRequest } from './format/index.js';
import type { CliIO } from './io.js';

/**
 * Flag values exactly as given on the command line; `runLint` validates them (exit 2 on a bad one).
 */
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
  /**
   * A linter config file; otherwise `.flink-mem.yaml`/`.yml` is looked up from each linted file.
   */
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
  /**
   * The path standard input stands for: findings name it, and its linter config is looked up from
   * it.
   */
  readonly stdinFilename?: string;
  /** Report errors only (warnings and info are neither shown nor counted). */
  readonly quiet?: boolean;
  /** Also walk folders that git ignores. */
  readonly noIgnore?: boolean;
  /**
   * Print the settings that apply to this file (linter config under the flags) instead of linting.
   */
  readonly printConfig?: string;
  /** `en` or `zh`; otherwise the linter config's `lang`, then LC_ALL, LC_MESSAGES, LANG. */
  readonly lang?: string;
}

/** The format when none is asked for: annotations in GitHub Actions, else text. */
export function defaultFormat(env: CliIO['env']): string {
  return env['GITHUB_ACTIONS'] === 'true' ? 'github' : 'text';
}

export const FAIL_ON: readonly Severity[] = ['error', 'warning', 'info'];
const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];
export const INPUT_FORMATS: readonly InputFormat[] = ['flink-conf', 'config-yaml', 'k8s'];
export const RULES = new Map(ALL_RULES.map((r) => [r.id, r]));

export function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError('EINVAL', `${flag} "${value}" is not one of ${allowed.join(', ')}`);
}

function ruleOverrides(items: readonly string[]): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  for (const item of items) {
    const [id = '', severity] = item.split(/=(.*)/s).map((x) => x.trim());
    if (severity === undefined || !id)
      throw new UsageError('EINVAL', `--rule "${item}" must look like RULE-ID=SEVERITY`);
    if (!RULES.has(id))
      throw new UsageError(
        'EINVAL',
        `--rule: unknown rule "${id}" (did you mean "${closest(id, [...RULES.keys()])}"?)`,
      );
    out[id] = oneOf(severity, SEVERITIES, `--rule ${id}`);
  }
  return out;
}

export function maxWarningsOf(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(
      'EINVAL',
      `--max-warnings "${value}" must be a whole number of at least 0`,
    );
  return n;
}

/** Linter settings from the flags; they win over the linter config file. */
export function flagSettings(opts: LintOptions): Partial<LinterSettings> {
  return {
    ...(opts.flinkVersion !== undefined
      ? { flinkVersion: parseVersionOrThrow(opts.flinkVersion, '--flink-version') }
      : {}),
    ...(opts.target !== undefined ? { target: oneOf(opts.target, TARGETS, '--target') } : {}),
    ...(opts.containerMemory !== undefined
      ? { containerMemory: parseLimitOrThrow(opts.containerMemory, '--container-memory') }
      : {}),
    rules: ruleOverrides(opts.rule ?? []),
  };
}

export function fixMode(opts: LintOptions): 'write' | 'diff' | null {
  if (opts.fix && opts.fixDryRun)
    throw new UsageError(
      'EINVAL',
      '--fix and --fix-dry-run cannot be used together: --fix-dry-run shows what --fix would write',
    );
  if (opts.fix && opts.inputs.includes('-'))
    throw new UsageError(
      'EINVAL',
      '--fix cannot write back to standard input; use --fix-dry-run to see the changes as a diff',
    );
  if (opts.stdinFilename !== undefined && opts.stdinFilename.trim() === '')
    throw new UsageError(
      'EINVAL',
      '--stdin-filename is empty; give the path standard input stands for',
    );
  if (
    opts.fixDryRun &&
    ((opts.reports?.length ?? 0) > 0 ||
      opts.output !== undefined ||
      (opts.format ?? 'text') !== 'text')
  ) {
    throw new UsageError(
      'EINVAL',
      '--fix-dry-run prints a unified diff; it takes no --format or --output',
    );
  }
  return opts.fix ? 'write' : opts.fixDryRun ? 'diff' : null;
}
