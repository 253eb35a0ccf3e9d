/**
 * The doctor's contract: what a symptom signature declares, what it may read when it explains
 * and suggests, and the diagnosis it produces (the JSON shape of `flink-mem doctor`).
 */
import type { Target } from '../model/compute.js';
import type { RawValue } from '../primitives/raw-value.js';
import type { FlinkVersion } from '../primitives/version.js';
import type { Planner } from './plan.js';
import type { Suggestion } from './suggestion.js';
import type { Process } from '../primitives/flink-process.js';

export type Component = 'taskmanager' | 'jobmanager' | 'unknown';
export type { Process, Suggestion };
export type Strength = 'strong' | 'weak' | 'vague';

export interface Evidence {
  /** 1-based line number in the input. */
  readonly line: number;
  readonly text: string;
}

export interface Diagnosis {
  readonly id: string;
  readonly component: Component;
  readonly summary: string;
  readonly explanation: string;
  readonly evidence: Evidence;
  readonly suggestions: readonly Suggestion[];
  readonly docs: readonly string[];
}

export interface DoctorResult {
  /** Most likely first. */
  readonly diagnoses: readonly Diagnosis[];
  /** When nothing was recognised: what was looked at, in our words. */
  readonly lookedAt?: string;
  readonly linesRead: number;
}

export interface DoctorOptions {
  /**
   * The model input (the caller loads the file); without it, Flink's defaults are the starting
   * point.
   */
  readonly config?: ReadonlyMap<string, RawValue>;
  readonly version?: FlinkVersion;
  readonly target?: Target;
  /**
   * Diagnoses in another language than English (src/i18n/<lang>/doctor.ts); English when absent.
   */
  readonly language?: DoctorLanguage;
}

/** A signature's words in another language: the counterparts of its title, summary and explain. */
export interface SignatureText {
  readonly title: string;
  summary(ctx: SuggestContext): string;
  explain(ctx: SuggestContext): string;
}

export interface DoctorLanguage {
  /** By signature id; a signature without an entry keeps its English text. */
  readonly signatures: Readonly<Record<string, SignatureText>>;
  /**
   * Said after the explanation when the text names no process but describes the job's data work
   * (quoted): a TaskManager.
   */
  assumed(workLine: string): string;
  /** Said after the explanation when nothing in the text tells which process failed. */
  readonly undecided: string;
  /** Said after the explanation when a failure shows several times. */
  seen(occurrences: number): string;
  /** Said after a heartbeat timeout's explanation when its likely causes are listed too. */
  consequence(causes: string): string;
  /** What was looked at when nothing was recognised. */
  lookedAt(lines: number, kinds: string, exceptions: readonly string[]): string;
}

export interface DoctorInput extends DoctorOptions {
  readonly text: string;
}

/** Named values captured from the input (named regex groups), per diagnosis. */
export type Facts = Readonly<Record<string, string>>;

/** Whole-input observations every signature may read. */
export interface Observations {
  /** An IDE or MiniCluster run: the JVM is the user's, Flink's process sizes do not apply. */
  readonly local: boolean;
  readonly rocksdb: boolean;
  readonly python: boolean;
  /** Lines saying memory grows over time or leaks, in someone's own words. */
  readonly leakWording: boolean;
  /**
   * Someone's own words saying jobs were submitted again and again (a session cluster's pattern).
   */
  readonly resubmitWording: boolean;
  /** Job submissions or (re)starts seen before the end of the input. */
  readonly submissions: number;
  /** Longest GC pause seen, in milliseconds (0 when none). */
  readonly longestGcPauseMs: number;
  /**
   * The first line showing an RPC address problem (a non-local recipient, an unresolved address),
   * or null.
   */
  readonly rpcAddress: string | null;
  /** What the input says about a Flink before 1.10 (its version, its memory keys). */
  readonly oldFlink: OldFlink;
  /**
   * The input is about another program's process (Spark, a Kafka Connect worker, a web console,
   * the operator's own pod): its memory failures are not Flink's unless a Flink process is named.
   */
  readonly otherSystem: Elsewhere | null;
  /** The text mentions Flink at all (a report about another program often does not). */
  readonly flinkNamed: boolean;
  /**
   * A failure that is not about memory (a slot shortage, a full disk, a missing class), when the
   * text shows one.
   */
  readonly notMemory: Elsewhere | null;
}

/**
 * What an input says about an old Flink: the version it states, and the old keys it shows with
 * their values.
 */
export interface OldFlink {
  /** "1.9" when the text states a version before 1.10, else null. */
  version: string | null;
  /**
   * A version from 1.10 on stated in the text: old keys then are deprecated spellings, not an old
   * Flink.
   */
  modernVersion: boolean;
  /** Keys Flink 1.9 and older read, with the value shown ('' when none). */
  readonly keys: Record<string, string>;
}

/** What a report looks like instead of a Flink memory failure, and what to do about it. */
export interface Elsewhere {
  /** In our words, e.g. "Apache Spark's executors or driver". */
  readonly what: string;
  readonly advice: string;
  /** The first line that shows it (trimmed). */
  readonly line: string;
  /**
   * Diagnoses this cue explains away even when their evidence is strong (e.g. EPERM for a failed
   * thread start).
   */
  readonly overrides?: readonly string[];
}

export interface SuggestContext {
  readonly component: Component;
  /** The processes to give suggestions for: the component, or both when it is unknown. */
  readonly processes: readonly Process[];
  readonly facts: Facts;
  /** The pattern variant that matched (e.g. `vmem`, `timeout`), or '' for the main form. */
  readonly variant: string;
  /** How many separate times the failure shows in the input. */
  readonly occurrences: number;
  readonly seen: Observations;
  readonly version: FlinkVersion;
  /** True when suggestions start from the user's configuration, false for Flink's defaults. */
  readonly withConfig: boolean;
  readonly plan: Planner;
}

export interface SignaturePattern {
  /** Tested against one line; named groups become facts. */
  readonly re: RegExp;
  /**
   * 'strong': the failure's own text; 'weak': a description in someone's own words, dropped when
   * any strong evidence exists; 'vague': a generic mention, dropped when anything else matched.
   */
  readonly strength?: Strength;
  /** Names a form of the failure the signature treats differently. */
  readonly variant?: string;
  /** The process this form always concerns (e.g. a TaskManager heartbeat), overriding inference. */
  readonly component?: Component;
}

export interface SignatureDefinition {
  /** Kebab-case, names the failure; equals the file name. Stable forever. */
  readonly id: string;
  readonly title: string;
  /**
   * What it recognises, in our words (Flink's texts quoted in backticks): rendered into
   * docs/doctor.md.
   */
  readonly recognises: readonly string[];
  /** Lower ranks are listed first when several failures show (root causes before symptoms). */
  readonly rank: number;
  /** Lower-case substrings; a line is tried against the patterns only if it contains one. */
  readonly keywords: readonly string[];
  readonly patterns: readonly SignaturePattern[];
  /** Lines that contain one of these are never evidence for this signature. */
  readonly excludes?: readonly RegExp[];
  /**
   * Further facts read from the lines after a match, in the same error block (wrapped messages).
   */
  readonly details?: readonly RegExp[];
  /** Drop the match unless the whole input shows this (e.g. Python for a bare MemoryError). */
  readonly requires?: keyof Pick<Observations, 'python'>;
  /** Process when nothing in the text says: 'infer' uses the text, a fixed value always applies. */
  readonly component: 'infer' | Process;
  /**
   * When the text does not name the process, the error's own numbers may: a direct-memory limit
   * equal to the TaskManager's derived limit says TaskManager.
   */
  readonly refineComponent?: (facts: Facts, plan: Planner) => Process | null;
  /**
   * The process size the failure text itself shows (a YARN container's limit): without a
   * configuration, suggestions start from it instead of the size Flink ships.
   */
  readonly processSize?: (facts: Facts) => bigint | null;
  /** Options involved, for docs and the registry. */
  readonly options: readonly string[];
  readonly docs: readonly string[];
  summary(ctx: SuggestContext): string;
  explain(ctx: SuggestContext): string;
  suggest(ctx: SuggestContext): readonly Suggestion[];
}
