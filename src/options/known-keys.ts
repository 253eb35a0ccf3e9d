/**
 * The catalogue of every real Flink option key (all versions the docs tables were read for),
 * generated from Flink's own option documentation by scripts/gen-option-catalogue.mjs. It only
 * answers "is this a real key": the memory options keep their exact per-version data in
 * catalogue.ts. Parsed on first use, so commands that never ask do not pay for it.
 */
import { GENERATIONS, KEY_ROWS, PATTERNS } from './generated/flink-keys.js';

/** What the docs say about one key. */
export interface FlinkKeyInfo {
  readonly key: string;
  /** Flink's type column, as a one-letter code (`M` for Map); empty when unknown. */
  readonly type: string;
  /** Docs generations the key was seen in, e.g. `['1.10-1.12', '1.13-2.2']`. */
  readonly seenIn: readonly string[];
  /** The release that added the key, where its release notes say so. */
  readonly addedIn?: string;
  readonly deprecatedIn?: string;
  readonly removedIn?: string;
}

let table: Map<string, FlinkKeyInfo> | undefined;
/**
 * Length of the longest key: no longer prefix can be a Map option, which bounds the prefix search.
 */
let longest = 0;
let patterns: (readonly string[])[] | undefined;

function keys(): Map<string, FlinkKeyInfo> {
  if (table) return table;
  const byLetter = new Map(GENERATIONS.map((g) => [g.letter, g.versions]));
  table = new Map();
  for (const row of KEY_ROWS.split('\n')) {
    const [key = '', type = '', seen = '', addedIn = '', deprecatedIn = '', removedIn = ''] =
      row.split('|');
    const seenIn = [...seen].map((l) => byLetter.get(l) ?? l);
    if (key.length > longest) longest = key.length;
    table.set(key, {
      key,
      type,
      seenIn,
      ...(addedIn ? { addedIn } : {}),
      ...(deprecatedIn ? { deprecatedIn } : {}),
      ...(removedIn ? { removedIn } : {}),
    });
  }
  return table;
}

/** The docs entry of a key, or undefined when no table read lists it. */
export function flinkKeyInfo(key: string): FlinkKeyInfo | undefined {
  return keys().get(key);
}

/** Number of keys in the catalogue. */
export function flinkKeyCount(): number {
  return keys().size;
}

/**
 * Whether the key belongs to a family whose middle part the user names
 * (`metrics.reporter.<name>.*`)
 * or a namespace Flink hands on to another system (`flink.hadoop.*`). Compared part by part.
 */
export function matchesKeyPattern(key: string): boolean {
  patterns ??= PATTERNS.map(([p]) => p.split('.'));
  const parts = key.split('.');
  return patterns.some((p) => {
    const open = p[p.length - 1] === '*';
    const fixed = open ? p.length - 1 : p.length;
    if (open ? parts.length <= fixed : parts.length !== fixed) return false;
    for (let i = 0; i < fixed; i++) {
      if (p[i] === '<name>' ? parts[i] === '' : p[i] !== parts[i]) return false;
    }
    return !open || parts.slice(fixed).every((x) => x !== '');
  });
}

/**
 * Namespaces of the memory model, where the curated catalogue (catalogue.ts, with exact per-version
 * data) alone decides which keys are real. The docs tables read include development snapshots (a
 * pre-1.10 table names "taskmanager.memory.shuffle.min", renamed before any release), so a key
 * there
 * counts only when the curated catalogue knows it.
 */
export const CURATED_NAMESPACES: readonly string[] = ['taskmanager.memory.', 'jobmanager.memory.'];

/** Whether the key is a real Flink key: listed, an entry of a listed Map option, or in a family. */
export function isDocumentedKey(key: string): boolean {
  if (CURATED_NAMESPACES.some((p) => key.startsWith(p))) return false;
  const all = keys();
  if (all.has(key) || matchesKeyPattern(key)) return true;
  // A Map option can also be written one entry per key: `<option>.<name>: <value>`. Only prefixes
  // no longer than the longest key are tried, so a long key with many dots costs no more than a
  // short one.
  for (let dot = key.lastIndexOf('.', longest); dot > 0; dot = key.lastIndexOf('.', dot - 1)) {
    if (all.get(key.slice(0, dot))?.type === 'M') return dot < key.length - 1;
  }
  return false;
}
