import type { FixChanges } from '../src/engine/types.js';
import { defineRule } from '../src/engine/types.js';
import { rawToString } from '../src/primitives/raw-value.js';
import {
  isKnownKey,
  looksMemoryRelated,
  newerOption,
  suggestKey,
} from '../src/options/key-suggestions.js';
import { versionLabel } from '../src/primitives/version.js';

const quoteAll = (keys: readonly string[]) => keys.map((k) => `"${k}"`).join(' and ');

export default defineRule({
  id: 'unknown-key',
  severity: 'warning',
  description:
    'Memory-looking keys that no Flink version knows, and memory options newer than the chosen Flink version',
  rationale:
    'Flink ignores keys it does not know without a word, so an invented or misspelt memory key (often copied from an article) ' +
    'leaves the memory it was meant to size at its default. The same happens to an option from a newer Flink release than the ' +
    'one deployed: the documentation of the latest release shows it, the older cluster never reads it.',
  messages: {
    alias:
      '"{key}" ({value}) is not a Flink option in any version, so Flink ignores it: use {suggestion} instead{note}{already}',
    spelling:
      '"{key}" ({value}) is not a Flink option in any version, so Flink ignores it: did you mean {suggestion}{already}?',
    ambiguous:
      '"{key}" ({value}) is not a Flink option in any version, so Flink ignores it: did you mean one of {suggestion}?',
    noEquivalent:
      '"{key}" ({value}) is not a Flink option in any version, so Flink ignores it: {note}',
    unknown: '"{key}" ({value}) is not a Flink option in any version, so Flink ignores it',
    newer: '"{key}" ({value}) was added in Flink {since}, so Flink {version} ignores it{instead}',
  },
  remediation:
    'Rename the key to the Flink option it was meant to be, or delete it; for an option of a newer Flink, lint with the version ' +
    'you deploy (--flink-version or spec.flinkVersion) and use the key that version reads.',
  fixable: true,
  check(ctx) {
    const version = versionLabel(ctx.version);
    for (const entry of ctx.doc.effective.values()) {
      const key = entry.key;
      const newer = entry.source === 'operator-resource' ? null : newerOption(key, ctx.version);
      if (newer) {
        const older = newer.older?.key;
        const converted = newer.valueNote ? ` (${newer.valueNote})` : '';
        const instead = older
          ? `: this version reads "${older}" instead${converted}`
          : newer.note
            ? `: ${newer.note}`
            : ' (that version has no equivalent option)';
        const data = { key, value: entry.text, since: newer.option.since, version, instead };
        // Renaming is exact only when the older key is not set already (it would win or be
        // overwritten).
        const fix: FixChanges | undefined =
          older && newer.sameValue && !ctx.doc.effective.has(older)
            ? { [older]: rawToString(entry.value), [key]: null }
            : undefined;
        ctx.report({ messageId: 'newer', entry, key, data, ...(fix ? { fix } : {}) });
        continue;
      }
      // The cheap test first: the full catalogue is read only for keys that look memory-related.
      if (entry.source === 'operator-resource' || !looksMemoryRelated(key) || isKnownKey(key))
        continue;
      const value = entry.text;
      const s = suggestKey(key, ctx.version);
      if (s.kind === 'no-equivalent') {
        ctx.report({
          messageId: 'noEquivalent',
          entry,
          key,
          data: { key, value, note: s.note },
          fix: { [key]: null },
        });
        continue;
      }
      if (s.kind === 'none') {
        ctx.report({ messageId: 'unknown', entry, key, data: { key, value } });
        continue;
      }
      const suggestion = quoteAll(s.keys);
      if (s.kind === 'ambiguous') {
        ctx.report({
          messageId: 'ambiguous',
          entry,
          key,
          data: { key, value, suggestion: s.keys.map((k) => `"${k}"`).join(', ') },
        });
        continue;
      }
      // A rename is only safe when it does not overwrite a value the user already set.
      const taken = s.keys.filter((k) => ctx.entry(k) !== undefined);
      const already = taken.length
        ? ` (already set to ${taken.map((k) => ctx.entry(k)!.text).join(' and ')})`
        : '';
      const moved = rawToString(entry.value);
      // An alias that means something else (a JVM heap is not a task heap) is advice, not a fix.
      const inexact = s.kind === 'alias' && s.exact === false;
      const fix: FixChanges | undefined =
        taken.length || inexact
          ? undefined
          : Object.assign(Object.fromEntries(s.keys.map((k) => [k, moved])), { [key]: null });
      const note = s.kind === 'alias' && s.note ? ` (${s.note})` : '';
      const data = { note, key, value, suggestion, already };
      ctx.report({
        messageId: s.kind === 'alias' ? 'alias' : 'spelling',
        entry,
        key,
        data,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
