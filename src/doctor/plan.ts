/**
 * Turns "this component needs more memory" into option changes that work: applied to the
 * user's configuration (or to Flink's defaults when there is none), derived again with the model,
 * and, when the change would take too much from another component, paired with a larger total.
 */
import type { MemoryFailure, Target } from '../model/compute.js';
import type { FixChanges, ProcessResult } from '../model/trial.js';
import { searchSize } from '../model/fix-search.js';
import { applyChanges, compute, failureDirection, totalKeys } from '../model/trial.js';
import {
  formatSizeForConfig,
  parseMemorySize,
  parseMemorySizeOrNull,
} from '../primitives/memory-size.js';
import type { RawValue } from '../primitives/raw-value.js';
import { rawToString } from '../primitives/raw-value.js';
import { defaultFor, findOption } from '../options/catalogue.js';
import type { FlinkVersion } from '../primitives/version.js';
import type { Process } from '../primitives/flink-process.js';
import type { Sizes } from './component-sizes.js';
import { COMPONENTS, componentOf, sizesOf } from './component-sizes.js';
import { effectOf } from './effect.js';
import type { Basis } from './plan-basis.js';
import { makeBasis } from './plan-basis.js';
import { fmt } from './quantities.js';
import type { Suggestion } from './suggestion.js';
import type { UserCheck } from './user-check.js';
import { checkUserConfig, userValue } from './user-check.js';

export type { Sizes } from './component-sizes.js';
export { componentOf } from './component-sizes.js';

export interface PlanOptions {
  /** Why, per changed key. */
  readonly why: Readonly<Record<string, string>>;
  /** Why, for a total size the planner had to raise. */
  readonly totalWhy?: string;
  /**
   * Components the change is meant to grow; any other may shrink by at most `tolerance` (share).
   */
  readonly grows?: readonly string[];
  readonly tolerance?: number;
  /** A further condition on the new sizes (e.g. network at least the bytes the error asked for). */
  readonly require?: (sizes: Sizes) => boolean;
  /**
   * Grow only the process size (for metaspace and overhead, which sit outside total Flink memory).
   */
  readonly processOnly?: boolean;
  /** Never grow a total: the change fits as it is, or there is no suggestion. */
  readonly keepTotal?: boolean;
}

function stringify(
  changes: Readonly<Record<string, bigint | string | null>>,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(changes))
    out[k] = typeof v === 'bigint' ? formatSizeForConfig(v) : v;
  return out;
}

export class Planner {
  private readonly bases = new Map<Process, Basis | null>();

  constructor(
    private readonly userConfig: ReadonlyMap<string, RawValue> | undefined,
    readonly version: FlinkVersion,
    readonly target: Target,
    /**
     * Process sizes the failure text showed, used instead of Flink's shipped sizes (no
     * configuration only).
     */
    private readonly shown: Partial<Record<Process, bigint>> = {},
  ) {}

  /** The process size the failure text showed, when suggestions start from it. */
  shownSize(p: Process): bigint | null {
    return this.shown[p] ?? null;
  }

  get withConfig(): boolean {
    return this.userConfig !== undefined;
  }

  private options() {
    return { version: this.version, target: this.target, trace: false };
  }

  /** The configuration suggestions start from, derived; null when the model cannot derive it. */
  basis(p: Process): Basis | null {
    if (!this.bases.has(p))
      this.bases.set(p, makeBasis(p, this.userConfig, this.version, this.target, this.shown));
    return this.bases.get(p)!;
  }

  /** A derived size of the starting configuration, e.g. `taskHeap`, `jvmDirect`. */
  size(p: Process, component: string): bigint | null {
    return this.basis(p)?.sizes[component] ?? null;
  }

  slots(): number {
    const b = this.basis('taskmanager');
    return b && 'slots' in b.result ? b.result.slots : 1;
  }

  /**
   * The value as the starting configuration has it (configured, else the version's default), as
   * text.
   */
  valueText(p: Process, key: string): string | null {
    const raw = this.basis(p)?.config.get(key);
    if (raw) return rawToString(raw);
    const o = findOption(key);
    return o ? defaultFor(o, this.version) : null;
  }

  /**
   * The value as the user's configuration has it (configured, else the version's default), before
   * any fix.
   */
  userText(key: string): string | null {
    const raw = this.userConfig?.get(key);
    if (raw) return rawToString(raw);
    const o = findOption(key);
    return o ? defaultFor(o, this.version) : null;
  }

  /** Bytes of a size option as the starting configuration has it, configured or default. */
  bytes(p: Process, key: string): bigint | null {
    const t = this.valueText(p, key);
    return t === null ? null : parseMemorySizeOrNull(t);
  }

  isSet(p: Process, key: string): boolean {
    return this.basis(p)?.config.has(key) ?? false;
  }

  /**
   * The current value for a suggestion: as configured, defaulted or derived, with bytes for sizes.
   */
  current(p: Process, key: string): string {
    const b = this.basis(p);
    const raw = b?.config.get(key);
    const isSize = findOption(key)?.type === 'memory';
    const withBytes = (text: string): string => {
      if (!isSize) return text;
      try {
        const bytes = parseMemorySize(text);
        return `${text} (${bytes} bytes)`;
      } catch {
        return text;
      }
    };
    if (raw) {
      const text = rawToString(raw);
      if (this.withConfig) return withBytes(text);
      return key === `${p}.memory.process.size` && this.shown[p] !== undefined
        ? `${text} (the container size the error shows)`
        : `${text} (Flink's shipped configuration)`;
    }
    const o = findOption(key);
    const def = o ? defaultFor(o, this.version) : null;
    if (def !== null) return this.withConfig ? `default ${withBytes(def)}` : `default ${def}`;
    const component = key.endsWith('.process.size')
      ? 'totalProcess'
      : key.endsWith('.flink.size')
        ? 'totalFlink'
        : componentOf(key);
    const derived = component ? b?.sizes[component] : undefined;
    if (derived === undefined) return 'not set';
    const from = this.withConfig ? '' : " from Flink's defaults";
    return `not set; derived ${fmt(derived)}${from} (${derived} bytes)`;
  }

  /** Whether `changes` on the starting configuration pass, and the new sizes. */
  derive(
    p: Process,
    changes: FixChanges,
  ): { ok: true; sizes: Sizes } | { ok: false; failure: MemoryFailure } | null {
    const b = this.basis(p);
    if (!b) return null;
    const r = compute(applyChanges(b.config, changes), p, this.options());
    return r.ok ? { ok: true, sizes: sizesOf(r) } : { ok: false, failure: r.failure };
  }

  /**
   * Suggestions that apply `changes`, verified with the model. When another component would
   * shrink by more than the tolerance (or the change fails), the total grows instead, by the
   * smallest round amount that keeps every other component at least as large.
   */
  set(
    p: Process,
    changes: Readonly<Record<string, bigint | string | null>>,
    opts: PlanOptions,
  ): Suggestion[] {
    const b = this.basis(p);
    if (!b) return [];
    const grows = new Set(
      opts.grows ??
        Object.keys(stringify(changes))
          .map(componentOf)
          .filter((c): c is string => c !== null),
    );
    // When the user's configuration had to be fixed first, every suggestion carries the fix along.
    const first = { ...(b.fix?.changes ?? {}), ...stringify(changes) };
    const tolerance = opts.tolerance ?? 0.1;
    const judge = (r: ProcessResult, tol: number): 'ok' | 'up' | 'down' | 'stuck' => {
      if (!r.ok) return failureDirection(r.failure);
      const s = sizesOf(r);
      if (opts.require && !opts.require(s)) return 'up';
      for (const c of COMPONENTS) {
        const before = b.sizes[c];
        const after = s[c];
        if (grows.has(c) || before === undefined || after === undefined || after >= before)
          continue;
        if (Number(before - after) > Number(before) * tol) return 'up';
      }
      return 'ok';
    };
    const run = (ch: FixChanges) => compute(applyChanges(b.config, ch), p, this.options());
    let final: Record<string, string | null> | null =
      judge(run(first), tolerance) === 'ok' ? first : null;
    const fineGrained =
      b.result.path === 'fine-grained' &&
      !b.config.has(`${p}.memory.flink.size`) &&
      !b.config.has(`${p}.memory.process.size`);
    if (!final && !fineGrained && !opts.keepTotal && this.target !== 'local') {
      const keys = (opts.processOnly ? [`${p}.memory.process.size`] : totalKeys(b.config, p)).map(
        (k) => (b.legacy && !b.config.has(k) && !opts.processOnly ? b.legacy.to : k),
      );
      const current = new Map<string, bigint>();
      for (const k of keys) {
        const v = k.endsWith('.process.size') ? b.sizes.totalProcess : b.sizes.totalFlink;
        if (v !== undefined) current.set(k, v);
      }
      const from = current.get(keys[0]!) ?? 0n;
      const found = searchSize(keys, current, from, (totals) =>
        judge(run({ ...first, ...totals }), 0),
      );
      if (found) final = { ...first, ...found.changes };
    }
    if (!final) return [];
    if (b.legacy && b.legacy.to in final) final[b.legacy.from] = null;
    const after = run(final);
    if (!after.ok) return [];
    const effect = this.withConfig ? effectOf(p, b.sizes, sizesOf(after)) : undefined;
    return Object.entries(final).map(([key, value]) => {
      const fixed = b.fix !== undefined && key in b.fix.changes && !(key in opts.why);
      const fixValue = fixed ? b.fix.changes[key] : undefined;
      const why = fixed
        ? fixValue === value
          ? `the configuration as given fails Flink's start-up check "${b.fix.checks[0]}"; this is needed first`
          : `the configuration as given fails Flink's start-up check "${b.fix.checks[0]}" (${fixValue ?? 'removing it'} would make it start); ${opts.totalWhy ?? 'raised further so that the change does not take memory from the other components'}`
        : (opts.why[key] ??
          (b.legacy?.from === key
            ? `deprecated; "${b.legacy.to}" above replaces it`
            : (opts.totalWhy ??
              'raise the total so that the change does not take memory from the other components')));
      const current = fixed ? userValue(this.userConfig, key) : this.current(p, key);
      return { key, current, suggested: value ?? 'remove', why, ...(effect ? { effect } : {}) };
    });
  }

  /**
   * Suggestions that make a derived component at least `bytes`: its own option when set, else a
   * larger total.
   */
  atLeast(
    p: Process,
    component: string,
    bytes: bigint,
    key: string,
    why: string,
    totalWhy: string,
  ): Suggestion[] {
    if (this.isSet(p, key))
      return this.set(p, { [key]: bytes }, { why: { [key]: why }, grows: [component] });
    return this.set(
      p,
      {},
      { why: {}, totalWhy, grows: [component], require: (s) => (s[component] ?? 0n) >= bytes },
    );
  }

  /** A change the model does not size (a YARN setting, an environment variable, a timeout). */
  advise(key: string, current: string, suggested: string, why: string): Suggestion {
    return { key, current, suggested, why };
  }

  /**
   * The user's configuration checked as given: null without a configuration (or for a 1.10
   * JobManager), passes, or fails with the model's failure and a verified fix.
   */
  userCheck(p: Process): UserCheck {
    return checkUserConfig(p, this.userConfig, this.version, this.target);
  }
}
