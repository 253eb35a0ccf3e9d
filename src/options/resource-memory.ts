/**
 * How to write memory into a FlinkDeployment's resource fields, and what a resource text the
 * operator cannot use was most likely meant to be. Pure functions; the operator rules report.
 */
import { MIB } from '../primitives/memory-size.js';

const BINARY_UNITS: readonly [string, bigint][] = [
  ['Ti', 1n << 40n],
  ['Gi', 1n << 30n],
  ['Mi', MIB],
  ['Ki', 1n << 10n],
];

/** A Kubernetes quantity that every reader takes as exactly `bytes`: `2Gi`, `1536Mi`, `1000`. */
export function binaryQuantity(bytes: bigint): string {
  for (const [unit, mult] of BINARY_UNITS)
    if (bytes > 0n && bytes % mult === 0n) return `${bytes / mult}${unit}`;
  return bytes.toString();
}

/**
 * How to write `bytes` into a FlinkDeployment resource memory field: in the operator's own
 * documented MiB spelling (`1792m`) when the field is already written that way, else as a binary
 * Kubernetes quantity (`1792Mi`), which the operator, Flink and Kubernetes all read alike.
 */
export function resourceQuantity(bytes: bigint, written: string): string {
  return /^\s*\d+m\s*$/.test(written) && bytes > 0n && bytes % MIB === 0n
    ? `${bytes / MIB}m`
    : binaryQuantity(bytes);
}

/**
 * The bytes a resource memory text most likely means when the operator cannot use it, reading
 * every unit as binary like the operator does for whole numbers (`1.5g`, `1.5G`, `1.5Gi` are
 * 1.5 GiB). A fraction of a byte is rounded down to whole MiB. Null when the text is no number.
 */
export function intendedResourceBytes(text: string): bigint | null {
  // No size anyone means is this long; BigInt would take seconds.
  if (text.length > 200) return null;
  const m = /^(\d*)(?:\.(\d*))?\s*(?:([kmgt])i?b?|b)?$/i.exec(text.trim());
  if (!m || (m[1] === '' && !m[2])) return null;
  const unit = m[3] ? 1n << BigInt(10 * ' kmgt'.indexOf(m[3].toLowerCase())) : 1n;
  const frac = m[2] ?? '';
  const scaled = BigInt(`${m[1] || '0'}${frac}`) * unit;
  const denominator = 10n ** BigInt(frac.length);
  if (scaled % denominator === 0n) return scaled / denominator;
  return (scaled / denominator / MIB) * MIB;
}
