import { describe, expect, it } from 'vitest';
import { loadText } from '../src/config/index.js';
import type { ConfigDocument, ConfigProblem } from '../src/config/index.js';

function legacy(text: string): ConfigDocument {
  const f = loadText(text, 'flink-conf.yaml');
  expect(f.format).toBe('flink-conf');
  expect(f.documents).toHaveLength(1);
  return f.documents[0]!;
}

const value = (d: ConfigDocument, key: string) => d.effective.get(key)?.value;
const kinds = (d: ConfigDocument) => d.problems.map((p) => `${p.span.line}:${p.kind}`);
const problem = (d: ConfigDocument, kind: ConfigProblem['kind']) =>
  d.problems.find((p) => p.kind === kind);

describe('legacy flink-conf.yaml: the examples of GlobalConfigurationTest', () => {
  const text = [
    'mykey1: myvalue1',
    'mykey2       : myvalue2',
    'mykey3:myvalue3',
    'mykey4: myvalue4# some comments',
    '   mykey5    :    myvalue5    ',
    'mykey6: my: value6',
    'mykey7: ',
    ': myvalue8',
    'mykey9: myvalue9',
    'mykey9: myvalue10',
  ].join('\n');
  const d = legacy(text);

  it('reads exactly the keys Flink reads, last duplicate winning', () => {
    expect([...d.effective.keys()]).toEqual([
      'mykey1',
      'mykey2',
      'mykey4',
      'mykey5',
      'mykey6',
      'mykey9',
    ]);
    expect(value(d, 'mykey2')).toEqual({ kind: 'string', text: 'myvalue2' });
    expect(value(d, 'mykey4')).toEqual({ kind: 'string', text: 'myvalue4' });
    expect(value(d, 'mykey5')).toEqual({ kind: 'string', text: 'myvalue5' });
    expect(value(d, 'mykey6')).toEqual({ kind: 'string', text: 'my: value6' });
    expect(value(d, 'mykey9')).toEqual({ kind: 'string', text: 'myvalue10' });
  });

  it('keeps the overridden duplicate, marked, and names the winning line', () => {
    const nines = d.entries.filter((e) => e.key === 'mykey9');
    expect(nines.map((e) => [e.text, e.overridden === true])).toEqual([
      ['myvalue9', true],
      ['myvalue10', false],
    ]);
    const dup = problem(d, 'legacy-duplicate')!;
    expect(dup.span.line).toBe(9);
    expect(dup.key).toBe('mykey9');
    expect(dup.message).toContain('line 10');
  });

  it('reports every skipped or misread line', () => {
    expect(kinds(d)).toEqual([
      '3:legacy-missing-space',
      '4:legacy-comment-cut',
      // A stray indentation: harmless here, but it breaks as soon as the file is read as YAML.
      '5:legacy-nested',
      '7:legacy-missing-space',
      '8:legacy-empty-key-or-value',
      '9:legacy-duplicate',
    ]);
    expect(problem(d, 'legacy-missing-space')!.replacementLine).toBe('mykey3: myvalue3');
  });

  it('gives key and value positions (1-based line and column, 0-based offsets)', () => {
    const e5 = d.effective.get('mykey5')!;
    expect(e5.keySpan).toMatchObject({ line: 5, column: 4, endLine: 5, endColumn: 10 });
    expect(e5.valueSpan).toMatchObject({ line: 5, column: 19, endColumn: 27 });
    expect(text.slice(e5.valueSpan!.offset, e5.valueSpan!.endOffset)).toBe('myvalue5');
    expect(text.slice(e5.lineSpan!.offset, e5.lineSpan!.endOffset)).toBe(
      '   mykey5    :    myvalue5    \n',
    );
  });
});

describe('legacy flink-conf.yaml: line rules', () => {
  it('cuts at the first # even inside quotes, and says so when YAML would not', () => {
    const d = legacy('a: "x #y"\nb: abc#def\nc: ok # a real comment\n');
    expect(value(d, 'a')).toEqual({ kind: 'string', text: '"x' });
    expect(value(d, 'b')).toEqual({ kind: 'string', text: 'abc' });
    expect(value(d, 'c')).toEqual({ kind: 'string', text: 'ok' });
    expect(kinds(d)).toEqual(['1:legacy-comment-cut', '2:legacy-comment-cut']);
    expect(d.problems[1]!.message).toContain('abc#def');
  });

  it('a # in the key skips the line as a cut, not as a missing space', () => {
    const d = legacy('ke#y: value\n');
    expect(d.entries).toHaveLength(0);
    expect(kinds(d)).toEqual(['1:legacy-comment-cut']);
  });

  it('needs exactly colon + space: a tab or nothing after the colon skips the line', () => {
    const d = legacy('a:\tb\nc:\nd : e\n');
    expect([...d.effective.keys()]).toEqual(['d']);
    expect(kinds(d)).toEqual(['1:legacy-missing-space', '2:legacy-missing-space']);
    expect(d.problems[0]!.replacementLine).toBe('a: b');
    expect(d.problems[1]!.replacementLine).toBeUndefined();
  });

  it('Java trim strips control characters but not a no-break space', () => {
    const d = legacy('\t\u0001key: v\u0002\nnb: \u00a0x\u00a0\n');
    expect(value(d, 'key')).toEqual({ kind: 'string', text: 'v' });
    expect(value(d, 'nb')).toEqual({ kind: 'string', text: '\u00a0x\u00a0' });
  });

  it('keeps quotes, reports them, and proposes the unquoted line', () => {
    const d = legacy('taskmanager.memory.process.size: \'1g\'   # total\n"x": 1\n');
    expect(value(d, 'taskmanager.memory.process.size')).toEqual({ kind: 'string', text: "'1g'" });
    expect(value(d, '"x"')).toEqual({ kind: 'string', text: '1' });
    const q = d.problems.filter((p) => p.kind === 'legacy-quoted');
    expect(q.map((p) => p.replacementLine)).toEqual([
      'taskmanager.memory.process.size: 1g   # total',
      'x: 1',
    ]);
    expect(q[0]!.key).toBe('taskmanager.memory.process.size');
    expect(q[0]!.span).toMatchObject({ line: 1, column: 34, endColumn: 38 });
  });

  it('reads nested blocks as their innermost keys and says what was meant', () => {
    const d = legacy(
      'taskmanager:\n  memory:\n    process.size: 1g\n    managed.fraction: 0.2\n  numberOfTaskSlots: 2\nparallelism.default: 4\n',
    );
    expect([...d.effective.keys()]).toEqual([
      'process.size',
      'managed.fraction',
      'numberOfTaskSlots',
      'parallelism.default',
    ]);
    const nested = d.problems.filter((p) => p.kind === 'legacy-nested');
    expect(nested.map((p) => p.replacementLine)).toEqual([
      'taskmanager.memory.process.size: 1g',
      'taskmanager.memory.managed.fraction: 0.2',
      'taskmanager.numberOfTaskSlots: 2',
    ]);
    expect(nested.map((p) => p.span.line)).toEqual([3, 4, 5]);
    // The bare parent lines are explained by their children, not reported as missing spaces.
    expect(d.problems.filter((p) => p.kind === 'legacy-missing-space')).toEqual([]);
  });

  it('a uniformly indented file is not nested; a stray indented line is', () => {
    expect(legacy('  a: 1\n  b: 2\n').problems).toEqual([]);
    const d = legacy('a: 1\n    b: 2\n');
    expect(kinds(d)).toEqual(['2:legacy-nested']);
    expect(value(d, 'b')).toEqual({ kind: 'string', text: '2' });
  });

  it('flags YAML-only constructs and reads what Flink reads', () => {
    const d = legacy(
      'env.java.opts: |\n  -Xss2m\n  inner: x\n- item\nlist: [a, b]\nmap: {a: 1}\n---\n',
    );
    expect(value(d, 'env.java.opts')).toEqual({ kind: 'string', text: '|' });
    expect(value(d, 'inner')).toEqual({ kind: 'string', text: 'x' });
    expect(value(d, 'list')).toEqual({ kind: 'string', text: '[a, b]' });
    expect(kinds(d)).toEqual([
      '1:legacy-yaml-only',
      '3:legacy-yaml-only',
      '4:legacy-yaml-only',
      '5:legacy-yaml-only',
      '6:legacy-yaml-only',
      '7:legacy-yaml-only',
    ]);
  });

  it('empty and comment-only files have no entries and no problems', () => {
    for (const t of ['', '\n\n', '# only a comment\n   # another\n']) {
      const d = legacy(t);
      expect(d.entries).toEqual([]);
      expect(d.problems).toEqual([]);
    }
  });
});

describe('legacy flink-conf.yaml: line endings and byte order mark', () => {
  it('handles CRLF and lone CR; spans index the original text', () => {
    const text = 'a: 1\r\nb: 22\rc: 3';
    const d = legacy(text);
    expect([...d.effective.keys()]).toEqual(['a', 'b', 'c']);
    const b = d.effective.get('b')!;
    expect(b.valueSpan).toMatchObject({ line: 2, column: 4 });
    expect(text.slice(b.valueSpan!.offset, b.valueSpan!.endOffset)).toBe('22');
    expect(
      text.slice(d.effective.get('a')!.lineSpan!.offset, d.effective.get('a')!.lineSpan!.endOffset),
    ).toBe('a: 1\r\n');
    expect(d.lines).toEqual(['a: 1', 'b: 22', 'c: 3']);
  });

  it('keeps a BOM in the first key as Java does, and reports it; columns start after it', () => {
    const text = '\ufefftaskmanager.memory.process.size: 2g\r\nb: 1\r\n';
    const d = legacy(text);
    const first = d.entries[0]!;
    expect(first.key).toBe('\ufefftaskmanager.memory.process.size');
    expect(first.keySpan).toMatchObject({ line: 1, column: 1, offset: 1 });
    expect(d.problems.map((p) => p.kind)).toEqual(['legacy-yaml-only']);
    expect(d.problems[0]!.message).toContain('byte order mark');
    expect(d.lines[0]).toBe('taskmanager.memory.process.size: 2g');
    expect(d.effective.get('b')!.keySpan).toMatchObject({ line: 2, column: 1, offset: 38 });
  });
});

describe('legacy flink-conf.yaml: size and hostile input', () => {
  it('reads a 10 MB line and a large file in linear time', () => {
    const long = 'k: ' + 'x'.repeat(10_000_000) + '\n';
    const t0 = Date.now();
    const d = legacy(long + 'a: 1\n');
    expect(d.entries).toHaveLength(2);
    const many = 'a.b.c: 1\n'.repeat(100_000);
    expect(legacy(many).entries).toHaveLength(100_000);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });

  it('stops reading past 200000 settings instead of exhausting memory', () => {
    const d = legacy('k: v\n'.repeat(200_001));
    expect(d.entries).toHaveLength(200_000);
    expect(d.problems.at(-1)).toMatchObject({ kind: 'not-flink-config', span: { line: 200_001 } });
  });

  it('messages stay short whatever the value', () => {
    const d = legacy(`k: '${'x'.repeat(1_000_000)}'\n`);
    expect(d.problems[0]!.kind).toBe('legacy-quoted');
    expect(d.problems[0]!.message.length).toBeLessThan(400);
  });

  it('never touches prototypes', () => {
    const d = legacy('__proto__: x\nconstructor: y\n');
    expect(value(d, '__proto__')).toEqual({ kind: 'string', text: 'x' });
    expect(value(d, 'constructor')).toEqual({ kind: 'string', text: 'y' });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
