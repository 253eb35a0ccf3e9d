/**
 * Parses YAML with the `yaml` package under bounds, so hostile or broken input becomes problems
 * instead of a hang or a crash: nesting is measured before parsing (very deep input can exhaust
 * the stack in ways that are not always catchable), and every library error carries a position.
 */
import { yamlLib } from './yaml-lib.js';
import type { Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import type { LineIndex } from './positions.js';
import type { ConfigProblem } from './types.js';

/** Far beyond any real configuration, far below what exhausts the parser's stack. */
export const MAX_DEPTH = 200;
/** The YAML library needs about 1 s and 100 MB per MB of input; Kubernetes objects are < 1.5 MB. */
export const MAX_YAML_CHARS = 16 * 1024 * 1024;
/**
 * The library keeps about 1 KB per value (with its source tokens), whatever the value's length:
 * a flow list of 15 MB (`[1, 2, 3, ...]`) made 5 million values and exhausted the heap. A
 * Kubernetes object holds at most a few tens of thousands.
 */
export const MAX_YAML_NODES = 250_000;

/**
 * An upper bound of the number of values the library would make, in one pass: every line can
 * hold a key and a value, and every comma or opening bracket starts another value.
 */
export function countNodes(
  text: string,
  limit = MAX_YAML_NODES,
): { nodes: number; offset: number } {
  let nodes = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (lineStart) {
      // Blank and comment lines hold no value.
      if (c === 32 || c === 9) continue;
      lineStart = false;
      if (c !== 35 && c !== 10 && c !== 13) nodes += 2;
    }
    // \n \r , [ {
    if (c === 10 || c === 13) lineStart = true;
    else if (c === 44 || c === 91 || c === 123) nodes++;
    if (nodes > limit) return { nodes, offset: i };
  }
  return { nodes, offset: text.length };
}

export const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.2',
  schema: 'core',
  // The library's own check compares each key with all earlier ones (quadratic on big files);
  // yaml-flatten.ts finds duplicates with a map instead.
  uniqueKeys: false,
  prettyErrors: false,
  keepSourceTokens: true,
};

/**
 * An upper bound of the nesting depth (block indentation levels plus open flow brackets),
 * found in one linear pass. Quotes and comments are skipped roughly; a false alarm needs
 * hundreds of unbalanced brackets, which no configuration has.
 */
export function nestingDepth(text: string): { depth: number; offset: number } {
  const indents: number[] = [];
  let flow = 0;
  let max = 0;
  let at = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lineStart = i;
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    const indent = i - lineStart;
    const c = text[i];
    const content = i < n && c !== '\n' && c !== '\r' && c !== '#';
    if (content) {
      if (indent === 0 && c !== '[' && c !== '{' && c !== ']' && c !== '}') flow = 0;
      while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
      indents.push(indent);
      // Compact sequences (`- - - a`) nest without indentation.
      let j = i;
      while (text[j] === '-' && (text[j + 1] === ' ' || text[j + 1] === '\t')) {
        indents.push(indent + j - i + 1);
        j += 2;
        while (text[j] === ' ') j++;
      }
    }
    let quote = '';
    for (; i < n && text[i] !== '\n' && text[i] !== '\r'; i++) {
      const ch = text[i];
      if (quote) {
        if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") {
        const prev = text[i - 1];
        if (
          prev === undefined ||
          prev === ' ' ||
          prev === '[' ||
          prev === '{' ||
          prev === ',' ||
          prev === ':'
        )
          quote = ch;
      } else if (ch === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
        while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
        break;
      } else if (ch === '[' || ch === '{') flow++;
      else if ((ch === ']' || ch === '}') && flow > 0) flow--;
      if (indents.length + flow > max) {
        max = indents.length + flow;
        at = i;
      }
    }
    if (indents.length + flow > max) {
      max = indents.length + flow;
      at = lineStart;
    }
    while (i < n && (text[i] === '\n' || text[i] === '\r')) i++;
  }
  return { depth: max, offset: at };
}

/**
 * The library treats a lone CR as text; YAML and Java treat it as a line break. Same length, same
 * offsets.
 */
function normalizeBreaks(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r(?!\n)/g, '\n');
}

function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return (nl < 0 ? message : message.slice(0, nl))
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
}

export interface GuardedParse {
  readonly docs: Document.Parsed[];
  readonly problems: ConfigProblem[];
}

/**
 * Parses one or all documents; errors of the library become `yaml-syntax`/`duplicate-key` problems.
 */
export function parseYaml(
  text: string,
  index: LineIndex,
  what: string,
  all: boolean,
): GuardedParse {
  const problems: ConfigProblem[] = [];
  if (text.length > MAX_YAML_CHARS) {
    problems.push({
      kind: 'yaml-syntax',
      message: `${what} is larger than ${MAX_YAML_CHARS >> 20} MB, too large to be a Flink configuration; it is not read`,
      span: index.span(0, 0),
    });
    return { docs: [], problems };
  }
  const count = countNodes(text);
  if (count.nodes > MAX_YAML_NODES) {
    problems.push({
      kind: 'yaml-syntax',
      message: `${what} holds more than ${MAX_YAML_NODES.toLocaleString('en-US')} YAML values (keys, list items), too many to be a Flink configuration; it is not read`,
      span: index.span(count.offset, count.offset),
    });
    return { docs: [], problems };
  }
  const depth = nestingDepth(text);
  if (depth.depth > MAX_DEPTH) {
    problems.push({
      kind: 'yaml-syntax',
      message: `${what} nests deeper than ${MAX_DEPTH} levels; it is not read further`,
      span: index.span(depth.offset, depth.offset),
    });
    return { docs: [], problems };
  }
  let docs: Document.Parsed[];
  try {
    const src = normalizeBreaks(text);
    docs = all
      ? Array.from(yamlLib().parseAllDocuments(src, YAML_OPTIONS) as Iterable<Document.Parsed>)
      : [yamlLib().parseDocument(src, YAML_OPTIONS)];
  } catch (err) {
    problems.push({
      kind: 'yaml-syntax',
      message: `${what} could not be parsed: ${firstLine(String((err as Error)?.message ?? err))}`,
      span: index.span(0, 0),
    });
    return { docs: [], problems };
  }
  return { docs, problems };
}

/** Problems of one parsed document, in source order. */
export function documentProblems(
  doc: Document.Parsed,
  index: LineIndex,
  what: string,
): ConfigProblem[] {
  return doc.errors.map((e): ConfigProblem => {
    const [from, to] = e.pos;
    const span = index.span(from, Math.max(from, to));
    if (e.code === 'MULTIPLE_DOCS')
      return {
        kind: 'yaml-syntax',
        span,
        message: `${what} holds more than one YAML document, and Flink reads exactly one`,
      };
    return {
      kind: 'yaml-syntax',
      span,
      message: `${what} is not valid YAML: ${firstLine(e.message)}`,
    };
  });
}
