/**
 * The bundled CLI's entry (dist/cli/flink-mem.cjs): `main()` runs the command line against the
 * real process; `run` is exported for the build's warm-up and for the benchmark.
 */
import { run } from './main.js';

export { run };

/**
 * A reader that goes away (`flink-mem lint . | head`) is not an error: stop quietly, as Unix tools
 * do, instead of letting Node report the broken pipe with a stack trace.
 */
function exitQuietlyOnBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw e;
  });
}

export function main(): Promise<number> {
  exitQuietlyOnBrokenPipe(process.stdout);
  exitQuietlyOnBrokenPipe(process.stderr);
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
