/**
 * The one error type for input flink-mem cannot use at all: a missing or unreadable file, a
 * malformed flag or `--set`, a bad linter config. They are not findings; the CLI prints the
 * message on one line and exits with code 2 (src/cli/io.ts, `exitFor`). Anything else thrown is a
 * bug in flink-mem (exit code 3).
 */

export type UsageErrorCode =
  /** The path does not exist. */
  | 'ENOENT'
  /** The path is a folder where a file was expected. */
  | 'EISDIR'
  /** No permission to read the path. */
  | 'EACCES'
  /**
   * A malformed argument, such as `--set` without `=` or a flag value that is not one of its
   * choices.
   */
  | 'EINVAL'
  /** The file is too large to hold as text. */
  | 'EFBIG'
  /** Any other read failure. */
  | 'EIO'
  /** The linter config (`.flink-mem.yaml`, `--config`) is invalid or cannot be read. */
  | 'ECONFIG'
  /** An input that can be read but not used: no Flink configuration in it, or not text. */
  | 'EINPUT';

export class UsageError extends Error {
  constructor(
    readonly code: UsageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * The code for a failed read: the file system's ENOENT, EISDIR, EACCES or EFBIG as they are,
 * anything else EIO.
 */
export function readFailureCode(e: unknown): UsageErrorCode {
  const code = (e as { code?: unknown } | null | undefined)?.code;
  return code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES' || code === 'EFBIG'
    ? code
    : 'EIO';
}
