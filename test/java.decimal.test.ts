/**
 * `isDecimalFloat` scans Java's decimal float syntax by hand (src/primitives/java.ts); it must
 * accept exactly what the pattern it stands for accepts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDecimalFloat, parseJavaDouble, parseJavaFloat } from '../src/primitives/java.js';

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
