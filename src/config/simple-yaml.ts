/**
 * A fast reader for the `config.yaml` most people write: block mappings of plain keys and plain
 * one-line values, comments and blank lines. It returns exactly what the full YAML reader
 * (standard-yaml.ts) returns for such a file, and null for anything else (quotes, lists, flow
 * style, anchors, tabs, CR line breaks, nulls, duplicates, odd indentation, non-ASCII...), which
 * then goes through the full reader. Reading 10,000 files, the YAML library's tokens, CST and
 * nodes were a fifth of the run; this reads a line at a time and allocates only the entries.
 */
import type { RawValue } from '../primitives/raw-value.js';
import type { LineIndex } from './positions.js';
import type { ConfigEntry } from './types.js';
import { MAX_YAML_CHARS } from './yaml-guard.js';
import { coreInt } from './yaml-values.js';

/**
 * A key the Core schema reads as a string: starts with a letter, no characters YAML treats
 * specially.
 */
const KEY = /^[A-Za-z][A-Za-z0-9_.-]*$/;
/** Plain scalars the Core schema reads as something other than a string. */
const NULL_OR_BOOL = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
const BOOL_TRUE = /^(?:true|True|TRUE)$/;
const INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INF_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
/**
 * A plain value this reader accepts: ASCII without YAML indicators, not starting with one, no
 * `: ` or ` #` inside (the caller splits off the comment), no trailing `:`.
 */
const VALUE = /^(?:[A-Za-z0-9_./+=$~^()]|-[A-Za-z0-9.])[A-Za-z0-9_./+\-=$~^()%@:;? ]*$/;
/** Longer integers take the full reader's path (kept as text there). */
const MAX_INT_CHARS = 1000;
/**
 * YAML limits implicit keys to 1024 characters; long lines go to the full reader, which knows every
 * such rule.
 */
const MAX_LINE = 1000;
/** Deeper files go to the full reader, which bounds nesting with a problem. */
const MAX_LEVELS = 32;

interface Level {
  readonly indent: number;
  readonly prefix: string;
  readonly keys: Set<string>;
}

/**
 * A one-line plain value as the Core schema types it; null when this reader leaves it to the full
 * one.
 */
function typed(src: string): RawValue | null {
  if (NULL_OR_BOOL.test(src))
    return src[0] === '~' || src[0] === 'n' || src[0] === 'N'
      ? null
      : { kind: 'bool', value: BOOL_TRUE.test(src) };
  if (INT.test(src)) {
    if (src.length > MAX_INT_CHARS) return null;
    const v = coreInt(src);
    return v === null ? null : { kind: 'int', value: v };
  }
  if (FLOAT.test(src)) return { kind: 'float', value: parseFloat(src) };
  if (INF_NAN.test(src)) return null;
  return { kind: 'string', text: src };
}

/** The entries of a simple config.yaml, or null when the file needs the full YAML reader. */
export function readSimpleYaml(text: string, index: LineIndex): ConfigEntry[] | null {
  if (
    text.length === 0 ||
    text.length > MAX_YAML_CHARS ||
    text.charCodeAt(0) === 0xfeff ||
    text.indexOf('\r') >= 0 ||
    text.indexOf('\t') >= 0
  )
    return null;
  const entries: ConfigEntry[] = [];
  const stack: Level[] = [];
  /** A key with nothing after its colon: a nested mapping must follow, one level deeper. */
  let open: { indent: number; prefix: string } | null = null;
  for (let line = 1; line <= index.lineCount; line++) {
    const start = index.lineStart(line);
    const end = index.lineEnd(line);
    if (end - start > MAX_LINE) return null;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    if (i === end || text.charCodeAt(i) === 35 /* # */) continue;
    const indent = i - start;
    const colon = text.indexOf(':', i);
    if (colon < 0 || colon >= end) return null;
    const own = text.slice(i, colon);
    if (!KEY.test(own) || NULL_OR_BOOL.test(own)) return null;
    if (open) {
      if (indent <= open.indent || stack.length >= MAX_LEVELS) return null;
      stack.push({ indent, prefix: open.prefix, keys: new Set() });
      open = null;
    } else {
      while (stack.length > 0 && stack[stack.length - 1]!.indent > indent) stack.pop();
      if (stack.length === 0) {
        if (entries.length > 0) return null;
        stack.push({ indent, prefix: '', keys: new Set() });
      }
      if (stack[stack.length - 1]!.indent !== indent) return null;
    }
    const level = stack[stack.length - 1]!;
    if (level.keys.has(own)) return null;
    level.keys.add(own);
    const key = level.prefix + own;
    // After the colon: nothing (a nested mapping follows), or a space, the value and maybe a
    // comment.
    let v = colon + 1;
    if (v < end && text.charCodeAt(v) !== 32) return null;
    while (v < end && text.charCodeAt(v) === 32) v++;
    if (v === end || text.charCodeAt(v) === 35) {
      open = { indent, prefix: `${key}.` };
      continue;
    }
    const hash = text.indexOf(' #', v);
    let valueEnd = hash >= 0 && hash < end ? hash : end;
    while (valueEnd > v && text.charCodeAt(valueEnd - 1) === 32) valueEnd--;
    const src = text.slice(v, valueEnd);
    if (!VALUE.test(src) || src.includes(': ') || src.endsWith(':') || src.includes('#'))
      return null;
    const value = typed(src);
    if (value === null) return null;
    entries.push({
      key,
      value,
      text: src,
      source: 'file',
      keySpan: index.span(i, colon),
      valueSpan: index.span(v, valueEnd),
      lineSpan: index.lineSpan(line, line),
    });
  }
  // A last key without a value is a YAML null, which the full reader reports.
  return open || entries.length === 0 ? null : entries;
}
