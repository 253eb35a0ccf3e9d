/**
 * Small readers for Kubernetes manifests parsed with `yaml`: look up a field by name, read a
 * scalar as the text the user wrote, and get its span. Aliases are followed; nothing throws.
 */
import { yamlLib } from './yaml-lib.js';
import type { Node, Scalar, YAMLMap } from 'yaml';
import type { LineIndex } from './positions.js';
import type { AnchorIndex } from './yaml-flatten.js';
import { scalarSource } from './yaml-values.js';
import type { Span } from './types.js';

export class ManifestReader {
  constructor(
    readonly index: LineIndex,
    readonly anchors: AnchorIndex,
  ) {}

  deref(node: unknown): Node | null {
    if (node === null || typeof node !== 'object') return null;
    const n = node as Node;
    return yamlLib().isAlias(n) ? this.anchors.resolve(n) : n;
  }

  /** The value of `key` in a mapping, or null. The last pair wins, as for a Java map. */
  get(node: Node | null, key: string): Node | null {
    if (node === null || !yamlLib().isMap(node)) return null;
    let found: Node | null = null;
    for (const p of node.items) {
      const k = this.deref(p.key);
      if (k && yamlLib().isScalar(k) && String(k.value) === key) found = this.deref(p.value);
    }
    return found;
  }

  path(node: Node | null, keys: readonly string[]): Node | null {
    let n = node;
    for (const k of keys) n = this.get(n, k);
    return n;
  }

  map(node: Node | null): YAMLMap | null {
    return node !== null && yamlLib().isMap(node) ? node : null;
  }

  items(node: Node | null): Node[] {
    if (node === null || !yamlLib().isSeq(node)) return [];
    return node.items.map((i) => this.deref(i)).filter((i): i is Node => i !== null);
  }

  /** A non-null scalar as written (unquoted), or null. */
  scalar(node: Node | null): { text: string; node: Scalar } | null {
    if (
      node === null ||
      !yamlLib().isScalar(node) ||
      node.value === null ||
      node.value === undefined
    )
      return null;
    return { text: scalarSource(node), node };
  }

  text(node: Node | null): string | null {
    return this.scalar(node)?.text ?? null;
  }

  span(node: Node): Span {
    const r = node.range ?? [0, 0, 0];
    return this.index.span(r[0], r[1]);
  }

  /** String entries of a mapping, in a prototype-free record (keys come from the user). */
  stringMap(node: Node | null): Record<string, string> {
    const out: Record<string, string> = Object.create(null) as Record<string, string>;
    const m = this.map(node);
    if (!m) return out;
    for (const p of m.items) {
      const k = this.text(this.deref(p.key));
      const v = this.text(this.deref(p.value));
      if (k !== null && v !== null)
        Object.defineProperty(out, k, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return out;
  }
}
