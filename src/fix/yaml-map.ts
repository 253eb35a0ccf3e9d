/**
 * Fixes inside one YAML mapping of Flink keys: a config.yaml's root, or a FlinkDeployment's
 * `spec.flinkConfiguration`. Keys may be flat (`a.b.c: 1`) or nested (`a: {b: {c: 1}}` as block
 * mappings). A value is replaced in place in its quoting style; a flat key is renamed in place;
 * a nested key is removed with every parent it leaves empty (an empty mapping is a null value,
 * which Flink refuses) and a new key goes under its deepest existing parent, nested like the file.
 */
import type { YAMLMap } from 'yaml';
import type { LineIndex } from '../config/positions.js';
import type { ConfigDocument, ConfigEntry, Span } from '../config/types.js';
import { findOption } from '../options/catalogue.js';
import type { Change } from './changes.js';
import type { KeptComment } from './edits.js';
import { insertLines, removeLineRanges, replaceSpan, trailingComment } from './edits.js';
import type { EditPlan } from './edit-plan.js';
import { emptyPlan } from './edit-plan.js';
import { scalarLike } from './scalar.js';
import type { ScalarMode } from './scalar.js';
import type { AnyPair, Node2, Trie } from './yaml-map-tree.js';
import {
  blockMap,
  columnOf,
  indentUnit,
  keyOf,
  lastLine,
  renderTrie,
  tree,
} from './yaml-map-tree.js';

export interface MappingTarget {
  readonly index: LineIndex;
  /** The mapping holding the Flink keys; null when there is none yet. */
  readonly map: YAMLMap | null;
  /** The pair holding `map` (`flinkConfiguration: ...`), removed when the mapping ends up empty. */
  readonly holder: AnyPair | null;
  readonly mode: ScalarMode;
  /**
   * Where a missing mapping is created: after this line, with this header line (none for a root),
   * children at `indent`.
   */
  readonly create?: {
    readonly afterLine: number;
    readonly header: string | null;
    readonly indent: number;
    readonly unit: number;
  };
}

/**
 * The anchor on an entry's value (`key: &name value`) when the text also holds an alias to it
 * (`*name`, counted even in a comment: a refused fix is better than a changed neighbour).
 */
function sharedAnchor(text: string, entry: ConfigEntry): string | null {
  if (!entry.keySpan || !entry.valueSpan || entry.valueSpan.offset <= entry.keySpan.endOffset)
    return null;
  const between = text.slice(entry.keySpan.endOffset, entry.valueSpan.offset);
  const at = between.indexOf('&');
  if (at < 0) return null;
  const name = /^[^\s,[\]{}]+/.exec(between.slice(at + 1))?.[0];
  return name !== undefined && text.includes(`*${name}`) ? name : null;
}

function removedKeys(key: string): string[] {
  return [key, ...(findOption(key)?.fallbackKeys ?? []).map((f) => f.key)];
}

export function planMapping(
  doc: ConfigDocument,
  target: MappingTarget,
  changes: readonly Change[],
): EditPlan {
  const { index, map, mode } = target;
  const plan = emptyPlan();
  const entries = doc.entries.filter((e) => e.source === 'file');
  const entriesOf = (key: string) => entries.filter((e) => e.key === key);
  // New values are written like the existing ones; a manifest quotes them when any is quoted.
  const sample =
    (mode === 'text' ? entries.find((e) => isQuotedText(e.text)) : undefined)?.text ??
    entries[0]?.text ??
    '';
  const newValue = (v: string) => scalarLike(v, sample, mode);
  const nested = map !== null && (map.items as AnyPair[]).some((p) => blockMap(p.value));

  const pairByKeyOffset = new Map<number, { pair: AnyPair; parent: YAMLMap }>();
  const walk = (m: YAMLMap) => {
    for (const p of m.items as AnyPair[]) {
      if (blockMap(p.value)) walk(p.value);
      else if (p.key?.range) pairByKeyOffset.set(p.key.range[0], { pair: p, parent: m });
    }
  };
  if (map && !map.flow) walk(map);

  const removedPairs = new Set<AnyPair>();
  const inserts: { key: string; value: string }[] = [];

  // A value that carries an anchor other nodes alias is shared: editing it would edit them too.
  const shared = (key: string, entry: ConfigEntry): boolean => {
    const anchor = sharedAnchor(index.text, entry);
    if (anchor !== null)
      plan.unsupported.set(
        key,
        `"${key}" holds the YAML anchor &${anchor}, which "*${anchor}" elsewhere in the file also reads; fixing it would change those keys too, so change it by hand`,
      );
    return anchor !== null;
  };

  const remove = (key: string, entry: ConfigEntry): boolean => {
    if (shared(key, entry)) return false;
    const leaf = entry.keySpan ? pairByKeyOffset.get(entry.keySpan.offset) : undefined;
    if (!leaf || !entry.lineSpan) {
      plan.unsupported.set(
        key,
        `"${key}" is written in a flow mapping or through an alias, which --fix does not rewrite`,
      );
      return false;
    }
    removedPairs.add(leaf.pair);
    return true;
  };

  for (const c of changes) {
    if (c.kind === 'set') {
      const all = entriesOf(c.key);
      const last = all.find((e) => e.keySpan?.line === c.line) ?? all.at(-1);
      if (last && shared(c.key, last)) continue;
      if (last?.valueSpan)
        plan.edits.push(replaceSpan(last.valueSpan, scalarLike(c.value, last.text, mode)));
      else inserts.push({ key: c.key, value: c.value });
    } else if (c.kind === 'remove') {
      for (const k of removedKeys(c.key)) for (const e of entriesOf(k)) remove(c.key, e);
    } else {
      const all = entriesOf(c.from);
      const last = all.at(-1);
      const flat =
        last?.keySpan &&
        index.text
          .slice(last.keySpan.offset, last.keySpan.endOffset)
          .replace(/^(["'])(.*)\1$/, '$2') === c.from;
      if (last && shared(c.from, last)) continue;
      if (last?.keySpan && last.valueSpan && flat) {
        const written = index.text.slice(last.keySpan.offset, last.keySpan.endOffset);
        plan.edits.push(
          replaceSpan(last.keySpan, scalarLike(c.to, written, 'text')),
          replaceSpan(last.valueSpan, scalarLike(c.value, last.text, mode)),
        );
        for (const e of all.slice(0, -1)) remove(c.from, e);
      } else {
        if (all.every((e) => remove(c.from, e))) inserts.push({ key: c.to, value: c.value });
      }
    }
  }

  // Where each new key goes: under its deepest existing block parent.
  const root = map && !map.flow ? tree(map, target.holder) : null;
  if (map && map.flow && inserts.length > 0) {
    for (const i of inserts)
      plan.unsupported.set(
        i.key,
        `"${i.key}" would go into a flow mapping ({...}), which --fix does not rewrite`,
      );
    inserts.length = 0;
  }
  const unit = target.create?.unit ?? indentUnit(index, map);
  const targets = new Map<Node2 | null, Trie>();
  for (const ins of inserts) {
    let at = root;
    let rest = ins.key;
    for (;;) {
      const next: Node2 | undefined = at?.children.find(
        (c) => c.pair && rest.startsWith(`${keyOf(c.pair)}.`),
      );
      if (!next || !next.pair) break;
      rest = rest.slice((keyOf(next.pair) ?? '').length + 1);
      at = next;
    }
    let trie = targets.get(at);
    if (!trie) targets.set(at, (trie = { children: new Map() }));
    const segs = nested ? rest.split('.') : [rest];
    let t = trie;
    for (const s of segs) {
      let c = t.children.get(s);
      if (!c) t.children.set(s, (c = { children: new Map() }));
      t = c;
    }
    t.value = newValue(ins.value);
  }

  // A mapping is emptied when all its pairs go and nothing new goes into it.
  const receives = (n: Node2): boolean => targets.has(n) || n.children.some(receives);
  const removals: Span[] = [];
  const kept: KeptComment[] = [];
  const emptied = (n: Node2): boolean => {
    const childGone = new Set(n.children.filter(emptied).map((c) => c.pair));
    const all = (n.map.items as AnyPair[]).every((p) => removedPairs.has(p) || childGone.has(p));
    return all && !receives(n);
  };
  /** The comments of the removed leaves under a node, including those of parents removed whole. */
  const keepComments = (n: Node2) => {
    for (const p of n.map.items as AnyPair[]) {
      if (!removedPairs.has(p)) continue;
      const e = entries.find((x) => x.keySpan?.offset === p.key?.range?.[0]);
      const comment = e ? trailingComment(index, e) : null;
      if (comment) kept.push(comment);
    }
    for (const c of n.children) keepComments(c);
  };
  const collect = (n: Node2) => {
    for (const p of n.map.items as AnyPair[]) {
      if (removedPairs.has(p)) {
        const e = entries.find((x) => x.keySpan?.offset === p.key?.range?.[0]);
        if (!e?.lineSpan) continue;
        removals.push(e.lineSpan);
        const comment = trailingComment(index, e);
        if (comment) kept.push(comment);
      }
    }
    for (const c of n.children) {
      if (emptied(c) && c.pair?.key) {
        removals.push(
          index.lineSpan(index.position(c.pair.key.range?.[0] ?? 0).line, lastLine(index, c.map)),
        );
        keepComments(c);
      } else collect(c);
    }
  };
  if (root) {
    if (target.holder?.key && emptied(root)) {
      removals.push(
        index.lineSpan(
          index.position(target.holder.key.range?.[0] ?? 0).line,
          lastLine(index, root.map),
        ),
      );
      keepComments(root);
    } else collect(root);
  }
  plan.edits.push(...removeLineRanges(index, removals, kept));

  for (const [at, trie] of targets) {
    const lines: string[] = [];
    if (at) {
      const first = (at.map.items[0] as AnyPair | undefined)?.key;
      renderTrie(trie, first ? columnOf(index, first) : 0, unit, lines);
      plan.edits.push(insertLines(index, lastLine(index, at.map), lines));
    } else if (target.create) {
      if (target.create.header !== null) lines.push(target.create.header);
      renderTrie(trie, target.create.indent, unit, lines);
      plan.edits.push(insertLines(index, target.create.afterLine, lines));
    } else
      for (const k of trie.children.keys())
        plan.unsupported.set(k, `there is no mapping to add "${k}" to`);
  }
  return plan;
}

function isQuotedText(text: string): boolean {
  return text.startsWith('"') || text.startsWith("'");
}
