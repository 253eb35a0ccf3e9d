/** Types of real-suite.mjs for the TypeScript tests. */
export interface RecordedFinding {
  readonly rule: string;
  readonly line: number;
  readonly verdict: string;
  readonly why: string;
}
export interface RealEntry {
  readonly name: string;
  readonly file: string;
  readonly path: string;
  readonly source: { readonly repo: string; readonly path: string; readonly commit?: string };
  readonly flinkVersion: string;
  readonly versionFrom: string;
  readonly lintWith?: string;
  readonly findings: readonly RecordedFinding[];
}
export interface SeenFinding {
  readonly ruleId: string;
  readonly line: number;
  readonly message: string;
  readonly severity?: string;
}
export interface Judged<F extends SeenFinding> {
  readonly finding: F;
  readonly verdict: string | undefined;
  readonly why: string | undefined;
}
export declare const REAL_DIR: string;
export declare const VERDICTS: readonly string[];
export declare function readIndex(): RealEntry[];
export declare function judgeFile<F extends SeenFinding>(entry: RealEntry, findings: readonly F[]): { judged: Judged<F>[]; notFiring: (RecordedFinding & { used: boolean })[] };
export declare function tally(results: readonly { judged: readonly Judged<SeenFinding>[] }[]): Map<string, { true: number; false: number; debatable: number; unjudged: number }>;
export declare function precision(row: { true: number; false: number }): number | null;
export declare function markdownTable(results: readonly { judged: readonly Judged<SeenFinding>[] }[]): string;
