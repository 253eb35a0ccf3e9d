/** Small helpers shared by the commands. */
import { isAbsolute, relative } from 'node:path';
import type { Skipped } from '../config/expand.js';
import { MAX_CONFIG_BYTES, ReadRefused } from '../config/index.js';
import type { CliIO } from './io.js';
import { UsageError } from '../primitives/usage-error.js';

/**
 * Colours only on a terminal that is not TERM=dumb, never with NO_COLOR; FORCE_COLOR (or --color)
 * forces them.
 */
export function useColor(io: CliIO): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  if (io.env.TERM === 'dumb') return false;
  return io.stdoutIsTTY;
}

/** An empty path resolves to the working directory; it is nearly always an unset shell variable. */
export const EMPTY_PATH =
  'an input path is empty (an unset shell variable?); give a file, a folder, or - for standard input';

/** Reads all of standard input as bytes (the loaders decide whether they are UTF-8 text). */
export async function readStdin(io: CliIO, maxBytes = MAX_CONFIG_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of io.stdin) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buf.length;
    // A pipe may never end (`cat /dev/zero |`): stop at the limit instead of filling memory.
    if (total > maxBytes) {
      io.stdin.destroy();
      throw new UsageError(
        'EFBIG',
        `standard input is larger than ${maxBytes >> 20} MB, too large to be a Flink configuration; it is not read`,
      );
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/**
 * How a file found under an input is shown: as typed, so an absolute input gives absolute paths
 * and a relative one paths relative to the working directory (the working directory itself as it
 * is).
 */
export function shownUnder(input: string, cwd: string): (file: string) => string {
  return (file) => (file === '-' || isAbsolute(input) ? file : relative(cwd, file) || file);
}

/**
 * Characters a terminal or a CI log acts on: C0 controls but tab (and line feed, see `visible`),
 * DEL, C1 controls, Unicode line and paragraph separators, and bidirectional overrides.
 */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');
const CONTROLS_BUT_LF =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeControl(ch: string): string {
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  const code = ch.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * One line of untrusted text (a file name, a config value, a message quoting one) as it may be
 * written to a terminal or a CI log: control characters, line breaks included, shown as `\x1b`,
 * `\n`, `\u202e`, so they are seen instead of acted on.
 */
export function visibleLine(text: string): string {
  return CONTROL.test(text) ? text.replace(CONTROLS, escapeControl) : text;
}

/** Like visibleLine for a text of several lines: line feeds stay. */
export function visible(text: string): string {
  return text.replace(CONTROLS_BUT_LF, escapeControl);
}

/**
 * Text that carries our own colours: the colour codes picocolors writes (`ESC [ n m`) stay, any
 * other control character is shown escaped. For output assembled before it can be escaped piece by
 * piece.
 */
export function visibleColored(text: string): string {
  return text.replace(
    /\u001b\[\d{1,3}(?:;\d{1,3}){0,4}m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (m) => (m.length > 1 ? m : escapeControl(m)),
  );
}

const READ_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'does not exist',
  ENOTDIR: 'does not exist',
  EISDIR: 'is a folder, not a file',
  EACCES: 'cannot be read (permission denied)',
  EPERM: 'cannot be read (permission denied)',
};

/** Read failures in the loader's words (`"conf/x.yaml" does not exist`). */
export function describeReadError(shown: string, e: unknown): string {
  if (e instanceof ReadRefused) return `"${shown}" ${e.message}`;
  const code = (e as NodeJS.ErrnoException | undefined)?.code ?? '';
  return `"${shown}" ${READ_ERRORS[code] ?? `cannot be read (${code || String(e)})`}`;
}

/**
 * What the folder walk of `input` passed over, in one line: a link that leaves the folder, or what
 * it could not read.
 */
export function skippedMessage(shown: string, input: string, why: Skipped): string {
  if (why.kind === 'unreadable') return describeReadError(shown, why.error);
  return `"${shown}" is a link to "${why.target}", outside "${input}"; links that leave a linted folder are not followed (give the target itself to check it)`;
}
