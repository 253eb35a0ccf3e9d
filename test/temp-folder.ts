/**
 * Temporary folders of files for tests that run the CLI on real files, removed after the test file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A configuration whose managed fraction (40, meant as 40 %) every fixing test repairs to 0.4. */
export const PERCENT =
  'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.managed.fraction: 40\n';

/**
 * A maker of temporary folders with these files (paths relative to the folder), named with
 * `prefix`; `beforeRemove` runs on each folder before it is removed (to unmount what a test
 * mounted).
 */
export function tempFolders(
  prefix: string,
  beforeRemove?: (dir: string) => void,
): (files: Record<string, string>) => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) {
      beforeRemove?.(d);
      rmSync(d, { recursive: true, force: true });
    }
  });
  return (files) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  };
}
