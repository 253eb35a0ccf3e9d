/**
 * What `lint --fix` and `--fix-dry-run` do with a fixed text: write it over the file atomically
 * (a temporary file in the same folder, flushed to disk, with the file's mode and owner, renamed over it),
 * or show it as a unified diff with git-style `a/` and `b/` paths, which `git apply` takes.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, fchmodSync, fchownSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createTwoFilesPatch } from 'diff';

/** Replaces the file's content in one step: readers see the old file or the new one, never a mix. */
export function writeAtomically(path: string, text: string): void {
  // Through a symbolic link, the file it points to is replaced, not the link.
  const target = realpathSync(path);
  // A rename would replace a file its owner made read-only; an editor would refuse, so do we (EACCES).
  accessSync(target, constants.W_OK);
  const stat = statSync(target);
  const mode = stat.mode & 0o7777;
  const temp = join(dirname(target), `.${basename(target)}.flink-mem-${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode);
    fchmodSync(fd, mode);
    try {
      // Keeps the owner when run as root on someone else's file; others cannot give files away.
      if (stat.uid !== process.getuid?.() || stat.gid !== process.getgid?.()) fchownSync(fd, stat.uid, stat.gid);
    } catch {
      // Not permitted: the file then belongs to whoever ran the fix, as with any editor.
    }
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Not created, or already renamed.
    }
    throw e;
  }
  syncFolder(dirname(target));
}

/**
 * Makes the rename itself durable (a crash right after it could otherwise bring back the old
 * file on some file systems). Where folders cannot be opened or synced (Windows), the rename
 * stands as it is.
 */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported here: nothing more to do.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A unified diff of one file, `--- a/<path>` / `+++ b/<path>`, with the path as the user typed it. */
export function unifiedDiff(shown: string, before: string, after: string): string {
  const patch = createTwoFilesPatch(`a/${shown}`, `b/${shown}`, before, after, undefined, undefined, { context: 3 });
  // jsdiff starts with a line of "=" that is not part of the unified format.
  return patch.replace(/^=+\n/, '');
}
