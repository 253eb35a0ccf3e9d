/**
 * `flink-mem lint` and `flink-mem explain` with operands and plainly written options start the
 * command without commander (src/cli/main.ts). What the user sees must be the same as through
 * commander: the values `plainValues` reads are the ones commander gives the command's action,
 * for any arguments it reads at all (it leaves the rest to commander), and a run through the parser
 * (forced by `--no-color`, which the plain reading leaves to commander and which changes nothing
 * here: the harness sets NO_COLOR) prints the same and exits the same.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildProgram } from '../src/cli/program.js';
import { NO_OPTIONS, plainValues } from '../src/cli/commands/requests.js';
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

/** The operands and option values commander gives the command's action, or 'rejected'. */
async function viaCommander(
  command: 'lint' | 'explain',
  args: readonly string[],
): Promise<{ operands: string[]; values: Record<string, unknown> } | 'rejected'> {
  let got: { operands: string[]; values: Record<string, unknown> } | undefined;
  const program = buildProgram(io, { code: 0 }, 'en', command);
  program.commands
    .find((c) => c.name() === command)!
    .action((operands: string[], o: Record<string, unknown>) => {
      got = { operands, values: { ...o } };
    });
  try {
    await program.parseAsync([command, ...args], { from: 'user' });
  } catch {
    return 'rejected';
  }
  return got ?? 'rejected';
}

/** Every option of the two commands as commander defines it, and some it does not have. */
const OPTION_NAMES = [
  ...new Set(
    (['lint', 'explain'] as const).flatMap((name) =>
      buildProgram(io, { code: 0 }, 'en', name)
        .commands.find((c) => c.name() === name)!
        .options.map((o) => o.long!),
    ),
  ),
  '--bogus',
  '-q',
  '-h',
  '--help',
  '--',
  '-',
  '--color',
  '--no-color',
  '--ignore',
  '--no-trace',
  '-v',
];
const VALUES = [
  'sarif',
  'text',
  'json',
  'html',
  'svg',
  'kubernetes',
  'yarn',
  'k8s',
  'flink-conf',
  'both',
  'jobmanager',
  '1.20',
  'x=1',
  '-y',
  '',
  'a=b=c',
  'error',
  'warning',
  'zh',
  'conf/c.yaml',
];
const OPERANDS = ['conf/flink-conf.yaml', 'k8s', 'a b.yaml', 'help', 'lint', '0'];
const token = fc.oneof(
  fc.constantFrom(...OPERANDS).map((o) => [o]),
  fc.constantFrom(...OPTION_NAMES).map((o) => [o]),
  fc.tuple(fc.constantFrom(...OPTION_NAMES), fc.constantFrom(...VALUES)).map(([o, v]) => [o, v]),
  fc
    .tuple(fc.constantFrom(...OPTION_NAMES), fc.constantFrom(...VALUES))
    .map(([o, v]) => [`${o}=${v}`]),
);

describe('plainValues', () => {
  for (const command of ['lint', 'explain'] as const) {
    it(`reads ${command}'s arguments as commander does, or leaves them to it`, async () => {
      let read = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(token, { maxLength: 7 }), async (tokens) => {
          const args = tokens.flat();
          const plain = plainValues(command, args);
          if (plain === undefined) return;
          read++;
          expect(await viaCommander(command, args), JSON.stringify(args)).toEqual(plain);
        }),
        { numRuns: 3000 },
      );
      // The property says something only if many argument lists were read without commander.
      expect(read).toBeGreaterThan(150);
    });
  }

  it.each([
    ['lint', ['conf/'], true],
    ['lint', ['conf/', '--format', 'sarif', '--output', 'out.sarif'], true],
    ['lint', ['--fail-on=warning', 'a.yaml', '--quiet', '--no-ignore'], true],
    ['explain', ['conf/config.yaml', '--format', 'html', '--trace'], true],
    ['lint', ['-'], false],
    ['lint', ['a.yaml', '--help'], false],
    ['lint', ['a.yaml', '--format'], false],
    ['explain', ['a.yaml', '--format', 'pdf'], false],
    ['explain', ['--trace'], false],
  ] as const)('%s %j is read without commander: %s', (command, args, plain) => {
    expect(plainValues(command, args) !== undefined).toBe(plain);
  });
});

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
      const parsed = await cli(['lint', ...inputs, '--no-color']);
      expect(plain).toEqual(parsed);
      expect(plain.stdout + plain.stderr).not.toBe('');
    });
    it(`explain prints and exits as through the parser: ${what}`, async () => {
      const plain = await cli(['explain', ...inputs]);
      const parsed = await cli(['explain', ...inputs, '--no-color']);
      expect(plain).toEqual(parsed);
      expect(plain.stdout + plain.stderr).not.toBe('');
    });
  }

  it('answers in the language of the environment, as through the parser', async () => {
    const env = { LANG: 'zh_CN.UTF-8' };
    const plain = await cli(['lint', broken], { env });
    expect(plain).toEqual(await cli(['lint', broken, '--no-color'], { env }));
    expect(plain.stdout).toMatch(/[\u4e00-\u9fff]/);
  });
});
