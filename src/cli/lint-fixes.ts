/**
 * `lint --fix` and `--fix-dry-run`: counting what was fixed, the summary line, and writing a fixed
 * file back.
 */
import { UsageError } from '../config/index.js';
import type { FixOutcome } from '../fix/index.js';
import type { FileStamp } from './write.js';
import type { ReadFile } from './lint-inputs.js';

export interface FixCounts {
  problems: number;
  files: number;
  /**
   * Files whose fixes could not be written (read-only, a full disk): each was reported on stderr.
   */
  unwritten: number;
}

export function count(fixes: FixCounts, outcome: FixOutcome): void {
  if (outcome.fixed === 0) return;
  fixes.problems += outcome.fixed;
  fixes.files++;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The last line of --fix and --fix-dry-run on stderr. */
export function fixSummary(mode: 'write' | 'diff', fixes: FixCounts): string {
  const unwritten =
    fixes.unwritten > 0 ? `${plural(fixes.unwritten, 'file')} could not be written` : '';
  if (fixes.problems === 0) return unwritten ? `nothing fixed: ${unwritten}` : 'nothing to fix';
  const done = `${mode === 'write' ? 'fixed' : 'would fix'} ${plural(fixes.problems, 'problem')} in ${plural(fixes.files, 'file')}`;
  return unwritten ? `${done}; ${unwritten}` : done;
}

/**
 * Writes a fixed file; true when there was nothing to write or it was written. A failed write is a
 * usage error.
 */
export function writeFixed(
  shown: string,
  read: ReadFile,
  outcome: FixOutcome,
  fixer: {
    writeAtomically: (path: string, text: string, expected?: FileStamp) => void;
    writeFailure: (e: unknown) => string;
  },
): true {
  if (outcome.text === read.loaded.text) return true;
  try {
    fixer.writeAtomically(read.abs, outcome.text, read.stamp);
  } catch (e) {
    throw new UsageError(
      'EIO',
      `cannot write the fixes to "${shown}": ${fixer.writeFailure(e)}; the file is unchanged`,
    );
  }
  return true;
}
