/**
 * The rule contract: what a rule declares about itself, what it may read, and what it reports.
 */
import type { ConfigDocument, ConfigEntry, ConfigProblem, Span } from '../config/types.js';
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

/** A value filled into a message placeholder. */
export type MessageValue = string | number | bigint;

export type MessageData = Readonly<Record<string, MessageValue>>;

/**
 * A rule's message templates by message id; `{name}` in a template is filled from the report's
 * `data`.
 */
export type Messages = Readonly<Record<string, string>>;

/** The `{name}` placeholders of a message template (a string literal type), as a union of names. */
export type Placeholders<T extends string> = T extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/**
 * The `data` a template needs: exactly its placeholders, none when it has none. A template only
 * known as `string` (the messages of any rule, as the runner sees them) takes any data.
 */
export type DataFor<T extends string> = string extends T
  ? { readonly data?: MessageData }
  : [Placeholders<T>] extends [never]
    ? { readonly data?: undefined }
    : { readonly data: { readonly [Name in Placeholders<T>]: MessageValue } };

export interface ReportBase {
  /**
   * The option the finding is about; its effective entry gives the position unless `span` is given.
   */
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

/** One finding as a rule reports it: a message id of the rule and the data its template needs. */
export type Report<T extends Messages = Messages> = {
  readonly [Id in keyof T & string]: ReportBase & { readonly messageId: Id } & DataFor<T[Id]>;
}[keyof T & string];

/** The memory derivation of this document, computed once and shared by all rules. */
export interface MemoryView {
  readonly taskmanager: TaskManagerResult;
  readonly jobmanager: JobManagerResult;
}

/**
 * An inline suppression comment or annotation of a document (read by src/engine/suppressions.ts).
 */
export interface Suppression {
  readonly ruleIds: readonly string[];
  readonly scope: 'next-line' | 'file';
  /** The line the suppression applies to (next-line), 1-based. */
  readonly targetLine?: number;
  readonly reason: string;
  readonly line: number;
  readonly column: number;
  used: boolean;
}

/** What a rule declared `afterSuppressions` learns about the document's suppressions. */
export interface SuppressionState {
  /** Suppressions of this document that suppressed no finding of the rules that ran before. */
  readonly unused: readonly Suppression[];
  /** Ids of every registered rule, when the caller gave them (LinterSettings.knownRuleIds). */
  readonly knownRuleIds?: readonly string[];
}

/**
 * What a rule may read, and `report()`. Parameterised by the report a rule may make (its
 * `Report<typeof messages>`), not by the messages, so that any rule's context is a `RuleContext`.
 */
export interface RuleContext<R = Report> {
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
  /** Set only for a rule declared `afterSuppressions: true`; undefined for every other rule. */
  readonly suppressions?: SuppressionState;
  report(report: R): void;
}

/**
 * What a rule's `checkFile` may read: the loader's problems of a file as a whole (YAML that does
 * not parse at all, a file that is no Flink configuration), which belong to none of its documents.
 */
export interface FileContext<R = Report> {
  readonly file: string;
  /** In file order. */
  readonly problems: readonly ConfigProblem[];
  /**
   * A finding of the file: at the start of `span` (a file finding has no range and no fix), and,
   * belonging to no document, out of reach of inline suppressions.
   */
  report(report: R): void;
}

/**
 * A rule. `R` is always `Report<T>` (left to its default): a parameter of its own so that any rule
 * is a `RuleDefinition`, which TypeScript cannot see through the mapped type of `Report<T>`.
 */
export interface RuleDefinition<T extends Messages = Messages, R = Report<T>> {
  /** Kebab-case, names the problem; equals the file name and the fixture folder. Stable forever. */
  readonly id: string;
  readonly severity: Severity;
  /** One line for the rule list. */
  readonly description: string;
  /** Why it matters: what Flink does with such a config. */
  readonly rationale: string;
  readonly messages: T;
  /** What to do, as an imperative sentence ending with a period. */
  readonly remediation: string;
  /** JSON Schema of the rule's options (validated with ajv). */
  readonly optionsSchema?: Readonly<Record<string, unknown>>;
  readonly defaultOptions?: Readonly<Record<string, unknown>>;
  /** Whether findings carry fixes `--fix` can apply. */
  readonly fixable?: boolean;
  /**
   * Run after the other rules, once their findings were matched against the document's inline
   * suppressions, with `ctx.suppressions` set (unused-suppression is such a rule).
   */
  readonly afterSuppressions?: boolean;
  /** Runs for each document of a file. */
  check(ctx: RuleContext<R>): void;
  /**
   * Runs once per file, before its documents, with the problems of the file as a whole
   * (config-syntax does).
   */
  checkFile?(ctx: FileContext<R>): void;
}

/** Each message as a string literal: a template only known as `string` could not be checked. */
type LiteralMessages<T extends Messages> = {
  readonly [Id in keyof T]: string extends T[Id]
    ? 'a message must be one string literal, so that its placeholders can be checked'
    : T[Id];
};

/**
 * Declares a rule. Typed from the message templates: `report()` takes only a `messageId` of
 * `messages`, with `data` holding exactly the `{placeholders}` of that message;
 * test/message-types.ts
 * proves that a misspelled, missing or extra key does not compile. A report whose `messageId` is
 * one of several passes one `data` object (a variable) with the keys of all of them.
 */
export function defineRule<const T extends Messages>(
  def: RuleDefinition<T> & { readonly messages: LiteralMessages<T> },
): RuleDefinition<T> {
  return def;
}

export const DOCS_BASE = 'https://github.com/flink-mem/flink-mem/blob/main/docs/rules.md';

/** The docs URL of a rule, derived from its id: docs/rules.md, or docs/zh/rules.md for Chinese. */
export function ruleDocsUrl(id: string, lang: 'en' | 'zh' = 'en'): string {
  return `${lang === 'zh' ? DOCS_BASE.replace(/\/rules\.md$/, '/zh/rules.md') : DOCS_BASE}#${id}`;
}
