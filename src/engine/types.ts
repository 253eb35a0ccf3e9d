/**
 * The rule contract: what a rule declares about itself, what it may read, and what it reports.
 */
import type { ConfigDocument, ConfigEntry, Span } from '../config/types.js';
import type { JobManagerResult, Target, TaskManagerResult } from '../model/compute.js';
import type { FlinkVersion } from '../primitives/version.js';
import type { RawValue } from '../primitives/raw-value.js';
import type { FixChanges } from '../model/trial.js';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** Concrete changes (declared with the model, which applies them); re-exported for the rules. */
export type { FixChanges };

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly key?: string;
  /** Changes that remove the finding, re-checked against the model. */
  readonly fix?: FixChanges;
  /** For multi-document files: which document (0-based). */
  readonly docIndex?: number;
}

export type MessageData = Readonly<Record<string, string | number | bigint>>;

export interface Report<M extends string> {
  readonly messageId: M;
  readonly data?: MessageData;
  /** The option the finding is about; its effective entry gives the position unless `span` is given. */
  readonly key?: string;
  /** A specific entry (for example an overridden duplicate). */
  readonly entry?: ConfigEntry;
  readonly span?: Span;
  readonly fix?: FixChanges;
  /**
   * A different severity for this case than the rule's default (for a rule whose cases differ in
   * weight). A severity the user configured for the rule always wins.
   */
  readonly severity?: Severity;
}

/** The memory derivation of this document, computed once and shared by all rules. */
export interface MemoryView {
  readonly taskmanager: TaskManagerResult;
  readonly jobmanager: JobManagerResult;
}

export interface RuleContext<M extends string> {
  readonly doc: ConfigDocument;
  readonly version: FlinkVersion;
  /**
   * True when the version was forced or the document says it (spec.flinkVersion, an image tag);
   * false when flink-mem assumed it, so a version-dependent message should say what it assumes.
   */
  readonly versionKnown: boolean;
  readonly target: Target;
  /** The model's derivation for this document (lazily computed). */
  readonly memory: MemoryView;
  /** Rule options after defaults, validated against the rule's schema. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Container memory limit given with --container-memory or the linter config. */
  readonly containerMemory?: bigint;
  /** The effective entry for an option: its own key first, then fallback keys, like Flink. */
  entry(key: string): ConfigEntry | undefined;
  /** The configuration as the model reads it. */
  rawConfig(): ReadonlyMap<string, RawValue>;
  /** Derives memory for the configuration with some changes applied (for computing fixes). */
  deriveWith(changes: FixChanges): MemoryView;
  report(report: Report<M>): void;
}

export interface RuleDefinition<M extends string = string> {
  /** Kebab-case, names the problem; equals the file name and the fixture folder. Stable forever. */
  readonly id: string;
  readonly severity: Severity;
  /** One line for the rule list. */
  readonly description: string;
  /** Why it matters: what Flink does with such a config. */
  readonly rationale: string;
  readonly messages: Readonly<Record<M, string>>;
  /** What to do, as an imperative sentence ending with a period. */
  readonly remediation: string;
  /** JSON Schema of the rule's options (validated with ajv). */
  readonly optionsSchema?: Readonly<Record<string, unknown>>;
  readonly defaultOptions?: Readonly<Record<string, unknown>>;
  /** Whether findings carry fixes `--fix` can apply. */
  readonly fixable?: boolean;
  check(ctx: RuleContext<M>): void;
}

/** Declares a rule; typed so that `messageId` and `data` keys are checked against `messages`. */
export function defineRule<M extends string>(def: RuleDefinition<M>): RuleDefinition<M> {
  return def;
}

export const DOCS_BASE = 'https://github.com/flink-mem/flink-mem/blob/main/docs/rules.md';

/** The docs URL of a rule, derived from its id: docs/rules.md, or docs/zh/rules.md for Chinese. */
export function ruleDocsUrl(id: string, lang: 'en' | 'zh' = 'en'): string {
  return `${lang === 'zh' ? DOCS_BASE.replace(/\/rules\.md$/, '/zh/rules.md') : DOCS_BASE}#${id}`;
}
