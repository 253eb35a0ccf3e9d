/**
 * Flink's memory-size grammar (`MemorySize.parse`) and its two pretty printers, byte for byte.
 * All sizes are bigint byte counts: Flink's sizes are signed 64-bit longs.
 */
import { JavaError, LONG_MAX, javaFormat3, javaTrim, tooManyDigits } from './java.js';

export const KIB = 1024n;
export const MIB = 1024n * KIB;
export const GIB = 1024n * MIB;
export const TIB = 1024n * GIB;

interface Unit {
  readonly multiplier: bigint;
  readonly names: readonly string[];
}

const UNITS: readonly Unit[] = [
  { multiplier: 1n, names: ['b', 'bytes'] },
  { multiplier: KIB, names: ['k', 'kb', 'kibibytes'] },
  { multiplier: MIB, names: ['m', 'mb', 'mebibytes'] },
  { multiplier: GIB, names: ['g', 'gb', 'gibibytes'] },
  { multiplier: TIB, names: ['t', 'tb', 'tebibytes'] },
];

export const UNIT_LIST =
  '(b | bytes) / (k | kb | kibibytes) / (m | mb | mebibytes) / (g | gb | gibibytes) / (t | tb | tebibytes)';

/**
 * `MemorySize.parse(text)` (and `parse(text, defaultUnit)` when a default unit is given).
 * Throws a JavaError carrying Flink's exception class and message.
 */
/** `v` rounded up to a whole multiple of `unit`. */
export const ceilTo = (v: bigint, unit: bigint): bigint => ((v + unit - 1n) / unit) * unit;

export function parseMemorySize(text: string, defaultUnit?: 'b' | 'k' | 'm' | 'g' | 't'): bigint {
  const trimmed = javaTrim(text);
  if (trimmed.length === 0) {
    throw new JavaError(
      'IllegalArgumentException',
      'argument is an empty- or whitespace-only string',
    );
  }
  let pos = 0;
  while (pos < trimmed.length && trimmed.charCodeAt(pos) >= 48 && trimmed.charCodeAt(pos) <= 57)
    pos++;
  const digits = trimmed.slice(0, pos);
  const unitText = javaTrim(trimmed.slice(pos)).toLowerCase();
  if (digits.length === 0)
    throw new JavaError('NumberFormatException', 'text does not start with a number');
  // 2^63-1 has 19 digits; more significant digits than that overflow whatever they are.
  const value = tooManyDigits(digits, 19) ? LONG_MAX + 1n : BigInt(digits);
  if (value > LONG_MAX) {
    throw new JavaError(
      'IllegalArgumentException',
      `The value '${digits}' cannot be re represented as 64bit number (numeric overflow).`,
    );
  }
  let multiplier = 1n;
  const effectiveUnit = unitText.length === 0 && defaultUnit ? defaultUnit : unitText;
  if (effectiveUnit.length > 0) {
    const unit = UNITS.find((u) => u.names.includes(effectiveUnit));
    if (!unit) {
      throw new JavaError(
        'IllegalArgumentException',
        `Memory size unit '${unitText}' does not match any of the recognized units: ${UNIT_LIST}`,
      );
    }
    multiplier = unit.multiplier;
  }
  const bytes = value * multiplier;
  if (bytes > LONG_MAX) {
    throw new JavaError(
      'IllegalArgumentException',
      `The value '${text}' cannot be re represented as 64bit number of bytes (numeric overflow).`,
    );
  }
  return bytes;
}

/**
 * The bytes a size means as Flink reads it, or null where Flink would refuse it (for deciding,
 * never for reporting).
 */
export function parseMemorySizeOrNull(text: string): bigint | null {
  try {
    return parseMemorySize(text);
  } catch {
    return null;
  }
}

/** `MemorySize.toString()`: the largest unit that divides the value exactly ("64 mb", "0 tb"). */
export function memoryToString(bytes: bigint): string {
  let best = UNITS[0]!;
  for (const u of UNITS) if (bytes % u.multiplier === 0n) best = u;
  return `${bytes / best.multiplier} ${best.names[1]}`;
}

/**
 * `MemorySize.toHumanReadableString()`: "<n> bytes" up to 1024, else "1.250gb (1342177280 bytes)".
 */
export function humanReadable(bytes: bigint): string {
  let best: Unit | undefined;
  for (const u of UNITS) if (bytes > u.multiplier) best = u;
  if (!best || best.multiplier === 1n) return `${bytes} bytes`;
  const approx = Number(bytes) / Number(best.multiplier);
  return `${javaFormat3(approx)}${best.names[1]} (${bytes} bytes)`;
}

/**
 * A short size for people, exact where it can be: "1728m", "1g", "536870920b". Used when we
 * propose values, so that a suggestion always parses back to the same byte count.
 */
export function formatSizeForConfig(bytes: bigint): string {
  if (bytes === 0n) return '0';
  for (const [suffix, mult] of [
    ['t', TIB],
    ['g', GIB],
    ['m', MIB],
    ['k', KIB],
  ] as const) {
    if (bytes % mult === 0n) return `${bytes / mult}${suffix}`;
  }
  return `${bytes}b`;
}

/** A compact human size for tables and bars ("1.69 GiB"), never used where exactness matters. */
export function formatSizeShort(bytes: bigint): string {
  for (const [name, mult, div] of SHORT_UNITS) {
    if (bytes >= mult) {
      const v = Number(bytes) / div;
      return `${withoutTrailingZeros(v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2))} ${name}`;
    }
  }
  return `${bytes} B`;
}

/** Explain prints a few of these per component for every file: units and divisors are made once. */
const SHORT_UNITS: readonly (readonly [string, bigint, number])[] = [
  ['TiB', TIB, Number(TIB)],
  ['GiB', GIB, Number(GIB)],
  ['MiB', MIB, Number(MIB)],
  ['KiB', KIB, Number(KIB)],
];

/** "1.50" -> "1.5", "2.00" -> "2", "10" -> "10". */
function withoutTrailingZeros(text: string): string {
  if (text.indexOf('.') < 0) return text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--;
  if (text.charCodeAt(end - 1) === 46) end--;
  return text.slice(0, end);
}
