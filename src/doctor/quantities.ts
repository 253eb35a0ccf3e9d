/**
 * Sizes the doctor proposes and prints: sensible steps up, rounding, and the sizes other tools
 * print (YARN's "4.1 GB", Kubernetes' "2Gi").
 */
import { GIB, KIB, MIB, TIB, ceilTo, formatSizeForConfig } from '../primitives/memory-size.js';

export { ceilTo };

/** Round up to a whole MiB; to 64 MiB once the value passes 1 GiB, so proposals stay readable. */
export function roundUp(bytes: bigint): bigint {
  return bytes >= GIB ? ceilTo(bytes, 64n * MIB) : ceilTo(bytes, MIB);
}

/**
 * The next size to try when the error gives no number: double below 1 GiB, +50% above, at
 * least `floor` (for components that are 0 by default), rounded up.
 */
export function stepUp(bytes: bigint, floor = 128n * MIB): bigint {
  // Derived sizes are rarely whole MiB (536870920 bytes): step from the nearest MiB, so 2 x 512m is
  // 1g.
  const base = ((bytes + MIB / 2n) / MIB) * MIB;
  const next = base < GIB ? base * 2n : base + base / 2n;
  return roundUp(next > floor ? next : floor);
}

/** A size for people: "1728m", "2g", or "383.999m" when not a whole MiB. */
export function fmt(bytes: bigint): string {
  if (bytes % MIB === 0n) return formatSizeForConfig(bytes);
  if (bytes < MIB) return `${bytes} bytes`;
  const mib = Number(bytes) / Number(MIB);
  return `${Number(mib.toFixed(3))}m`;
}

export function fmtDelta(delta: bigint): string {
  return `${delta < 0n ? '-' : '+'}${fmt(delta < 0n ? -delta : delta)}`;
}

const UNIT: Readonly<Record<string, bigint>> = { '': 1n, b: 1n, k: KIB, m: MIB, g: GIB, t: TIB };

/**
 * "4.1 GB", "512 MB", "2Gi", "1.5 g": binary units as YARN and the JVM print them. Decimal
 * fractions are kept exact to the byte, truncated.
 */
export function parseLooseSize(text: string): bigint | null {
  const m = /^(\d{1,30})(?:\.(\d{1,30}))?\s*([kmgt]?)(?:i?b?|bytes?)$/i.exec(text.trim());
  if (!m) return null;
  const unit = UNIT[(m[3] ?? '').toLowerCase()]!;
  const frac = m[2] ?? '';
  const scale = 10n ** BigInt(frac.length);
  return (BigInt(m[1]! + frac) * unit) / scale;
}

/** A fraction rounded up to two decimals, as a string Flink reads ("0.12"). */
export function fractionUp(numerator: bigint, denominator: bigint): string {
  if (denominator <= 0n) return '0.99';
  const hundredths = (numerator * 100n + denominator - 1n) / denominator;
  const h = hundredths > 99n ? 99n : hundredths;
  return `0.${h.toString().padStart(2, '0')}`;
}
