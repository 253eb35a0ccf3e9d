/**
 * The few pieces of Java semantics Flink's memory arithmetic depends on: `String.trim`,
 * `Float.parseFloat`, `Double.toString`, `BigDecimal`-exact multiplication and `%.3f` formatting.
 * Getting any of these slightly wrong moves a derived size by a byte, which users notice.
 */

export const LONG_MAX = 9223372036854775807n;
export const INT_MAX = 2147483647;

/** A Java exception as data: the simple class name, its message and its cause chain. */
export class JavaError extends Error {
  constructor(
    readonly exception: string,
    message: string,
    readonly javaCause?: JavaError,
  ) {
    super(message);
    this.name = 'JavaError';
  }

  /** Messages of the cause chain, outermost cause first (excluding this error). */
  causeMessages(): string[] {
    const out: string[] = [];
    for (let c = this.javaCause; c; c = c.javaCause) out.push(c.message);
    return out;
  }
}

/**
 * Whether a string of ASCII digits has more significant digits (leading zeros do not count)
 * than `max`. Lets parsers reject a megabyte of digits as an overflow without handing it to
 * `BigInt`, whose decimal parsing is quadratic in the length.
 */
export function tooManyDigits(digits: string, max: number): boolean {
  if (digits.length <= max) return false;
  let i = 0;
  while (i < digits.length && digits.charCodeAt(i) === 48) i++;
  return digits.length - i > max;
}

/**
 * Java `Integer.parseInt` (with `digits` 10 and int bounds) or `Long.parseLong` (19, long bounds):
 * an optional sign and ASCII digits, within `min` and `max`, else Java's NumberFormatException.
 * Scanned by hand, as `isDecimalFloat` is: every configuration reaches this.
 */
export function parseJavaInteger(s: string, digits: number, min: bigint, max: bigint): bigint {
  const first = s.charCodeAt(0) === 0x2b || s.charCodeAt(0) === 0x2d ? 1 : 0;
  let i = first;
  while (i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
  const n =
    i === first || i < s.length || tooManyDigits(s.slice(first), digits) ? undefined : BigInt(s);
  if (n === undefined || n > max || n < min)
    throw new JavaError('NumberFormatException', `For input string: "${s}"`);
  return n;
}

/** Java `String.trim()`: strips every char <= U+0020 at both ends (not Unicode spaces). */
export function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return s.slice(start, end);
}

/**
 * Whether `s` is Java's decimal float syntax, `/^[+-]?(?:NaN|Infinity|(?:\d+(?:\.\d*)?|\.\d+)
 * (?:[eE][+-]?\d+)?[fFdD]?)$/` (test/java.decimal.test.ts checks the two agree). Scanned by hand:
 * every configuration reaches this, and V8 compiles a pattern twice in its first two uses, a
 * noticeable part of start-up.
 */
export function isDecimalFloat(s: string): boolean {
  const n = s.length;
  let i = s.charCodeAt(0) === 0x2b || s.charCodeAt(0) === 0x2d ? 1 : 0;
  if (s.endsWith('NaN') ? n - i === 3 : s.endsWith('Infinity') && n - i === 8) return true;
  const digits = (from: number) => {
    let j = from;
    while (j < n && s.charCodeAt(j) >= 0x30 && s.charCodeAt(j) <= 0x39) j++;
    return j;
  };
  let j = digits(i);
  let mantissa = j - i;
  if (j < n && s.charCodeAt(j) === 0x2e) {
    const k = digits(j + 1);
    mantissa += k - j - 1;
    j = k;
  }
  if (mantissa === 0) return false;
  if (j < n && (s.charCodeAt(j) | 0x20) === 0x65) {
    i = j + 1;
    if (s.charCodeAt(i) === 0x2b || s.charCodeAt(i) === 0x2d) i++;
    j = digits(i);
    if (j === i) return false;
  }
  if (j < n && SUFFIXES.includes(s[j]!)) j++;
  return j === n;
}

const SUFFIXES = 'fFdD';

/** `s` without a trailing float/double suffix letter. */
const withoutSuffix = (s: string) =>
  SUFFIXES.includes(s[s.length - 1] ?? '') ? s.slice(0, -1) : s;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)[fFdD]?$/;

/**
 * Java `Float.parseFloat`: accepts surrounding ASCII whitespace, a sign, `NaN`, `Infinity`,
 * decimal and hex notation and a trailing `f`/`d`. Returns the float value (as a JS number).
 */
export function parseJavaFloat(text: string): number {
  const s = javaTrim(text);
  if (s.length === 0)
    throw new JavaError(
      'NumberFormatException',
      text.length === 0 ? 'empty String' : 'empty String',
    );
  if (isDecimalFloat(s)) {
    const body = withoutSuffix(s);
    return Math.fround(Number(body));
  }
  const hex = HEX_FLOAT.exec(s);
  if (hex && (hex[2] || hex[3])) {
    const mantissa = parseInt((hex[2] ?? '') + (hex[3] ?? '') || '0', 16);
    const exp = Number(hex[4]) - 4 * (hex[3] ?? '').length;
    const v = mantissa * Math.pow(2, exp);
    return Math.fround(hex[1] === '-' ? -v : v);
  }
  throw new JavaError('NumberFormatException', `For input string: "${s}"`);
}

/** Java `Double.parseDouble` (same grammar as floats, without narrowing). */
export function parseJavaDouble(text: string): number {
  const s = javaTrim(text);
  if (s.length === 0) throw new JavaError('NumberFormatException', 'empty String');
  if (isDecimalFloat(s)) return Number(withoutSuffix(s));
  const hex = HEX_FLOAT.exec(s);
  if (hex && (hex[2] || hex[3])) {
    const mantissa = parseInt((hex[2] ?? '') + (hex[3] ?? '') || '0', 16);
    const v = mantissa * Math.pow(2, Number(hex[4]) - 4 * (hex[3] ?? '').length);
    return hex[1] === '-' ? -v : v;
  }
  throw new JavaError('NumberFormatException', `For input string: "${s}"`);
}

interface Shortest {
  readonly digits: string;
  readonly exp: number;
  readonly unscaled: bigint;
}

/**
 * The same few fractions are multiplied and printed thousands of times per run, so theirs are
 * kept. Sizes formatted for messages are all different: they are not (a cache churning through
 * them only fills the old generation).
 */
const SHORTEST = new Map<number, Shortest>();

/**
 * Decimal digits and exponent of the shortest representation: value = 0.d1d2... x 10^exp (and the
 * digits as a bigint).
 */
function shortestDigits(d: number, keep = true): Shortest {
  const a = Math.abs(d);
  let found = keep ? SHORTEST.get(a) : undefined;
  if (!found) {
    // toExponential() without argument yields the shortest round-tripping digits.
    const [mant, e] = a.toExponential().split('e') as [string, string];
    const digits = mant.replace('.', '');
    found = { digits, exp: Number(e) + 1, unscaled: BigInt(digits) };
    if (!keep) return found;
    if (SHORTEST.size >= 4096) SHORTEST.clear();
    SHORTEST.set(a, found);
  }
  return found;
}

/**
 * Java `Double.toString(double)`: plain notation for 1e-3 <= |d| < 1e7 with at least one
 * fractional digit, computerized scientific notation (`1.0E-7`) otherwise.
 */
export function javaDoubleToString(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const sign = d < 0 ? '-' : '';
  const a = Math.abs(d);
  const { digits, exp } = shortestDigits(a);
  if (a >= 1e-3 && a < 1e7) {
    if (exp <= 0) return `${sign}0.${'0'.repeat(-exp)}${digits}`;
    if (digits.length <= exp) return `${sign}${digits}${'0'.repeat(exp - digits.length)}.0`;
    return `${sign}${digits.slice(0, exp)}.${digits.slice(exp)}`;
  }
  const frac = digits.length > 1 ? digits.slice(1) : '0';
  return `${sign}${digits[0]}.${frac}E${exp - 1}`;
}

/** Exact decimal of a double as Java's `BigDecimal.valueOf(d)` sees it: unscaled * 10^-scale. */
function decimalOf(d: number, keep = true): { unscaled: bigint; scale: number } {
  const { digits, exp, unscaled } = shortestDigits(d, keep);
  const scale = digits.length - exp;
  return { unscaled: d < 0 ? -unscaled : unscaled, scale };
}

const POW10: bigint[] = [];

/** 10^k as a bigint; the same few powers are needed for every multiplication. */
function pow10(k: number): bigint {
  return (POW10[k] ??= 10n ** BigInt(k));
}

/**
 * Flink's `MemorySize.multiply(double)`: the exact decimal product of the byte count and
 * `BigDecimal.valueOf(multiplier)`, truncated toward zero; above Long.MAX_VALUE it overflows.
 */
export function multiplyBytes(bytes: bigint, multiplier: number): bigint {
  if (!(multiplier >= 0))
    throw new JavaError('IllegalArgumentException', 'multiplier must be >= 0');
  if (!Number.isFinite(multiplier)) throw new JavaError('NumberFormatException', 'Infinite or NaN');
  if (multiplier === 0) return 0n;
  const { unscaled, scale } = decimalOf(multiplier);
  let product: bigint;
  if (scale >= 0) product = (bytes * unscaled) / pow10(scale);
  else product = bytes * unscaled * pow10(-scale);
  if (product > LONG_MAX) throw new JavaError('ArithmeticException', 'long overflow');
  return product;
}

/** `Math.addExact` on longs. */
export function addExact(a: bigint, b: bigint): bigint {
  const r = a + b;
  if (r > LONG_MAX || r < -LONG_MAX - 1n)
    throw new JavaError('ArithmeticException', 'long overflow');
  return r;
}

/** `Math.subtractExact` on longs. */
export function subtractExact(a: bigint, b: bigint): bigint {
  const r = a - b;
  if (r > LONG_MAX || r < -LONG_MAX - 1n)
    throw new JavaError('ArithmeticException', 'long overflow');
  return r;
}

/**
 * Java `String.format(Locale.ROOT, "%.3f", d)`: Java rounds HALF_UP on the decimal digits of
 * `Double.toString`, which differs from `Number.prototype.toFixed` (1.0005 -> "1.001").
 */
export function javaFormat3(d: number): string {
  const { unscaled, scale } = decimalOf(d, false);
  const neg = unscaled < 0n;
  const abs = neg ? -unscaled : unscaled;
  let thousandths: bigint;
  if (scale <= 3) thousandths = abs * pow10(3 - scale);
  else {
    const div = pow10(scale - 3);
    thousandths = abs / div;
    if ((abs % div) * 2n >= div) thousandths += 1n;
  }
  const intPart = thousandths / 1000n;
  const frac = (thousandths % 1000n).toString().padStart(3, '0');
  return `${neg ? '-' : ''}${intPart}.${frac}`;
}
