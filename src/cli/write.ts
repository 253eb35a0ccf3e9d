/**
 * Writing files in full: writeSync may write fewer bytes than asked (a file-size limit, a full
 * disk), so every write loops until done or fails, and failures are told in words.
 */
import { nodeCrypto } from './node-crypto.js';
import { statSync, writeSync } from 'node:fs';
import type { Stats } from 'node:fs';

/** A file that --fix will not replace, in words for the user (`the file is read-only`). */
export class WriteRefused extends Error {
  constructor(
    why: string,
    readonly code?: string,
  ) {
    super(why);
    this.name = 'WriteRefused';
  }
}

/** Why a write failed, in words, from its error code. */
const WRITE_ERRORS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EFBIG: 'the file would exceed the file-size limit',
  EACCES: 'permission denied',
  EPERM: 'the file may not be changed',
  EROFS: 'the file system is read-only',
  EIO: 'the disk reported an input/output error',
};

/** One phrase for a failed write: `the disk is full (ENOSPC)`. */
export function writeFailure(e: unknown): string {
  if (e instanceof WriteRefused) return e.message;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code) return `${WRITE_ERRORS[code] ?? 'the write failed'} (${code})`;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Writes every byte or throws: writeSync may write fewer than asked (a size limit, a full disk).
 */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) {
    const n = writeSync(fd, bytes, done, bytes.length - done);
    if (n <= 0) throw Object.assign(new Error('nothing more could be written'), { code: 'ENOSPC' });
    done += n;
  }
}

/** What a file was when it was read: checked again just before it is replaced. */
export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly dev: number;
  readonly ino: number;
  readonly sha256: string;
}

export const sha256 = (bytes: Uint8Array) =>
  nodeCrypto().createHash('sha256').update(bytes).digest('hex');

/** The stamp of a file from the bytes just read from it (and a stat taken after the read). */
export function fileStamp(
  path: string,
  bytes: Uint8Array,
  stat: Stats = statSync(path),
): FileStamp {
  return {
    size: stat.size,
    mtimeMs: stat.mtimeMs,
    dev: stat.dev,
    ino: stat.ino,
    sha256: sha256(bytes),
  };
}
