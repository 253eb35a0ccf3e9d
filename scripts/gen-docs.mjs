// Regenerates docs/rules.md from the rules' metadata and their fixtures (`npm run docs`).
// `--check` only compares and exits 1 when the file is stale. The TypeScript sources are bundled
// with esbuild (already a dev dependency) into a temporary module, so no build and no TS runner
// is needed; test/parity.test.ts runs the same renderer and fails when docs/rules.md is stale.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const docs = join(root, 'docs', 'rules.md');
const cache = join(root, 'node_modules', '.cache', 'flink-mem');
const entry = join(cache, `gen-docs-${process.pid}.mjs`);

mkdirSync(cache, { recursive: true });
await build({
  stdin: {
    contents: "export { ALL_RULES } from './rules/index.ts'; export { loadRuleExamples, renderRulesMarkdown } from './src/cli/rules-cmd.ts';",
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
  const { ALL_RULES, loadRuleExamples, renderRulesMarkdown } = await import(pathToFileURL(entry).href);
  markdown = renderRulesMarkdown(ALL_RULES, loadRuleExamples(join(root, 'fixtures', 'rules'), ALL_RULES.map((r) => r.id)));
} finally {
  rmSync(entry, { force: true });
}

let current = '';
try {
  current = readFileSync(docs, 'utf8');
} catch {
  // No docs yet: they are written below (or reported stale with --check).
}
if (process.argv.includes('--check')) {
  if (current !== markdown) {
    console.error('docs/rules.md is stale: run `npm run docs`');
    process.exit(1);
  }
} else if (current !== markdown) {
  writeFileSync(docs, markdown);
  console.log('docs/rules.md updated');
} else {
  console.log('docs/rules.md is up to date');
}
