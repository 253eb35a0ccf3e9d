import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseMemorySize } from '../src/primitives/memory-size.js';
import { suggestSizeSpelling } from '../src/options/size-spelling.js';

describe('suggestSizeSpelling', () => {
  it.each([
    ['1.5g', '1536m'],
    ['1.5G', '1536m'],
    ['0.5m', '512k'],
    ['1.25k', '1280b'],
    ['512MiB', '512m'],
    ['512Mi', '512m'],
    ['512 MiB', '512m'],
    ['2Gi', '2g'],
    ['2GiB', '2g'],
    ['1.5Gi', '1536m'],
    ['4Ti', '4t'],
    ['64Ki', '64k'],
    ['1024.0', '1k'],
    ['1000.0', '1000b'],
    ['1.0E9', '1000000000b'],
    ['1.5e1g', '15g'],
    ['2.0g', '2g'],
    ['0.0g', '0'],
    ["'1g'", '1g'],
    ['"1728m"', '1728m'],
    ['512\u00a0m', '512m'],
    ['+1g', '1g'],
    ['1 byte', '1b'],
  ])('%s -> %s', (text, expected) => {
    expect(suggestSizeSpelling(text)).toBe(expected);
    expect(() => parseMemorySize(expected)).not.toThrow();
  });

  it.each([
    ['1.3g', 'not a whole number of bytes'],
    ['1.5', 'a YAML float is 1.5 bytes'],
    ['0.1b', 'a fraction of a byte'],
    ['-1m', 'negative'],
    ['-0.5g', 'negative'],
    ['foo', 'no number'],
    ['.g', 'no digits'],
    ['1 0m', 'digits split by a space'],
    ['5 megabytes', 'decimal or binary is unclear'],
    ['2Gb/s', 'not a size'],
    ['9000000000000t', 'above 2^63-1 bytes'],
    ['1e400g', 'above 2^63-1 bytes'],
  ])('%s has no exact spelling (%s)', (text) => {
    expect(suggestSizeSpelling(text)).toBeNull();
  });

  it.each(['1728m', '1 GB', '2g', '512 mb', '1073741824', '32kb', '0'])(
    '%s already parses: nothing to suggest',
    (text) => {
      expect(suggestSizeSpelling(text)).toBeNull();
    },
  );

  it('never approximates: a suggestion parses to exactly value x unit bytes', () => {
    const units: [string, bigint][] = [
      ['k', 1024n],
      ['m', 1024n ** 2n],
      ['g', 1024n ** 3n],
      ['Mi', 1024n ** 2n],
      ['Gi', 1024n ** 3n],
    ];
    fc.assert(
      fc.property(
        fc.nat(100000),
        fc.nat(999),
        fc.constantFrom(...units),
        (whole, thousandths, [unit, mult]) => {
          const text = `${whole}.${String(thousandths).padStart(3, '0')}${unit}`;
          const exact = (BigInt(whole) * 1000n + BigInt(thousandths)) * mult;
          const suggestion = suggestSizeSpelling(text);
          if (exact % 1000n !== 0n) return suggestion === null;
          return suggestion !== null && parseMemorySize(suggestion) === exact / 1000n;
        },
      ),
    );
  });
});
