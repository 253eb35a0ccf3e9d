/**
 * Where a report goes: standard output, or a file written atomically (a temporary file in the
 * same folder, renamed over the target at the end) so CI never uploads half a SARIF file.
 */
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
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
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  const fd = openSync(temp, 'wx');
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
