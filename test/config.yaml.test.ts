import { describe, expect, it } from 'vitest';
import { loadText, rawConfig } from '../src/config/index.js';
import type { ConfigDocument } from '../src/config/index.js';

function yaml(text: string): ConfigDocument {
  const f = loadText(text, 'conf/config.yaml');
  expect(f.format).toBe('config-yaml');
  expect(f.problems).toEqual([]);
  expect(f.documents).toHaveLength(1);
  return f.documents[0]!;
}

const value = (d: ConfigDocument, key: string) => d.effective.get(key)?.value;
const kinds = (d: ConfigDocument) => d.problems.map((p) => `${p.span.line}:${p.kind}`);

describe('config.yaml: Core-schema types as snakeyaml-engine resolves them', () => {
  const d = yaml(
    [
      'hex: 0x10',
      'oct: 0o17',
      'dec: 010',
      'neg: -12',
      'plus: +7',
      'big: 9223372036854775808',
      'float: 1.5',
      'exp: 1e3',
      'inf: .inf',
      'ninf: -.Inf',
      'nan: .NaN',
      'yes: yes',
      'on: on',
      'bool: True',
      "quoted: '1g'",
      'dquoted: "0x10"',
      'under: 1_000',
      'hash: 1728m#x',
      'comment: 1728m #x',
      'list: [a, 1, "b c", \'2\']',
      'block:',
      '  - x',
      '  - y',
      'str: !!str 12',
    ].join('\n'),
  );

  it('keeps ints exact as bigint, whatever their base', () => {
    expect(value(d, 'hex')).toEqual({ kind: 'int', value: 16n });
    expect(value(d, 'oct')).toEqual({ kind: 'int', value: 15n });
    expect(value(d, 'dec')).toEqual({ kind: 'int', value: 10n });
    expect(value(d, 'neg')).toEqual({ kind: 'int', value: -12n });
    expect(value(d, 'plus')).toEqual({ kind: 'int', value: 7n });
    expect(value(d, 'big')).toEqual({ kind: 'int', value: 9223372036854775808n });
  });

  it('floats, booleans and strings', () => {
    expect(value(d, 'float')).toEqual({ kind: 'float', value: 1.5 });
    expect(value(d, 'exp')).toEqual({ kind: 'float', value: 1000 });
    expect(value(d, 'inf')).toEqual({ kind: 'float', value: Infinity });
    expect(value(d, 'ninf')).toEqual({ kind: 'float', value: -Infinity });
    expect(value(d, 'nan')).toEqual({ kind: 'float', value: NaN });
    expect(value(d, 'yes')).toEqual({ kind: 'string', text: 'yes' });
    expect(value(d, 'on')).toEqual({ kind: 'string', text: 'on' });
    expect(value(d, 'bool')).toEqual({ kind: 'bool', value: true });
    expect(value(d, 'quoted')).toEqual({ kind: 'string', text: '1g' });
    expect(value(d, 'dquoted')).toEqual({ kind: 'string', text: '0x10' });
    expect(value(d, 'under')).toEqual({ kind: 'string', text: '1_000' });
    expect(value(d, 'str')).toEqual({ kind: 'string', text: '12' });
  });

  it('a # starts a comment only after whitespace', () => {
    expect(value(d, 'hash')).toEqual({ kind: 'string', text: '1728m#x' });
    expect(value(d, 'comment')).toEqual({ kind: 'string', text: '1728m' });
  });

  it('renders lists back to flow style', () => {
    expect(value(d, 'list')).toEqual({ kind: 'list', text: "[a, 1, b c, '2']" });
    expect(value(d, 'block')).toEqual({ kind: 'list', text: '[x, y]' });
  });

  it('keeps the text as written and its position', () => {
    const q = d.effective.get('quoted')!;
    expect(q.text).toBe("'1g'");
    expect(q.keySpan).toMatchObject({ line: 15, column: 1, endColumn: 7 });
    expect(q.valueSpan).toMatchObject({ line: 15, column: 9, endColumn: 13 });
    expect(d.problems).toEqual([]);
  });

  it('feeds the model with typed values', () => {
    const m = rawConfig(d);
    expect(m.get('hex')).toEqual({ kind: 'int', value: 16n });
    expect(m.size).toBe(d.effective.size);
  });
});

describe('config.yaml: structure', () => {
  it('flattens nested mappings, mixed with flat keys; the later of a flat and nested twin wins silently', () => {
    const text =
      'taskmanager:\n  memory:\n    process.size: 1728m\n    managed:\n      fraction: 0.3\ntaskmanager.memory.process.size: 2g\nempty: {}\n';
    const d = yaml(text);
    expect([...d.effective.keys()]).toEqual([
      'taskmanager.memory.process.size',
      'taskmanager.memory.managed.fraction',
    ]);
    expect(value(d, 'taskmanager.memory.process.size')).toEqual({ kind: 'string', text: '2g' });
    expect(value(d, 'taskmanager.memory.managed.fraction')).toEqual({ kind: 'float', value: 0.3 });
    const first = d.entries[0]!;
    expect(first.overridden).toBe(true);
    expect(first.keySpan).toMatchObject({ line: 3, column: 5 });
    expect(text.slice(first.lineSpan!.offset, first.lineSpan!.endOffset)).toBe(
      '    process.size: 1728m\n',
    );
    expect(d.problems).toEqual([]);
  });

  it('reports a duplicate key in one mapping at the second occurrence', () => {
    const d = yaml('a: 1\nb:\n  c: 1\n  c: 2\na: 3\n');
    expect(kinds(d)).toEqual(['4:duplicate-key', '5:duplicate-key']);
    expect(d.problems[0]).toMatchObject({ key: 'b.c', span: { line: 4, column: 3 } });
    expect(d.problems[0]!.message).toContain('line 3');
    expect(value(d, 'a')).toEqual({ kind: 'int', value: 3n });
  });

  it('equal keys of different YAML types are not duplicates', () => {
    expect(kinds(yaml('1: a\n"1": b\n'))).toEqual([]);
  });

  it('a null value is a problem and no entry', () => {
    const d = yaml('a:\nb: ~\nc: null\nd: 1\n');
    expect([...d.effective.keys()]).toEqual(['d']);
    expect(kinds(d)).toEqual(['1:null-value', '2:null-value', '3:null-value']);
    expect(d.problems[1]!.message).toContain('"b" is ~');
  });

  it('a root that is not a mapping is a problem', () => {
    expect(kinds(yaml('- a\n- b\n'))).toEqual(['1:non-mapping-root']);
    expect(kinds(yaml('just text\n'))).toEqual(['1:non-mapping-root']);
  });

  it('empty or comment-only files are an empty configuration', () => {
    for (const t of ['', '# nothing\n', '\n\n']) {
      const d = yaml(t);
      expect(d.entries).toEqual([]);
      expect(d.problems).toEqual([]);
    }
  });

  it('malformed YAML is a yaml-syntax problem with a position, never a throw', () => {
    const d = yaml('a: 1\nb: [1, 2\nc: 3\n');
    expect(d.problems.length).toBeGreaterThan(0);
    expect(d.problems.every((p) => p.kind === 'yaml-syntax')).toBe(true);
    expect(d.problems[0]!.span.line).toBeGreaterThanOrEqual(2);
    expect(d.problems[0]!.message).not.toContain('\n');
  });

  it('more than one document is a yaml-syntax problem', () => {
    expect(kinds(yaml('a: 1\n---\nb: 2\n'))).toEqual(['2:yaml-syntax']);
  });

  it('follows aliases to scalars and mappings', () => {
    const d = yaml('base: &b\n  size: 1g\nsmall: &s 512m\ntaskmanager: *b\nx: *s\n');
    expect(value(d, 'taskmanager.size')).toEqual({ kind: 'string', text: '1g' });
    expect(value(d, 'x')).toEqual({ kind: 'string', text: '512m' });
    expect(d.effective.get('x')!.valueSpan).toMatchObject({ line: 5, column: 4 });
  });
});

describe('config.yaml: hostile input stays bounded', () => {
  it('an alias bomb stops with a problem, fast', () => {
    const levels = ['a: &a {x: 1, y: 2, z: 3, w: 4, v: 5, u: 6, t: 7, s: 8, r: 9}'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(
        `${cur}: &${cur} {${Array.from({ length: 9 }, (_, j) => `k${j}: *${prev}`).join(', ')}}`,
      );
    }
    const t0 = Date.now();
    const d = yaml(levels.join('\n') + '\n');
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(d.problems.some((p) => p.kind === 'yaml-syntax' && /alias/.test(p.message))).toBe(true);
  });

  it('a self-referencing alias is a problem', () => {
    const d = yaml('a: &x\n  b: *x\n');
    expect(d.problems.map((p) => p.kind)).toContain('yaml-syntax');
  });

  it('pathological nesting is refused before parsing', () => {
    for (const text of [
      'a: ' + '['.repeat(100_000) + ']'.repeat(100_000),
      Array.from({ length: 1500 }, (_, i) => ' '.repeat(i) + 'k:').join('\n'),
    ]) {
      const d = yaml(text);
      expect(kinds(d)).toEqual([expect.stringMatching(/:yaml-syntax$/)]);
      expect(d.problems[0]!.message).toContain('nests deeper');
    }
  });

  it('__proto__ and constructor are plain keys', () => {
    const d = yaml('__proto__:\n  polluted: 1\nconstructor: x\n');
    expect(value(d, '__proto__.polluted')).toEqual({ kind: 'int', value: 1n });
    expect(value(d, 'constructor')).toEqual({ kind: 'string', text: 'x' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('CRLF and a BOM: YAML skips the BOM, spans still index the original text', () => {
    const text = '\ufefftaskmanager:\r\n  memory.process.size: 2g\r\n';
    const d = yaml(text);
    const e = d.effective.get('taskmanager.memory.process.size')!;
    expect(e.valueSpan).toMatchObject({ line: 2, column: 24 });
    expect(text.slice(e.valueSpan!.offset, e.valueSpan!.endOffset)).toBe('2g');
    expect(text.slice(e.lineSpan!.offset, e.lineSpan!.endOffset)).toBe(
      '  memory.process.size: 2g\r\n',
    );
  });
});
