/**
 * The bundled CLI's entry (dist/cli/flink-mem.cjs): `main()` runs the command line against the
 * real process; `run` is exported for the build's warm-up and for the benchmark.
 */
import { run } from './main.js';

export { run };

/**
 * A reader that stops early (`flink-mem lint . | head`) closes the pipe: Node then raises EPIPE
 * on standard output, which would end the process with a stack trace. Stop quietly instead,
 * like other command-line tools; any other write failure is one error line and exit 2.
 */
function guardStdout(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`flink-mem: error: cannot write to standard output (${err.code ?? err.message})\n`);
    process.exit(2);
  });
}

export function main(): Promise<number> {
  guardStdout();
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
