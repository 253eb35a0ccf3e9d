// Shared by the docs generators: bundles a few TypeScript exports with esbuild (already a dev
// dependency) into a temporary module, so no build and no TS runner is needed, and writes or checks
// a generated Markdown file.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Imports `source` (TypeScript export statements, paths relative to the repository root). */
export async function importSources(source) {
  const cache = join(root, 'node_modules', '.cache', 'flink-mem');
  const entry = join(cache, `gen-${process.pid}-${Date.now()}.mjs`);
  mkdirSync(cache, { recursive: true });
  await build({
    stdin: { contents: source, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: entry,
    logLevel: 'warning',
  });
  try {
    return await import(pathToFileURL(entry).href);
  } finally {
    rmSync(entry, { force: true });
  }
}

/** Writes `markdown` to `file`, or with `--check` exits 1 when the file differs (stale). */
export function writeOrCheck(file, markdown, command) {
  const name = relative(root, file);
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // No docs yet: they are written below (or reported stale with --check).
  }
  if (process.argv.includes('--check')) {
    if (current !== markdown) {
      console.error(`${name} is stale: run \`${command}\``);
      process.exit(1);
    }
  } else if (current !== markdown) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, markdown);
    console.log(`${name} updated`);
  } else {
    console.log(`${name} is up to date`);
  }
}
