/** Small helpers shared by the commands. */
import { isAbsolute, relative } from 'node:path';
import { MAX_CONFIG_BYTES } from '../config/index.js';
import type { CliIO } from './io.js';
import { CliUsageError } from './io.js';

/** Colours only on a terminal, never with NO_COLOR; FORCE_COLOR forces them. */
export function useColor(io: CliIO): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY;
}

/** An empty path resolves to the working directory; it is nearly always an unset shell variable. */
export const EMPTY_PATH = 'an input path is empty (an unset shell variable?); give a file, a folder, or - for standard input';

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
      throw new CliUsageError(`standard input is larger than ${maxBytes >> 20} MB, too large to be a Flink configuration; it is not read`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/**
 * How a file found under an input is shown: as typed, so an absolute input gives absolute paths
 * and a relative one paths relative to the working directory (the working directory itself as it is).
 */
export function shownUnder(input: string, cwd: string): (file: string) => string {
  return (file) => (file === '-' || isAbsolute(input) ? file : relative(cwd, file) || file);
}
