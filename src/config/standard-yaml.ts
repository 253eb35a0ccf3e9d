/**
 * Flink 1.19+ `config.yaml`: real YAML 1.2 (Core schema), read the way snakeyaml-engine reads it.
 * Nested mappings become dotted keys, scalars keep their type, lists become flow-style strings.
 * Duplicate keys, a null value or a root that is not a mapping make Flink refuse the whole file;
 * here they become problems and everything readable is still returned.
 */
import { yamlLib } from './yaml-lib.js';
import type { Document, Node } from 'yaml';
import type { RawValue } from '../primitives/raw-value.js';
import { clip } from './messages.js';
import { LineIndex } from './positions.js';
import { AnchorIndex, flattenMapping } from './yaml-flatten.js';
import type { FlatPair } from './yaml-flatten.js';
import { documentProblems, parseYaml } from './yaml-guard.js';
import { readSimpleYaml } from './simple-yaml.js';
import { renderFlow, scalarSource, typedScalar } from './yaml-values.js';
import type { ConfigEntry, ConfigProblem, Span } from './types.js';

export interface YamlConfigResult {
  readonly entries: ConfigEntry[];
  readonly problems: ConfigProblem[];
}

/**
 * How a leaf becomes a stored value: typed (config.yaml) or as text (the operator's
 * flinkConfiguration).
 */
export type ValueMode = 'typed' | 'text';

export interface PairContext {
  readonly index: LineIndex;
  readonly anchors: AnchorIndex;
  readonly mode: ValueMode;
  readonly what: string;
  /** What a null value does, ending the null-value message. */
  readonly nullRefusal: string;
  /** Prefix of `path` for entries (`spec.flinkConfiguration.`); no path when absent. */
  readonly pathPrefix?: string;
}

function rangeSpan(index: LineIndex, node: Node): Span {
  const r = node.range ?? [0, 0, 0];
  return index.span(r[0], r[1]);
}

/** Turns flattened pairs into entries; null values and unrenderable lists become problems. */
export function pairsToEntries(pairs: readonly FlatPair[], ctx: PairContext): YamlConfigResult {
  const entries: ConfigEntry[] = [];
  const problems: ConfigProblem[] = [];
  const resolve = (a: Parameters<AnchorIndex['resolve']>[0]) => ctx.anchors.resolve(a);
  for (const p of pairs) {
    const keySpan = rangeSpan(ctx.index, p.keyNode);
    const valueSpan = p.valueAt
      ? rangeSpan(ctx.index, p.valueAt)
      : ctx.index.span(keySpan.endOffset, keySpan.endOffset);
    const text = ctx.index.text.slice(valueSpan.offset, valueSpan.endOffset);
    let value: RawValue | null = null;
    if (p.value !== null && yamlLib().isScalar(p.value)) {
      value =
        ctx.mode === 'typed'
          ? typedScalar(p.value)
          : p.value.value === null
            ? null
            : { kind: 'string', text: scalarSource(p.value) };
    } else if (p.value !== null && (yamlLib().isSeq(p.value) || yamlLib().isMap(p.value))) {
      try {
        const flow = renderFlow(p.value, resolve, { left: 10_000 });
        value =
          ctx.mode === 'typed' ? { kind: 'list', text: flow } : { kind: 'string', text: flow };
      } catch {
        problems.push({
          kind: 'yaml-syntax',
          key: p.key,
          span: valueSpan,
          message: `"${clip(p.key)}" holds a list too large or too deep to read`,
        });
        continue;
      }
    }
    if (
      value === null &&
      p.valueAt !== null &&
      yamlLib().isAlias(p.valueAt) &&
      ctx.anchors.resolve(p.valueAt) === null
    ) {
      // Not a null: YAML parsers (snakeyaml too) refuse an alias without an anchor before it.
      const name = clip(p.valueAt.source);
      problems.push({
        kind: 'yaml-syntax',
        key: p.key,
        span: valueSpan,
        message: `"${clip(p.key)}" is the alias *${name}, but no anchor &${name} comes before it, so ${ctx.what} cannot be read as YAML`,
      });
      continue;
    }
    if (value === null) {
      problems.push({
        kind: 'null-value',
        key: p.key,
        span: text.trim() ? valueSpan : keySpan,
        message: `"${clip(p.key)}" ${text.trim() ? `is ${clip(text.trim())}, which` : 'has no value, which'} YAML reads as null, and ${ctx.nullRefusal}`,
      });
      continue;
    }
    const endAt = Math.max(valueSpan.offset, valueSpan.endOffset - 1);
    const lineSpan = p.ownLines
      ? ctx.index.lineSpan(keySpan.line, ctx.index.position(endAt).line)
      : undefined;
    entries.push({
      key: p.key,
      value,
      text,
      source: 'file',
      keySpan,
      valueSpan,
      ...(lineSpan ? { lineSpan } : {}),
      ...(ctx.pathPrefix !== undefined ? { path: ctx.pathPrefix + p.key } : {}),
    });
  }
  return { entries, problems };
}

/** Reads the root mapping of one parsed document. */
export function readYamlDocument(
  doc: Document.Parsed,
  index: LineIndex,
  what: string,
): YamlConfigResult {
  const problems = documentProblems(doc, index, what);
  const anchors = new AnchorIndex(doc);
  let root = doc.contents as Node | null;
  if (root !== null && yamlLib().isAlias(root)) root = anchors.resolve(root);
  if (root === null || (yamlLib().isScalar(root) && root.value === null))
    return { entries: [], problems };
  if (!yamlLib().isMap(root)) {
    const shape = yamlLib().isSeq(root) ? 'a list' : 'a single value';
    problems.push({
      kind: 'non-mapping-root',
      span: rangeSpan(index, root),
      message: `the top level of ${what} is ${shape}, not a mapping of keys, so Flink refuses to load it`,
    });
    return { entries: [], problems };
  }
  const flat = flattenMapping(root, index, anchors, what);
  const read = pairsToEntries(flat.pairs, {
    index,
    anchors,
    mode: 'typed',
    what,
    nullRefusal: `Flink refuses to load ${what} with a null value`,
  });
  return { entries: read.entries, problems: [...problems, ...flat.problems, ...read.problems] };
}

export function parseStandardYaml(
  text: string,
  index = new LineIndex(text),
  what = 'config.yaml',
): YamlConfigResult {
  const simple = readSimpleYaml(text, index);
  if (simple) return { entries: simple, problems: [] };
  return parseFullYaml(text, index, what);
}

/** The full YAML 1.2 reader, for every file; parseStandardYaml takes a shortcut for simple ones. */
export function parseFullYaml(
  text: string,
  index = new LineIndex(text),
  what = 'config.yaml',
): YamlConfigResult {
  const parsed = parseYaml(text, index, what, false);
  const doc = parsed.docs[0];
  if (!doc) return { entries: [], problems: parsed.problems };
  const read = readYamlDocument(doc, index, what);
  const problems = [...parsed.problems, ...read.problems].sort(
    (a, b) => a.span.offset - b.span.offset,
  );
  return { entries: read.entries, problems };
}
