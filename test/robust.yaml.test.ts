/**
 * Hostile and broken YAML: malformed, nested 10,000 levels, alias bombs, prototype keys, empty
 * documents and roots that are no mapping. Each becomes a finding at file:line:col (or, for the
 * linter's own config, one usage-error line), in well under a second.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadText, rawConfig } from '../src/config/index.js';
import { cli } from './cli-harness.js';
import { expectFinding, expectNoCrash, expectUsageError, scratch } from './robust.helpers.js';

const s = scratch('yaml');
afterAll(() => s.remove());
const cwd = s.dir;
const OK = 'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n';

/** Lints text as config.yaml; returns the run for more checks. */
async function lintYaml(name: string, text: string) {
  s.file(name, text);
  return cli(['lint', name, '--input-format', 'config-yaml'], { cwd });
}

describe('malformed YAML is a finding at its position', () => {
  it('an unclosed flow list and an unterminated string', async () => {
    const r = await lintYaml('malformed.yaml', 'a: [1, 2\nb: {\n  c: "unterminated\n');
    expectFinding(r, 'malformed.yaml:2:1', 'config-syntax', /is not valid YAML/);
    expectUsageError(
      await cli(['explain', 'malformed.yaml', '--input-format', 'config-yaml'], { cwd }),
      /^flink-mem: error: malformed\.yaml:2:1: config\.yaml is not valid YAML/,
    );
  });

  it('a tab used for indentation, a duplicate key, an undefined alias', async () => {
    expectFinding(
      await lintYaml('tab.yaml', `${OK}taskmanager:\n\tmemory: 1\n`),
      'tab.yaml:4:1',
      'config-syntax',
      /not valid YAML/,
    );
    expectFinding(
      await lintYaml('dup.yaml', `${OK}taskmanager.memory.process.size: 2g\n`),
      'dup.yaml:3:1',
      'config-syntax',
    );
    // An alias without an anchor before it is a YAML error, not a null.
    const alias = await lintYaml('alias.yaml', `${OK}a: *nope\nb: *later\nc: &later 1\n`);
    expectFinding(
      alias,
      'alias.yaml:3:4',
      'config-syntax',
      /"a" is the alias \*nope, but no anchor &nope comes before it, so config\.yaml cannot be read as YAML/,
    );
    expectFinding(
      alias,
      'alias.yaml:4:4',
      'config-syntax',
      /"b" is the alias \*later, but no anchor &later comes before it/,
    );
    expect(alias.stdout).not.toMatch(/reads as null/);
  });
});

describe('nesting 10,000 levels deep is refused before parsing', () => {
  it('flow lists and flow mappings', async () => {
    const lists = await lintYaml('flow.yaml', `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    // Reported at the deepest point.
    expectFinding(lists, 'flow.yaml:1:10003', 'config-syntax', /nests deeper than 200 levels/);
    const maps = await lintYaml(
      'flowmap.yaml',
      `a: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
    );
    expectFinding(maps, 'flowmap.yaml:1:40000', 'config-syntax', /nests deeper than 200 levels/);
  });

  it('block sequences and block mappings', async () => {
    expectFinding(
      await lintYaml('block.yaml', `${'- '.repeat(10_000)}x\n`),
      'block.yaml:1:1',
      'config-syntax',
      /nests deeper than 200 levels/,
    );
    // 10,000 indented mappings (50 MB of spaces at one space per level) are too large anyway; 1,000
    // show the depth check.
    const lines = Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k:`);
    expectFinding(
      await lintYaml('blockmap.yaml', `${lines.join('\n')} 1\n`),
      'blockmap.yaml:1000:1000',
      'config-syntax',
      /nests deeper than 200 levels/,
    );
  });

  it('in a Kubernetes manifest and in the linter config', async () => {
    s.file(
      'deep-manifest.yaml',
      `apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec: ${'['.repeat(10_000)}\n`,
    );
    expectFinding(
      await cli(['lint', 'deep-manifest.yaml'], { cwd }),
      'deep-manifest.yaml:3:10006',
      'config-syntax',
      /the manifest nests deeper than 200 levels/,
    );
    s.file('.flink-mem.yaml', `rules: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    s.file('ok.yaml', OK);
    expectUsageError(
      await cli(['lint', 'ok.yaml'], { cwd }),
      /^flink-mem: error: \.flink-mem\.yaml: /,
    );
    s.file('.flink-mem.yaml', 'rules: {}\n');
  });
});

describe('alias bombs are bounded with a clear finding', () => {
  const letters = 'abcdefghij';
  /** The "billion laughs": ten levels, each a list of nine aliases to the level below. */
  const laughs = [
    `a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`,
    ...[...letters.slice(1)].map(
      (l, i) => `${l}: &${l} [${Array(9).fill(`*${letters[i]}`).join(', ')}]`,
    ),
  ].join('\n');
  /** The same with mappings, which config.yaml flattens into keys. */
  const mapBomb = [
    'a: &a {x: 1, y: 2}',
    ...Array.from(
      { length: 19 },
      (_, i) =>
        `k${i}: &k${i} {p: *${i === 0 ? 'a' : `k${i - 1}`}, q: *${i === 0 ? 'a' : `k${i - 1}`}}`,
    ),
  ].join('\n');

  it('lists of aliases: each list that would explode is a finding, the rest is read', async () => {
    const r = await lintYaml('laughs.yaml', `${OK}${laughs}\n`);
    expectFinding(
      r,
      'laughs.yaml:7:7',
      'config-syntax',
      /"e" holds a list too large or too deep to read/,
    );
    expect(r.stdout).toMatch(/6 errors in 1 file/);
  });

  it('mappings of aliases: reading stops after 1,000 alias expansions', async () => {
    const r = await lintYaml('mapbomb.yaml', `${OK}${mapBomb}\n`);
    expectFinding(
      r,
      'mapbomb.yaml:1:1',
      'config-syntax',
      /not read further: more than 1000 aliases to collections/,
    );
    for (const cmd of ['explain', 'doctor']) {
      const args =
        cmd === 'doctor'
          ? [
              'doctor',
              '--error',
              'java.lang.OutOfMemoryError: Java heap space',
              '--config',
              'mapbomb.yaml',
            ]
          : ['explain', 'mapbomb.yaml', '--input-format', 'config-yaml'];
      const run = await cli(args, { cwd });
      expectNoCrash(run);
    }
  });

  it('an anchor name used again: each alias takes the latest anchor before it (a binary search; a scan per alias was quadratic)', () => {
    const interleaved = Array.from({ length: 5000 }, (_, i) => `k${i}: &a ${i}\nm${i}: *a`).join(
      '\n',
    );
    const doc = loadText(`${interleaved}\nlast: *a\n`, 'config.yaml').documents[0]!;
    for (const i of [0, 1, 2, 2500, 4999])
      expect(doc.effective.get(`m${i}`)?.value).toEqual({ kind: 'int', value: BigInt(i) });
    expect(doc.effective.get('last')?.value).toEqual({ kind: 'int', value: 4999n });
    expect(doc.problems).toEqual([]);
  });

  it('a list that contains itself', async () => {
    expectFinding(
      await lintYaml('self.yaml', `${OK}a: &a [*a]\n`),
      'self.yaml:3:7',
      'config-syntax',
      /"a" holds a list too large or too deep to read/,
    );
  });

  it("the linter config: yaml's maxAliasCount (100) refuses a bomb in one line", async () => {
    s.file('.flink-mem.yaml', `${laughs}\nrules: {}\n`);
    s.file('ok.yaml', OK);
    expectUsageError(
      await cli(['lint', 'ok.yaml'], { cwd }),
      /^flink-mem: error: \.flink-mem\.yaml: cannot read the linter config: .*alias/i,
    );
    s.file('.flink-mem.yaml', 'rules: {}\n');
  });
});

describe('__proto__, constructor and prototype are ordinary keys', () => {
  const text = `${OK}__proto__: {polluted: 1}\nconstructor: {prototype: {polluted: 2}}\ntaskmanager:\n  memory:\n    __proto__: {polluted: 3}\n    constructor: 4\n`;

  it('no prototype pollution; the keys are read like any other', () => {
    for (const format of ['config-yaml', 'flink-conf', 'k8s'] as const) {
      const loaded = loadText(
        format === 'k8s'
          ? `kind: FlinkDeployment\napiVersion: flink.apache.org/v1beta1\nspec:\n  flinkConfiguration:\n${text.replace(/^/gm, '    ')}`
          : text,
        'proto.yaml',
        { format },
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.getPrototypeOf({})).toBe(Object.prototype);
      const keys = [...rawConfig(loaded.documents[0]!).keys()];
      if (format === 'flink-conf')
        expect(keys).toEqual(
          expect.arrayContaining(['__proto__', 'constructor', '__proto__', 'constructor']),
        );
      else
        expect(keys).toEqual(
          expect.arrayContaining([
            '__proto__.polluted',
            'constructor.prototype.polluted',
            'taskmanager.memory.__proto__.polluted',
            'taskmanager.memory.constructor',
          ]),
        );
    }
  });

  it('under taskmanager.memory they are unknown keys, reported where they are written', async () => {
    const r = await lintYaml('config.yaml', text);
    expectFinding(
      r,
      'config.yaml:7:17',
      'unknown-key',
      /"taskmanager\.memory\.__proto__\.polluted" \(3\)/,
    );
    expectFinding(r, 'config.yaml:8:5', 'unknown-key', /"taskmanager\.memory\.constructor" \(4\)/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('empty documents, other roots, null values', () => {
  it('empty, comment-only and "---" files are an empty configuration', async () => {
    for (const [name, text] of [
      ['empty.yaml', ''],
      ['comment.yaml', '# nothing\n'],
      ['marker.yaml', '---\n'],
      ['end.yaml', '---\n...\n'],
    ] as const) {
      const r = await lintYaml(name, text);
      expectFinding(r, `${name}:1:1`, 'no-total-memory-configured');
      expect(r.stdout).not.toMatch(/config-syntax/);
    }
  });

  it('several documents: Flink reads exactly one', async () => {
    expectFinding(
      await lintYaml('multi.yaml', `${OK}---\n${OK}`),
      'multi.yaml:3:1',
      'config-syntax',
      /more than one YAML document/,
    );
  });

  it('a root that is a list or a scalar', async () => {
    expectFinding(
      await lintYaml('list.yaml', '- a\n- b\n'),
      'list.yaml:1:1',
      'config-syntax',
      /top level of config\.yaml is a list/,
    );
    expectFinding(
      await lintYaml('scalar.yaml', 'hello\n'),
      'scalar.yaml:1:1',
      'config-syntax',
      /top level of config\.yaml is a single value/,
    );
    expectFinding(
      await lintYaml('number.yaml', '42\n'),
      'number.yaml:1:1',
      'config-syntax',
      /a single value/,
    );
    expectUsageError(
      await cli(['explain', 'list.yaml', '--input-format', 'config-yaml'], { cwd }),
      /^flink-mem: error: list\.yaml:1:1: the top level of config\.yaml is a list/,
    );
  });

  it('null values: Flink refuses the file, we point at each', async () => {
    const r = await lintYaml(
      'nulls.yaml',
      'taskmanager.memory.process.size:\njobmanager.memory.process.size: ~\ntaskmanager.memory.managed.size: null\n',
    );
    expectFinding(
      r,
      'nulls.yaml:1:1',
      'config-syntax',
      /"taskmanager\.memory\.process\.size" has no value/,
    );
    expectFinding(r, 'nulls.yaml:2:33', 'config-syntax', /is ~, which YAML reads as null/);
    expectFinding(r, 'nulls.yaml:3:34', 'config-syntax', /is null, which YAML reads as null/);
  });
});
