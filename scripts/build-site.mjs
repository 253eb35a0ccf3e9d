// Builds the calculator page (`npm run site`): site/index.html and site/calculator.js, one
// classic script (module scripts do not load from file://), bundled for the browser from
// src/web/calculator.ts. Bundling for the browser fails on any `node:` import, which keeps the
// page's path (loaders, model, rules, pictures) free of them.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const out = process.argv[2] ?? 'site';
const common = { bundle: true, platform: 'browser', target: 'es2020', logLevel: 'warning' };

// The page shares the style of `explain --format html`.
const style = await build({
  ...common,
  stdin: {
    contents: "export { PAGE_STYLE } from './src/cli/explain/html.ts';",
    resolveDir: '.',
    loader: 'ts',
  },
  format: 'esm',
  write: false,
});
const { PAGE_STYLE } = await import(
  `data:text/javascript;base64,${Buffer.from(style.outputFiles[0].text).toString('base64')}`
);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const result = await build({
  ...common,
  entryPoints: ['src/web/calculator.ts'],
  outfile: `${out}/calculator.js`,
  format: 'iife',
  minify: true,
  legalComments: 'none',
  metafile: true,
});
const nodeInputs = Object.keys(result.metafile.inputs).filter(
  (f) => f.startsWith('node:') || f.includes('commander'),
);
if (nodeInputs.length) throw new Error(`the page's script must not use ${nodeInputs.join(', ')}`);
const html = readFileSync('src/web/index.html', 'utf8').replace('/*STYLE*/', PAGE_STYLE.trim());
writeFileSync(`${out}/index.html`, html);

const js = readFileSync(`${out}/calculator.js`);
console.log(
  `${out}/calculator.js: ${js.length} bytes (${gzipSync(js).length} gzipped); ${out}/index.html: ${Buffer.byteLength(html)} bytes`,
);
