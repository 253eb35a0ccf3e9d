/**
 * The bundled CLI's entry (dist/cli/flink-mem.cjs): `main()` runs the command line against the
 * real process; `run` is exported for the build's warm-up and for the benchmark.
 */
import { fstatSync, statSync, writeSync } from 'node:fs';
import type { CliIO } from './io.js';
import { run } from './main.js';

export { run };
export { workStarted } from './work-started.js';

/**
 * A reader that goes away (`flink-mem lint . | head`) is not an error: stop quietly, as Unix tools
 * do, instead of letting Node report the broken pipe with a stack trace. Any other write failure
 * (a full disk behind a redirection) is one error line and exit 2.
 */
function writeFailed(fd: 1 | 2, e: NodeJS.ErrnoException): never {
  if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  if (fd === 1)
    process.stderr.write(
      `flink-mem: error: cannot write to standard output (${e.code ?? e.message})\n`,
    );
  process.exit(2);
}

/**
 * Output is gathered into chunks of this size: one write per result would be one system call
 * each. Small enough that a chunk is written before the young generation is collected: a
 * pending chunk that survives two collections is copied to the old generation, and over 10,000
 * files those copies were what made memory grow with the number of files.
 */
const CHUNK = 8 * 1024;

/**
 * Whether a descriptor is a file, a pipe, a socket or /dev/null, written directly; anything else
 * (a terminal above all) goes through Node's stream. Asking Node whether it is a terminal would
 * load the same stream modules the direct path saves.
 */
function plainOutput(fd: 1 | 2): boolean {
  try {
    const st = fstatSync(fd);
    if (st.isFile() || st.isFIFO() || st.isSocket()) return true;
    return st.isCharacterDevice() && st.rdev === statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}

/**
 * Writes to a file descriptor the way the CLI needs: a file or pipe is written directly (making
 * `process.stdout` loads Node's stream modules, a few milliseconds of every run); a terminal, or a
 * descriptor that would block, goes through Node's stream, which handles both.
 */
function outputTo(fd: 1 | 2, plain: boolean): (text: string) => void {
  let stream: NodeJS.WriteStream | null = plain ? null : viaStream(fd);
  return (text) => {
    if (stream) {
      stream.write(text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    let done = 0;
    try {
      while (done < bytes.length) done += writeSync(fd, bytes, done);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN')
        writeFailed(fd, e as NodeJS.ErrnoException);
      stream = viaStream(fd);
      stream.write(bytes.subarray(done));
    }
  };
}

function viaStream(fd: 1 | 2): NodeJS.WriteStream {
  const stream = fd === 1 ? process.stdout : process.stderr;
  stream.on('error', (e: NodeJS.ErrnoException) => writeFailed(fd, e));
  return stream;
}

export function main(): Promise<number> {
  // The model raises Flink's start-up failures as exceptions, thousands of them when explain and
  // lint search for fixes; capturing a stack for each costs time, and stacks are only ever
  // printed with FLINK_MEM_DEBUG.
  if (!process.env['FLINK_MEM_DEBUG']) Error.stackTraceLimit = 0;
  const plainOut = plainOutput(1);
  const out = outputTo(1, plainOut);
  // Standard error is set up when it is first written to: most runs never write to it.
  let errWriter: ((text: string) => void) | null = null;
  const err = (text: string) => (errWriter ??= outputTo(2, plainOutput(2)))(text);
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (size === 0) return;
    out(pending.join(''));
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
      err(s);
    },
    // Standard input is opened only by the commands that read it (it costs start-up time).
    get stdin() {
      return process.stdin;
    },
    get stdinIsTTY() {
      return Boolean(process.stdin.isTTY);
    },
    stdoutIsTTY: !plainOut && Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
  return run(process.argv.slice(2), io).finally(flush);
}
