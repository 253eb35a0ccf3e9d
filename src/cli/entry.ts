/**
 * The bundled CLI's entry (dist/cli/flink-mem.cjs): `main()` runs the command line against the
 * real process; `run` is exported for the build's warm-up and for the benchmark.
 */
import type { CliIO } from './io.js';
import { run } from './main.js';

export { run };

/**
 * A reader that goes away (`flink-mem lint . | head`) is not an error: stop quietly, as Unix tools
 * do, instead of letting Node report the broken pipe with a stack trace. Any other write failure
 * (a full disk behind a redirection) is one error line and exit 2.
 */
function exitQuietlyOnBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    if (stream !== process.stderr) process.stderr.write(`flink-mem: error: cannot write to standard output (${e.code ?? e.message})\n`);
    process.exit(2);
  });
}

/**
 * Output is gathered into chunks of this size: one write per result would be one system call
 * each. Small enough that a chunk is written before the young generation is collected: a
 * pending chunk that survives two collections is copied to the old generation, and over 10,000
 * files those copies were what made memory grow with the number of files.
 */
const CHUNK = 8 * 1024;

export function main(): Promise<number> {
  exitQuietlyOnBrokenPipe(process.stdout);
  exitQuietlyOnBrokenPipe(process.stderr);
  // The model raises Flink's start-up failures as exceptions, thousands of them when explain and
  // lint search for fixes; capturing a stack for each costs time, and stacks are only ever
  // printed with FLINK_MEM_DEBUG.
  if (!process.env['FLINK_MEM_DEBUG']) Error.stackTraceLimit = 0;
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (size === 0) return;
    process.stdout.write(pending.join(''));
    pending = [];
    size = 0;
  };
  const io: CliIO = {
    write: (s) => {
      pending.push(s);
      size += s.length;
      if (size >= CHUNK) flush();
    },
    // Errors keep their place among the results when both go to one terminal.
    error: (s) => {
      flush();
      process.stderr.write(s);
    },
    // Standard input is opened only by the commands that read it (it costs start-up time).
    get stdin() {
      return process.stdin;
    },
    get stdinIsTTY() {
      return Boolean(process.stdin.isTTY);
    },
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
  return run(process.argv.slice(2), io).finally(flush);
}
