/**
 * The loaders' entry points: text in, documents out. `loadText` (load-text.ts, no file system) is
 * what tests and the calculator page use; `loadFile` only adds reading the bytes (and refuses what
 * cannot be read as text).
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { detectFormat } from './detect.js';
import { UsageError } from './errors.js';
import type { UsageErrorCode } from './errors.js';
import { STDIN, loadText, notText } from './load-text.js';
import type { LoadOptions, LoadedFile } from './types.js';

export { expandInputs, flinkFilesIn } from './expand.js';
export { loadText, rawConfig, sameLoadOptions } from './load-text.js';

const READ_ERRORS: Readonly<Record<string, [UsageErrorCode, string]>> = {
  ENOENT: ['ENOENT', 'does not exist'],
  ENOTDIR: ['ENOENT', 'does not exist'],
  EISDIR: ['EISDIR', 'is a folder, not a file'],
  EACCES: ['EACCES', 'cannot be read (permission denied)'],
  EPERM: ['EACCES', 'cannot be read (permission denied)'],
  ERR_STRING_TOO_LONG: ['EFBIG', 'is too large to read as text'],
  ERR_FS_FILE_TOO_LARGE: ['EFBIG', 'is too large to read as text'],
};

function usageError(path: string, err: unknown): UsageError {
  const code = (err as { code?: string })?.code ?? '';
  const known = Object.hasOwn(READ_ERRORS, code) ? READ_ERRORS[code] : undefined;
  const [c, why] = known ?? ['EIO', `cannot be read (${code || String(err)})`];
  return new UsageError(c, `"${path}" ${why}`);
}

/**
 * Loads bytes as read from a file or standard input: text that is not UTF-8 is a problem of the
 * file (like Flink, which could not read it as configuration), not a crash or mojibake.
 */
export function loadBytes(bytes: Uint8Array, name: string, options: LoadOptions = {}): LoadedFile {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (err) {
    if (!(err instanceof TypeError)) throw usageError(name, err);
    const lossy = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const shown = name === '-' ? STDIN : name;
    return notText(shown, detectFormat(lossy, name, options.format), lossy, 'is not valid UTF-8 text');
  }
  return loadText(text, name, options);
}

/**
 * Reads a file (or `-` for standard input) and loads it; unreadable paths throw a UsageError.
 * `name` is how messages and documents call the file (a CLI resolves paths against its own
 * working directory but shows them as the user typed them).
 */
export function loadFile(path: string, options: LoadOptions = {}, name: string = path): LoadedFile {
  let bytes: Buffer;
  try {
    if (path !== '-' && statSync(path).isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    bytes = readFileSync(path === '-' ? 0 : path);
  } catch (err) {
    throw usageError(name, err);
  }
  return loadBytes(bytes, name, options);
}

/**
 * For a file named config.yaml, the flink-conf.yaml next to it (named like `shown`, the name the
 * user gave), which Flink 1.19 and 1.20 read instead; null otherwise. `listing`, when the folder
 * walk already read the folder, says which names are there (name -> is a folder) without a stat.
 */
export function flinkConfBeside(path: string, shown: string = path, listing?: ReadonlyMap<string, boolean>): string | null {
  if (basename(path) !== 'config.yaml') return null;
  let isFile: boolean;
  try {
    isFile = listing ? listing.get('flink-conf.yaml') === false : statSync(join(dirname(path), 'flink-conf.yaml')).isFile();
  } catch {
    return null;
  }
  return isFile ? join(dirname(shown), 'flink-conf.yaml') : null;
}
