/**
 * YAML scalars as Flink stores them. Flink's `config.yaml` keeps the Core-schema type of each
 * scalar (an int stays an int, so `0x10` is 16 bytes), and renders lists back to flow style.
 * Integers are rebuilt from their source text: a JS number would lose digits past 2^53.
 */
import { yamlLib } from './yaml-lib.js';
import type { Alias, Node, Scalar } from 'yaml';
import { javaDoubleToString } from '../primitives/java.js';
import { rawToString } from '../primitives/raw-value.js';
import type { RawValue } from '../primitives/raw-value.js';

const INT_TAG = 'tag:yaml.org,2002:int';
const FLOAT_TAG = 'tag:yaml.org,2002:float';

/** Integers longer than this are kept as text: no memory size or count comes close. */
const MAX_INT_CHARS = 1000;

/**
 * A Core-schema integer as stored: exact when it is of a sane length, else its decimal text
 * (as Java prints it) with a value that is merely out of every range. A hex or octal integer of
 * thousands of digits keeps its source text: converting it to decimal would take seconds.
 */
function intValue(src: string): RawValue | null {
  if (src.length <= MAX_INT_CHARS) {
    const v = coreInt(src);
    return v === null ? null : { kind: 'int', value: v };
  }
  if (!/^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$/.test(src)) return null;
  const decimal = /^[-+]?[0-9]/.test(src) ? src.replace(/^[-+]?0*(?=\d)/, '') : src;
  const neg = src[0] === '-' && decimal !== '0';
  return {
    kind: 'int',
    value: neg ? -(1n << 64n) : 1n << 64n,
    text: neg ? `-${decimal}` : decimal,
  };
}

/**
 * Core-schema integer text (`12`, `-3`, `+4`, `0o17`, `0x1F`) to an exact bigint; null if it is not
 * one.
 */
export function coreInt(text: string): bigint | null {
  if (/^0o[0-7]+$/.test(text)) return BigInt(text);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return BigInt(text);
  if (/^[-+]?[0-9]+$/.test(text)) {
    const neg = text[0] === '-';
    const digits = text[0] === '-' || text[0] === '+' ? text.slice(1) : text;
    const v = BigInt(digits);
    return neg ? -v : v;
  }
  return null;
}

function isBlockOrQuoted(node: Scalar): boolean {
  return node.type !== undefined && node.type !== 'PLAIN';
}

/** The source text of a plain scalar, or its string value when it was quoted or a block. */
export function scalarSource(node: Scalar): string {
  if (!isBlockOrQuoted(node) && typeof node.source === 'string') return node.source;
  return typeof node.value === 'string' ? node.value : String(node.value);
}

/** A scalar with its YAML type, as Flink's `config.yaml` keeps it; null for a YAML null. */
export function typedScalar(node: Scalar): RawValue | null {
  const v = node.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (typeof v === 'bigint') return { kind: 'int', value: v };
  if (typeof v === 'number') {
    const src = typeof node.source === 'string' ? node.source : '';
    const asInt = node.tag === FLOAT_TAG ? null : intValue(src);
    if (asInt !== null) return asInt;
    if (node.tag === INT_TAG && Number.isInteger(v)) return { kind: 'int', value: BigInt(v) };
    return { kind: 'float', value: v };
  }
  if (typeof v === 'string') return { kind: 'string', text: v };
  return { kind: 'string', text: scalarSource(node) };
}

/** Would a plain string be read back as something else, or break flow syntax? */
function needsQuotes(s: string): boolean {
  if (s.length === 0 || s !== s.trim()) return true;
  if (/^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE)$/.test(s)) return true;
  if (coreInt(s) !== null || /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(s))
    return true;
  if (/^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/.test(s)) return true;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s)) return true;
  return /[,[\]{}]|: |:$| #|[\u0000-\u001f]/.test(s);
}

function quoteFlow(s: string): string {
  if (!needsQuotes(s)) return s;
  if (/[\u0000-\u001f]/.test(s)) return JSON.stringify(s);
  return `'${s.replace(/'/g, "''")}'`;
}

function renderScalar(node: Scalar): string {
  const raw = typedScalar(node);
  if (raw === null) return 'null';
  switch (raw.kind) {
    case 'string':
    case 'list':
      return quoteFlow(raw.text);
    case 'int':
      return rawToString(raw);
    case 'bool':
      return raw.value ? 'true' : 'false';
    case 'float':
      if (Number.isNaN(raw.value)) return '.nan';
      if (!Number.isFinite(raw.value)) return raw.value > 0 ? '.inf' : '-.inf';
      return javaDoubleToString(raw.value);
  }
}

/**
 * A collection in flow style (`[a, b]`, `{k: v}`), the way Flink turns a YAML list into the
 * string it stores. `budget` counts nodes so aliases cannot make this explode.
 */
export function renderFlow(
  node: Node | null,
  resolve: (a: Alias) => Node | null,
  budget: { left: number },
  depth = 0,
): string {
  if (--budget.left < 0 || depth > 64) throw new RangeError('collection too large to render');
  if (node === null) return 'null';
  if (yamlLib().isAlias(node)) return renderFlow(resolve(node), resolve, budget, depth + 1);
  if (yamlLib().isScalar(node)) return renderScalar(node);
  if (yamlLib().isSeq(node))
    return `[${node.items.map((i) => renderFlow(i as Node | null, resolve, budget, depth + 1)).join(', ')}]`;
  if (yamlLib().isMap(node)) {
    const parts = node.items.map(
      (p) =>
        `${renderFlow(p.key as Node | null, resolve, budget, depth + 1)}: ${renderFlow(p.value as Node | null, resolve, budget, depth + 1)}`,
    );
    return `{${parts.join(', ')}}`;
  }
  return 'null';
}
