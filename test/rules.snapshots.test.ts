/**
 * The rendered `flink-mem lint` text output of every invalid fixture, kept next to it as
 * `invalid-x.out` (colours off, paths relative to the fixture's folder), so wording changes show
 * in review and docs/rules.md can show tested output. Update with `npx vitest run -u`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../src/cli/io.js';
import { runLint } from '../src/cli/lint.js';
import type { Fixture } from './fixtures.js';
import { loadFixtures } from './fixtures.js';

// An empty linter config, so a .flink-mem.yaml somewhere above the repository cannot change the
// output.
const isolation = mkdtempSync(join(tmpdir(), 'flink-mem-snap-'));
const emptyConfig = join(isolation, '.flink-mem.yaml');
writeFileSync(emptyConfig, '');
afterAll(() => rmSync(isolation, { recursive: true, force: true }));

/** What `flink-mem lint <fixture> <flags from its directive>` prints in the fixture's folder. */
async function fixtureOutput(f: Fixture, lang: 'en' | 'zh' = 'en'): Promise<string> {
  let out = '';
  const io: CliIO = {
    write: (s) => void (out += s),
    error: () => {},
    stdin: Readable.from([]),
    stdinIsTTY: false,
    stdoutIsTTY: false,
    env: {},
    cwd: dirname(f.path),
  };
  const d = f.directives;
  await runLint(
    {
      inputs: [basename(f.path)],
      config: emptyConfig,
      ...(d.format ? { inputFormat: d.format } : {}),
      ...(d.version ? { flinkVersion: d.version } : {}),
      ...(d.target ? { target: d.target } : {}),
      ...(d.containerMemory ? { containerMemory: d.containerMemory } : {}),
      lang,
    },
    io,
  );
  return out;
}

describe('text output of each invalid fixture matches its .out file', () => {
  for (const f of loadFixtures().filter((x) => !x.valid)) {
    it(`${f.ruleId}/${f.name}`, async () => {
      await expect(await fixtureOutput(f)).toMatchFileSnapshot(
        f.path.replace(/\.(ya?ml|conf)$/, '.out'),
      );
    });
  }
});

// The example docs/zh/rules.md shows for each rule (its first invalid fixture by name), in Chinese.
describe("Chinese text output of each rule's example fixture matches its .zh.out file", () => {
  const first = new Map<string, Fixture>();
  const examples = loadFixtures()
    .filter((x) => !x.valid && /^invalid-.*\.(ya?ml|conf)$/.test(basename(x.path)))
    .sort((a, b) => (basename(a.path) < basename(b.path) ? -1 : 1));
  for (const f of examples) if (!first.has(f.ruleId)) first.set(f.ruleId, f);
  for (const f of first.values()) {
    it(`${f.ruleId}/${f.name}`, async () => {
      await expect(await fixtureOutput(f, 'zh')).toMatchFileSnapshot(
        f.path.replace(/\.(ya?ml|conf)$/, '.zh.out'),
      );
    });
  }
});
