/**
 * `flink-mem lint <inputs>` and `flink-mem explain <files>` without options start the command
 * without commander (src/cli/main.ts). What the user sees must be the same as through commander:
 * the values it gives a command with no options are `NO_OPTIONS`, and a run through the parser
 * (forced by spelling out a default) prints the same and exits the same.
 */
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram } from '../src/cli/program.js';
import { NO_OPTIONS } from '../src/cli/commands/requests.js';
import { cli } from './cli-harness.js';

const io = {
  write() {},
  error() {},
  stdin: Readable.from([]),
  stdinIsTTY: true,
  stdoutIsTTY: false,
  env: {},
  cwd: process.cwd(),
};

describe('a command given no options', () => {
  for (const name of ['lint', 'explain'] as const) {
    it(`gets from commander exactly NO_OPTIONS.${name}`, () => {
      const program = buildProgram(io, { code: 0 }, 'en', name);
      const command = program.commands.find((c) => c.name() === name)!;
      expect(command.opts()).toEqual(NO_OPTIONS[name]);
    });
  }

  const work = mkdtempSync(join(tmpdir(), 'flink-mem-plain-'));
  const broken = join(work, 'flink-conf.yaml');
  writeFileSync(
    broken,
    'taskmanager.memory.process.size: 1g\ntaskmanager.memory.network.fraction: 1.5\n',
  );
  const cases: [string, string[]][] = [
    ['examples', ['examples/standalone', 'examples/standard', 'examples/kubernetes']],
    ['a file with errors', [broken]],
    ['a missing file', [join(work, 'missing.yaml'), 'examples/standalone']],
    ['a folder', [work]],
  ];
  for (const [what, inputs] of cases) {
    it(`lint prints and exits as through the parser: ${what}`, async () => {
      const plain = await cli(['lint', ...inputs]);
      const parsed = await cli(['lint', ...inputs, '--fail-on', 'error']);
      expect(plain).toEqual(parsed);
      expect(plain.stdout + plain.stderr).not.toBe('');
    });
    it(`explain prints and exits as through the parser: ${what}`, async () => {
      const plain = await cli(['explain', ...inputs]);
      const parsed = await cli(['explain', ...inputs, '--format', 'text']);
      expect(plain).toEqual(parsed);
      expect(plain.stdout + plain.stderr).not.toBe('');
    });
  }

  it('answers in the language of the environment, as through the parser', async () => {
    const env = { LANG: 'zh_CN.UTF-8' };
    const plain = await cli(['lint', broken], { env });
    expect(plain).toEqual(await cli(['lint', broken, '--fail-on', 'error'], { env }));
    expect(plain.stdout).toMatch(/[\u4e00-\u9fff]/);
  });
});
