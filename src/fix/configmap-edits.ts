/**
 * Fixes inside a ConfigMap's embedded `flink-conf.yaml` or `config.yaml`, when it is a literal
 * block (`|`): the embedded text is planned like a file of its own, and each edit is moved back
 * into the manifest by the block's first line and indentation. Folded or quoted values, and a
 * ConfigMap holding both files (their findings cannot be told apart), are left alone.
 */
import type { Document, Node, Pair } from 'yaml';
import { yamlLib } from '../config/yaml-lib.js';
import { literalBlock } from '../config/configmap.js';
import { loadText } from '../config/load-text.js';
import { LineIndex } from '../config/positions.js';
import type { ConfigDocument, LoadedFile } from '../config/types.js';
import { AnchorIndex } from '../config/yaml-flatten.js';
import { ManifestReader } from '../config/yaml-nav.js';
import type { Change } from './changes.js';
import { lineBreakOf } from './edits.js';
import type { TextEdit } from './edits.js';
import type { EditPlan } from './edit-plan.js';
import { emptyPlan } from './edit-plan.js';

export type Planner = (doc: ConfigDocument, changes: readonly Change[]) => EditPlan;

const EMBEDDED = ['flink-conf.yaml', 'config.yaml'];

function refuse(changes: readonly Change[], why: string): EditPlan {
  const plan = emptyPlan();
  for (const c of changes) plan.unsupported.set(c.kind === 'rename' ? c.from : c.key, why);
  return plan;
}

export function planConfigMap(
  doc: ConfigDocument,
  siblings: number,
  yamlDoc: Document.Parsed | undefined,
  index: LineIndex,
  changes: readonly Change[],
  plannerFor: (file: LoadedFile, index: LineIndex) => Planner,
): EditPlan {
  const leave =
    "the fix is inside a ConfigMap's embedded file that is not a literal block (|), which --fix does not edit";
  if (!yamlDoc || siblings > 1)
    return refuse(
      changes,
      'the fix is inside a ConfigMap holding both flink-conf.yaml and config.yaml, which --fix does not edit',
    );
  const reader = new ManifestReader(index, new AnchorIndex(yamlDoc));
  const data = reader.map(reader.get(reader.deref(yamlDoc.contents), 'data'));
  const pair = (data?.items as Pair<Node | null, Node | null>[] | undefined)?.find(
    (p) => p.key && yamlLib().isScalar(p.key) && EMBEDDED.includes(String(p.key.value)),
  );
  const block = pair?.key && pair.value ? literalBlock(reader, pair.key, pair.value) : null;
  if (!pair?.key || !yamlLib().isScalar(pair.key) || !block) return refuse(changes, leave);

  const inner = loadText(block.content, String(pair.key.value));
  const innerDoc = inner.documents[0];
  if (!innerDoc || inner.problems.length > 0) return refuse(changes, leave);
  const innerIndex = new LineIndex(block.content);
  // A finding's line is a manifest line; the embedded file counts from the block's first line.
  const moved = changes.map((c) =>
    c.kind === 'set' && c.line !== undefined ? { ...c, line: c.line - block.first + 1 } : c,
  );
  const planned = plannerFor(inner, innerIndex)(innerDoc, moved);
  if (planned.unsupported.size > 0) return planned;

  // Embedded line k is manifest line first+k-1; a column moves by the indentation, except at a
  // line start, which stays the manifest's line start so whole lines keep their indentation.
  const eol = lineBreakOf(index.text);
  const pad = ' '.repeat(block.indent);
  const lineStartInner = (offset: number) =>
    offset === innerIndex.lineStart(innerIndex.position(offset).line);
  const at = (offset: number) => {
    if (offset >= block.content.length && /\n$/.test(block.content))
      return index.lineNext(block.first + innerIndex.lineCount - 1);
    const p = innerIndex.position(offset);
    const start = index.lineStart(block.first + p.line - 1);
    return lineStartInner(offset) ? start : start + block.indent + p.column - 1;
  };
  // Lines added at the end of a block that keeps its trailing blank lines (|+) go before them:
  // after
  // them they would start a new key of the ConfigMap, and the blank lines would move into the file.
  let keptFrom = block.content.length;
  while (keptFrom > 0 && block.content[keptFrom - 1] === '\n') keptFrom--;
  const tail = keptFrom < block.content.length ? keptFrom + 1 : block.content.length;
  const atEnd = (e: TextEdit): TextEdit =>
    e.start === block.content.length && e.end === e.start
      ? { start: tail, end: tail, text: e.text }
      : e;
  const edits: TextEdit[] = planned.edits.map(atEnd).map((e) => {
    // The end of a block whose last line is blank is a line start too (the blank line's).
    const whole =
      lineStartInner(e.start) || (e.start === block.content.length && block.content.endsWith('\n'));
    const text = e.text
      .split('\n')
      .map((l, i) => (l === '' || (i === 0 && !whole) ? l : pad + l))
      .join(eol);
    return { start: at(e.start), end: at(e.end), text };
  });
  return { edits, unsupported: new Map() };
}
