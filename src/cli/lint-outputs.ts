/**
 * `--output` files, known by real path and inode, so that lint never reads a report it writes as an
 * input.
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** An --output file, known by its real path and, when it exists, its device and inode. */
export interface OutputFile {
  readonly given: string;
  readonly abs: string;
  readonly real: string;
  readonly id: string | null;
}

/** A path's real path and device:inode; throws when it does not exist. */
function identity(path: string): { real: string; id: string } {
  const real = realpathSync.native(path);
  const st = statSync(real);
  return { real, id: `${st.dev}:${st.ino}` };
}

export function outputFile(given: string, cwd: string): OutputFile {
  const abs = resolve(cwd, given);
  try {
    return { given, abs, ...identity(abs) };
  } catch {
    try {
      // Not there yet: the folder may still be a link.
      return { given, abs, real: join(realpathSync.native(dirname(abs)), basename(abs)), id: null };
    } catch {
      // The folder is missing too; opening the report has already said so.
      return { given, abs, real: abs, id: null };
    }
  }
}

/** The --output that is this linted file under any spelling (a link, a hard link), if any. */
export function outputOver(abs: string, outputs: readonly OutputFile[]): OutputFile | undefined {
  if (outputs.length === 0 || abs === '-') return undefined;
  let file: { real: string; id: string | null } = { real: abs, id: null };
  try {
    file = identity(abs);
  } catch {
    // Unreadable: reading it will say so.
  }
  return outputs.find((o) => o.real === file.real || (file.id !== null && o.id === file.id));
}
