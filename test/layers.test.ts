/**
 * The layers of the code, as the README's development section lists them: every import in
 * src/ and rules/ points to an earlier layer (or stays in its own folder), and no file imports
 * itself round a cycle, not even through types. The table in the README is the source of truth.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const posix = (p: string) => p.split(sep).join('/');

/** The rows of the "Layers" table: its number, and the folders or files it holds. */
function layersFromReadme(): { layer: number; parts: string[] }[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n### Layers\n');
  expect(start, 'README.md has a "### Layers" section').toBeGreaterThan(0);
  const rows: { layer: number; parts: string[] }[] = [];
  for (const line of readme.slice(start).split('\n').slice(2)) {
    if (line.startsWith('#')) break;
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !/^\d{1,3}$/.test(cells[1]!)) continue;
    rows.push({
      layer: Number(cells[1]),
      parts: [...cells[2]!.matchAll(/`([^`]{1,100})`/g)].map((m) => m[1]!),
    });
  }
  return rows;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(?:ts|js)$/.test(e.name) ? [path] : [];
  });
}

/**
 * Relative module specifiers a file imports (static, type-only, re-exports and dynamic imports).
 */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/\b(?:from|import)[ (]{0,2}['"](\.{1,2}\/[^'"\n]{1,200})['"]/g)) {
    const target = posix(relative(ROOT, resolve(ROOT, dirname(file), m[1]!)));
    found.push(target.replace(/\.js$/, '.ts'));
  }
  return found;
}

const layers = layersFromReadme();
const files = [...sourceFiles('src'), ...sourceFiles('rules')];
const known = new Set(files);

/** The table row a file belongs to: the longest folder or file named there that contains it. */
function rowOf(file: string): { layer: number; part: string } | null {
  let best: { layer: number; part: string } | null = null;
  for (const { layer, parts } of layers) {
    for (const part of parts) {
      const hit = file === part || file.startsWith(`${part}/`);
      if (hit && (!best || part.length > best.part.length)) best = { layer, part };
    }
  }
  return best;
}

const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => known.has(t))]));

describe('layers', () => {
  it('the README lists the layers in order, from the primitives up', () => {
    expect(layers.map((l) => l.layer)).toEqual(layers.map((_, i) => i + 1));
    expect(layers[0]!.parts).toEqual(['src/primitives']);
  });

  it('every source file belongs to a layer', () => {
    expect(files.filter((f) => !rowOf(f))).toEqual([]);
  });

  it('imports point only to earlier layers or to the same folder', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      const from = rowOf(file)!;
      for (const target of targets) {
        const to = rowOf(target)!;
        if (to.part === from.part || to.layer < from.layer) continue;
        wrong.push(
          `${file} imports ${target}: layer ${from.layer} (${from.part}) may not use layer ${to.layer} (${to.part})`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the primitives import nothing of ours outside their folder', () => {
    const outside = files
      .filter((f) => f.startsWith('src/primitives/'))
      .flatMap((f) => graph.get(f)!.filter((t) => !t.startsWith('src/primitives/')));
    expect(outside).toEqual([]);
  });

  it('no file imports itself round a cycle', () => {
    // Tarjan's strongly connected components: any component of more than one file is a cycle.
    let next = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string): void => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v)!) {
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) !== index.get(v)) return;
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)!.includes(v)) cycles.push(component.sort());
    };
    for (const f of files) if (!index.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('finds the imports it checks (the reader is not blind)', () => {
    expect(graph.get('src/config/types.ts')).toContain('src/primitives/raw-value.ts');
    expect(graph.get('src/index.ts')!.length).toBeGreaterThan(5);
  });

  it('gives no two files the same name, except where the name is the point', () => {
    // Allowed: index.ts and types.ts of a folder; src/i18n/zh/<x>.ts, the Chinese of the module of
    // the same name; a rule and a doctor signature named by the same failure id.
    const byName = new Map<string, string[]>();
    for (const f of files.filter((f) => !f.includes('/generated/'))) {
      const name = f.slice(f.lastIndexOf('/') + 1);
      byName.set(name, [...(byName.get(name) ?? []), f]);
    }
    const byDesign = (name: string, paths: string[]) =>
      name === 'index.ts' ||
      name === 'types.ts' ||
      (paths.length === 2 && paths.some((p) => p.startsWith('src/i18n/zh/'))) ||
      (paths.length === 2 &&
        paths.includes(`rules/${name}`) &&
        paths.includes(`src/doctor/signatures/${name}`));
    const clashes = [...byName].filter(
      ([name, paths]) => paths.length > 1 && !byDesign(name, paths),
    );
    expect(clashes).toEqual([]);
  });
});
