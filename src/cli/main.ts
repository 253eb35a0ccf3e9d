/**
 * Command-line wiring. `run(argv, io)` runs one command and returns its exit code; it never exits
 * the process and never throws, so tests call it in-process. `flink-mem lint` and `flink-mem
 * explain` with operands and plainly written options (what a CI step or a quick check runs)
 * start the command directly; anything else (help, a usage error, the other commands) goes
 * through the command line parser of ./program.ts, loaded for it. Setting up the parser is most of
 * the start-up time such a plain run can save; the command gets the same request either way
 * (commands/requests.ts).
 */
import type { CliIO } from './io.js';
import { exitFor, withEnv } from './io.js';
import { explainRequest, lintRequest, plainValues } from './commands/requests.js';

/** Set when the CLI is built as one command's bundle (scripts/build.mjs). */
declare const FLINK_MEM_ONLY: string | undefined;

/** Runs the CLI; returns the exit code. */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  // As in the program, the command sees its own copy of the environment.
  const inner = () => withEnv(io, { ...io.env });
  try {
    if (typeof FLINK_MEM_ONLY !== 'string' || FLINK_MEM_ONLY === 'lint') {
      const plain = argv[0] === 'lint' ? plainValues('lint', argv.slice(1)) : undefined;
      if (plain) {
        const { runLint } = await import('./lint.js');
        return await runLint(lintRequest(plain.operands, plain.values), inner());
      }
    }
    if (typeof FLINK_MEM_ONLY !== 'string' || FLINK_MEM_ONLY === 'explain') {
      const plain = argv[0] === 'explain' ? plainValues('explain', argv.slice(1)) : undefined;
      if (plain) {
        const { runExplain } = await import('./explain/run.js');
        return await runExplain(explainRequest(plain.operands, plain.values), inner());
      }
    }
  } catch (e) {
    return exitFor(e, io);
  }
  const { runProgram } = await import('./program.js');
  return runProgram(argv, io);
}
