/**
 * The loaders' entry points: text in, documents out. `loadText` (load-text.ts, no file system) is
 * what tests and the calculator page use; `loadFile` only adds reading the bytes (and refuses what
 * cannot be read as text).
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { detectFormat } from './detect.js';
import { UsageError } from '../primitives/usage-error.js';
import type { UsageErrorCode } from '../primitives/usage-error.js';
import { STDIN, loadText, notText } from './load-text.js';
import { LineIndex } from './positions.js';
import type { ConfigProblem, LoadOptions, LoadedFile } from './types.js';
import { MAX_CONFIG_BYTES, ReadRefused, readRegularFile } from './read.js';

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
  if (err instanceof ReadRefused)
    return new UsageError(err.code === 'EFBIG' ? 'EFBIG' : 'EIO', `"${path}" ${err.message}`);
  const code = (err as { code?: string })?.code ?? '';
  const known = Object.hasOwn(READ_ERRORS, code) ? READ_ERRORS[code] : undefined;
  const [c, why] = known ?? ['EIO', `cannot be read (${code || String(err)})`];
  return new UsageError(c, `"${path}" ${why}`);
}

/** Index of the first byte that does not start or continue a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    const n =
      c < 0x80
        ? 0
        : c >= 0xc2 && c <= 0xdf
          ? 1
          : c >= 0xe0 && c <= 0xef
            ? 2
            : c >= 0xf0 && c <= 0xf4
              ? 3
              : -1;
    if (n < 0) return i;
    // The second byte's range rules out overlong forms, surrogates and code points past U+10FFFF.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return -1;
}

/**
 * Loads bytes as read from a file or standard input. Binary data (invalid UTF-8 with NUL bytes)
 * is not a Flink configuration. Text with a byte that is not UTF-8 (a Latin-1 "é" in a comment)
 * is read with replacement characters, as Flink's flink-conf.yaml reader does, and linted as
 * usual, with a problem at the first such byte (which also keeps --fix from writing the
 * replacement characters back).
 */
export function loadBytes(bytes: Uint8Array, name: string, options: LoadOptions = {}): LoadedFile {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (err) {
    if (!(err instanceof TypeError)) throw usageError(name, err);
    const lossy = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const shown = name === '-' ? STDIN : name;
    if (lossy.includes('\u0000'))
      return notText(
        shown,
        detectFormat(lossy, name, options.format),
        lossy,
        'is not valid UTF-8 text',
      );
    const bad = firstInvalidUtf8(bytes);
    const offset = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      bytes.subarray(0, Math.max(0, bad)),
    ).length;
    const loaded = loadText(lossy, name, options);
    const span = new LineIndex(lossy).span(offset, offset + 1);
    const hex = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    const problem: ConfigProblem = {
      kind: 'not-utf8',
      span,
      message: `${shown} is not valid UTF-8 text: byte 0x${hex} at ${span.line}:${span.column} (Latin-1 or Windows-1252?) is read as a replacement character; save the file as UTF-8`,
    };
    return {
      file: loaded.file,
      format: loaded.format,
      text: loaded.text,
      documents: loaded.documents,
      problems: [problem, ...loaded.problems],
    };
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
    bytes = path === '-' ? readFileSync(0) : readRegularFile(path, MAX_CONFIG_BYTES);
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
export function flinkConfBeside(
  path: string,
  shown: string = path,
  listing?: ReadonlyMap<string, boolean>,
): string | null {
  if (basename(path) !== 'config.yaml') return null;
  let isFile: boolean;
  try {
    isFile = listing
      ? listing.get('flink-conf.yaml') === false
      : statSync(join(dirname(path), 'flink-conf.yaml')).isFile();
  } catch {
    return null;
  }
  return isFile ? join(dirname(shown), 'flink-conf.yaml') : null;
}
