/**
 * The CLI's only window on the outside world. Commands receive it instead of touching
 * `process`, so tests run the whole CLI in-process with captured streams.
 */
import type { Readable } from 'node:stream';

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

/** A problem with how the tool was called or with an input it cannot use at all. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}
