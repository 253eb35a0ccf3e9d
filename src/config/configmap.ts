/**
 * A plain ConfigMap carrying `flink-conf.yaml` or `config.yaml` (standalone Flink on Kubernetes,
 * Helm charts). The embedded file is read with its own parser, then every span is moved back into
 * the manifest: a literal block (`|`) keeps its lines, only shifted by the block's indentation.
 * Memory limits of Deployments and StatefulSets in the same file are attached to it.
 */
import type { Node } from 'yaml';
import { yamlLib } from './yaml-lib.js';
import { makeDocument } from './document.js';
import { isOperatorConfig } from './foreign.js';
import { parseLegacy } from './flink-conf.js';
import { LineIndex } from './positions.js';
import { parseStandardYaml } from './standard-yaml.js';
import type { ManifestReader } from './yaml-nav.js';
import type {
  ConfigDocument,
  ConfigEntry,
  ConfigProblem,
  ContainerLimit,
  LineRange,
  Span,
} from './types.js';

export interface ConfigMapCandidate {
  readonly root: Node;
  readonly docIndex: number;
  readonly lineRange: LineRange | undefined;
  readonly reader: ManifestReader;
}

const EMBEDDED = ['flink-conf.yaml', 'config.yaml'] as const;

/** Maps positions of the embedded text to the manifest. */
interface Shift {
  span(s: Span): Span;
  lineSpan(s: Span): Span | undefined;
  line(replacement: string): string;
}

/** A literal block: content line k is manifest line first+k-1, columns moved by the indentation. */
function literalShift(index: LineIndex, first: number, indent: number): Shift {
  const at = (line: number, column: number) =>
    index.lineStart(first + line - 1) + indent + column - 1;
  return {
    span: (s) => index.span(at(s.line, s.column), at(s.endLine, s.endColumn)),
    lineSpan: (s) => {
      const last = s.endColumn === 1 && s.endLine > s.line ? s.endLine - 1 : s.endLine;
      return index.lineSpan(first + s.line - 1, first + last - 1);
    },
    line: (replacement) => ' '.repeat(indent) + replacement,
  };
}

/** Anything else (quoted or folded): every position becomes the whole value. */
function coarseShift(whole: Span): Shift {
  return { span: () => whole, lineSpan: () => undefined, line: (replacement) => replacement };
}

/** The text of a literal block as the lines of the manifest give it, or null if it is not one. */
export function literalBlock(
  r: ManifestReader,
  key: Node,
  value: Node,
): { content: string; first: number; indent: number } | null {
  if (
    !yamlLib().isScalar(value) ||
    value.type !== 'BLOCK_LITERAL' ||
    !value.range ||
    typeof value.value !== 'string'
  )
    return null;
  const index = r.index;
  const header = index.position(value.range[0]).line;
  const end = value.range[1];
  const digit = /^\|[-+]?([1-9])/.exec(index.text.slice(value.range[0], value.range[0] + 3));
  const lines: string[] = [];
  for (let l = header + 1; l <= index.lineCount && index.lineStart(l) < end; l++)
    lines.push(index.lineText(l));
  let indent: number;
  if (digit) indent = (key.range ? index.position(key.range[0]).column - 1 : 0) + Number(digit[1]);
  else {
    const firstText = lines.find((l) => l.trim().length > 0) ?? '';
    indent = firstText.length - firstText.trimStart().length;
  }
  const content = lines.map((l) => (l.length > indent ? l.slice(indent) : '')).join('\n');
  const trimEnd = (s: string) => {
    let e = s.length;
    while (e > 0 && s[e - 1] === '\n') e--;
    return s.slice(0, e);
  };
  if (trimEnd(content) !== trimEnd(value.value)) return null;
  return { content, first: header + 1, indent };
}

function shiftEntry(e: ConfigEntry, sh: Shift): ConfigEntry {
  const lineSpan = e.lineSpan ? sh.lineSpan(e.lineSpan) : undefined;
  const { lineSpan: _old, ...rest } = e;
  return {
    ...rest,
    ...(e.keySpan ? { keySpan: sh.span(e.keySpan) } : {}),
    ...(e.valueSpan ? { valueSpan: sh.span(e.valueSpan) } : {}),
    ...(lineSpan ? { lineSpan } : {}),
  };
}

function shiftProblem(p: ConfigProblem, sh: Shift): ConfigProblem {
  return {
    ...p,
    span: sh.span(p.span),
    ...(p.replacementLine !== undefined ? { replacementLine: sh.line(p.replacementLine) } : {}),
  };
}

/** One document per embedded Flink file of the ConfigMap. */
export function readConfigMap(
  cm: ConfigMapCandidate,
  workloads: readonly ContainerLimit[],
  file: string,
  index: LineIndex,
  lines: readonly string[],
  image?: { readonly text: string; readonly span: Span },
): ConfigDocument[] {
  const r = cm.reader;
  const data = r.map(r.get(cm.root, 'data'));
  if (!data) return [];
  const out: ConfigDocument[] = [];
  for (const pair of data.items) {
    const key = r.deref(pair.key);
    const name = r.text(key);
    const value = r.deref(pair.value);
    if (!key || !value || !EMBEDDED.includes(name as (typeof EMBEDDED)[number])) continue;
    const block = literalBlock(r, key, value);
    const text = block ? block.content : (r.text(value) ?? '');
    const shift = block
      ? literalShift(index, block.first, block.indent)
      : coarseShift(r.span(value));
    const inner = new LineIndex(text);
    const read =
      name === 'flink-conf.yaml'
        ? parseLegacy(text, inner)
        : parseStandardYaml(text, inner, 'config.yaml');
    const cmName = r.text(r.path(cm.root, ['metadata', 'name']));
    out.push(
      makeDocument({
        file,
        format: 'k8s',
        docIndex: cm.docIndex,
        lineRange: cm.lineRange,
        entries: read.entries.map((e) => shiftEntry(e, shift)),
        problems: read.problems.map((p) => shiftProblem(p, shift)),
        ...(isOperatorConfig(
          read.entries.map((e) => e.key),
          text,
        )
          ? { operatorDefaults: true }
          : {}),
        kubernetes: {
          kind: 'ConfigMap',
          ...(image ? { image } : {}),
          ...(cmName !== null ? { name: cmName } : {}),
          resources: [],
          limits: [...workloads],
          annotations: r.stringMap(r.path(cm.root, ['metadata', 'annotations'])),
          embedded: { name: name as (typeof EMBEDDED)[number], span: r.span(key) },
        },
        text: index.text,
        lines,
      }),
    );
  }
  return out;
}
