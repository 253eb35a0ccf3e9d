/**
 * Loader problems after which a file is not what Flink would load: Flink refuses it (broken YAML,
 * duplicate keys, a root that is not a mapping, a key without a value) or it holds no Flink
 * configuration, or it is not UTF-8 (--fix would write replacement characters back). Explain,
 * doctor
 * and --fix stop at them; lint reports them as findings.
 */
import type { ConfigProblem, LoadedFile, ProblemKind } from './types.js';

export const FATAL_PROBLEMS: ReadonlySet<ProblemKind> = new Set([
  'yaml-syntax',
  'duplicate-key',
  'non-mapping-root',
  'null-value',
  'not-flink-config',
  'not-utf8',
  'not-cluster-config',
]);

/** The fatal problems of a loaded file, its own first, then each document's. */
export function fatalProblems(file: LoadedFile): ConfigProblem[] {
  return [...file.problems, ...file.documents.flatMap((d) => d.problems)].filter((p) =>
    FATAL_PROBLEMS.has(p.kind),
  );
}
