/**
 * What `lint --fix` and `--fix-dry-run` do with a fixed text: write it over the file atomically
 * (a temporary file in the same folder, written in full, flushed to disk, with the file's mode and
 * owner,
 * renamed over it once the file is known to be unchanged),
 * or show it as a unified diff with git-style `a/` and `b/` paths, which `git apply` takes.
 */
import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { nodeCrypto } from './node-crypto.js';
import { sha256, WriteRefused, writeAll } from './write.js';
import type { FileStamp } from './write.js';

export { fileStamp, writeFailure } from './write.js';

/**
 * True when no write permission bit is set: root would be allowed to write, an editor would refuse.
 */
const readOnly = (mode: number) => (mode & 0o222) === 0;

/**
 * Refuses a file --fix must not replace: a link, not a plain file, read-only (by mode, so as root
 * too), hard-linked.
 */
function checkReplaceable(path: string): Stats {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink())
    throw new WriteRefused(
      'it is a symbolic link, and --fix never writes through a link (run it on the file the link points to)',
    );
  if (!stat.isFile()) throw new WriteRefused('it is not a regular file');
  if (readOnly(stat.mode)) throw new WriteRefused('the file is read-only', 'EACCES');
  if (stat.nlink > 1)
    throw new WriteRefused(`the file has ${stat.nlink} hard links, which a rewrite would separate`);
  const dir = dirname(path);
  if (readOnly(statSync(dir).mode)) throw new WriteRefused('its folder is read-only', 'EACCES');
  // Without root, the kernel decides as well (ACLs, ownership).
  accessSync(path, constants.W_OK);
  accessSync(dir, constants.W_OK);
  return stat;
}

/**
 * Throws unless `path` still holds what `expected` describes (same size, time, inode and content).
 */
function checkUnchanged(path: string, expected: FileStamp): void {
  const now = lstatSync(path);
  const same =
    now.isFile() &&
    now.size === expected.size &&
    now.mtimeMs === expected.mtimeMs &&
    now.dev === expected.dev &&
    now.ino === expected.ino &&
    sha256(readFileSync(path)) === expected.sha256;
  if (!same) throw new WriteRefused('the file changed while it was being fixed (fix it again)');
}

/**
 * Replaces the file's content in one step: readers see the old file or the new one, never a mix.
 * The new content is written in full to a temporary file and its size checked before the rename;
 * `expected`, the file as it was read, is checked again just before the rename. On any failure
 * the file is left as it was and the temporary file removed.
 */
export function writeAtomically(path: string, text: string, expected?: FileStamp): void {
  const stat = checkReplaceable(path);
  const mode = stat.mode & 0o7777;
  const bytes = Buffer.from(text, 'utf8');
  const temp = join(
    dirname(path),
    `.${basename(path)}.flink-mem-${nodeCrypto().randomBytes(6).toString('hex')}.tmp`,
  );
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode);
    fchmodSync(fd, mode);
    try {
      // Keeps the owner when run as root on someone else's file; others cannot give files away.
      if (stat.uid !== process.getuid?.() || stat.gid !== process.getgid?.())
        fchownSync(fd, stat.uid, stat.gid);
    } catch {
      // Not permitted: the file then belongs to whoever ran the fix, as with any editor.
    }
    writeAll(fd, bytes);
    fsyncSync(fd);
    if (fstatSync(fd).size !== bytes.length)
      throw new WriteRefused(`only part of the new content could be written`);
    closeSync(fd);
    fd = undefined;
    if (expected) checkUnchanged(path, expected);
    renameSync(temp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // Not created, or already renamed.
    }
    throw e;
  }
  syncFolder(dirname(path));
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

/**
 * A unified diff of one file, `--- a/<path>` / `+++ b/<path>`, with the path as the user typed it.
 */
export function unifiedDiff(shown: string, before: string, after: string): string {
  const patch = createTwoFilesPatch(
    `a/${shown}`,
    `b/${shown}`,
    before,
    after,
    undefined,
    undefined,
    { context: 3 },
  );
  // jsdiff starts with a line of "=" that is not part of the unified format.
  return patch.replace(/^=+\n/, '');
}
