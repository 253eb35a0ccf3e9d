/**
 * The fast reader for simple config.yaml files (src/config/simple-yaml.ts) must return exactly
 * what the full YAML reader returns, or step aside (null). Checked on hand-picked texts, on
 * every YAML fixture of the repository, and on random line-structured documents built from
 * the constructs the fast reader has to tell apart.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../src/config/positions.js';
import { readSimpleYaml } from '../src/config/simple-yaml.js';
import { parseFullYaml, parseStandardYaml } from '../src/config/standard-yaml.js';

const fast = (text: string) => readSimpleYaml(text, new LineIndex(text));
const full = (text: string) => parseFullYaml(text, new LineIndex(text));

/**
 * The fast reader either declines or agrees with the full reader, which then reports no problem.
 */
function agrees(text: string): boolean {
  const mine = fast(text);
  if (mine === null) return false;
  const theirs = full(text);
  expect(theirs.problems, JSON.stringify(text)).toEqual([]);
  expect(mine, JSON.stringify(text)).toEqual(theirs.entries);
  return true;
}

describe('simple config.yaml reader', () => {
  it('reads flat and nested files exactly as the full reader does', () => {
    for (const text of [
      'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n',
      'taskmanager:\n  memory:\n    flink:\n      size: 2g\n    managed:\n      fraction: 0.4\njobmanager:\n  memory:\n    heap:\n      size: 1g\n',
      '# Flink\n\ntaskmanager.numberOfTaskSlots: 4   # four slots\n  # indented comment\nparallelism.default: 0x10\n',
      '  taskmanager.memory.process.size: 4096m\n  state.backend.type: rocksdb\n',
      'a: +12\nb: -3\nc: 0o17\nd: 1.\ne: .5\nf: 1e3\ng: True\nh: FALSE\ni: yes\nj: -Xmx1g -XX:+UseG1GC\nk: s3://bucket/path\nl: 99999999999999999999999\n',
      'a:\n  b: 1\na.c: 2\na.b: 3\n',
      'taskmanager.memory.process.size: 1728m',
    ]) {
      expect(agrees(text), text).toBe(true);
    }
  });

  it('leaves everything else to the full reader', () => {
    for (const text of [
      '',
      '# only a comment\n',
      'a: "1g"\n',
      "a: '1g'\n",
      'a: [1, 2]\n',
      'a: {b: 1}\n',
      'a:\n  - 1\n',
      'a: &x 1\nb: *x\n',
      'a: 1\r\nb: 2\r\n',
      '\ufeffa: 1\n',
      'a:\tb\n',
      'a:\n',
      'a: ~\n',
      'a: null\n',
      'a: .inf\n',
      'a: 1\na: 2\n',
      'a:\n  b: 1\n c: 2\n',
      'a: 1\n  b: 2\n',
      'a: b: c\n',
      'a:b\n',
      '---\na: 1\n',
      'a: x #y\nb: x#y\n',
      'a: é\n',
      'true: 1\n',
      '1: a\n',
      'a: -\n',
      'a: | \n  text\n',
      `a: ${'1'.repeat(2000)}\n`,
    ]) {
      expect(fast(text), JSON.stringify(text)).toBeNull();
    }
  });

  it('is what parseStandardYaml returns for a simple file', () => {
    const text = 'taskmanager:\n  memory:\n    process:\n      size: 4g\n';
    expect(parseStandardYaml(text)).toEqual(full(text));
  });

  it('agrees with the full reader on every YAML fixture it accepts', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.ya?ml$/.test(name)) files.push(path);
      }
    };
    walk('fixtures');
    walk('examples');
    let accepted = 0;
    for (const f of files) if (agrees(readFileSync(f, 'utf8'))) accepted++;
    // The shipped examples and many fixtures are simple files: the shortcut must actually be taken.
    expect(accepted).toBeGreaterThan(20);
  });

  it('agrees with the full reader on random line-structured documents', () => {
    const goodKey = fc.constantFrom(
      'taskmanager',
      'memory',
      'process.size',
      'a',
      'b',
      'a.b',
      'size',
      'x-y',
      'k_1',
      'yes',
      'On',
    );
    const oddKey = fc.constantFrom(
      'true',
      'Null',
      '1',
      'a b',
      'a:b',
      '"q"',
      '-',
      '?',
      '<<',
      'é',
      'a ',
      '',
    );
    const goodValue = fc.constantFrom(
      '1728m',
      '1g',
      '0.4',
      '.5',
      '1.',
      '1e5',
      '-1e-3',
      '+7',
      '-0',
      '0x1F',
      '0o17',
      '0xZZ',
      '007',
      'true',
      'TRUE',
      'yes',
      'no',
      '-Xmx1g -XX:+UseG1GC',
      's3://b/p',
      'a #c',
      '1 2',
      'x  ',
      '9'.repeat(30),
      '-.5',
      '(x)',
      'a=b',
      'x?',
      '~x',
      'a%b',
      'a@b',
      'a;b',
    );
    const oddValue = fc.constantFrom(
      '~',
      'null',
      '.inf',
      '.NaN',
      'a: b',
      'a:',
      'a#c',
      "'q'",
      '"q"',
      '[1]',
      '{}',
      '&a x',
      '*a',
      '!!str 1',
      '- x',
      '-',
      '? x',
      '|',
      '>',
      '%x',
      '@x',
      '`x`',
      '１２',
      'a\u00a0b',
      ':x',
      ',x',
      '#x',
    );
    // A document is a tree: a nested key opens a block one indentation step deeper.
    const pair = fc.record({
      depth: fc.integer({ min: 0, max: 3 }),
      key: fc.oneof(
        {
          arbitrary: fc.tuple(goodKey, fc.nat(30)).map(([k, n]) => (n < 20 ? `${k}${n}` : k)),
          weight: 20,
        },
        { arbitrary: oddKey, weight: 1 },
      ),
      value: fc.oneof(
        { arbitrary: goodValue, weight: 20 },
        { arbitrary: oddValue, weight: 1 },
        { arbitrary: fc.constant(''), weight: 3 },
      ),
      comment: fc.constantFrom('', '', '', '', '', ' # note', '#x', '  #'),
      step: fc.constantFrom(2, 2, 2, 4, 1),
    });
    const noise = fc.constantFrom(
      '',
      '   ',
      '# comment',
      '    # deep comment',
      '---',
      '...',
      '- item',
      '\t',
      'a:\tb',
      ' x: 1',
    );
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ arbitrary: pair, weight: 20 }, { arbitrary: noise, weight: 1 }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.constantFrom('\n', '\n', '\n', '\r\n'),
        fc.boolean(),
        (items, eol, finalEol) => {
          // Mostly well-formed: a key without a value is followed by a deeper line, others by one
          // as deep or shallower.
          let depth = 0;
          let opened = false;
          const lines = items.map((p) => {
            if (typeof p === 'string') return p;
            depth = opened ? depth + 1 : Math.min(depth, p.depth);
            opened = p.value === '';
            return `${' '.repeat(depth * p.step)}${p.key}:${p.value === '' ? '' : ' '}${p.value}${p.comment}`;
          });
          if (agrees(lines.join(eol) + (finalEol ? eol : ''))) accepted++;
        },
      ),
      { numRuns: 5000, seed: 20261123 },
    );
    // Random documents are mostly not simple, but enough are for the comparison to mean something.
    expect(accepted).toBeGreaterThan(600);
  });
});
