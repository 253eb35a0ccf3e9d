/**
 * Command-line wiring. `run(argv, io)` runs one command and returns its exit code; it never exits
 * the process and never throws, so tests call it in-process. `flink-mem lint <inputs>` and
 * `flink-mem explain <files>` with no options (what a CI step or a quick check runs) start the
 * command directly; anything else goes through the command line parser of ./program.ts, loaded
 * for it. Setting up the parser is most of the start-up time such a plain run can save; the
 * command gets the same request either way (commands/requests.ts).
 */
import type { CliIO } from './io.js';
import { exitFor, withEnv } from './io.js';
import { explainRequest, lintRequest, NO_OPTIONS } from './commands/requests.js';

/** Set when the CLI is built as one command's bundle (scripts/build.mjs). */
declare const FLINK_MEM_ONLY: string | undefined;

/** The operands of a plain run of `command`: its name, then at least one operand and no option. */
function plainOperands(argv: readonly string[], command: string): string[] | undefined {
  if (argv[0] !== command || argv.length < 2) return undefined;
  const operands = argv.slice(1);
  return operands.every((a) => !a.startsWith('-')) ? operands : undefined;
}

/** Runs the CLI; returns the exit code. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  // As in the program, the command sees its own copy of the environment.
  const inner = () => withEnv(io, { ...io.env });
  try {
    if (typeof FLINK_MEM_ONLY !== 'string' || FLINK_MEM_ONLY === 'lint') {
      const inputs = plainOperands(argv, 'lint');
      if (inputs) {
        const { runLint } = await import('./lint.js');
        return await runLint(lintRequest(inputs, { ...NO_OPTIONS.lint }), inner());
      }
    }
    if (typeof FLINK_MEM_ONLY !== 'string' || FLINK_MEM_ONLY === 'explain') {
      const files = plainOperands(argv, 'explain');
      if (files) {
        const { runExplain } = await import('./explain/run.js');
        return await runExplain(explainRequest(files, { ...NO_OPTIONS.explain }), inner());
      }
    }
  } catch (e) {
    return exitFor(e, io);
  }
  const { runProgram } = await import('./program.js');
  return runProgram(argv, io);
}
