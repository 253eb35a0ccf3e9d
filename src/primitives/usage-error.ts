/**
 * Usage errors: the input cannot be read at all (missing file, a folder, a malformed `--set`).
 * They are not findings; the CLI prints the message and exits with code 2.
 */

export type UsageErrorCode =
  /** The path does not exist. */
  | 'ENOENT'
  /** The path is a folder where a file was expected. */
  | 'EISDIR'
  /** No permission to read the path. */
  | 'EACCES'
  /** A malformed argument, such as `--set` without `=`. */
  | 'EINVAL'
  /** The file is too large to hold as text. */
  | 'EFBIG'
  /** Any other read failure. */
  | 'EIO';

export class UsageError extends Error {
  constructor(
    readonly code: UsageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
