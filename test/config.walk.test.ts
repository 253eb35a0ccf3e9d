/**
 * The folder walk remembers where it has been by regions and sort order instead of a set of
 * every folder (src/config/expand.ts). Checked against the plain definition, a walk in sorted
 * order with a set of visited real paths, on random trees with links to ancestors, siblings,
 * folders walked before and after, folders outside the input (not followed), dot folders and
 * nothing.
 */
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { flinkFilesIn } from '../src/config/index.js';
import { looksLikeFlinkFile } from '../src/config/sniff.js';

const base = mkdtempSync(join(tmpdir(), 'flink-mem-walk-'));
// Removing the trees (one holds 6,000 files) takes longer than the default 10 s on a loaded
// machine.
afterAll(() => rmSync(base, { recursive: true, force: true }), 120_000);

/**
 * The definition: sorted entries (folders with a `/` after the name), each real folder once, no
 * link that leaves the input folder.
 */
function reference(root: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const tree = realpathSync.native(root);
  const leaves = (path: string) => {
    if (!lstatSync(path).isSymbolicLink()) return false;
    const target = realpathSync.native(path);
    return target !== tree && !target.startsWith(`${tree}/`);
  };
  const walk = (dir: string) => {
    let names: { name: string; isDir: boolean }[];
    try {
      const real = realpathSync.native(dir);
      if (seen.has(real)) return;
      seen.add(real);
      names = readdirSync(dir).flatMap((name) => {
        try {
          const st = statSync(join(dir, name));
          if (leaves(join(dir, name))) return [];
          return st.isDirectory() || st.isFile() ? [{ name, isDir: st.isDirectory() }] : [];
        } catch {
          return [];
        }
      });
    } catch {
      return;
    }
    const key = (e: { name: string; isDir: boolean }) => (e.isDir ? `${e.name}/` : e.name);
    names.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    for (const e of names) {
      const path = join(dir, e.name);
      if (e.isDir) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(path);
      } else if (looksLikeFlinkFile(path, e.name)) out.push(path);
    }
  };
  walk(root);
  return out;
}

let trees = 0;

/** Builds a tree from a plan: folders (by index of their parent), a file in some, then links. */
function build(plan: {
  parents: number[];
  names: string[];
  files: boolean[];
  links: [number, number, string][];
}): string {
  const root = join(base, `t${trees++}`);
  const outside = join(root, 'outside');
  const input = join(root, 'in');
  mkdirSync(outside, { recursive: true });
  mkdirSync(input, { recursive: true });
  // Folder 0 is the input, folder 1 lies outside it; the rest hang below earlier folders.
  const dirs = [input, outside];
  plan.parents.forEach((p, i) => {
    const dir = join(dirs[p % dirs.length]!, `${plan.names[i % plan.names.length]}${i}`);
    mkdirSync(dir, { recursive: true });
    dirs.push(dir);
  });
  dirs.forEach((d, i) => {
    if (plan.files[i % plan.files.length]) writeFileSync(join(d, 'flink-conf.yaml'), 'a: 1\n');
  });
  for (const [from, to, name] of plan.links) {
    const target = to < 0 ? join(root, 'nothing') : dirs[to % dirs.length]!;
    try {
      symlinkSync(target, join(dirs[from % dirs.length]!, name));
    } catch {
      // The name is taken: no link.
    }
  }
  return input;
}

describe('folder walk', () => {
  it('visits the same folders, in the same order, as a walk with a set of every folder', () => {
    const plan = fc.record({
      parents: fc.array(fc.nat(40), { maxLength: 25 }),
      names: fc.array(
        fc.constantFrom('a', 'b', 'a-b', 'a.b', 'z', '.hid', 'node_modules', 'A', '0'),
        { minLength: 1, maxLength: 6 },
      ),
      files: fc.array(fc.boolean(), { minLength: 1, maxLength: 7 }),
      links: fc.array(
        fc.tuple(
          fc.nat(40),
          fc.integer({ min: -1, max: 40 }),
          fc.constantFrom('l', 'm', 'a0', 'zz', '.l', 'node_modules'),
        ),
        { maxLength: 6 },
      ),
    });
    fc.assert(
      fc.property(plan, (p) => {
        const input = build(p);
        expect([...flinkFilesIn(input)]).toEqual(reference(input));
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });

  it('reads a folder of thousands of entries in batches, with the same result', () => {
    const dir = join(base, 'large');
    mkdirSync(dir);
    for (let i = 0; i < 6000; i++)
      writeFileSync(
        join(dir, `f${i}.yaml`),
        i % 3 === 0 ? 'taskmanager.memory.process.size: 1g\n' : 'server: 1\n',
      );
    mkdirSync(join(dir, 'f1'));
    writeFileSync(join(dir, 'f1', 'flink-conf.yaml'), 'a: 1\n');
    // Past the size at which the walk switches to reading in batches (64 KiB of entries).
    expect(statSync(dir).size).toBeGreaterThan(64 * 1024);
    const got = [...flinkFilesIn(dir)];
    expect(got).toEqual(reference(dir));
    expect(got).toHaveLength(2001);
  });

  it('follows a link to a folder walked later under the link, and then skips the folder', () => {
    const input = build({
      parents: [0, 0],
      names: ['a', 'z'],
      files: [false, false, true, true],
      links: [[2, 3, 'link']],
    });
    const got = [...flinkFilesIn(input)].map((f) => f.slice(input.length + 1));
    // z1 is reached first through a0/link, so it is not walked again.
    expect(got).toEqual(['a0/flink-conf.yaml', 'a0/link/flink-conf.yaml']);
  });
});
