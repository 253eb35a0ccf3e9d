import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';
import { spread, optionsLabel } from '../src/cli/explain/picture.js';
import { wrap, xml } from '../src/cli/explain/svg.js';
import { mdText } from '../src/cli/explain/markdown.js';

/** The command that draws the README's picture (docs/images/explain.svg). */
export const README_PICTURE = [
  'explain',
  'examples/standalone/flink-conf.yaml',
  '--flink-version',
  '1.20,2.0',
  '--format',
  'svg',
];

describe('explain --format markdown', () => {
  for (const [name, file] of [
    ['standalone', 'examples/standalone/flink-conf.yaml'],
    ['broken', 'examples/broken/flink-conf.yaml'],
    ['kubernetes', 'examples/kubernetes/flink-deployment.yaml'],
  ] as const) {
    it(`${name}: tables and a text picture (snapshot)`, async () => {
      const r = await cli(['explain', file, '--format', 'markdown', '--flink-version', '1.20,2.0']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(name === 'broken' ? 1 : 0);
      await expect(r.stdout).toMatchFileSnapshot(`snapshots/explain-markdown/${name}.md`);
    });
  }

  it('keeps every picture line within 80 columns', async () => {
    const r = await cli([
      'explain',
      'examples/kubernetes/flink-deployment.yaml',
      '--format',
      'markdown',
    ]);
    const block = r.stdout.split('```text\n')[1]!.split('```')[0]!;
    for (const line of block.trimEnd().split('\n'))
      expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('escapes Markdown in what it quotes from the configuration', () => {
    expect(mdText('a|b *c* <img src=x> [l](u)\nnext')).toBe(
      'a\\|b \\*c\\* \\<img src=x\\> \\[l\\](u) next',
    );
  });
});

describe('explain --format svg', () => {
  it('the README picture is what the command draws now', async () => {
    const r = await cli(README_PICTURE);
    expect(r.code).toBe(0);
    expect(
      readFileSync('docs/images/explain.svg', 'utf8'),
      'run: node bin/flink-mem.cjs ' + README_PICTURE.join(' ') + ' > docs/images/explain.svg',
    ).toBe(r.stdout);
  });

  it('holds no script, no external reference and no font download', async () => {
    const r = await cli([
      'explain',
      'examples/broken/flink-conf.yaml',
      'examples/standard/config.yaml',
      '--format',
      'svg',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(r.stdout).not.toMatch(/<script|@import|@font-face|href="http|url\(http|xlink:href/i);
    expect(r.stdout).toContain('@media (prefers-color-scheme:dark)');
  });

  it('escapes what the configuration says, in the SVG and in the HTML page', async () => {
    const yaml =
      'taskmanager.memory.process.size: "<script>alert(1)</script>&"\njobmanager.memory.process.size: 1g\n';
    for (const format of ['svg', 'html']) {
      const r = await cli(['explain', '-', '--format', format, '--input-format', 'config-yaml'], {
        stdin: yaml,
      });
      expect(r.code).toBe(1);
      expect(r.stdout).not.toContain('<script>');
      expect(r.stdout).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;');
    }
  });

  it('writes nothing but the error for an input it cannot read (exit 2)', async () => {
    const r = await cli(['explain', 'no-such-file.yaml', '--format', 'svg']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('does not exist');
  });

  it('xml() replaces characters XML cannot hold', () => {
    expect(xml('a\u0001b\uD800c<')).toBe('a\uFFFDb\uFFFDc&lt;');
  });

  it('wrap() breaks at spaces and cuts words longer than a line', () => {
    expect(wrap('aaa bbb ccc', 7)).toEqual(['aaa bbb', 'ccc']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('spread() keeps labels in order and apart', () => {
    expect(spread([0, 5, 100, 101], 20, 0)).toEqual([0, 20, 100, 120]);
    expect(spread([-50], 20, 10)).toEqual([10]);
  });

  it('optionsLabel() writes a family of options in one line', () => {
    expect(optionsLabel(['taskmanager.memory.network.min', 'taskmanager.memory.network.max'])).toBe(
      'taskmanager.memory.network.{min,max}',
    );
    expect(optionsLabel(['a.b'])).toBe('a.b');
  });
});
