/**
 * Turns folders given on the command line into the Flink configuration files inside them:
 * `flink-conf.yaml`, and YAML files (`config.yaml` included) that hold Flink keys, a
 * FlinkDeployment or a ConfigMap with a Flink config. The walk is recursive, skips `node_modules` and dot-folders,
 * and returns paths sorted so runs are reproducible.
 */
import { closeSync, openSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { join } from 'node:path';

/** Top-level key prefixes of a Flink `config.yaml`; a `config.yaml` of another tool has none. */
const FLINK_TOP_KEY =
  /^["']?(?:taskmanager|jobmanager|parallelism|execution|state|rest|env|high-availability|kubernetes|pipeline|metrics|pekko|akka|blob|web|security|classloader|restart-strategy|table|python|cluster|heartbeat|historyserver|io)[.:]/m;
/** Flink keys and manifests show themselves in the first lines; no need to read more. */
const SNIFF_BYTES = 64 * 1024;
const LOOKS_FLINK = [
  /^kind:[ \t]*FlinkDeployment\b/m,
  /^[ \t]*(?:flink-conf\.yaml|config\.yaml):/m,
  // Top-level keys only: indented ones are usually some chart's values.yaml, not a Flink file.
  /^["']?(?:taskmanager|jobmanager)\.[\w.-]+["']?:/m,
  /^(?:taskmanager|jobmanager):[ \t]*$/m,
];

/** Reused for every sniff: a folder walk reads the head of thousands of files. */
let sniffBuffer: Buffer | undefined;

function head(path: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = (sniffBuffer ??= Buffer.allocUnsafe(SNIFF_BYTES));
    const n = readSync(fd, buf, 0, SNIFF_BYTES, 0);
    return buf.toString('utf8', 0, n);
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * A file worth loading: any `flink-conf.yaml`, a `config.yaml` with Flink keys (the name is too
 * common to trust alone), or another `.yaml`/`.yml` whose content looks like Flink.
 */
export function looksLikeFlinkFile(path: string, name: string): boolean {
  if (name === 'flink-conf.yaml') return true;
  if (!/\.ya?ml$/i.test(name)) return false;
  const text = head(path);
  if (name === 'config.yaml' && FLINK_TOP_KEY.test(text)) return true;
  return LOOKS_FLINK.some((re) => re.test(text));
}

/**
 * The Flink files under `dir`, one at a time, in the order of their full paths (code unit
 * order), without holding the list: 10,000 paths kept for a whole run survive every young
 * collection and make the heap grow with the number of files. A folder's entries are sorted by
 * name with a `/` after folder names, which orders every path below it exactly as sorting the
 * full paths would. `seen` holds real paths, so a symlink loop is walked once.
 */
function* walk(dir: string, seen: Set<string>): Generator<string> {
  const keys = folderKeys(dir, seen);
  for (const key of keys) {
    const isDir = key.endsWith('/');
    const name = isDir ? key.slice(0, -1) : key;
    const path = join(dir, name);
    if (isDir) yield* walk(path, seen);
    else if (looksLikeFlinkFile(path, name)) yield path;
  }
}

/**
 * A folder's entries to visit, sorted: file names as they are, folder names with a `/` after
 * them. Only these strings stay in memory while the folder is walked (a folder may hold tens of
 * thousands of entries), not the directory entries they came from.
 */
function folderKeys(dir: string, seen: Set<string>): string[] {
  let entries: Dirent[];
  try {
    const real = realpathSync.native(dir);
    if (seen.has(real)) return [];
    seen.add(real);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const keys: string[] = [];
  for (const entry of entries) {
    const name = entry.name;
    // The entry's own type saves a stat; links (and file systems that do not say) are followed.
    let isDir = entry.isDirectory();
    if (!isDir && !entry.isFile()) {
      try {
        const stat = statSync(join(dir, name));
        isDir = stat.isDirectory();
        // A pipe, socket or device named like a config would block or never end when read.
        if (!isDir && !stat.isFile()) continue;
      } catch {
        continue;
      }
    }
    if (isDir && (name === 'node_modules' || name.startsWith('.'))) continue;
    keys.push(isDir ? `${name}/` : name);
  }
  return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The Flink files in a folder and its subfolders, sorted by path, found as they are read. */
export function flinkFilesIn(dir: string): Generator<string> {
  return walk(dir, new Set());
}

/**
 * Folders become the Flink files inside them; anything else (files, `-`, missing paths) is kept
 * as given so that loading reports it. Duplicates are dropped, first occurrence kept.
 */
export function expandInputs(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let isDir = false;
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
