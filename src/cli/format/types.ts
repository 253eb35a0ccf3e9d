/**
 * What every output format receives: one report per linted file, in input order, then the totals.
 * Every format writes as files arrive (JSON and SARIF too, piece by piece), so 10,000 files never
 * sit in memory together.
 */
import type { SuppressedFinding } from '../../engine/suppressions.js';
import type { Finding, RuleDefinition, Severity } from '../../engine/types.js';
import { cliText } from '../../i18n/cli.js';
import type { Lang } from '../../i18n/lang.js';

export interface FileReport {
  /**
   * The path shown to the user: as given, or relative to the working directory for folder inputs.
   */
  readonly file: string;
  /** The file's source lines (without line breaks), for excerpts. */
  readonly lines: readonly string[];
  readonly findings: readonly Finding[];
  /**
   * Findings an inline comment or annotation suppressed (SARIF lists them as suppressed results).
   */
  readonly suppressed?: readonly SuppressedFinding[];
}

export interface Totals {
  readonly files: number;
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  /**
   * Inputs or files skipped because they could not be used (each was reported on standard error).
   */
  readonly unread?: number;
  /** Inputs that could not be linted at all (usage errors), in the words printed on stderr. */
  readonly failures?: readonly string[];
}

export interface FormatContext {
  write(text: string): void;
  /** Rule metadata by id (remediation for text, rule descriptors for SARIF). */
  readonly rules: ReadonlyMap<string, RuleDefinition>;
  /** Whether ANSI colours are wanted (decided by the caller: terminal, NO_COLOR, FORCE_COLOR). */
  readonly color: boolean;
  /** Base for relative paths and URIs (SARIF, GitHub annotations). */
  readonly cwd: string;
  /**
   * Output language of the format's own words (the rules come already in it); English when absent.
   */
  readonly lang?: Lang;
}

export interface Formatter {
  file(report: FileReport): void;
  end(totals: Totals): void;
}

export type FormatName = 'text' | 'json' | 'sarif' | 'github' | 'gitlab' | 'junit' | 'checkstyle';
export const FORMAT_NAMES: readonly FormatName[] = [
  'text',
  'json',
  'sarif',
  'github',
  'gitlab',
  'junit',
  'checkstyle',
];

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** A fix as the text and GitHub formats print it: `key: value`, or `remove key`. */
export function fixLines(fix: Finding['fix'], lang: Lang = 'en'): string[] {
  if (!fix) return [];
  return Object.entries(fix).map(([key, value]) =>
    value === null ? cliText(lang, 'lint.remove', { key }) : `${key}: ${value}`,
  );
}
