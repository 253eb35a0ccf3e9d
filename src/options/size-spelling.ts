/**
 * Suggests a spelling Flink's memory-size grammar accepts for a size it rejects, when the
 * intended byte count is unambiguous and whole: `1.5g` -> `1536m`, `512MiB` -> `512m`,
 * `2Gi` -> `2g`. Never rounds: `1.3g` is not a whole number of bytes, so there is no suggestion.
 */
import { LONG_MAX } from '../primitives/java.js';
import {
  GIB,
  KIB,
  MIB,
  TIB,
  formatSizeForConfig,
  parseMemorySize,
} from '../primitives/memory-size.js';

/**
 * Units people write, lower-cased, with the byte multiplier Flink would have to use for the
 * same intent. Flink's own units (k, m, g, t and their long forms) are binary; IEC units say
 * binary explicitly, so both convert exactly. Decimal SI words like "megabytes" are left out on
 * purpose: their meaning (10^6 or 2^20) is not clear from the text.
 */
const UNITS: Readonly<Record<string, bigint>> = {
  '': 1n,
  b: 1n,
  byte: 1n,
  bytes: 1n,
  k: KIB,
  kb: KIB,
  ki: KIB,
  kib: KIB,
  kibibytes: KIB,
  m: MIB,
  mb: MIB,
  mi: MIB,
  mib: MIB,
  mebibytes: MIB,
  g: GIB,
  gb: GIB,
  gi: GIB,
  gib: GIB,
  gibibytes: GIB,
  t: TIB,
  tb: TIB,
  ti: TIB,
  tib: TIB,
  tebibytes: TIB,
};

const MAX_SPELLING = 200;

/** A non-negative decimal in plain or exponent notation, then an optional unit. */
const SIZE = /^\+?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?\s*([a-z]*)$/;

/**
 * A spelling Flink reads as the byte count the text means, or null when Flink already reads
 * the text as written, or when no exact spelling exists (negative, not a whole number of bytes,
 * unknown unit, above 2^63-1 bytes).
 */
export function suggestSizeSpelling(text: string): string | null {
  // No size anyone means is this long; a huge value would only cost time (BigInt is quadratic).
  if (text.length > MAX_SPELLING) return null;
  if (readsAsIs(text)) return null;
  // Unicode spaces (U+00A0 and others) are not trimmed by Flink but carry no meaning.
  const s = text
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^(['"])(.*)\1$/, '$2')
    .trim()
    .toLowerCase();
  const m = SIZE.exec(s);
  if (!m) return null;
  const [, whole = '', frac = '', exp, unit = ''] = m;
  if (whole === '' && frac === '') return null;
  const multiplier = UNITS[unit];
  if (multiplier === undefined) return null;
  // value = digits x 10^(exponent - fraction digits), kept as an exact fraction of bigints.
  const digits = BigInt(`${whole}${frac}` || '0');
  const scale = BigInt(exp ?? '0') - BigInt(frac.length);
  let numerator = digits * multiplier;
  let denominator = 1n;
  if (scale >= 0n) {
    if (scale > 40n && digits !== 0n) return null;
    numerator *= 10n ** scale;
  } else {
    if (-scale > 400n) return null;
    denominator = 10n ** -scale;
  }
  if (numerator % denominator !== 0n) return null;
  const bytes = numerator / denominator;
  if (bytes > LONG_MAX) return null;
  return formatSizeForConfig(bytes);
}

function readsAsIs(text: string): boolean {
  try {
    parseMemorySize(text);
    return true;
  } catch {
    return false;
  }
}
