/**
 * Reading an input file with bounds: regular files only (a FIFO would block for ever, a link to
 * /dev/zero would never end) and at most a given number of bytes (a file may also grow while it
 * is read). Failures carry a code and say why in the words of a usage error.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { Stats } from 'node:fs';

/** Far beyond any configuration; the YAML reader refuses much less (see yaml-guard.ts). */
export const MAX_CONFIG_BYTES = 256 * 1024 * 1024;

export class ReadRefused extends Error {
  constructor(
    readonly code: 'EFBIG' | 'ENOTREG',
    /** Why, to follow the file's name: `is a FIFO (named pipe), not a regular file`. */
    message: string,
  ) {
    super(message);
    this.name = 'ReadRefused';
  }
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;

/**
 * The bytes of a regular file, at most `maxBytes`. Throws ReadRefused for anything else, or the
 * file system's own error (ENOENT, EACCES, EISDIR as code) when it cannot be opened. `after.stat`
 * receives the file's state taken once the bytes are read.
 */
export function readRegularFile(
  path: string,
  maxBytes: number,
  what = 'a Flink configuration',
  after?: { stat?: Stats },
): Buffer {
  // Non-blocking, so that opening a FIFO returns at once instead of waiting for a writer.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (!st.isFile())
      throw new ReadRefused('ENOTREG', `is ${kindOf(st)}, not a regular file; it is not read`);
    const tooLarge = () =>
      new ReadRefused(
        'EFBIG',
        `is larger than ${sizeText(maxBytes)}, too large to be ${what}; it is not read`,
      );
    if (st.size > maxBytes) throw tooLarge();
    let buf = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        if (total > maxBytes) throw tooLarge();
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, maxBytes + 1));
        buf.copy(bigger, 0, 0, total);
        buf = bigger;
      }
      const n = readSync(fd, buf, total, buf.length - total, null);
      if (n === 0) break;
      total += n;
    }
    if (total > maxBytes) throw tooLarge();
    // For --fix: what the file was once read, compared again before it is replaced.
    if (after) after.stat = fstatSync(fd);
    return buf.subarray(0, total);
  } finally {
    closeSync(fd);
  }
}
