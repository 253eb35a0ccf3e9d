/**
 * The bundled CLI's entry (dist/cli/flink-mem.cjs): `main()` runs the command line against the
 * real process; `run` is exported for the build's warm-up and for the benchmark.
 */
import { run } from './main.js';

export { run };

export function main(): Promise<number> {
  // A reader that stops early (`flink-mem lint ... | head`) closes the pipe: stop quietly, as
  // other command-line tools do, instead of dying on an unhandled EPIPE with a stack trace. The
  // exit code stays what Node gave before (1) unless the run already finished with its own.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 1);
  });
  return run(process.argv.slice(2), {
    write: (s) => void process.stdout.write(s),
    error: (s) => void process.stderr.write(s),
    stdin: process.stdin,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
  });
}
