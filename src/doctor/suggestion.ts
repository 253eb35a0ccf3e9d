/**
 * An option change the doctor proposes: planned and checked against the model in plan.ts, made
 * by the signatures, shown in a diagnosis. Its own file, so that types.ts and plan.ts need not
 * import each other.
 */
export interface Suggestion {
  readonly key: string;
  /** As configured, derived or defaulted, with bytes where it is a size. */
  readonly current: string;
  readonly suggested: string;
  readonly why: string;
  /** What the change does to the memory breakdown, computed with the model (only with a config). */
  readonly effect?: string;
}
