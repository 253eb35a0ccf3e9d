/**
 * Fixes in a legacy flink-conf.yaml, line by line as Flink reads it: a value is replaced in
 * place, a renamed key keeps its line, a removed key loses its line(s), a new key is a new last
 * line.
 * A byte order mark that hides the first key from Flink is removed rather than the key added again.
 */
import { LineIndex } from '../config/positions.js';
import type { ConfigDocument, ConfigEntry, Span } from '../config/types.js';
import { findOption } from '../options/catalogue.js';
import type { Change } from './changes.js';
import type { KeptComment } from './edits.js';
import { insertLines, removeLineRanges, replaceSpan, trailingComment } from './edits.js';
import type { TextEdit } from './edits.js';
import type { EditPlan } from './edit-plan.js';
import { emptyPlan } from './edit-plan.js';

/** What the line reader keeps intact: no "#", no line break, no outer blanks, not empty. */
const writableValue = (v: string) => v !== '' && v === v.trim() && !/[#\r\n]/.test(v);
const writableKey = (k: string) => writableValue(k) && !k.includes(': ') && !k.endsWith(':');

function entriesOf(doc: ConfigDocument, key: string): ConfigEntry[] {
  return doc.entries.filter((e) => e.key === key && e.source === 'file');
}

/** Removing a key removes what the model removes: the key and its deprecated fallback keys. */
function removedKeys(key: string): string[] {
  return [key, ...(findOption(key)?.fallbackKeys ?? []).map((f) => f.key)];
}

export function planLegacy(doc: ConfigDocument, changes: readonly Change[]): EditPlan {
  const index = new LineIndex(doc.text);
  const plan = emptyPlan();
  const removals: Span[] = [];
  const kept: KeptComment[] = [];
  const appended: string[] = [];
  const edits: TextEdit[] = plan.edits;

  let bomRemoved = false;
  const set = (key: string, value: string, line?: number) => {
    // Flink reads the first key with the byte order mark in front, so it never matches: the fix
    // is to drop the mark, which makes the key as written count (its value is checked next pass).
    if (
      !bomRemoved &&
      doc.text.charCodeAt(0) === 0xfeff &&
      entriesOf(doc, `\ufeff${key}`).length > 0
    ) {
      bomRemoved = true;
      return edits.push({ start: 0, end: 1, text: '' });
    }
    const all = entriesOf(doc, key);
    const last = all.find((e) => e.keySpan?.line === line) ?? all.at(-1);
    if (last?.valueSpan) return edits.push(replaceSpan(last.valueSpan, value));
    // A "key:value" line Flink skips is rewritten the way it was meant, in its place.
    const skipped = doc.problems.find(
      (p) => p.kind === 'legacy-missing-space' && p.key === key && p.replacementLine !== undefined,
    );
    if (skipped) return edits.push(replaceSpan(skipped.span, `${key}: ${value}`));
    appended.push(`${key}: ${value}`);
  };

  for (const c of changes) {
    const bad =
      c.kind === 'remove'
        ? null
        : !writableValue(c.value)
          ? 'value'
          : !writableKey(c.kind === 'rename' ? c.to : c.key)
            ? 'key'
            : null;
    if (bad) {
      plan.unsupported.set(
        c.kind === 'rename' ? c.from : c.key,
        `the new ${bad} cannot be written on a flink-conf.yaml line`,
      );
      continue;
    }
    if (c.kind === 'set') set(c.key, c.value, c.line);
    else if (c.kind === 'remove') {
      for (const k of removedKeys(c.key)) {
        for (const e of entriesOf(doc, k)) {
          if (!e.lineSpan) continue;
          removals.push(e.lineSpan);
          const comment = trailingComment(index, e);
          if (comment) kept.push(comment);
        }
      }
    } else {
      const all = entriesOf(doc, c.from);
      const last = all.at(-1);
      if (!last?.keySpan || !last.valueSpan) {
        set(c.to, c.value);
        continue;
      }
      edits.push(replaceSpan(last.keySpan, c.to), replaceSpan(last.valueSpan, c.value));
      for (const e of all.slice(0, -1)) {
        if (!e.lineSpan) continue;
        removals.push(e.lineSpan);
        const comment = trailingComment(index, e);
        if (comment) kept.push(comment);
      }
    }
  }
  edits.push(...removeLineRanges(index, removals, kept));
  if (appended.length > 0) edits.push(insertLines(index, index.lineCount, appended));
  return plan;
}
