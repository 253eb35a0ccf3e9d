/**
 * Where a report goes: standard output, or a file written atomically (a temporary file in the
 * same folder, renamed over the target at the end) so CI never uploads half a SARIF file.
 */
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { writeAll, writeFailure } from '../write.js';

export interface Sink {
  write(text: string): void;
  /** Makes the output visible (renames the temporary file into place). */
  commit(): void;
  /** Drops a partial output (after an internal error). */
  abort(): void;
}

/** A report that could not be written in full; nothing of it was left behind. */
export class OutputFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFailed';
  }
}

export function streamSink(write: (text: string) => void): Sink {
  return { write, commit() {}, abort() {} };
}

/** Opens the temporary file now, so an unwritable destination is reported before any linting. */
export function atomicFileSink(path: string, cwd: string): Sink {
  const target = resolve(cwd, path);
  // The rename at the end would fail on a folder, after all the linting: refuse it now.
  if (existsSync(target) && statSync(target).isDirectory())
    throw new Error('it is a folder, not a file');
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`,
  );
  let fd: number;
  try {
    fd = openSync(temp, 'wx');
  } catch (e) {
    // Say it about the user's path, not about our temporary file.
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT' || code === 'ENOTDIR'
        ? 'its folder does not exist'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? 'permission denied'
          : String(code ?? e),
      { cause: e },
    );
  }
  let open = true;
  let written = 0;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  const drop = () => {
    close();
    try {
      unlinkSync(temp);
    } catch {
      // Already gone: nothing to clean up.
    }
  };
  // A write that cannot finish (a full disk, a file-size limit) drops the partial report.
  const failed = (e: unknown): never => {
    drop();
    throw new OutputFailed(`cannot write "${path}": ${writeFailure(e)}; nothing was written`);
  };
  return {
    write(text) {
      if (!open) return;
      const bytes = Buffer.from(text, 'utf8');
      try {
        writeAll(fd, bytes);
      } catch (e) {
        failed(e);
      }
      written += bytes.length;
    },
    commit() {
      if (!open) return;
      try {
        fsyncSync(fd);
        if (fstatSync(fd).size !== written)
          throw new Error('only part of the report could be written');
        close();
        renameSync(temp, target);
      } catch (e) {
        failed(e);
      }
    },
    abort: drop,
  };
}
