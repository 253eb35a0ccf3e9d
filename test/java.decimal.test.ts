/**
 * `isDecimalFloat` and `parseJavaInteger` scan Java's number syntax by hand
 * (src/primitives/java.ts); they must accept exactly what the patterns they stand for accept.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  isDecimalFloat,
  parseJavaDouble,
  parseJavaFloat,
  parseJavaInteger,
} from '../src/primitives/java.js';

const PATTERN = /^[+-]?(?:NaN|Infinity|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;

describe('isDecimalFloat', () => {
  it('agrees with the pattern on strings made of its pieces', () => {
    const piece = fc.constantFrom(
      '',
      '+',
      '-',
      '0',
      '7',
      '12',
      '.',
      'e',
      'E',
      'f',
      'F',
      'd',
      'D',
      'NaN',
      'Infinity',
      'x',
      ' ',
      'N',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const s = pieces.join('');
        expect(isDecimalFloat(s), JSON.stringify(s)).toBe(PATTERN.test(s));
      }),
      { numRuns: 20000 },
    );
  });

  it.each([
    ['0.4', true],
    ['+.5', true],
    ['1.', true],
    ['1e5', true],
    ['1E-5f', true],
    ['-Infinity', true],
    ['+NaN', true],
    ['.', false],
    ['e5', false],
    ['1e', false],
    ['1.5x', false],
    ['NaNf', false],
    ['--1', false],
    ['', false],
    ['Infinityd', false],
    ['1fd', false],
  ])('%j is decimal float syntax: %s', (s, want) => {
    expect(isDecimalFloat(s)).toBe(want);
    expect(PATTERN.test(s)).toBe(want);
  });

  it('parses as Java does', () => {
    expect(parseJavaFloat(' 0.4 ')).toBe(Math.fround(0.4));
    expect(parseJavaFloat('1e3f')).toBe(1000);
    expect(parseJavaDouble('2.5d')).toBe(2.5);
    expect(() => parseJavaFloat('0.4x')).toThrow(/For input string/);
  });
});

/** The pattern-based reading parseJavaInteger replaced, as the reference. */
function byPattern(s: string, min: bigint, max: bigint): bigint | 'NumberFormatException' {
  if (!/^[+-]?\d+$/.test(s)) return 'NumberFormatException';
  const n = BigInt(s);
  return n > max || n < min ? 'NumberFormatException' : n;
}

describe('parseJavaInteger', () => {
  const INT = [-2147483648n, 2147483647n] as const;
  const LONG = [-9223372036854775808n, 9223372036854775807n] as const;
  it('agrees with the pattern and the bounds on strings made of their pieces', () => {
    const piece = fc.constantFrom(
      '',
      '+',
      '-',
      '0',
      '7',
      '2147483647',
      '2147483648',
      '9223372036854775807',
      '00000000000',
      ' ',
      'x',
      '.',
      '1e3',
      '\u0661',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 5 }), (pieces) => {
        const s = pieces.join('');
        for (const [digits, [min, max]] of [
          [10, INT],
          [19, LONG],
        ] as const) {
          let got: bigint | string;
          try {
            got = parseJavaInteger(s, digits, min, max);
          } catch (e) {
            got = (e as { exception: string }).exception;
          }
          expect(got, JSON.stringify(s)).toBe(byPattern(s, min, max));
        }
      }),
      { numRuns: 20000 },
    );
  });

  it('rejects thousands of digits as out of range, without converting them', () => {
    expect(() => parseJavaInteger('9'.repeat(100000), 19, ...LONG)).toThrow(/For input string/);
    expect(parseJavaInteger(`-${'0'.repeat(5000)}42`, 10, ...INT)).toBe(-42n);
  });
});
