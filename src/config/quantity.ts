/**
 * Kubernetes resource quantities (`2Gi`, `1.5G`, `512Mi`, `1e9`) as the API server reads them.
 * Note the trap this exists for: Kubernetes' `G` is 10^9 while Flink's `g` is 2^30, and `2g` is
 * not a quantity at all.
 */

export interface QuantityValue {
  /** Whole bytes; a fractional amount is rounded up, as Kubernetes does for memory. */
  readonly bytes: bigint;
  /** False when the amount had a fraction of a byte. */
  readonly exact: boolean;
  /** The exact amount in plain decimal notation (`1500000000`, `0.5`). */
  readonly decimalString: string;
}

const BINARY: Readonly<Record<string, bigint>> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};
const DECIMAL: Readonly<Record<string, number>> = {
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

/** Exponents beyond this are no memory size; refusing them keeps the bigints small. */
const MAX_EXPONENT = 1000;
const MAX_DIGITS = 100;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Parses `<sign><digits>[.<digits>]<suffix>` with suffix one of Ki Mi Gi Ti Pi Ei, m k M G T P E,
 * `e<int>`/`E<int>` or none. Returns null when Kubernetes would reject the text.
 */
export function parseQuantity(text: string): QuantityValue | null {
  let i = 0;
  let negative = false;
  if (text[0] === '+' || text[0] === '-') {
    negative = text[0] === '-';
    i = 1;
  }
  const intStart = i;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  const intDigits = text.slice(intStart, i);
  let fracDigits = '';
  if (text[i] === '.') {
    const fracStart = ++i;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    fracDigits = text.slice(fracStart, i);
  }
  if (intDigits.length === 0 && fracDigits.length === 0) return null;
  if (intDigits.length + fracDigits.length > MAX_DIGITS) return null;
  const suffix = text.slice(i);

  let multiplier = 1n;
  let exp10 = 0;
  const binary = Object.hasOwn(BINARY, suffix) ? BINARY[suffix] : undefined;
  const decimal = Object.hasOwn(DECIMAL, suffix) ? DECIMAL[suffix] : undefined;
  if (binary !== undefined) multiplier = binary;
  else if (decimal !== undefined) exp10 = decimal;
  else if (
    suffix.length > 1 &&
    (suffix[0] === 'e' || suffix[0] === 'E') &&
    /^[eE][-+]?[0-9]{1,6}$/.test(suffix)
  ) {
    exp10 = Number(suffix.slice(1));
    if (Math.abs(exp10) > MAX_EXPONENT) return null;
  } else return null;

  const scale = fracDigits.length - Math.min(exp10, 0);
  let numerator =
    BigInt((intDigits || '0') + fracDigits) * multiplier * 10n ** BigInt(Math.max(exp10, 0));
  const denominator = 10n ** BigInt(scale);
  if (negative) numerator = -numerator;
  const whole = numerator / denominator;
  const rest = numerator % denominator;
  const exact = rest === 0n;
  // Kubernetes rounds a fraction of a byte away from zero.
  const bytes = exact ? whole : whole + (negative ? -1n : 1n);
  return { bytes, exact, decimalString: plainDecimal(numerator, scale) };
}

/** numerator / 10^scale in plain notation without trailing fraction zeros. */
function plainDecimal(numerator: bigint, scale: number): string {
  const sign = numerator < 0n ? '-' : '';
  const digits = (numerator < 0n ? -numerator : numerator).toString().padStart(scale + 1, '0');
  if (scale === 0) return sign + digits;
  const int = digits.slice(0, digits.length - scale);
  let end = digits.length;
  while (end > digits.length - scale && digits[end - 1] === '0') end--;
  const frac = digits.slice(digits.length - scale, end);
  return sign + int + (frac ? `.${frac}` : '');
}
