/**
 * The search for the smallest size that passes: doubling steps up from a start, then bisection on
 * ever finer grids (64 MiB, 1 MiB, one byte), asking the model at each step which way to go.
 */
import { GIB, MIB, ceilTo, formatSizeForConfig } from '../primitives/memory-size.js';
import type { Direction, FixChanges } from './trial.js';

const STEP = 64n * MIB;
const CEILING = 8n * 1024n * GIB;

/**
 * The smallest value for `keys[0]` (at or above `from`) for which `evaluate` says 'ok', preferring
 * a multiple of 64 MiB, then a whole MiB, then the exact byte count. Further keys move by the
 * same amount (a process size set next to a flink size keeps its distance). Assumes that below
 * the answer `evaluate` says 'up', as it does for every size check of the model.
 */
export function searchSize(
  keys: readonly string[],
  current: ReadonlyMap<string, bigint>,
  from: bigint,
  evaluate: (changes: FixChanges) => Direction,
): { changes: FixChanges; bytes: bigint } | null {
  const primary = keys[0]!;
  const base = current.get(primary) ?? from;
  const changesFor = (v: bigint): FixChanges => {
    const out: Record<string, string> = { [primary]: formatSizeForConfig(v) };
    for (const k of keys.slice(1)) {
      const c = current.get(k);
      if (c !== undefined) out[k] = formatSizeForConfig(c + (v - base));
    }
    return out;
  };
  const at = (v: bigint) => evaluate(changesFor(v));
  let lo = from;
  const first = at(lo);
  if (first === 'ok') return { changes: changesFor(lo), bytes: lo };
  if (first !== 'up') return null;
  let step = STEP;
  let hi = lo + step;
  let d = at(hi);
  while (d === 'up') {
    lo = hi;
    step *= 2n;
    hi = lo + step;
    if (hi > CEILING) return null;
    d = at(hi);
  }
  if (d === 'stuck') return null;
  // lo says 'up', hi does not. The answer is the first value that does not say 'up', rounded up to
  // a multiple of 64 MiB if that works, else to a whole MiB, else exact. Each is the first value on
  // its grid that does not say 'up', so each grid is searched only where the coarser one says to
  // (a few model runs instead of one per bit of the byte range).
  let upper = ceilTo(hi, STEP);
  for (const unit of [STEP, MIB, 1n]) {
    const v = firstNotUp(at, lo, upper, unit);
    if (at(v) === 'ok') return { changes: changesFor(v), bytes: v };
    // The finer grid's answer lies within one coarse unit below this one.
    lo = v - unit > lo ? v - unit : lo;
    upper = v;
  }
  return null;
}

/**
 * The first multiple of `unit` in (lo, upper] for which `at` does not say 'up', given that `lo`
 * says 'up' and `upper` (a multiple of `unit`) does not.
 */
function firstNotUp(at: (v: bigint) => Direction, lo: bigint, upper: bigint, unit: bigint): bigint {
  let below = lo / unit; // the multiple index at or below lo: says 'up'
  let above = upper / unit; // does not say 'up'
  while (above - below > 1n) {
    const mid = (below + above) / 2n;
    if (at(mid * unit) === 'up') below = mid;
    else above = mid;
  }
  return above * unit;
}
