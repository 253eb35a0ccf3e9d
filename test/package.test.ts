/**
 * The published package from a user's side: the tarball holds what it should, installs on its own,
 * loads through `require` and `import`, and its types compile for CommonJS and ESM consumers under
 * TypeScript's node16 resolution; its dependencies are exactly what the library bundles load.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installInto, pack, ROOT } from './pack.helpers.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<
  string,
  unknown
> & { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/**
 * Bare package names a built bundle imports or requires at run time (Node's own modules left out).
 */
function packagesLoadedBy(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const names = new Set<string>();
  for (const m of text.matchAll(
    /(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)["']([^"'.][^"']{0,200})["']/g,
  )) {
    const spec = m[1]!;
    if (spec.startsWith('node:') || !/^(?:@[a-z0-9._-]+\/)?[a-z0-9._-]+(?:\/[\w./-]*)?$/.test(spec))
      continue;
    if (builtinModules.includes(spec)) continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  }
  return [...names].sort();
}

describe('the npm package', () => {
  let tarball = '';
  let files: string[] = [];
  let consumer = '';
  beforeAll(() => {
    ({ tarball, files } = pack());
    consumer = installInto(tarball);
  }, 240_000);
  afterAll(() => {
    if (consumer) rmSync(consumer, { recursive: true, force: true });
    if (tarball) rmSync(dirname(tarball), { recursive: true, force: true });
  });

  it('ships the CLI, both library builds with their types, the license and the docs, and no sources or tests', () => {
    for (const f of [
      'LICENSE',
      'README.md',
      'package.json',
      'bin/flink-mem.cjs',
      'dist/cli/flink-mem.cjs',
      'dist/index.js',
      'dist/cjs/index.js',
      'dist/cjs/package.json',
      'dist/types/src/index.d.ts',
      'dist/cjs/types/src/index.d.ts',
      'dist/schema/flink-config.schema.json',
      'dist/schema/flink-deployment.schema.json',
      'docs/rules.md',
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^(src|test|fixtures|scripts)\//.test(f))).toEqual([]);
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toContain(
      'Apache License\n                           Version 2.0, January 2004',
    );
  });

  it('has the fields a registry page and npm need', () => {
    expect(pkg.license).toBe('Apache-2.0');
    expect(pkg.repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/flink-mem/flink-mem.git',
    });
    expect(pkg.homepage).toBe('https://github.com/flink-mem/flink-mem#readme');
    expect(pkg.bugs).toEqual({ url: 'https://github.com/flink-mem/flink-mem/issues' });
    expect(pkg.keywords).toEqual(
      expect.arrayContaining(['flink', 'memory', 'linter', 'kubernetes']),
    );
  });

  it('depends on exactly what the library loads at run time; the CLI bundle loads no package', () => {
    const loaded = [
      ...new Set([...packagesLoadedBy('dist/index.js'), ...packagesLoadedBy('dist/cjs/index.js')]),
    ].sort();
    expect(Object.keys(pkg.dependencies).sort()).toEqual(loaded);
    expect(packagesLoadedBy('dist/cli/flink-mem.cjs')).toEqual([]);
  });

  it('loads with require() and with import, to the same API', () => {
    const script = (ext: string, body: string) => {
      writeFileSync(join(consumer, `probe.${ext}`), body);
      return execFileSync(process.execPath, [`probe.${ext}`], { cwd: consumer, encoding: 'utf8' });
    };
    const probe =
      "const file = m.loadConfig({ text: 'taskmanager.memory.process.size: 1728m\\njobmanager.memory.process.size: 1600m\\n', name: 'flink-conf.yaml' });\nconsole.log(Object.keys(m).sort().join(','), String(m.computeMemory(file.documents[0]).taskmanager.sizes.managed));\n";
    const fromRequire = script('cjs', `const m = require('flink-mem');\n${probe}`);
    const fromImport = script('mjs', `import * as m from 'flink-mem';\n${probe}`);
    expect(fromRequire).toContain(' 536870920\n');
    expect(fromImport).toBe(fromRequire);
    expect(script('cjs', "console.log(require.resolve('flink-mem'))").trim()).toMatch(
      /node_modules\/flink-mem\/dist\/cjs\/index\.js$/,
    );
    expect(
      script(
        'cjs',
        "console.log(require('flink-mem/schema/flink-config.schema.json').title)",
      ).trim(),
    ).toMatch(/^Flink configuration \(memory options, Flink \d+\.\d+\)$/);
  });

  it('has types that compile for CommonJS and ESM consumers (node16 resolution)', () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'node16',
          moduleResolution: 'node16',
          target: 'es2022',
          strict: true,
          noEmit: true,
          types: [],
        },
        files: ['a.cts', 'b.mts'],
      }),
    );
    writeFileSync(
      join(consumer, 'a.cts'),
      "import fm = require('flink-mem');\nconst size: bigint = fm.parseMemorySize('1g');\nconst findings: fm.Finding[] = fm.lint(fm.loadConfig({ text: '', name: 'config.yaml' }));\nexport = { size, findings };\n",
    );
    writeFileSync(
      join(consumer, 'b.mts'),
      "import { parseMemorySize, type Finding } from 'flink-mem';\nconst size: bigint = parseMemorySize('1g');\nconst none: Finding[] = [];\nexport { size, none };\n",
    );
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const ok = execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], {
      cwd: consumer,
      encoding: 'utf8',
    });
    expect(ok).toBe('');
    // The check can fail: a wrong type is an error.
    writeFileSync(
      join(consumer, 'b.mts'),
      "import { parseMemorySize } from 'flink-mem';\nconst size: string = parseMemorySize('1g');\nexport { size };\n",
    );
    let complaint = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], {
        cwd: consumer,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (e) {
      complaint = String((e as { stdout?: string }).stdout);
    }
    expect(complaint).toMatch(/b\.mts.*Type 'bigint' is not assignable to type 'string'/);
    // Two runs of the compiler, which (TypeScript 6) runs as JavaScript: seconds each, more on a
    // loaded machine.
  }, 120_000);
});
