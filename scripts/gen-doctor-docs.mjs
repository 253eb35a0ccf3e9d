// Regenerates docs/doctor.md from the doctor's signature declarations and their fixtures
// (`npm run docs:doctor`). `--check` only compares and exits 1 when the file is stale. Like
// scripts/gen-docs.mjs, the TypeScript sources are bundled with esbuild into a temporary module;
// test/doctor.docs.test.ts runs the same renderer and fails when docs/doctor.md is stale.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'docs', 'doctor.md');
const cache = join(root, 'node_modules', '.cache', 'flink-mem');
const entry = join(cache, `gen-doctor-docs-${process.pid}.mjs`);

mkdirSync(cache, { recursive: true });
await build({
  stdin: {
    contents: "export { SIGNATURES } from './src/doctor/signatures/index.ts'; export { loadDoctorExamples, renderDoctorMarkdown } from './src/doctor/reference.ts';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outfile: entry,
  logLevel: 'warning',
});
let markdown;
try {
  const { SIGNATURES, loadDoctorExamples, renderDoctorMarkdown } = await import(pathToFileURL(entry).href);
  markdown = renderDoctorMarkdown(SIGNATURES, loadDoctorExamples(join(root, 'fixtures', 'doctor'), SIGNATURES.map((s) => s.id)));
} finally {
  rmSync(entry, { force: true });
}

let current = '';
try {
  current = readFileSync(target, 'utf8');
} catch {
  // No docs yet: they are written below (or reported stale with --check).
}
if (process.argv.includes('--check')) {
  if (current !== markdown) {
    console.error('docs/doctor.md is stale: run `npm run docs:doctor`');
    process.exit(1);
  }
} else if (current !== markdown) {
  writeFileSync(target, markdown);
  console.log('docs/doctor.md updated');
} else {
  console.log('docs/doctor.md is up to date');
}
