/**
 * The shape of a YAML mapping that --fix edits: where a node ends and starts, the indentation step
 * the file uses, the tree of its nested block mappings, and new keys rendered as nested lines.
 */
import { yamlLib } from '../config/yaml-lib.js';
import type { Node, Pair, YAMLMap } from 'yaml';
import type { LineIndex } from '../config/positions.js';
import { doubleQuoted, plainOk } from './scalar.js';

export type AnyPair = Pair<Node | null, Node | null>;

export const blockMap = (n: Node | null | undefined): n is YAMLMap =>
  !!n && yamlLib().isMap(n) && !n.flow;
export const keyOf = (p: AnyPair) =>
  p.key && yamlLib().isScalar(p.key) ? String(p.key.value) : null;

/** The last line holding content of a node (not the trailing blank or comment lines). */
export function lastLine(index: LineIndex, node: Node | AnyPair): number {
  if ('key' in node && !('range' in node && node.range)) {
    const p = node;
    return p.value ? lastLine(index, p.value) : lastLine(index, p.key as Node);
  }
  const n = node as Node;
  if ((yamlLib().isMap(n) || yamlLib().isSeq(n)) && !n.flow && n.items.length > 0)
    return lastLine(index, n.items[n.items.length - 1] as Node);
  const r = n.range ?? [0, 0, 0];
  return index.position(Math.max(r[0], r[1] - 1)).line;
}

/** Column (0-based) of a node's first character, counted in characters of its line. */
export function columnOf(index: LineIndex, node: Node): number {
  return index.position(node.range?.[0] ?? 0).column - 1;
}

/** The indentation step the file uses for nested mappings (2 when it has none). */
export function indentUnit(index: LineIndex, map: YAMLMap | null): number {
  const visit = (m: YAMLMap): number | null => {
    for (const p of m.items as AnyPair[]) {
      if (blockMap(p.value) && p.key && p.value.items[0]) {
        const child = (p.value.items[0] as AnyPair).key;
        if (child) return columnOf(index, child) - columnOf(index, p.key);
      }
    }
    return null;
  };
  const found = map ? visit(map) : null;
  return found && found > 0 ? found : 2;
}

export interface Node2 {
  readonly map: YAMLMap;
  readonly pair: AnyPair | null;
  readonly children: Node2[];
}

export function tree(map: YAMLMap, pair: AnyPair | null): Node2 {
  const children = (map.items as AnyPair[])
    .filter((p) => blockMap(p.value))
    .map((p) => tree(p.value as YAMLMap, p));
  return { map, pair, children };
}

/** New keys below one mapping, as a tree of key segments. */
export interface Trie {
  readonly children: Map<string, Trie>;
  value?: string;
}

export function renderTrie(t: Trie, indent: number, unit: number, out: string[]): void {
  for (const [seg, child] of t.children) {
    const key = plainOk(seg, 'text') ? seg : doubleQuoted(seg);
    if (child.value !== undefined) out.push(`${' '.repeat(indent)}${key}: ${child.value}`);
    else {
      out.push(`${' '.repeat(indent)}${key}:`);
      renderTrie(child, indent + unit, unit, out);
    }
  }
}
