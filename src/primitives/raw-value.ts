/**
 * How Flink's `Configuration` turns a stored value into an option's type. Values from a legacy
 * `flink-conf.yaml`, `--set` or the operator are strings; values from `config.yaml` keep their
 * YAML type, which changes how they convert (`0x10` is 16 bytes, a YAML float narrows to float).
 */
import {
  JavaError,
  javaDoubleToString,
  LONG_MAX,
  parseJavaDouble,
  parseJavaFloat,
  parseJavaInteger,
} from './java.js';
import { parseMemorySize } from './memory-size.js';

export type RawValue =
  | { readonly kind: 'string'; readonly text: string }
  /**
   * `text` is Java's `toString()` of an integer too long to convert cheaply (thousands of
   * digits; bigint conversions are quadratic): then `value` only stands for its sign and for
   * being out of every numeric range.
   */
  | { readonly kind: 'int'; readonly value: bigint; readonly text?: string }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  /** A YAML sequence, rendered back to flow style (`[a, b]`) the way Flink does. */
  | { readonly kind: 'list'; readonly text: string };

export const str = (text: string): RawValue => ({ kind: 'string', text });

/** Java `Object.toString()` of the stored value. */
export function rawToString(v: RawValue): string {
  switch (v.kind) {
    case 'string':
    case 'list':
      return v.text;
    case 'int':
      return v.text ?? v.value.toString();
    case 'float':
      return javaDoubleToString(v.value);
    case 'bool':
      return v.value ? 'true' : 'false';
  }
}

const FLOAT_MIN = 1.401298464324817e-45;
const FLOAT_MAX = 3.4028234663852886e38;

export function convertMemory(v: RawValue): bigint {
  return parseMemorySize(rawToString(v));
}

export function convertFloat(v: RawValue): number {
  if (v.kind === 'float') {
    const x = v.value;
    if (x === 0 || (x >= FLOAT_MIN && x <= FLOAT_MAX) || (x >= -FLOAT_MAX && x <= -FLOAT_MIN))
      return Math.fround(x);
    throw new JavaError(
      'IllegalArgumentException',
      `Configuration value ${javaDoubleToString(x)} overflows/underflows the float type.`,
    );
  }
  return parseJavaFloat(rawToString(v));
}

export function convertDouble(v: RawValue): number {
  if (v.kind === 'float') return v.value;
  return parseJavaDouble(rawToString(v));
}

export function convertInt(v: RawValue): number {
  if (v.kind === 'int') {
    if (v.value > 2147483647n || v.value < -2147483648n) {
      throw new JavaError(
        'IllegalArgumentException',
        `Configuration value ${rawToString(v)} overflows/underflows the integer type.`,
      );
    }
    return Number(v.value);
  }
  return Number(parseJavaInteger(rawToString(v), 10, -2147483648n, 2147483647n));
}

export function convertLong(v: RawValue): bigint {
  if (v.kind === 'int') return v.value;
  return parseJavaInteger(rawToString(v), 19, -LONG_MAX - 1n, LONG_MAX);
}

export function convertBoolean(v: RawValue): boolean {
  if (v.kind === 'bool') return v.value;
  const s = rawToString(v).toUpperCase();
  if (s === 'TRUE') return true;
  if (s === 'FALSE') return false;
  throw new JavaError(
    'IllegalArgumentException',
    `Unrecognized option for boolean: ${rawToString(v)}. Expected either true or false(case insensitive)`,
  );
}
