/**
 * What the loaders produce: Flink configuration documents whose every value keeps its file,
 * line and column, plus the problems found while reading them.
 */
import type { RawValue } from '../primitives/raw-value.js';
import type { Process } from '../primitives/flink-process.js';

export type InputFormat = 'flink-conf' | 'config-yaml' | 'k8s';

/**
 * A region of a file. Lines and columns are 1-based; offsets are 0-based UTF-16 indexes into the
 * text.
 */
export interface Span {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly offset: number;
  readonly endOffset: number;
}

export type EntrySource =
  /** Written in the file. */
  | 'file'
  /** Given with `--set key=value` (applied last, like `-D`). */
  | 'set'
  /** Written by the Flink Kubernetes Operator from the spec's resource memory. */
  | 'operator-resource';

export interface ConfigEntry {
  /** Flattened Flink key (`taskmanager.memory.process.size`). */
  readonly key: string;
  /** The value as Flink stores it: a string in legacy files, a typed scalar in config.yaml. */
  readonly value: RawValue;
  /** The value exactly as written in the source, for messages ("'1g'", "1728m"). */
  readonly text: string;
  readonly source: EntrySource;
  /** Where the key is written (for `--set` and operator values: absent). */
  readonly keySpan?: Span;
  /** Where the value is written. */
  readonly valueSpan?: Span;
  /** The whole line(s) of the entry including the line break, for removal by --fix. */
  readonly lineSpan?: Span;
  /** For entries of a FlinkDeployment: the YAML path of the value (`spec.flinkConfiguration.x`). */
  readonly path?: string;
  /** True when a later entry for the same key wins. */
  readonly overridden?: boolean;
}

export type ProblemKind =
  // config-syntax
  | 'yaml-syntax'
  | 'duplicate-key'
  | 'non-mapping-root'
  | 'null-value'
  | 'not-flink-config'
  // a file that is not a cluster configuration (Helm template or values, docker-compose,
  // Terraform): one notice
  | 'not-cluster-config'
  | 'not-utf8'
  // legacy-syntax (flink-conf.yaml lines Flink skips or misreads)
  | 'legacy-missing-space'
  | 'legacy-empty-key-or-value'
  | 'legacy-nested'
  | 'legacy-quoted'
  | 'legacy-comment-cut'
  | 'legacy-duplicate'
  | 'legacy-yaml-only';

export interface ConfigProblem {
  readonly kind: ProblemKind;
  /** One line, our words, with the key and the value as written. */
  readonly message: string;
  readonly key?: string;
  readonly span: Span;
  /** For legacy-quoted and legacy-missing-space: the line rewritten the way the user meant it. */
  readonly replacementLine?: string;
}

/** How the Kubernetes operator sets a process size from the spec's resources. */
export interface ResourceMemory {
  readonly process: Process;
  /**
   * YAML path, e.g. `spec.taskManager.resource.memory` or
   * `spec.taskManager.resources.requests.memory`.
   */
  readonly field: string;
  /** As written in the manifest. */
  readonly text: string;
  /**
   * Bytes as the operator reads it: Flink's size grammar first, a Kubernetes quantity after; null
   * if neither.
   */
  readonly operatorBytes: bigint | null;
  /**
   * The string the operator writes into `*.memory.process.size` (may not parse, e.g.
   * "1500000000.0").
   */
  readonly operatorValue: string | null;
  /**
   * Bytes as Kubernetes (and most platforms) read the same text as a quantity; null if it is not
   * one.
   */
  readonly kubernetesBytes: bigint | null;
  readonly span: Span;
}

/**
 * A memory limit of a container running this process (pod template, plain Deployment,
 * --container-memory).
 */
export interface ContainerLimit {
  readonly process: Process | 'unknown';
  readonly field: string;
  readonly text: string;
  readonly bytes: bigint;
  readonly span?: Span;
}

export interface KubernetesInfo {
  readonly kind: string;
  readonly name?: string;
  /**
   * Resource memory from the operator spec (`resource.memory` or
   * `resources.requests/limits.memory`).
   */
  readonly resources: readonly ResourceMemory[];
  readonly limits: readonly ContainerLimit[];
  readonly annotations: Readonly<Record<string, string>>;
  /** `spec.flinkVersion` as written (`v1_20`), when present. */
  readonly flinkVersion?: { readonly text: string; readonly span: Span };
  /**
   * The Flink image the manifest runs (`spec.image`, or a container of a workload next to a
   * ConfigMap).
   */
  readonly image?: { readonly text: string; readonly span: Span };
  /**
   * For a ConfigMap: the embedded Flink file this document was read from, and its key's span under
   * `data`.
   */
  readonly embedded?: { readonly name: 'flink-conf.yaml' | 'config.yaml'; readonly span: Span };
}

/** One Flink configuration: a whole flink-conf.yaml or config.yaml, or one FlinkDeployment. */
export interface ConfigDocument {
  /** Path as the user gave it (`-` is shown as `<stdin>`). */
  readonly file: string;
  readonly format: InputFormat;
  /** Index of the YAML document in a multi-document file (0 for plain files). */
  readonly docIndex: number;
  /**
   * In a file of several YAML documents, the lines (1-based, inclusive) of this one: its comments,
   * suppressions included, apply to it alone. Absent when the document is the whole file.
   */
  readonly lineRange?: LineRange;
  /** Every entry in source order, overridden ones included. */
  readonly entries: readonly ConfigEntry[];
  /** The winning entry of each key. */
  readonly effective: ReadonlyMap<string, ConfigEntry>;
  readonly problems: readonly ConfigProblem[];
  readonly kubernetes?: KubernetesInfo;
  /**
   * For a file named config.yaml: the flink-conf.yaml in the same folder, as the user would name
   * it, which Flink 1.19 and 1.20 read instead (set when the file was read from disk).
   */
  readonly besideFlinkConf?: string;
  /**
   * True for the Flink Kubernetes Operator's own configuration (`kubernetes.operator.*` keys, no
   * memory): defaults the operator lays under every deployment, not a cluster of its own.
   */
  readonly operatorDefaults?: boolean;
  /** The whole file text and its lines (without line breaks). */
  readonly text: string;
  readonly lines: readonly string[];
}

export interface LineRange {
  readonly first: number;
  readonly last: number;
}

export interface LoadedFile {
  readonly file: string;
  readonly format: InputFormat;
  readonly text: string;
  /** Empty when the file holds no Flink configuration at all (then `problems` says why). */
  readonly documents: readonly ConfigDocument[];
  /** Problems that belong to the file rather than a document (YAML that does not parse at all). */
  readonly problems: readonly ConfigProblem[];
}

export interface LoadOptions {
  /** Overrides the format detection. */
  readonly format?: InputFormat;
  /** `--set key=value` overrides, applied last to every document. */
  readonly set?: readonly (readonly [string, string])[];
  /**
   * A flink-conf.yaml in the same folder as this config.yaml, as the user would name it (see
   * besideFlinkConf).
   */
  readonly besideFlinkConf?: string;
}
