// Builds dist/ (run by `npm ci` through `prepare`): the library bundle (ESM, and CommonJS in
// dist/cjs/ for `require('flink-mem')`) with its type declarations for each,
// and the CLI as CommonJS bundles (one for each of lint, explain and doctor, one for every command)
// plus a V8 code cache of each, so that `flink-mem` starts close to a bare `node`. Each cache is
// made by a warm-up run of its command alone in a fresh process: a cache holds only the code its
// command runs.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/**
 * The CLI bundles: `lint`, `explain` and `doctor` each have one of their own (bin/flink-mem.cjs
 * picks it by the first argument), holding only what that command runs; '' is the bundle of every
 * command, for the rest (help, version, rules, schema, init, completion).
 */
const COMMAND_BUNDLES = ['lint', 'explain', 'doctor', ''];
const bundleFile = (command) =>
  resolve('dist/cli', command ? `flink-mem-${command}.cjs` : 'flink-mem.cjs');
/**
 * The CLI bundle is stored as an expression: this function around the bundled code, the wrapper
 * Node puts around a CommonJS module. bin/flink-mem.cjs compiles the file's text as read and calls
 * the function with a module of its own.
 */
const WRAPPER = '(function (exports, require, module, __filename, __dirname) {';

/**
 * commander requires `node:child_process` at its top level, for executable subcommands we do not
 * have; loading it (with net and stream) costs more start-up than the rest of the CLI. Commander
 * gets a stand-in that loads the real module only if it is ever used.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes('commander')
        ? { path: 'lazy-child-process', namespace: 'flink-mem' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'flink-mem' }, () => ({
      contents:
        "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      loader: 'js',
    }));
  },
};

/**
 * picocolors works out at load time whether its default instance should colour, by asking
 * `process.stdout.isTTY`; that creates Node's stdout stream (with the stream modules behind it)
 * in every run. flink-mem never uses that default instance: it decides colours itself and calls
 * `createColors(enabled)`. The probe is dropped from the bundle; the build stops if picocolors
 * changes and the probe is no longer found, so that the change is looked at.
 */
const noStdoutProbe = {
  name: 'picocolors-no-stdout-probe',
  setup(b) {
    b.onLoad({ filter: /[\\/]picocolors[\\/]picocolors\.js$/ }, async (args) => {
      const source = readFileSync(args.path, 'utf8');
      const probe = '((p.stdout || {}).isTTY && env.TERM !== "dumb")';
      if (!source.includes(probe))
        throw new Error(`picocolors changed: ${probe} not found in ${args.path}`);
      return { contents: source.replace(probe, 'false'), loader: 'js' };
    });
  },
};

/**
 * Parts of the CLI that most runs never use are files of their own beside the bundle, loaded on
 * first use: every function in the bundle costs start-up time (its text is read, and V8 makes a
 * closure and keeps an entry in the code cache for each, used or not). The bundle imports each
 * such module through a stand-in whose exports load the real file when first read. A part's
 * file bundles what it imports, except the other parts (stand-ins again); what it shares with the
 * bundle is then a second copy, so parts are only modules whose imports keep no state and throw
 * no errors the CLI tells apart by class: the Chinese catalogues, the pictures, the CI report
 * formats other than GitHub's, and shell completion.
 */
const PARTS = {
  'zh-cli': 'src/i18n/zh/cli.ts',
  'zh-help': 'src/i18n/zh/help.ts',
  'zh-rules': 'src/i18n/zh/rules.ts',
  'zh-reasons': 'src/i18n/zh/reasons.ts',
  'zh-doctor': 'src/i18n/zh/doctor.ts',
  svg: 'src/cli/explain/svg.ts',
  html: 'src/cli/explain/html.ts',
  markdown: 'src/cli/explain/markdown.ts',
  sarif: 'src/cli/format/sarif.ts',
  gitlab: 'src/cli/format/gitlab.ts',
  junit: 'src/cli/format/junit.ts',
  checkstyle: 'src/cli/format/checkstyle.ts',
  completion: 'src/cli/completion.ts',
};
const partOf = new Map(Object.entries(PARTS).map(([name, file]) => [resolve(file), name]));

/** The names a part exports (from an ES module build of it, which lists them). */
async function exportsOf(file) {
  const r = await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    metafile: true,
    logLevel: 'silent',
    outdir: 'out',
  });
  return Object.values(r.metafile.outputs).find((o) => o.entryPoint)?.exports ?? [];
}

/** Stand-ins for the parts (but `own`, the part being built). */
function partStandIns(own, names) {
  return {
    name: 'lazy-parts',
    setup(b) {
      b.onResolve({ filter: /\.js$/ }, async (args) => {
        if (args.namespace !== 'file' || args.pluginData === 'lazy-parts') return undefined;
        const r = await b.resolve(args.path, {
          resolveDir: args.resolveDir,
          kind: args.kind,
          importer: args.importer,
          pluginData: 'lazy-parts',
        });
        const name = partOf.get(r.path);
        return name && name !== own ? { path: name, namespace: 'flink-mem-part' } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'flink-mem-part' }, (args) => ({
        contents: [
          'var part;',
          `function load() { return part || (part = require(require("node:path").join(__dirname, ${JSON.stringify(`flink-mem.${args.path}.cjs`)}))); }`,
          ...names[args.path].map(
            (n) =>
              `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, get: function () { return load()[${JSON.stringify(n)}]; } });`,
          ),
        ].join('\n'),
        loader: 'js',
      }));
    },
  };
}

/**
 * `--warm-up <cache file> <work dir> <args...>`: one warm-up, run by the build in a child process.
 */
async function warmUp(cli, cacheFile, work, runs) {
  const script = new vm.Script(readFileSync(cli, 'latin1'), { filename: cli });
  const bundle = { exports: {} };
  script.runInThisContext()(bundle.exports, createRequire(cli), bundle, cli, resolve('dist/cli'));
  const io = {
    write() {},
    error() {},
    stdin: Readable.from([]),
    stdinIsTTY: true,
    stdoutIsTTY: false,
    env: { NO_COLOR: '1' },
    cwd: work,
  };
  for (const args of runs) await bundle.exports.run(args, io);
  writeFileSync(cacheFile, script.createCachedData());
}

if (process.argv[2] === '--warm-up') {
  const [bundleFile, cacheFile, work, json] = process.argv.slice(3);
  await warmUp(bundleFile, cacheFile, work, JSON.parse(json));
  process.exit(0);
}

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const define = { FLINK_MEM_VERSION: JSON.stringify(pkg.version) };

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  define,
  logLevel: 'warning',
});
await build({
  entryPoints: ['src/index.ts'],
  outfile: 'dist/cjs/index.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  define,
  logLevel: 'warning',
});
// The folder's own package.json makes Node and TypeScript read its .js and .d.ts files as CommonJS.
writeFileSync('dist/cjs/package.json', '{\n  "type": "commonjs"\n}\n');

const partNames = Object.fromEntries(
  await Promise.all(
    Object.entries(PARTS).map(async ([name, file]) => [name, await exportsOf(file)]),
  ),
);
/**
 * The yaml library is bundled from its ES module build (`browser/`, the same code as its CommonJS
 * `dist/` but for three lines that read LOG_TOKENS/LOG_STREAM and call process.emitWarning):
 * esbuild then joins its modules into the bundle's scope instead of wrapping each as a CommonJS
 * module with copied exports, which cost start-up time and memory in every run.
 */
const yamlEsm = {
  name: 'yaml-esm',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({
      path: resolve('node_modules/yaml/browser/index.js'),
    }));
  },
};

/**
 * All our code reaches the yaml library through `yamlLib()` of src/config/yaml-lib.ts. In the CLI
 * that module becomes one that loads the library on the first call, so that a run which never
 * reads YAML (a flink-conf.yaml) does not set the library up. The build stops if the module no
 * longer has the expected shape, so that a change to it is looked at.
 */
const lazyYaml = {
  name: 'lazy-yaml',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]config[\\/]yaml-lib\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const eager = "import * as yaml from 'yaml';\n";
      const accessor = 'export function yamlLib(): typeof yaml {\n  return yaml;\n}\n';
      if (!source.includes(eager) || !source.includes(accessor))
        throw new Error(
          `${args.path} changed: the CLI build rewrites it (lazyYaml in scripts/build.mjs)`,
        );
      return {
        contents: source
          .replace(eager, '')
          .replace(
            accessor,
            "let lib: any;\nexport function yamlLib() {\n  return lib || (lib = require('yaml'));\n}\n",
          ),
        loader: 'ts',
      };
    });
  },
};

const cliOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  // `FLINK_MEM_SOURCEMAP=1 npm run build` also writes source maps, to read CPU profiles of the CLI
  // (`node --cpu-prof`) by our own file and function names (CONTRIBUTING.md, "Start-up time").
  ...(process.env.FLINK_MEM_SOURCEMAP ? { sourcemap: 'external' } : {}),
  logLevel: 'warning',
  // `import.meta.url` (of the bundle) is worked out when first read: the URL module costs start-up
  // time and only `rules` uses it.
  define: { ...define, 'import.meta.url': '__flink_mem_meta.url' },
  banner: {
    js: 'var __flink_mem_meta = { get url() { return require("node:url").pathToFileURL(__filename).href; } };',
  },
};
/** The plugins of every CLI build; `own` is the part being built ('' for a bundle). */
const cliPlugins = (own) => [
  yamlEsm,
  lazyYaml,
  lazyChildProcess,
  noStdoutProbe,
  partStandIns(own, partNames),
];
for (const [name, file] of Object.entries(PARTS)) {
  await build({
    ...cliOptions,
    entryPoints: [file],
    outfile: `dist/cli/flink-mem.${name}.cjs`,
    plugins: cliPlugins(name),
  });
}
for (const command of COMMAND_BUNDLES) {
  const outfile = bundleFile(command);
  await build({
    ...cliOptions,
    // A command's own bundle: the definitions of the other commands, and what only they import,
    // are left out (src/cli/main.ts and program.ts test FLINK_MEM_ONLY).
    define: command
      ? { ...cliOptions.define, FLINK_MEM_ONLY: JSON.stringify(command) }
      : cliOptions.define,
    entryPoints: ['src/cli/entry.ts'],
    outfile,
    plugins: cliPlugins(''),
  });

  // esbuild writes non-ASCII characters as escapes in strings, but leaves them in regular
  // expression literals (the doctor's patterns for Chinese log lines). One such character makes
  // V8 hold the whole bundle as a two-byte string and the launcher decode it as UTF-8 on every
  // run; escaped, the bundle is ASCII and bin/flink-mem.cjs reads it as latin1 (a plain copy). A
  // character escaped by a backslash (`\：`) becomes the escape itself; characters outside the
  // BMP become two escapes (the surrogate pair, which is what a non-`u` pattern matches, and a `u`
  // pattern reads as one).
  const source = readFileSync(outfile, 'utf8');
  const ascii = source.replace(
    /(\\*)([^\x00-\x7f])/g,
    (_, slashes, ch) =>
      (slashes.length % 2 === 1 ? slashes.slice(1) : slashes) +
      `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (!/^[\x00-\x7f]*$/.test(ascii)) throw new Error(`${outfile} is not ASCII`);
  // Wrapped here once as a CommonJS module function, which bin/flink-mem.cjs compiles as it is.
  writeFileSync(outfile, `${WRAPPER}${ascii}\n})`);
}

// Warm-ups: each command on small inputs of every format it reads; bin/flink-mem.cjs picks the
// bundle and its cache by the first argument (flink-mem.cjs and flink-mem.cache for the other
// commands, help and version).
const work = mkdtempSync(join(tmpdir(), 'flink-mem-build-'));
const conf = join(work, 'flink-conf.yaml');
const yaml = join(work, 'config.yaml');
writeFileSync(
  conf,
  'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.network.fraction: 1.5\nflink.memory.managed.fraction: 0.6\n',
);
writeFileSync(
  yaml,
  'taskmanager:\n  memory:\n    flink:\n      size: 2g\njobmanager.memory.heap.size: 1g\n',
);
const caches = {
  lint: [['lint', conf, yaml]],
  explain: [
    ['explain', conf, yaml],
    ['explain', yaml, '--format', 'json'],
  ],
  doctor: [['doctor', '--error', 'java.lang.OutOfMemoryError: Direct buffer memory']],
  '': [['--help'], ['rules']],
};
for (const [command, runs] of Object.entries(caches)) {
  const bundle = bundleFile(command);
  execFileSync(
    process.execPath,
    [
      fileURLToPath(import.meta.url),
      '--warm-up',
      bundle,
      bundle.replace(/\.cjs$/, '.cache'),
      work,
      JSON.stringify(runs),
    ],
    { stdio: 'inherit' },
  );
}
rmSync(work, { recursive: true, force: true });
// The caches are V8's for this Node version only: bin/flink-mem.cjs uses them on this version; on
// the others it makes its own in the user's cache folder, named by the build id written here (the
// bundle's hash: V8 itself checks only the length of the source a cache was made from).
const hash = createHash('sha256');
for (const command of COMMAND_BUNDLES) hash.update(readFileSync(bundleFile(command)));
const buildId = hash.digest('hex').slice(0, 16);
writeFileSync('dist/cli/node-version', `${process.version} ${buildId}\n`);

// The editor schemas ship in the package (`flink-mem/schema/flink-config.schema.json`).
mkdirSync('dist/schema', { recursive: true });
for (const [kind, file] of [
  ['config', 'flink-config.schema.json'],
  ['flink-deployment', 'flink-deployment.schema.json'],
]) {
  writeFileSync(
    join('dist/schema', file),
    execFileSync(process.execPath, ['bin/flink-mem.cjs', 'schema', '--kind', kind]),
  );
}

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
// The same declarations, read as CommonJS beside the CommonJS bundle (types for `require`).
cpSync('dist/types', 'dist/cjs/types', { recursive: true });
