// A static check that a regular expression runs in linear time in a backtracking engine such as
// V8's, for the patterns that read untrusted text (logs, configs). It is deliberately strict: it
// flags the shapes that backtrack (see HOUSE-RULES) and accepts only shapes whose cost per start
// position is bounded, or linear with one start position. It also crafts hostile lines for a
// pattern (its literal pieces, digits, dots, word characters and spaces repeated) for the
// benchmark, which times them (`npm run bench`).
//
// Rules (a pattern passes when none applies):
//   nested     a quantifier that repeats more than once around a part that can vary in length
//              without bound, or an unbounded repetition of a part of variable length:
//              `(\w+\.)+`, `(?:-[a-z0-9]+)*`
//   adjacent   two quantifiers, one of them unbounded, that can match the same character and
//              follow each other with nothing mandatory between them: `\d+\.?\d*`, `[^\n]*?\d+`,
//              `\S*.{0,200}`, `\s*(?:x)?\s*$`
//   unguarded  an unbounded quantifier in a pattern that is tried at every position of a line
//              (not anchored with `^`, or with the `m` flag) must directly follow a mandatory
//              character it cannot match (`bytes of (\d+)`, `id (\S+?)\s`): then each of its runs
//              is scanned from one place only. Otherwise a long run costs its length at every
//              start position: `[\d.]+ of` on `1.1.1...`, `\d+ms` on `999...`.
// Lookarounds are checked like groups; back-references are refused.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseAst } from 'rolldown/parseAst';
import { literalPieces, parseRegex, render } from './regex-tree.mjs';

export { parseRegex };

/**
 * Patterns that may keep a shape the check refuses, with the reason; `file /source/flags`.
 * test/regex-safety.test.ts fails when one of them is gone.
 */
export const EXEMPT = {
  'src/fixtures/directives.ts /[ \\t]*#\\s*expect:.*$/gm': "reads flink-mem's own fixture files",
  'src/fixtures/directives.ts /^(\\d+ \\|.*?)[ \\t]*#\\s*expect:.*$/gm':
    "reads flink-mem's own fixture outputs",
  'src/cli/rules-cmd.ts /\\n+$/': "reads flink-mem's own rule documentation",
  'src/doctor/signature.ts /^[a-z]+(-[a-z]+)*$/': "reads flink-mem's own signature ids",
  'src/config/detect.ts /:\\s+[|>][-+1-9]*(?:\\s+#.*)?$/':
    'reads only lines shorter than 4 KB of the first 64 KB of a file',
  'src/engine/message-render.ts /\\s*[\\r\\n]+\\s*/g':
    'reads message values already cut to 500 characters',
  'src/fix/yaml-map.ts /^(["\'])(.*)\\1$/':
    'anchored at both ends: one start, and the back-reference compares one character',
  'src/model/fix-search.ts /^([\'"])(.*)\\1$/':
    'anchored at both ends: one start, and the back-reference compares one character',
  'src/options/size-spelling.ts /^([\'"])(.*)\\1$/':
    'anchored at both ends: one start, and the back-reference compares one character',
};

/** Characters that stand for the alphabet when two character sets are compared. */
const SAMPLE = [
  ...Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)),
  '\u00a0',
  '\u00e9',
  '\u00c9',
  '\u0130',
  '\u017f',
  '\u212a',
  '\u2028',
  '\u3000',
  '\ufeff',
  '内',
  '存',
  '泄',
  '漏',
  '\ud83d',
];

/** The sampled characters one `char` node matches, as a Set of indexes into SAMPLE. */
function charSet(node, flags, cache) {
  const key = node.src;
  let set = cache.get(key);
  if (set) return set;
  const f = flags.replace(/[gym]/g, '');
  const re = new RegExp(`^${node.src}$`, f);
  set = new Set();
  SAMPLE.forEach((ch, k) => {
    if (re.test(ch)) set.add(k);
  });
  cache.set(key, set);
  return set;
}

const union = (a, b) => {
  const out = new Set(a);
  for (const x of b) out.add(x);
  return out;
};
const overlaps = (a, b) => {
  for (const x of a) if (b.has(x)) return true;
  return false;
};

/**
 * Returns the problems of one pattern as readable strings (empty when it is linear).
 * `re` is a RegExp (or `{ source, flags }`).
 */
export function regexProblems(re) {
  const flags = re.flags ?? '';
  let tree;
  try {
    tree = parseRegex(re.source);
  } catch (err) {
    return [String(err.message)];
  }
  const cache = new Map();
  const problems = [];
  const show = (n) => render(n);

  /** Facts about a node: can it match empty, its max length, the set of chars it can consume. */
  const info = new Map();
  function facts(n) {
    let f = info.get(n);
    if (f) return f;
    switch (n.type) {
      case 'char':
        f = { nullable: false, max: 1, chars: charSet(n, flags, cache), variable: false };
        break;
      case 'assert':
      case 'backref':
        f = {
          nullable: true,
          max: n.type === 'backref' ? Infinity : 0,
          chars: new Set(),
          variable: n.type === 'backref',
        };
        break;
      case 'group': {
        const b = facts(n.body);
        f =
          n.kind === 'lookahead' || n.kind === 'lookbehind'
            ? { nullable: true, max: 0, chars: new Set(), variable: false }
            : b;
        break;
      }
      case 'alt': {
        const fs = n.alts.map(facts);
        const lens = n.alts.map(fixedLength);
        f = {
          nullable: fs.some((x) => x.nullable),
          max: Math.max(...fs.map((x) => x.max)),
          chars: fs.reduce((a, x) => union(a, x.chars), new Set()),
          variable: fs.some((x) => x.variable) || new Set(lens).size > 1 || lens.includes(null),
        };
        break;
      }
      case 'seq': {
        const fs = n.items.map(facts);
        f = {
          nullable: fs.every((x) => x.nullable),
          max: fs.reduce((a, x) => a + x.max, 0),
          chars: fs.reduce((a, x) => union(a, x.chars), new Set()),
          variable: fs.some((x) => x.variable),
        };
        break;
      }
      case 'quant': {
        const b = facts(n.body);
        f = {
          nullable: n.min === 0 || b.nullable,
          max: b.max * n.max,
          chars: b.chars,
          variable: b.variable || (n.min !== n.max && b.max > 0),
        };
        break;
      }
    }
    info.set(n, f);
    return f;
  }
  function fixedLength(n) {
    const f = facts(n);
    return f.variable ? null : f.max;
  }

  /** The characters `n` can start with. */
  function first(n) {
    switch (n.type) {
      case 'char':
        return charSet(n, flags, cache);
      case 'group':
        return n.kind === 'lookahead' || n.kind === 'lookbehind' ? new Set() : first(n.body);
      case 'alt':
        return n.alts.reduce((a, x) => union(a, first(x)), new Set());
      case 'seq': {
        let out = new Set();
        for (const it of n.items) {
          out = union(out, first(it));
          if (!facts(it).nullable) break;
        }
        return out;
      }
      case 'quant':
        return first(n.body);
      default:
        return new Set();
    }
  }
  /**
   * The characters `n` always ends with when it matches, or null when it may match empty or end in
   * a run.
   */
  function lastSet(n) {
    switch (n.type) {
      case 'char':
        return charSet(n, flags, cache);
      case 'group':
        return n.kind === 'lookahead' || n.kind === 'lookbehind' ? null : lastSet(n.body);
      case 'alt': {
        const sets = n.alts.map(lastSet);
        return sets.includes(null) ? null : sets.reduce((a, x) => union(a, x), new Set());
      }
      case 'seq': {
        const items = n.items.filter((it) => !isZeroWidth(it));
        return items.length === 0 ? null : lastSet(items[items.length - 1]);
      }
      case 'quant':
        return n.min > 0 ? lastSet(n.body) : null;
      default:
        return null;
    }
  }
  /** The characters `n` can end with. */
  function lastAny(n) {
    switch (n.type) {
      case 'char':
        return charSet(n, flags, cache);
      case 'group':
        return n.kind === 'lookahead' || n.kind === 'lookbehind' ? new Set() : lastAny(n.body);
      case 'alt':
        return n.alts.reduce((a, x) => union(a, lastAny(x)), new Set());
      case 'seq': {
        let out = new Set();
        for (let k = n.items.length - 1; k >= 0; k--) {
          out = union(out, lastAny(n.items[k]));
          if (!facts(n.items[k]).nullable) break;
        }
        return out;
      }
      case 'quant':
        return lastAny(n.body);
      default:
        return new Set();
    }
  }
  const isZeroWidth = (n) =>
    n.type === 'assert' ||
    (n.type === 'group' && (n.kind === 'lookahead' || n.kind === 'lookbehind'));
  /**
   * Whether `n` always succeeds without consuming anything (so a run before it cannot be made to
   * fail).
   */
  function alwaysEmpty(n) {
    switch (n.type) {
      case 'quant':
        return n.min === 0;
      case 'group':
        return n.kind !== 'lookahead' && n.kind !== 'lookbehind' && alwaysEmpty(n.body);
      case 'alt':
        return n.alts.some(alwaysEmpty);
      case 'seq':
        return n.items.every(alwaysEmpty);
      default:
        return false;
    }
  }
  const WORD = charSet({ src: '\\w' }, '', cache);

  /** Quantifiers that can consume the first character of `n` (through nullable prefixes). */
  function firstQuants(n) {
    switch (n.type) {
      case 'quant':
        return [n, ...firstQuants(n.body)];
      case 'group':
        return n.kind === 'lookahead' || n.kind === 'lookbehind' ? [] : firstQuants(n.body);
      case 'alt':
        return n.alts.flatMap(firstQuants);
      case 'seq': {
        const out = [];
        for (const it of n.items) {
          out.push(...firstQuants(it));
          if (!facts(it).nullable) break;
        }
        return out;
      }
      default:
        return [];
    }
  }
  function lastQuants(n) {
    switch (n.type) {
      case 'quant':
        return [n, ...lastQuants(n.body)];
      case 'group':
        return n.kind === 'lookahead' || n.kind === 'lookbehind' ? [] : lastQuants(n.body);
      case 'alt':
        return n.alts.flatMap(lastQuants);
      case 'seq': {
        const out = [];
        for (let k = n.items.length - 1; k >= 0; k--) {
          out.push(...lastQuants(n.items[k]));
          if (!facts(n.items[k]).nullable) break;
        }
        return out;
      }
      default:
        return [];
    }
  }

  const startsWithCaret = tree.alts.every(
    (a) => a.items[0]?.type === 'assert' && a.items[0].src === '^',
  );
  // With the m flag, `^` starts a try at each line only; that is linear while no run crosses a
  // line.
  const lineAnchored = flags.includes('m');
  const LINE_BREAKS = charSet({ src: '[\\n\\r\\u2028\\u2029]' }, '', cache);
  const anchored = startsWithCaret && (!lineAnchored || !anyUnboundedMatches(tree, LINE_BREAKS));

  /**
   * `before`: the item just before `n` (zero-width items skipped), if there is one; `tail`: whether
   * everything after `n` up to the end of the pattern always succeeds.
   */
  function visit(n, before, tail) {
    switch (n.type) {
      case 'backref':
        problems.push('back-reference: cannot be checked, use none');
        return;
      case 'group':
        if (n.kind === 'lookahead' || n.kind === 'lookbehind') visit(n.body, null, false);
        else visit(n.body, before, tail);
        return;
      case 'alt':
        for (const a of n.alts) visit(a, before, tail);
        return;
      case 'quant': {
        const b = facts(n.body);
        if (n.max === Infinity && b.variable)
          problems.push(`nested: ${show(n)} repeats a part of variable length without bound`);
        else if (n.max > 1 && innerUnbounded(n.body))
          problems.push(`nested: ${show(n)} repeats an unbounded quantifier`);
        visit(n.body, null, tail && n.max === Infinity);
        return;
      }
      case 'seq': {
        const items = n.items;
        for (let k = 0; k < items.length; k++) {
          const it = items[k];
          // adjacent: the end of this item against the start of what can follow it.
          const ends = lastQuants(it);
          if (ends.length > 0) {
            for (let j = k + 1; j < items.length; j++) {
              for (const a of ends) {
                for (const q of firstQuants(items[j])) {
                  const fa = facts(a);
                  const fq = facts(q);
                  if (
                    (fa.max === Infinity || fq.max === Infinity) &&
                    fa.max > 1 &&
                    fq.max > 1 &&
                    overlaps(lastAny(a), first(q))
                  ) {
                    problems.push(
                      `adjacent: ${show(a)} and ${show(q)} can match the same characters`,
                    );
                  }
                }
              }
              if (!facts(items[j]).nullable) break;
            }
          }
          // unguarded: an unbounded run that can start anywhere.
          const rest = tail && items.slice(k + 1).every(alwaysEmpty);
          const prev = previous(items, k, before);
          if (it.type === 'quant' && it.max === Infinity && !anchored && !rest) {
            const body = facts(it.body).chars;
            const last = guardSet(items, k, before);
            const wordStart =
              prev?.type === 'assert' && prev.src === '\\b' && [...body].every((c) => WORD.has(c));
            const guarded =
              it.body.type === 'char' && ((last !== null && !overlaps(last, body)) || wordStart);
            if (!guarded)
              problems.push(
                `unguarded: ${show(it)} is unbounded and does not follow a mandatory character it cannot match`,
              );
          }
          visit(it, prev, rest);
        }
        return;
      }
      default:
    }
  }
  /**
   * The characters that can stand just before item k: the last characters of the optional items
   * before it and of the first mandatory one; null when that is not one definite character
   * (a run, or the start of the pattern).
   */
  function guardSet(items, k, before) {
    let out = new Set();
    for (let j = k - 1; j >= 0; j--) {
      const it = items[j];
      if (it.type === 'assert' && it.src === '^' && lineAnchored) return union(out, LINE_BREAKS);
      if (isZeroWidth(it)) continue;
      if (it.type === 'quant' && it.min === 0) {
        const l = lastSet(it.body);
        if (l === null) return null;
        out = union(out, l);
        continue;
      }
      const l = lastSet(it);
      return l === null ? null : union(out, l);
    }
    if (!before || before.type === 'assert') return null;
    const l = lastSet(before);
    return l === null ? null : union(out, l);
  }
  function previous(items, k, before) {
    for (let j = k - 1; j >= 0; j--) {
      const it = items[j];
      if (it.type === 'assert' && it.src === '\\b') return it;
      if (!isZeroWidth(it)) return it;
    }
    return before;
  }
  function anyUnboundedMatches(n, set) {
    if (n.type === 'quant')
      return (
        (n.max === Infinity && overlaps(facts(n.body).chars, set)) ||
        anyUnboundedMatches(n.body, set)
      );
    if (n.type === 'group') return anyUnboundedMatches(n.body, set);
    if (n.type === 'alt') return n.alts.some((a) => anyUnboundedMatches(a, set));
    if (n.type === 'seq') return n.items.some((a) => anyUnboundedMatches(a, set));
    return false;
  }
  function innerUnbounded(n) {
    if (n.type === 'quant') return n.max === Infinity || innerUnbounded(n.body);
    if (n.type === 'group') return innerUnbounded(n.body);
    if (n.type === 'alt') return n.alts.some(innerUnbounded);
    if (n.type === 'seq') return n.items.some(innerUnbounded);
    return false;
  }
  visit(tree, null, true);
  return [...new Set(problems)];
}

/**
 * Hostile lines for one pattern, each `length` characters: its literal pieces repeated with and
 * without spaces, glued to runs of digits, dots and word characters, and the generic shapes that
 * defeat backtracking (long runs of one class ending in a character that fails the match).
 */
export function hostileLines(re, length) {
  const fill = (unit, tail = '!') =>
    unit.repeat(Math.ceil(length / unit.length)).slice(0, length - tail.length) + tail;
  const generic = [
    '9',
    '1.',
    'a.',
    'a',
    ' ',
    '\t',
    'a-',
    '-a',
    'a ',
    '9 ',
    '.9',
    "'",
    '(',
    ' -',
    '- ',
    '::',
  ];
  const lines = generic.map((u) => fill(u));
  const pieces = literalPieces(re);
  for (const p of pieces) {
    lines.push(fill(p), fill(`${p} `), fill(`${p}9`), fill(`${p}.`), fill(`${p}a`));
    // A piece followed by one long run: the run's length is what a quadratic pattern pays per
    // start.
    for (const run of ['9', '1.', 'a', ' ', 'a.', '-a']) lines.push(p + fill(run).slice(p.length));
  }
  // Pairs of pieces alternating: patterns with `a.{0,200}b` shapes.
  for (let k = 0; k + 1 < pieces.length && k < 8; k++)
    lines.push(fill(`${pieces[k]} ${pieces[k + 1]} `));
  return lines;
}

const ROOT = new URL('..', import.meta.url).pathname;

function sourceFiles(dir) {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

/**
 * Every regex literal of src/ and rules/ (generated files aside) with its file and line: what
 * test/regex-safety.test.ts checks and `npm run bench -- --hostile` times.
 */
export function regexInventory() {
  const out = [];
  for (const file of [...sourceFiles('src'), ...sourceFiles('rules')]) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const walk = (node) => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      if (node.type === 'Literal' && node.regex)
        out.push({
          file,
          line: text.slice(0, node.start).split('\n').length,
          source: node.regex.pattern,
          flags: node.regex.flags,
        });
      for (const v of Object.values(node)) if (v && typeof v === 'object') walk(v);
    };
    walk(parseAst(text, { lang: 'ts', sourceType: 'module' }));
  }
  return out;
}
