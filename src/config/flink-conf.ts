/**
 * The legacy `flink-conf.yaml` reader (Flink ≤ 1.18, and 1.19–1.20 when that file exists).
 * It is not YAML: each line is cut at the first `#`, trimmed, and split at the first ": ".
 * Anything else a user might expect from YAML (quotes, nesting, block scalars) silently does
 * something different, so every such line gets a problem saying what Flink actually reads.
 */
import { str } from '../primitives/raw-value.js';
import { clip } from './messages.js';
import { LineIndex } from './positions.js';
import {
  blockScalarValue,
  describeYamlOnlyLine,
  describeYamlOnlyValue,
  isQuoted,
} from './flink-conf-lines.js';
import type { Line } from './flink-conf-bounds.js';
import { cutsValue, rewrite, trimBounds } from './flink-conf-bounds.js';
import { reportDuplicates } from './flink-conf-duplicates.js';
import type { ConfigEntry, ConfigProblem, ProblemKind, Span } from './types.js';

export interface LegacyResult {
  readonly entries: ConfigEntry[];
  readonly problems: ConfigProblem[];
}

/**
 * No real configuration comes close; past this the file is data, and reading on only costs memory.
 */
export const MAX_ENTRIES = 200_000;

interface Parent {
  readonly indent: number;
  readonly key: string;
}

export function parseLegacy(text: string, index = new LineIndex(text)): LegacyResult {
  const entries: ConfigEntry[] = [];
  const problems: ConfigProblem[] = [];
  const span = (l: Line, from: number, to: number): Span => index.span(l.at + from, l.at + to);
  const report = (
    kind: ProblemKind,
    l: Line,
    from: number,
    to: number,
    message: string,
    extra?: Partial<ConfigProblem>,
  ) => problems.push({ kind, message, span: span(l, from, to), ...extra });

  const parents: Parent[] = [];
  let pending: { line: Line; key: string } | null = null;
  let block: { indent: number; key: string } | null = null;
  let baseIndent = -1;

  const settlePending = (next: Line | null) => {
    if (!pending) return;
    const p = pending;
    pending = null;
    if (next && next.s > p.line.s) {
      parents.push({ indent: p.line.s, key: p.key });
      return;
    }
    report(
      'legacy-missing-space',
      p.line,
      p.line.s,
      p.line.e,
      `"${clip(p.key)}" has no value after ':', so Flink skips the line`,
      { key: p.key },
    );
  };

  for (let n = 1; n <= index.lineCount; n++) {
    const raw = index.lineText(n);
    const hash = raw.indexOf('#');
    const [s, e] = trimBounds(raw, 0, hash < 0 ? raw.length : hash);
    if (s === e) continue;
    const l: Line = { number: n, raw, at: index.lineStart(n), s, e, hash };

    const inBlock = block !== null && s > block.indent;
    const blockKey = inBlock ? block?.key : undefined;
    if (!inBlock) block = null;
    settlePending(l);
    while (parents.length > 0 && (parents[parents.length - 1]?.indent ?? -1) >= s) parents.pop();
    if (baseIndent < 0) baseIndent = s;

    const trimmed = raw.slice(s, e);
    const sep = trimmed.indexOf(': ');
    const yamlOnlyLine = describeYamlOnlyLine(trimmed);

    if (sep < 0) {
      if (inBlock) continue;
      if (cutsValue(l, s)) {
        const written = raw.slice(s).trimEnd();
        report(
          'legacy-comment-cut',
          l,
          s,
          raw.length,
          `"${clip(written)}" is cut at '#' to "${clip(trimmed)}", which is not a "key: value" line, so Flink skips it`,
        );
        continue;
      }
      if (yamlOnlyLine) {
        report(
          'legacy-yaml-only',
          l,
          s,
          e,
          `"${clip(trimmed)}" is ${yamlOnlyLine}, which flink-conf.yaml does not support; Flink skips the line`,
        );
        continue;
      }
      const colon = trimmed.indexOf(':');
      if (colon === trimmed.length - 1) {
        pending = { line: l, key: raw.slice(...trimBounds(raw, s, s + colon)) };
        continue;
      }
      if (colon < 0) {
        report(
          'legacy-missing-space',
          l,
          s,
          e,
          `"${clip(trimmed)}" is not a "key: value" line, so Flink skips it`,
        );
        continue;
      }
      const key = raw.slice(...trimBounds(raw, s, s + colon));
      const [vs, ve] = trimBounds(raw, s + colon + 1, e);
      report(
        'legacy-missing-space',
        l,
        s,
        e,
        `"${clip(key)}" is skipped: Flink needs a space after the ':' in "${clip(trimmed)}"`,
        {
          key,
          replacementLine: rewrite(l, s, e, `${key}: ${raw.slice(vs, ve)}`),
        },
      );
      continue;
    }

    const [ks, ke] = trimBounds(raw, s, s + sep);
    const [vs, ve] = trimBounds(raw, s + sep + 2, e);
    const key = raw.slice(ks, ke);
    const value = raw.slice(vs, ve);
    if (ks === ke || vs === ve) {
      const which = ks === ke ? 'key' : 'value';
      report(
        'legacy-empty-key-or-value',
        l,
        s,
        e,
        `"${clip(trimmed)}" has an empty ${which}, so Flink skips the line`,
        ks === ke ? {} : { key },
      );
      continue;
    }
    if (entries.length >= MAX_ENTRIES) {
      report(
        'not-flink-config',
        l,
        s,
        e,
        `the file has more than ${MAX_ENTRIES} settings, far more than any Flink configuration; lines from ${n} on are not read`,
      );
      break;
    }
    // Java's UTF-8 reader keeps a byte order mark, so it becomes part of the first key.
    const bom = n === 1 && text.charCodeAt(0) === 0xfeff;
    const flinkKey = bom ? `\ufeff${key}` : key;
    entries.push({
      key: flinkKey,
      value: str(value),
      text: value,
      source: 'file',
      keySpan: span(l, ks, ke),
      valueSpan: span(l, vs, ve),
      lineSpan: index.lineSpan(n),
    });
    const keyed = { key: flinkKey };
    if (bom) {
      report(
        'legacy-yaml-only',
        l,
        ks,
        ke,
        `the file starts with a byte order mark, which Flink's flink-conf.yaml reader keeps: the key "${clip(key)}" is read with an invisible character in front and never matches`,
        {
          ...keyed,
          replacementLine: raw,
        },
      );
    }

    if (inBlock) {
      report(
        'legacy-yaml-only',
        l,
        ks,
        ve,
        `"${clip(`${key}: ${value}`)}" sits inside the YAML block scalar of "${clip(blockKey ?? '')}", but Flink reads it as its own key "${clip(key)}"`,
        keyed,
      );
    } else if (parents.length > 0) {
      const full = [...parents.map((p) => p.key), key].join('.');
      report(
        'legacy-nested',
        l,
        ks,
        ve,
        `"${clip(key)}" is nested under "${clip(parents.map((p) => p.key).join('.'))}", but flink-conf.yaml ignores indentation: Flink reads the key "${clip(key)}", not "${clip(full)}"`,
        {
          ...keyed,
          replacementLine: `${full}: ${value}`,
        },
      );
    } else if (s > baseIndent) {
      report(
        'legacy-nested',
        l,
        ks,
        ve,
        `"${clip(key)}" is indented, but flink-conf.yaml ignores indentation: Flink reads it as the top-level key "${clip(key)}"`,
        keyed,
      );
    }

    if (yamlOnlyLine) {
      report(
        'legacy-yaml-only',
        l,
        s,
        e,
        `"${clip(trimmed)}" is ${yamlOnlyLine}, which flink-conf.yaml does not support; Flink reads the key "${clip(key)}"`,
        keyed,
      );
    }
    const yamlOnlyValue = describeYamlOnlyValue(value);
    if (yamlOnlyValue) {
      report(
        'legacy-yaml-only',
        l,
        vs,
        ve,
        `"${clip(key)}" value ${clip(value)} is ${yamlOnlyValue}, which flink-conf.yaml does not support; Flink reads the text "${clip(value)}"`,
        keyed,
      );
      if (blockScalarValue(value)) block = { indent: s, key };
    }

    if (isQuoted(key)) {
      const bare = key.slice(1, -1);
      report(
        'legacy-quoted',
        l,
        ks,
        ke,
        `key ${clip(key)} keeps its quotes in flink-conf.yaml, so it never matches "${clip(bare)}"`,
        {
          ...keyed,
          replacementLine: rewrite(l, ks, ke, bare),
        },
      );
    }
    if (isQuoted(value)) {
      const bare = value.slice(1, -1);
      report(
        'legacy-quoted',
        l,
        vs,
        ve,
        `"${clip(key)}" value ${clip(value)} keeps its quotes in flink-conf.yaml: Flink reads the text ${clip(value)}, not ${clip(bare)}`,
        {
          ...keyed,
          replacementLine: rewrite(l, vs, ve, bare),
        },
      );
    }
    if (cutsValue(l, vs)) {
      const written = raw.slice(vs).trimEnd();
      report(
        'legacy-comment-cut',
        l,
        vs,
        raw.length,
        `"${clip(key)}" value ${clip(written)} is cut at '#': Flink reads "${clip(value)}"`,
        keyed,
      );
    }
  }
  settlePending(null);

  reportDuplicates(entries, problems);
  problems.sort((a, b) => a.span.offset - b.span.offset);
  return { entries, problems };
}
