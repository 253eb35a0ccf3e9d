/**
 * Where a report goes: standard output, or a file written atomically (a temporary file in the
 * same folder, renamed over the target at the end) so CI never uploads half a SARIF file.
 */
import { closeSync, existsSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface Sink {
  write(text: string): void;
  /** Makes the output visible (renames the temporary file into place). */
  commit(): void;
  /** Drops a partial output (after an internal error). */
  abort(): void;
}

export function streamSink(write: (text: string) => void): Sink {
  return { write, commit() {}, abort() {} };
}

/** Opens the temporary file now, so an unwritable destination is reported before any linting. */
export function atomicFileSink(path: string, cwd: string): Sink {
  const target = resolve(cwd, path);
  // The rename at the end would fail on a folder, after all the linting: refuse it now.
  if (existsSync(target) && statSync(target).isDirectory()) throw new Error('it is a folder, not a file');
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, 'wx');
  } catch (e) {
    // Say it about the user's path, not about our temporary file.
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' || code === 'ENOTDIR' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied' : String(code ?? e));
  }
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write(text) {
      writeSync(fd, text);
    },
    commit() {
      close();
      renameSync(temp, target);
    },
    abort() {
      close();
      try {
        unlinkSync(temp);
      } catch {
        // Already gone: nothing to clean up.
      }
    },
  };
}
