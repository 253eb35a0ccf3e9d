/**
 * The CLI's only window on the outside world. Commands receive it instead of touching
 * `process`, so tests run the whole CLI in-process with captured streams.
 */
import type { Readable } from 'node:stream';
import { UsageError } from '../primitives/usage-error.js';

export interface CliIO {
  write(text: string): void;
  error(text: string): void;
  /** Standard input as a stream (used for `-` and piped doctor input). */
  readonly stdin: Readable;
  /** Whether standard input is a terminal (then the doctor does not wait for it). */
  readonly stdinIsTTY: boolean;
  /** Whether standard output is a terminal (colours, bars). */
  readonly stdoutIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** Exit codes, as documented in the README. */
export const EXIT = {
  ok: 0,
  findings: 1,
  usage: 2,
  internal: 3,
} as const;

/**
 * The one mapping from a thrown error to what the user sees and the exit code: a UsageError is
 * one line and exit code 2; anything else is a bug in flink-mem, exit code 3 (with the stack when
 * FLINK_MEM_DEBUG is set). `say` prints a usage line (lint escapes and de-duplicates them).
 */
export function exitFor(
  e: unknown,
  io: CliIO,
  say: (message: string) => void = (m) => io.error(`flink-mem: error: ${m}\n`),
): number {
  if (e instanceof UsageError) {
    say(e.message);
    return EXIT.usage;
  }
  io.error(
    `flink-mem: internal error: ${e instanceof Error ? e.message : String(e)}\nThis is a bug in flink-mem; please report it with the input that caused it.\n`,
  );
  if (io.env['FLINK_MEM_DEBUG'])
    io.error(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return EXIT.internal;
}

/**
 * Commander's own errors in the shape of ours: one line starting `flink-mem: error:` (it puts a
 * "Did you mean" suggestion on a second line, which would break scripts reading one line).
 */
export function oneLineError(text: string): string {
  return `flink-mem: error: ${text
    .trim()
    .replace(/^error:\s*/, '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ')}\n`;
}

/** The same window on the world with an environment of its own (standard input stays lazy). */
export function withEnv(io: CliIO, env: Record<string, string | undefined>): CliIO {
  return {
    write: (s) => io.write(s),
    error: (s) => io.error(s),
    get stdin() {
      return io.stdin;
    },
    get stdinIsTTY() {
      return io.stdinIsTTY;
    },
    stdoutIsTTY: io.stdoutIsTTY,
    env,
    cwd: io.cwd,
  };
}
