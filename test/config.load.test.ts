import { mkdirSync, mkdtempSync, rmSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  UsageError,
  detectFormat,
  expandInputs,
  flinkFilesIn,
  loadFile,
  loadText,
  parseSetArg,
  rawConfig,
} from '../src/config/index.js';

describe('format detection', () => {
  it('an explicit format wins, then the file name, then the content', () => {
    expect(detectFormat('a: 1', 'flink-conf.yaml', 'config-yaml')).toBe('config-yaml');
    expect(detectFormat('a:\n  b: 1\n', 'conf/flink-conf.yaml')).toBe('flink-conf');
    expect(detectFormat('a: 1\n', 'conf\\config.yaml')).toBe('config-yaml');
    // A Helm template named config.yaml is still a manifest.
    expect(detectFormat('apiVersion: v1\nkind: ConfigMap\n', 'templates/config.yaml')).toBe('k8s');
    expect(detectFormat('apiVersion: v1\nkind: ConfigMap\n', 'x.yaml')).toBe('k8s');
    expect(detectFormat('a:\n  b: 1\n', 'x.yaml')).toBe('config-yaml');
    expect(detectFormat('a: |\n  text\n', 'x.yaml')).toBe('config-yaml');
    expect(detectFormat('- a\n', 'x.yaml')).toBe('config-yaml');
    expect(detectFormat('a: 1\nb.c: 2 # note\n', 'x.yaml')).toBe('flink-conf');
  });

  it('standard input is judged by content only', () => {
    expect(detectFormat('a:\n  b: 1\n', '-')).toBe('config-yaml');
    expect(detectFormat('a: 1\n', '-')).toBe('flink-conf');
    expect(loadText('a: 1\n', '-').file).toBe('<stdin>');
  });
});

describe('--set overrides', () => {
  it('parses key=value at the first =', () => {
    expect(parseSetArg('a.b=1g')).toEqual(['a.b', '1g']);
    expect(parseSetArg('k=x=y')).toEqual(['k', 'x=y']);
    expect(parseSetArg('k=')).toEqual(['k', '']);
  });

  it('a malformed --set is a usage error', () => {
    for (const bad of ['novalue', '=1g', ' =x']) {
      let err: unknown;
      try {
        parseSetArg(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UsageError);
      expect((err as UsageError).code).toBe('EINVAL');
    }
  });

  it('applies last, as strings, overriding the file', () => {
    const f = loadText('taskmanager.memory.process.size: 1g\nx: 0x10\n', 'config.yaml', {
      set: [
        ['taskmanager.memory.process.size', '2g'],
        ['new.key', 'v'],
      ],
    });
    const d = f.documents[0]!;
    expect(d.entries.map((e) => [e.key, e.source, e.overridden === true])).toEqual([
      ['taskmanager.memory.process.size', 'file', true],
      ['x', 'file', false],
      ['taskmanager.memory.process.size', 'set', false],
      ['new.key', 'set', false],
    ]);
    const set = d.effective.get('taskmanager.memory.process.size')!;
    expect(set.value).toEqual({ kind: 'string', text: '2g' });
    expect(set.keySpan).toBeUndefined();
    expect(rawConfig(d)).toEqual(
      new Map([
        ['taskmanager.memory.process.size', { kind: 'string', text: '2g' }],
        ['x', { kind: 'int', value: 16n }],
        ['new.key', { kind: 'string', text: 'v' }],
      ]),
    );
  });

  it('applies to every document of a manifest, after the operator', () => {
    const text = ['jm', 'tm']
      .map(
        (n) =>
          `apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: ${n}\nspec:\n  taskManager:\n    resource:\n      memory: 2g\n`,
      )
      .join('---\n');
    const f = loadText(text, 'm.yaml', { set: [['taskmanager.memory.process.size', '3g']] });
    expect(
      f.documents.map((d) => d.effective.get('taskmanager.memory.process.size')?.source),
    ).toEqual(['set', 'set']);
  });
});

describe('input that is not text', () => {
  it('a NUL byte makes a not-flink-config problem at 1:1, never a throw', () => {
    const f = loadText('a: 1\u0000\u0001\u0002', 'flink-conf.yaml');
    expect(f.documents).toEqual([]);
    expect(f.problems).toEqual([
      expect.objectContaining({
        kind: 'not-flink-config',
        span: expect.objectContaining({ line: 1, column: 1 }),
      }),
    ]);
  });
});

describe('loadFile and expandInputs on disk', () => {
  const root = mkdtempSync(join(tmpdir(), 'flink-mem-config-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (rel: string, content: string | Buffer) => {
    const p = join(root, rel);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, content);
    return p;
  };

  it('reads a file, keeping a BOM in the text', () => {
    const p = write('conf/flink-conf.yaml', '\ufeffa: 1\n');
    const f = loadFile(p);
    expect(f.file).toBe(p);
    expect(f.text.charCodeAt(0)).toBe(0xfeff);
    expect(f.documents[0]!.entries[0]!.keySpan).toMatchObject({ line: 1, column: 1, offset: 1 });
  });

  it('invalid UTF-8 is a problem at the first bad byte, not a throw; the text is still read (with replacement characters)', () => {
    const p = write('bad/flink-conf.yaml', Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    const f = loadFile(p);
    expect(f.documents).toHaveLength(1);
    expect(f.problems[0]).toMatchObject({ kind: 'not-utf8', span: { line: 1, column: 4 } });
    expect(f.problems[0]!.message).toContain('byte 0xFF at 1:4');
    // Binary data (NUL bytes) is still no configuration at all.
    const bin = loadFile(write('bad/x.yaml', Buffer.from([0x00, 0xff, 0x0a])));
    expect(bin.problems[0]).toMatchObject({
      kind: 'not-flink-config',
      span: { line: 1, column: 1 },
    });
  });

  it('unreadable paths are typed usage errors', () => {
    const code = (path: string) => {
      try {
        loadFile(path);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return (e as UsageError).code;
      }
      return 'none';
    };
    expect(code(join(root, 'missing.yaml'))).toBe('ENOENT');
    expect(code(root)).toBe('EISDIR');
  });

  it("expands folders into the Flink files inside, sorted, skipping node_modules, dot-folders and other tools' config.yaml", () => {
    write('tree/b/flink-conf.yaml', 'a: 1\n');
    write('tree/a/config.yaml', 'taskmanager:\n  numberOfTaskSlots: 2\n');
    write('tree/c/config.yaml', 'server:\n  port: 80\n');
    write('tree/a/deploy.yml', 'apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\n');
    write('tree/a/cm.yaml', 'kind: ConfigMap\ndata:\n  flink-conf.yaml: |\n    a: 1\n');
    write('tree/a/keys.yaml', 'taskmanager.memory.process.size: 1g\n');
    write('tree/a/service.yaml', 'apiVersion: v1\nkind: Service\n');
    write('tree/a/notes.txt', 'taskmanager.memory.process.size: 1g\n');
    write('tree/node_modules/x/flink-conf.yaml', 'a: 1\n');
    write('tree/.git/config.yaml', 'a: 1\n');
    symlinkSync(join(root, 'tree'), join(root, 'tree/a/loop'));
    const single = write('single.conf', 'a: 1\n');
    const got = expandInputs([join(root, 'tree'), single, '-', join(root, 'nope.yaml')]);
    const rel = (p: string) => (p.startsWith(root) ? p.slice(root.length + 1) : p);
    expect(got.map(rel)).toEqual([
      'tree/a/cm.yaml',
      'tree/a/config.yaml',
      'tree/a/deploy.yml',
      'tree/a/keys.yaml',
      'tree/b/flink-conf.yaml',
      'single.conf',
      '-',
      'nope.yaml',
    ]);
  });

  it('walks a folder in the order of the full paths, as sorting the whole list would', () => {
    // Names where sorting each folder by name alone would differ: '-' and '.' sort before '/'.
    const names = ['a', 'a-b', 'a.b', 'a0', 'ab', 'A', 'B', 'a b', 'é', '0', '00', 'z'];
    const files: string[] = [];
    for (const n of names) {
      for (const m of ['', ...names.slice(0, 4)]) {
        const rel = m ? `order/${n}/${m}/flink-conf.yaml` : `order/${n}/flink-conf.yaml`;
        files.push(write(rel, 'a: 1\n'));
      }
      files.push(write(`order/${n}.yaml`, 'taskmanager.memory.process.size: 1g\n'));
    }
    const sorted = [...files].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    expect(expandInputs([join(root, 'order')])).toEqual(sorted);
    expect([...flinkFilesIn(join(root, 'order'))]).toEqual(sorted);
  });
});

describe('any input', () => {
  it('never throws, and every span lies inside the text', async () => {
    const fc = await import('fast-check');
    const pieces = fc.constantFrom(
      'a',
      'b.c',
      ':',
      ': ',
      '#',
      ' ',
      '\t',
      '\n',
      '\r\n',
      '\r',
      "'",
      '"',
      '-',
      '[',
      ']',
      '{',
      '}',
      '|',
      '>',
      '&x',
      '*x',
      '!!str',
      '~',
      '0x10',
      '\ufeff',
      'apiVersion: v1\nkind: ConfigMap\n',
      'kind: FlinkDeployment\n',
      'flink-conf.yaml: |\n',
      'data:\n',
    );
    const text = fc.array(pieces, { maxLength: 60 }).map((p) => p.join(''));
    fc.assert(
      fc.property(
        text,
        fc.constantFrom('flink-conf', 'config-yaml', 'k8s', undefined),
        (t, format) => {
          const f = loadText(t, 'x.yaml', format ? { format } : {});
          const spans = [
            ...f.problems.map((p) => p.span),
            ...f.documents.flatMap((d) => [
              ...d.problems.map((p) => p.span),
              ...d.entries.flatMap((e) => [e.keySpan, e.valueSpan, e.lineSpan]),
            ]),
          ];
          for (const s of spans) {
            if (!s) continue;
            expect(s.offset).toBeGreaterThanOrEqual(0);
            expect(s.endOffset).toBeLessThanOrEqual(t.length);
            expect(s.offset).toBeLessThanOrEqual(s.endOffset);
            expect(s.line).toBeGreaterThanOrEqual(1);
            expect(s.column).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
