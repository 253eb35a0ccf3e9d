/**
 * Fraction-derived components (`RangeFraction`, `deriveWithFraction`, `deriveWithInverseFraction`)
 * and the trace that records how each component came about.
 */
import type { Conf } from './conf.js';
import { JavaError, javaDoubleToString, multiplyBytes } from '../primitives/java.js';
import { configError, describeOption } from './conf.js';
import { humanReadable } from '../primitives/memory-size.js';

export interface TraceStep {
  /** Component name as in the JSON sizes ("managed", "jvmOverhead", ...). */
  readonly component: string;
  readonly bytes: bigint;
  /** How Flink arrived at the value, in our words. */
  readonly how: string;
  /** Option keys that decided the value. */
  readonly keys: readonly string[];
}

/**
 * The derivation's steps and notes, for `explain --trace`. Callers that never show them (lint, the
 * fix searches) derive with a trace that is off: the texts are passed as functions and only
 * built when the trace records them.
 */
export class Trace {
  readonly steps: TraceStep[] = [];
  /** What Flink would log at INFO or WARN while deriving (in our words). */
  readonly notes: string[] = [];

  constructor(readonly on = true) {}

  add(
    component: string,
    bytes: bigint,
    how: string | (() => string),
    keys: readonly string[] = [],
  ): bigint {
    if (this.on)
      this.steps.push({ component, bytes, how: typeof how === 'string' ? how : how(), keys });
    return bytes;
  }

  note(text: string | (() => string)): void {
    if (this.on) this.notes.push(typeof text === 'string' ? text : text());
  }
}

export interface RangeFraction {
  readonly min: bigint;
  readonly max: bigint;
  /** The float option widened to double, exactly as Flink multiplies with it. */
  readonly fraction: number;
  readonly fractionKey: string;
  readonly minKey: string | null;
  readonly maxKey: string | null;
}

/**
 * `ProcessMemoryUtils.getRangeFraction`: reads the fraction and validates min, max and fraction.
 */
export function rangeFraction(
  conf: Conf,
  fractionKey: string,
  minKey: string | null,
  maxKey: string | null,
  fixedMin?: bigint,
  fixedMax?: bigint,
): RangeFraction {
  const min = minKey ? conf.memory(minKey) : fixedMin!;
  const max = maxKey ? conf.memory(maxKey) : fixedMax!;
  const fraction = conf.float(fractionKey);
  let problem: string | null = null;
  if (min > max) problem = 'min value must be less or equal to max value';
  else if (!(fraction >= 0 && fraction < 1)) problem = 'fraction must be in range [0, 1)';
  if (problem) {
    const keys = problem.startsWith('min')
      ? [minKey, maxKey].filter((k): k is string => k !== null)
      : [fractionKey];
    throw configError(
      'invalid-fraction-range',
      `Inconsistently configured ${describeOption(fractionKey, conf.version)} (${javaDoubleToString(fraction)}) and its min (${humanReadable(min)}), max (${humanReadable(max)}) value`,
      keys,
      new JavaError('IllegalArgumentException', problem),
      { min, max },
    );
  }
  return { min, max, fraction, fractionKey, minKey, maxKey };
}

function source(conf: Conf, key: string): string {
  return conf.contains(key) ? 'configured' : 'default';
}

function cap(
  component: string,
  relative: bigint,
  r: RangeFraction,
  trace: Trace,
  conf: Conf,
  baseText: () => string,
): bigint {
  const fr = () =>
    `${r.fractionKey} = ${javaDoubleToString(r.fraction)} (${source(conf, r.fractionKey)}, float widened to double)`;
  const keys = [r.fractionKey, r.minKey, r.maxKey].filter((k): k is string => k !== null);
  if (relative > r.max) {
    trace.note(
      () =>
        `${component}: ${humanReadable(relative)} from the fraction is above its max ${humanReadable(r.max)}; the max is used`,
    );
    return trace.add(
      component,
      r.max,
      () =>
        `${baseText()} x ${fr()} = ${relative} bytes, above the max ${r.maxKey ?? 'limit'} (${r.max} bytes): clamped to the max`,
      keys,
    );
  }
  if (relative < r.min) {
    trace.note(
      () =>
        `${component}: ${humanReadable(relative)} from the fraction is below its min ${humanReadable(r.min)}; the min is used`,
    );
    return trace.add(
      component,
      r.min,
      () =>
        `${baseText()} x ${fr()} = ${relative} bytes, below the min ${r.minKey ?? 'limit'} (${r.min} bytes): clamped to the min`,
      keys,
    );
  }
  return trace.add(
    component,
    relative,
    () => `${baseText()} x ${fr()} = ${relative} bytes (within [${r.min}, ${r.max}])`,
    keys,
  );
}

/** `deriveWithFraction`: base x fraction, clamped to [min, max]. */
export function withFraction(
  component: string,
  base: bigint,
  baseName: string,
  r: RangeFraction,
  trace: Trace,
  conf: Conf,
): bigint {
  return cap(
    component,
    multiplyBytes(base, r.fraction),
    r,
    trace,
    conf,
    () => `${baseName} ${base} bytes`,
  );
}

/**
 * `deriveWithInverseFraction`: base x f / (1 - f), clamped, for when the base excludes the
 * component.
 */
export function withInverseFraction(
  component: string,
  base: bigint,
  baseName: string,
  r: RangeFraction,
  trace: Trace,
  conf: Conf,
): bigint {
  const q = r.fraction / (1 - r.fraction);
  return cap(
    component,
    multiplyBytes(base, q),
    r,
    trace,
    conf,
    () => `${baseName} ${base} bytes x f/(1-f) with f`,
  );
}
