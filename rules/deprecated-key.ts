import type { ConfigEntry } from '../src/config/types.js';
import { defineRule } from '../src/engine/types.js';
import { Conf } from '../src/model/conf.js';
import { findOption, isActive, optionForFallbackKey } from '../src/options/catalogue.js';
import { replacementFor } from '../src/model/key-replacements.js';
import type { FlinkVersion } from '../src/primitives/version.js';
import { atLeast } from '../src/primitives/version.js';

/**
 * Since when a key is deprecated in this version, or null when it is not (or is already removed).
 */
function deprecatedSince(key: string, version: FlinkVersion): string | null {
  const own = findOption(key);
  if (own) {
    const removed = own.removedIn !== undefined && atLeast(version, own.removedIn);
    return own.deprecatedIn && atLeast(version, own.deprecatedIn) && !removed
      ? own.deprecatedIn
      : null;
  }
  const owner = optionForFallbackKey(key);
  const flagged = owner?.fallbackKeys?.some((f) => f.key === key && f.deprecated);
  return owner && flagged && isActive(owner, version) ? owner.since : null;
}

const show = (values: Readonly<Record<string, string>>) =>
  Object.entries(values)
    .map(([k, v]) => `"${k}: ${v}"`)
    .join(' and ');

export default defineRule({
  id: 'deprecated-key',
  severity: 'warning',
  description: 'Keys deprecated in the chosen Flink version, with their replacement',
  rationale:
    'A deprecated key still works but only logs a warning, and it is the next version that drops it; some (the legacy heap keys) ' +
    'are silently mapped to a total-memory option that depends on the deployment target, which surprises people.',
  messages: {
    convert:
      '"{key}" ({value}) is deprecated since Flink {since}{removal}: {ifRun}write {replacement} instead{mapping}',
    ignored: '"{key}" ({value}) is deprecated since Flink {since} and has no effect here: {note}',
    noEquivalent:
      '"{key}" ({value}) is deprecated since Flink {since}{removal} and has no replacement: {ifRun}{note}',
  },
  remediation: 'Replace the deprecated key with its replacement and the converted value.',
  fixable: true,
  check(ctx) {
    const conf = new Conf(ctx.rawConfig(), ctx.version);
    const report = (entry: ConfigEntry, since: string) => {
      const key = entry.key;
      const r = replacementFor(key, conf, ctx.target);
      if (!r) return;
      const removedIn = findOption(key)?.removedIn;
      // When the file does not say its version, say which versions the advice is for instead of
      // asserting it.
      const ifRun = ctx.versionKnown ? '' : `if you run Flink ${since} or newer, `;
      const data = {
        key,
        value: entry.text,
        since,
        ifRun,
        removal: removedIn ? ` and ignored from Flink ${removedIn} on` : '',
      };
      if (r.kind === 'no-equivalent')
        return ctx.report({
          messageId: 'noEquivalent',
          entry,
          key,
          data: { note: r.note, ...data },
        });
      if (r.kind === 'ignored')
        return ctx.report({
          messageId: 'ignored',
          entry,
          key,
          data: { note: r.note, ...data },
          fix: { [key]: null },
        });
      // The new key may already be there: then it wins over the deprecated one, whose value is
      // dead.
      const taken = Object.keys(r.values).find((k) => ctx.doc.effective.has(k));
      if (taken) {
        const note = `"${taken}" (${ctx.doc.effective.get(taken)!.text}) is set too and wins`;
        return ctx.report({
          messageId: 'ignored',
          entry,
          key,
          data: { note, ...data },
          fix: { [key]: null },
        });
      }
      // The legacy heap keys land in a different option per deployment target; say which one
      // applies.
      const mapping = /^(task|job)manager\.heap\./.test(key)
        ? `, which is where Flink puts it on a ${ctx.target} deployment`
        : '';
      ctx.report({
        messageId: 'convert',
        entry,
        key,
        data: { replacement: show(r.values), mapping, ...data },
        fix: Object.assign({}, r.values, { [key]: null }),
      });
    };
    for (const entry of ctx.doc.effective.values()) {
      if (entry.source === 'operator-resource') continue;
      const since = deprecatedSince(entry.key, ctx.version);
      if (since) report(entry, since);
    }
  },
});
