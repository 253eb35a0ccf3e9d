/**
 * Flattens YAML mappings into dotted Flink keys, as Flink does for `config.yaml` and the
 * operator for a nested `flinkConfiguration`: `a: {b: 1}` is the key `a.b`. Mappings are always
 * descended, lists and scalars are leaves. Aliases are followed with a budget, so an alias bomb
 * stops with a problem instead of expanding exponentially.
 */
import { yamlLib } from './yaml-lib.js';
import type { Alias, Document, Node, Pair, YAMLMap } from 'yaml';
import { rawToString } from '../primitives/raw-value.js';
import { clip } from './messages.js';
import type { LineIndex } from './positions.js';
import { MAX_DEPTH } from './yaml-guard.js';
import { typedScalar } from './yaml-values.js';
import type { ConfigProblem } from './types.js';

/** Generous for real files, small enough that an alias bomb stops in milliseconds. */
export const MAX_ALIAS_EXPANSIONS = 1000;
export const MAX_ALIAS_NODES = 100_000;

export interface FlatPair {
  /** Flattened key (`taskmanager.memory.process.size`). */
  readonly key: string;
  /** The innermost key as written. */
  readonly keyNode: Node;
  /** The leaf value with aliases resolved: a scalar, a list, or null for a YAML null. */
  readonly value: Node | null;
  /** Where the value is written (the alias itself when it came through one); null when absent. */
  readonly valueAt: Node | null;
  /**
   * The pair sits in a block mapping written in place (not a flow mapping, not through an alias).
   */
  readonly ownLines: boolean;
}

class AliasBudgetError extends Error {}

/** Resolves aliases in one pass over the document instead of one search per alias. */
export class AnchorIndex {
  private readonly byName = new Map<string, { at: number; node: Node }[]>();

  constructor(doc: Document) {
    yamlLib().visit(doc, {
      Node: (_key, node) => {
        const anchor = (node as { anchor?: string }).anchor;
        if (!anchor || !node.range) return;
        const list = this.byName.get(anchor) ?? [];
        list.push({ at: node.range[0], node });
        this.byName.set(anchor, list);
      },
    });
    for (const list of this.byName.values()) list.sort((a, b) => a.at - b.at);
  }

  /**
   * The latest anchor of that name defined before the alias, as YAML requires. A binary search:
   * a file may reuse one anchor name thousands of times, and a scan per alias was quadratic
   * (12 s for a 1 MB file with 40,000 anchors and aliases).
   */
  resolve(alias: Alias): Node | null {
    const list = this.byName.get(alias.source);
    if (!list) return null;
    const at = alias.range?.[0] ?? Number.MAX_SAFE_INTEGER;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.at < at) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? list[lo - 1]!.node : null;
  }
}

/**
 * A key as Flink turns it into text: the scalar's Java `toString()`, or the source of anything
 * else.
 */
export function keyText(node: Node | null, index: LineIndex, anchors: AnchorIndex): string {
  if (node === null) return 'null';
  if (yamlLib().isAlias(node)) return keyText(anchors.resolve(node), index, anchors);
  if (yamlLib().isScalar(node)) {
    const raw = typedScalar(node);
    return raw === null ? 'null' : rawToString(raw);
  }
  const r = node.range;
  return r ? index.text.slice(r[0], r[1]) : '';
}

export interface FlattenResult {
  readonly pairs: FlatPair[];
  readonly problems: ConfigProblem[];
}

export function flattenMapping(
  map: YAMLMap,
  index: LineIndex,
  anchors: AnchorIndex,
  what: string,
): FlattenResult {
  const pairs: FlatPair[] = [];
  const problems: ConfigProblem[] = [];
  const budget = { expansions: 0, nodes: 0 };
  const expanding = new Set<Node>();

  const follow = (node: Node | null, via: Alias): Node | null => {
    if (node === null || !(yamlLib().isMap(node) || yamlLib().isSeq(node))) return node;
    if (++budget.expansions > MAX_ALIAS_EXPANSIONS)
      throw new AliasBudgetError(`more than ${MAX_ALIAS_EXPANSIONS} aliases to collections`);
    if (expanding.has(node))
      throw new AliasBudgetError(`alias *${via.source} refers to a collection that contains it`);
    return node;
  };

  const walk = (m: YAMLMap, prefix: string, depth: number, viaAlias: boolean): void => {
    if (depth > MAX_DEPTH)
      throw new AliasBudgetError(`mappings nest deeper than ${MAX_DEPTH} levels`);
    expanding.add(m);
    const seen = new Map<string, Node>();
    for (const pair of m.items as Pair<Node | null, Node | null>[]) {
      if (viaAlias && ++budget.nodes > MAX_ALIAS_NODES)
        throw new AliasBudgetError(`aliases expand to more than ${MAX_ALIAS_NODES} values`);
      const own = keyText(pair.key, index, anchors);
      const key = prefix + own;
      if (!viaAlias && pair.key !== null && isNodeWithRange(pair.key)) {
        const id = keyIdentity(pair.key, own);
        const first = seen.get(id);
        if (first) problems.push(duplicateKey(key, pair.key, first, index, what));
        else seen.set(id, pair.key);
      }
      let value = pair.value;
      let alias = viaAlias;
      if (value !== null && yamlLib().isAlias(value)) {
        value = follow(anchors.resolve(value), value);
        alias = alias || yamlLib().isMap(value) || yamlLib().isSeq(value);
      }
      if (value !== null && yamlLib().isMap(value)) {
        walk(value, `${key}.`, depth + 1, alias);
        continue;
      }
      if (pair.key === null || !isNodeWithRange(pair.key)) continue;
      pairs.push({
        key,
        keyNode: pair.key,
        value,
        valueAt: pair.value,
        ownLines: !viaAlias && !m.flow,
      });
    }
    expanding.delete(m);
  };

  try {
    walk(map, '', 0, false);
  } catch (err) {
    if (!(err instanceof AliasBudgetError) && !(err instanceof RangeError)) throw err;
    problems.push({
      kind: 'yaml-syntax',
      message: `${what} is not read further: ${err.message}`,
      span: index.span(map.range?.[0] ?? 0, map.range?.[0] ?? 0),
    });
  }
  return { pairs, problems };
}

/**
 * Keys are equal when Java's would be: same type and same value (`1` and `0x1`, not `1` and `"1"`).
 */
function keyIdentity(node: Node, text: string): string {
  if (yamlLib().isScalar(node)) return `${typedScalar(node)?.kind ?? 'null'}:${text}`;
  return `node:${text}`;
}

function duplicateKey(
  key: string,
  node: Node,
  first: Node,
  index: LineIndex,
  what: string,
): ConfigProblem {
  const r = node.range ?? [0, 0];
  const firstLine = index.position(first.range?.[0] ?? 0).line;
  return {
    kind: 'duplicate-key',
    key,
    span: index.span(r[0], r[1]),
    message: `"${clip(key)}" appears twice in the same mapping (first on line ${firstLine}), and Flink refuses to load ${what} with duplicate keys`,
  };
}

function isNodeWithRange(node: unknown): node is Node {
  return typeof node === 'object' && node !== null && 'range' in node;
}
