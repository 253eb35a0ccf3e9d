/**
 * Keeps memory flat over thousands of files. What one file needs is garbage once it is printed,
 * but part of it lives long enough to reach V8's old generation, and V8 lets that generation grow
 * to several times what is alive before collecting it (peak memory grew with the file count while
 * the live heap stayed under 12 MiB). A full collection every few hundred files, a few milliseconds
 * each, holds the peak where a run of that many files ends.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const EVERY = 500;
let collect: (() => void) | null | undefined;
let files = 0;

/** Called once per file by commands that go through many files. */
export function afterFile(): void {
  if (++files % EVERY !== 0) return;
  if (collect === undefined) {
    try {
      // How Node test runners reach the collector without a command-line flag.
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
