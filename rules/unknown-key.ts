import type { FixChanges } from '../src/engine/types.js';
import { defineRule } from '../src/engine/types.js';
import { rawToString } from '../src/model/values.js';
import { isKnownKey, looksMemoryRelated, suggestKey } from '../src/options/suggest.js';

const quoteAll = (keys: readonly string[]) => keys.map((k) => `"${k}"`).join(' and ');

export default defineRule({
  id: 'unknown-key',
  severity: 'warning',
  description: 'Memory-looking keys that no Flink version knows',
  rationale:
    'Flink ignores keys it does not know without a word, so an invented or misspelt memory key (often copied from an article) ' +
    'leaves the memory it was meant to size at its default.',
  messages: {
    alias: '"{key}" ({value}) is not a Flink option in any version, so Flink ignores it: use {suggestion} instead{note}{already}',
    spelling: '"{key}" ({value}) is not a Flink option in any version, so Flink ignores it: did you mean {suggestion}{already}?',
    ambiguous: '"{key}" ({value}) is not a Flink option in any version, so Flink ignores it: did you mean one of {suggestion}?',
    noEquivalent: '"{key}" ({value}) is not a Flink option in any version, so Flink ignores it: {note}',
    unknown: '"{key}" ({value}) is not a Flink option in any version, so Flink ignores it',
  },
  remediation: 'Rename the key to the Flink option it was meant to be, or delete it.',
  fixable: true,
  check(ctx) {
    for (const entry of ctx.doc.effective.values()) {
      const key = entry.key;
      if (entry.source === 'operator-resource' || isKnownKey(key) || !looksMemoryRelated(key)) continue;
      const value = entry.text;
      const s = suggestKey(key, ctx.version);
      if (s.kind === 'no-equivalent') {
        ctx.report({ messageId: 'noEquivalent', entry, key, data: { key, value, note: s.note }, fix: { [key]: null } });
        continue;
      }
      if (s.kind === 'none') {
        ctx.report({ messageId: 'unknown', entry, key, data: { key, value } });
        continue;
      }
      const suggestion = quoteAll(s.keys);
      if (s.kind === 'ambiguous') {
        ctx.report({ messageId: 'ambiguous', entry, key, data: { key, value, suggestion: s.keys.map((k) => `"${k}"`).join(', ') } });
        continue;
      }
      // A rename is only safe when it does not overwrite a value the user already set.
      const taken = s.keys.filter((k) => ctx.entry(k) !== undefined);
      const already = taken.length ? ` (already set to ${taken.map((k) => ctx.entry(k)!.text).join(' and ')})` : '';
      const moved = rawToString(entry.value);
      const fix: FixChanges | undefined = taken.length ? undefined : { ...Object.fromEntries(s.keys.map((k) => [k, moved])), [key]: null };
      const data = { key, value, suggestion, already };
      const note = s.kind === 'alias' && s.note ? ` (${s.note})` : '';
      ctx.report({ messageId: s.kind === 'alias' ? 'alias' : 'spelling', entry, key, data: { ...data, note }, ...(fix ? { fix } : {}) });
    }
  },
});
