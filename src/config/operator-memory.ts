/**
 * How the Flink Kubernetes Operator turns `resource.memory` (or `resources.requests.memory`)
 * into `*.memory.process.size` (`parseResourceMemoryString`): Flink's size grammar first, and
 * only if that fails the text is upper-cased and read as a fabric8 `Quantity`, whose `BigDecimal`
 * amount is written as Java prints it. So `2G` is 2 GiB (Flink grammar wins), `2Gi` is 2147483648,
 * and `1.5g` becomes "1500000000.0", which Flink then cannot parse.
 */
import { JavaError, javaTrim } from '../primitives/java.js';
import { memoryToString, parseMemorySize } from '../primitives/memory-size.js';

export interface OperatorMemory {
  /** The string written into the Flink configuration; null when the operator fails on the text. */
  readonly value: string | null;
  /** What Flink reads back from that string; null when it does not parse as a memory size. */
  readonly bytes: bigint | null;
}

/** A Java `BigDecimal`: unscaled × 10^-scale. */
interface Decimal {
  readonly unscaled: bigint;
  readonly scale: number;
}

const UNIT_CHARS = 'eEinumkKMGTP';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const hasDigit = (s: string) => [...s].some(isDigit);
const isLetter = (c: string | undefined) => c !== undefined && /^[A-Za-z]$/.test(c);

class OperatorFailure extends Error {}

/** `BigDecimal.pow(n, MathContext.DECIMAL64)` of 10: exact up to 16 digits, then rounded to 16. */
function powerOfTen(n: number): Decimal {
  if (Math.abs(n) > 999_999_999) throw new OperatorFailure('Invalid operation');
  if (n < 0) return { unscaled: 1n, scale: -n };
  if (n <= 15) return { unscaled: 10n ** BigInt(n), scale: 0 };
  return { unscaled: 10n ** 15n, scale: -(n - 15) };
}

/** 2^60 has 19 digits, so DECIMAL64 rounds it (half-even) to 1152921504606847E+3. */
const BINARY: Readonly<Record<string, Decimal>> = {
  Ki: { unscaled: 1n << 10n, scale: 0 },
  Mi: { unscaled: 1n << 20n, scale: 0 },
  Gi: { unscaled: 1n << 30n, scale: 0 },
  Ti: { unscaled: 1n << 40n, scale: 0 },
  Pi: { unscaled: 1n << 50n, scale: 0 },
  Ei: { unscaled: 1152921504606847n, scale: -3 },
};
const DECIMAL: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

/** fabric8 `Quantity.getMultiple(format)`. */
function multiple(format: string): Decimal {
  if (hasDigit(format) && format.length > 1) {
    const exp = format.slice(1);
    if (!/^[-+]?[0-9]{1,10}$/.test(exp) || Math.abs(Number(exp)) > 2147483647)
      throw new OperatorFailure(`For input string: "${exp}"`);
    return powerOfTen(Number(exp));
  }
  if (format === '') return { unscaled: 1n, scale: 0 };
  if (Object.hasOwn(BINARY, format)) return BINARY[format]!;
  if (Object.hasOwn(DECIMAL, format)) return powerOfTen(DECIMAL[format]!);
  throw new OperatorFailure('Invalid quantity format passed to parse');
}

/** `new BigDecimal(text)` for the forms a quantity amount can take (no exponent: `e` is a unit). */
function parseDecimal(text: string): Decimal {
  const m = /^([-+]?)([0-9]*)(?:\.([0-9]*))?$/.exec(text);
  if (!m || (m[2] === '' && !m[3]))
    throw new OperatorFailure(`Character array is missing "exponent" mark 'e' or 'E'.`);
  const frac = m[3] ?? '';
  const unscaled = BigInt(`${m[2]}${frac}` || '0');
  return { unscaled: m[1] === '-' ? -unscaled : unscaled, scale: frac.length };
}

/** `BigDecimal.toString()`: plain unless the scale is negative or the number is tiny. */
export function javaDecimalString(d: Decimal): string {
  const sign = d.unscaled < 0n ? '-' : '';
  const coeff = (d.unscaled < 0n ? -d.unscaled : d.unscaled).toString();
  const adjusted = -d.scale + (coeff.length - 1);
  if (d.scale === 0) return sign + coeff;
  if (d.scale > 0 && adjusted >= -6) {
    const point = coeff.length - d.scale;
    return (
      sign +
      (point > 0
        ? `${coeff.slice(0, point)}.${coeff.slice(point)}`
        : `0.${'0'.repeat(-point)}${coeff}`)
    );
  }
  const mantissa = coeff.length > 1 ? `${coeff[0]}.${coeff.slice(1)}` : coeff;
  return `${sign}${mantissa}${adjusted !== 0 ? `E${adjusted > 0 ? '+' : ''}${adjusted}` : ''}`;
}

/** fabric8 `Quantity.parse(text).getNumericalAmount()`, printed. */
function fabric8Amount(quantity: string): string {
  if (quantity.length === 0) throw new OperatorFailure('Invalid quantity string format passed.');
  let unit = quantity.length;
  for (let i = 0; i < quantity.length; i++) {
    if (UNIT_CHARS.includes(quantity[i]!)) {
      unit = i;
      break;
    }
  }
  const amount = quantity.slice(0, unit);
  const format = quantity.slice(unit);
  if (hasDigit(format) && isLetter(format[format.length - 1]))
    throw new OperatorFailure('Invalid quantity string format passed');
  const a = parseDecimal(amount.startsWith('.') ? `0${amount}` : amount);
  const m = multiple(format);
  return javaDecimalString({ unscaled: a.unscaled * m.unscaled, scale: a.scale + m.scale });
}

/** The operator's rewrite before reading a Kubernetes quantity: `512mb` → `512M`, `2gi` → `2Gi`. */
export function operatorQuantityText(memory: string): string {
  let q = javaTrim(memory)
    .replace(/[ \t\n\u000b\f\r]/g, '')
    .toUpperCase();
  if (q.endsWith('B')) q = q.slice(0, -1);
  if (q.endsWith('I')) q = `${q.slice(0, -1)}i`;
  return q;
}

export function parseResourceMemoryString(memory: string): OperatorMemory {
  let value: string;
  try {
    value = memoryToString(parseMemorySize(memory));
  } catch (err) {
    if (!(err instanceof JavaError)) throw err;
    const q = operatorQuantityText(memory);
    // Huge digit strings are no memory size; refusing them keeps bigint work bounded.
    if (q.length > 200) return { value: null, bytes: null };
    try {
      value = fabric8Amount(q);
    } catch (e) {
      if (!(e instanceof OperatorFailure)) throw e;
      return { value: null, bytes: null };
    }
  }
  let bytes: bigint | null;
  try {
    bytes = parseMemorySize(value);
  } catch {
    bytes = null;
  }
  return { value, bytes };
}
