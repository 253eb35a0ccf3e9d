/**
 * Turns folders given on the command line into the Flink configuration files inside them:
 * `flink-conf.yaml`, and YAML files (`config.yaml` included) that hold Flink keys, a
 * FlinkDeployment or a ConfigMap with a Flink config (anywhere in the file). The walk is recursive,
 * skips
 * `node_modules` and dot-folders, follows links only to targets inside the folder it started in,
 * reports
 * what it passes over (links that leave the folder, what it cannot read), and returns paths sorted
 * so
 * runs are reproducible.
 */
import { lstatSync, opendirSync, readdirSync, realpathSync, statSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { join, sep } from 'node:path';
import { looksLikeFlinkFile } from './sniff.js';

/**
 * Where the walk has been, without a list of every folder (memory would grow with the number of
 * folders). Folders are entered in order of their paths, so within a region (the input folder,
 * or the target of a followed link, by real path) every folder whose relative path sorts at or
 * before the last one entered has been visited, except those skipped by name or below a folder
 * that could not be read. Only regions and unreadable folders are kept: a handful per run.
 */
interface Region {
  /** Real path of the folder the region starts at. */
  readonly root: string;
  readonly prefix: string;
  /** Relative path (`a/b/`) of the last folder entered in this region. */
  last: string;
}

class Visits {
  private readonly regions: Region[] = [];
  private readonly unreadable: string[] = [];

  /**
   * Whether the walk has already entered this real folder (the old rule: walk each real folder
   * once).
   */
  has(real: string): boolean {
    for (const r of this.regions) {
      if (real !== r.root && !real.startsWith(r.prefix)) continue;
      const key = real === r.root ? '' : `${real.slice(r.prefix.length).split(sep).join('/')}/`;
      if (key > r.last) continue;
      if (key.split('/').some((part) => part === 'node_modules' || part.startsWith('.'))) continue;
      if (this.unreadable.some((u) => real.startsWith(u.endsWith(sep) ? u : u + sep))) continue;
      return true;
    }
    return false;
  }

  region(root: string): Region {
    const r: Region = { root, prefix: root.endsWith(sep) ? root : root + sep, last: '' };
    this.regions.push(r);
    return r;
  }

  cannotRead(real: string): void {
    this.unreadable.push(real);
  }

  /**
   * Whether a folder just reached in a region's own order may have been entered before: only
   * through another region (a followed link), so not while the walk has followed none.
   */
  mayHave(): boolean {
    return this.regions.length > 1;
  }
}

/**
 * The Flink files under `dir` (whose real path is `real`), one at a time, in the order of their
 * full paths (code unit order), without holding the list: 10,000 paths kept for a whole run
 * survive every young collection and make the heap grow with the number of files. A folder's
 * entries are sorted by name with a `/` after folder names, which orders every path below it
 * exactly as sorting the full paths would. A linked folder is followed unless the walk has
 * been in its real folder (a link loop is walked once).
 */
/**
 * Names a caller wants to know about in every folder the walk reads (a linter config, `.git`, a
 * flink-conf.yaml), so that it need not look for them again.
 */
export interface FolderWatch {
  readonly names: ReadonlySet<string>;
  /**
   * The watched names in `dir`, each with whether it is a folder. Not called for a folder where
   * one of them is a link or of unknown type, or that could not be read whole.
   */
  folder(dir: string, present: ReadonlyMap<string, boolean>): void;
  /**
   * A path the walk did not read: a folder or file it could not read, or a link that leaves the
   * walked folder.
   */
  skipped?(path: string, why: Skipped): void;
  /** Whether to leave out a folder (the CLI leaves out what git ignores). */
  skipFolder?(dir: string): boolean;
}

/** Why the walk passed over a path. */
export type Skipped =
  | { readonly kind: 'unreadable'; readonly error: unknown }
  | { readonly kind: 'outside'; readonly target: string };

/** Whether a real path lies in the real folder `tree` (or is it). */
function inside(tree: string, real: string): boolean {
  return real === tree || real.startsWith(tree.endsWith(sep) ? tree : tree + sep);
}

/**
 * `tree` is the real path of the folder the walk started in. Links are followed only to a target
 * inside it: a link that leaves it (to a credentials file, to someone's home folder) is reported
 * to the watch and not read, so neither a report nor --fix ever touches a file outside the tree.
 */
function* walk(
  dir: string,
  real: string,
  region: Region,
  key: string,
  visits: Visits,
  watch: FolderWatch | undefined,
  tree: string,
): Generator<string> {
  region.last = key;
  const { keys, links } = folderKeys(dir, real, visits, watch);
  for (const entry of keys) {
    const isDir = entry.endsWith('/');
    const name = isDir ? entry.slice(0, -1) : entry;
    const path = join(dir, name);
    let target: string | null = null;
    if (links.has(entry)) {
      try {
        target = realpathSync.native(path);
      } catch {
        continue;
      }
      if (!inside(tree, target)) {
        watch?.skipped?.(path, { kind: 'outside', target });
        continue;
      }
    }
    if (!isDir) {
      if (
        looksLikeFlinkFile(
          path,
          name,
          watch?.skipped && ((error) => watch.skipped!(path, { kind: 'unreadable', error })),
        )
      )
        yield path;
    } else if (watch?.skipFolder?.(path)) {
      continue;
    } else if (target === null) {
      const childReal = join(real, name);
      if (!visits.mayHave() || !visits.has(childReal))
        yield* walk(path, childReal, region, `${key}${name}/`, visits, watch, tree);
    } else if (!visits.has(target)) {
      yield* walk(path, target, visits.region(target), '', visits, watch, tree);
    }
  }
}

/**
 * A folder's entries to visit, sorted: file names as they are, folder names with a `/` after
 * them, and which of them (by key) are links. Only these strings stay in memory while the
 * folder is walked (a folder may hold tens of thousands of entries), not the directory entries
 * they came from.
 */
function folderKeys(
  dir: string,
  real: string,
  visits: Visits,
  watch: FolderWatch | undefined,
): { keys: string[]; links: Set<string> } {
  const keys: string[] = [];
  const links = new Set<string>();
  let present: Map<string, boolean> | null = watch ? new Map() : null;
  const add = (entry: Dirent) => {
    if (present && watch!.names.has(entry.name)) {
      if (entry.isFile() || entry.isDirectory()) present.set(entry.name, entry.isDirectory());
      else present = null;
    }
    addKey(keys, links, dir, entry);
  };
  try {
    if (statSync(real).size <= LARGE_FOLDER_BYTES) {
      for (const entry of readdirSync(dir, { withFileTypes: true })) add(entry);
    } else {
      // A folder of many thousands of entries is read a few hundred at a time: reading it at
      // once holds an object per entry, megabytes for a folder of 100,000 files.
      const folder = opendirSync(dir, { bufferSize: 512 });
      try {
        for (let entry = folder.readSync(); entry !== null; entry = folder.readSync()) add(entry);
      } finally {
        folder.closeSync();
      }
    }
    if (present) watch!.folder(dir, present);
  } catch (error) {
    // An unreadable folder is passed over and reported, as `find` does; what was read is kept.
    visits.cannotRead(real);
    watch?.skipped?.(dir, { kind: 'unreadable', error });
  }
  keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { keys, links };
}

/**
 * Above this size (as `stat` reports a folder: bytes of its entries on most file systems) a
 * folder is read in batches; below it, in one call, which is faster for the usual small folder.
 */
const LARGE_FOLDER_BYTES = 64 * 1024;

/** Adds an entry's sort key (`name`, or `name/` for a folder) unless the walk skips it. */
function addKey(keys: string[], links: Set<string>, dir: string, entry: Dirent): void {
  const name = entry.name;
  // The entry's own type saves a stat; links (and file systems that do not say) are followed.
  let isDir = entry.isDirectory();
  let link = false;
  if (!isDir && !entry.isFile()) {
    try {
      const stat = statSync(join(dir, name));
      isDir = stat.isDirectory();
      // A pipe, socket or device named like a config would block or never end when read.
      if (!isDir && !stat.isFile()) return;
      // A link is followed from its real path, if that lies in the walked folder; a file system
      // that gives no entry types says nothing of links.
      if (entry.isSymbolicLink() || lstatSync(join(dir, name)).isSymbolicLink()) link = true;
    } catch {
      return;
    }
  }
  if (isDir && (name === 'node_modules' || name.startsWith('.'))) return;
  const key = isDir ? `${name}/` : name;
  // A link to a file matters only when its name could be a Flink file.
  if (link && (isDir || name === 'flink-conf.yaml' || /\.ya?ml$/i.test(name))) links.add(key);
  keys.push(key);
}

/** The Flink files in a folder and its subfolders, sorted by path, found as they are read. */
export function* flinkFilesIn(dir: string, watch?: FolderWatch): Generator<string> {
  let real: string;
  try {
    real = realpathSync.native(dir);
  } catch {
    return;
  }
  const visits = new Visits();
  yield* walk(dir, real, visits.region(real), '', visits, watch, real);
}

/**
 * Folders become the Flink files inside them; anything else (files, `-`, missing paths) is kept
 * as given so that loading reports it. Duplicates are dropped, first occurrence kept.
 */
export function expandInputs(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = p !== '-' && statSync(p).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) out.push(p);
    else for (const f of flinkFilesIn(p)) out.push(f);
  }
  return [...new Set(out)];
}
