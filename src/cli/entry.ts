/**
 * The bundled CLI's entry (dist/cli/flink-mem.cjs): `main()` runs the command line against the
 * real process; `run` is exported for the build's warm-up and for the benchmark.
 */
import { run } from './main.js';

export { run };

export function main(): Promise<number> {
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
