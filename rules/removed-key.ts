import { defineRule } from '../src/engine/types.js';
import { Conf } from '../src/model/conf.js';
import { findOption } from '../src/options/catalogue.js';
import { replacementFor } from '../src/model/key-replacements.js';
import { atLeast } from '../src/primitives/version.js';

const show = (values: Readonly<Record<string, string>>) =>
  Object.entries(values)
    .map(([k, v]) => `"${k}: ${v}"`)
    .join(' and ');

export default defineRule({
  id: 'removed-key',
  severity: 'warning',
  description: 'Keys the chosen Flink version no longer reads, with their replacement',
  rationale:
    'Flink does not warn about a key it stopped reading: the value silently stops counting. For the legacy heap keys on 2.0 that ' +
    'means the process loses its only total memory size; for the pre-1.10 memory keys it means settings people still tune do nothing.',
  messages: {
    convert:
      '"{key}" ({value}) is ignored since Flink {removedIn}{ifRun}, so it no longer {effect}: write {replacement} instead',
    ignored:
      '"{key}" ({value}) is ignored since Flink {removedIn}{ifRun}, and it had no effect before either: {note}',
    noEquivalent: '"{key}" ({value}) is ignored since Flink {removedIn}{ifRun}: {note}',
  },
  remediation:
    'Replace the removed key with its replacement and the converted value, or delete it.',
  fixable: true,
  check(ctx) {
    const conf = new Conf(ctx.rawConfig(), ctx.version);
    for (const entry of ctx.doc.effective.values()) {
      const key = entry.key;
      const removedIn = findOption(key)?.removedIn;
      if (entry.source === 'operator-resource' || !removedIn || !atLeast(ctx.version, removedIn))
        continue;
      // When the file does not say its version, say which versions this is true for.
      const ifRun = ctx.versionKnown
        ? ''
        : ` (if you run Flink ${removedIn} or newer; the file does not say which version it is for)`;
      const data = { key, value: entry.text, removedIn, ifRun };
      const r = replacementFor(key, conf, ctx.target);
      // Deleting a key Flink does not read changes nothing, so that fix is always exact.
      const remove = { [key]: null };
      if (!r) {
        ctx.report({
          messageId: 'noEquivalent',
          entry,
          key,
          data: { note: 'delete it', ...data },
          fix: remove,
        });
      } else if (r.kind === 'no-equivalent') {
        ctx.report({
          messageId: 'noEquivalent',
          entry,
          key,
          data: { note: r.note, ...data },
          fix: remove,
        });
      } else if (r.kind === 'ignored') {
        ctx.report({
          messageId: 'ignored',
          entry,
          key,
          data: { note: r.note, ...data },
          fix: remove,
        });
      } else {
        const taken = Object.keys(r.values).find((k) => ctx.doc.effective.has(k));
        if (taken) {
          const note = `"${taken}" is set and wins`;
          ctx.report({ messageId: 'ignored', entry, key, data: { note, ...data }, fix: remove });
          continue;
        }
        const process = key.startsWith('task') ? 'taskmanager' : 'jobmanager';
        const name = process === 'taskmanager' ? 'TaskManager' : 'JobManager';
        const result = ctx.memory[process];
        const orphaned =
          !result.ok && result.failure.check === 'no-total-memory'
            ? `, which now has no total memory at all`
            : '';
        const effect = /^(task|job)manager\.heap\./.test(key)
          ? `sizes the ${name}${orphaned}`
          : 'counts';
        // A key that sized a process and silently stops doing so is an error; the rest are
        // warnings.
        // (an error only when the version is known: on an assumed version it is advice).
        const severity = orphaned && ctx.versionKnown ? 'error' : 'warning';
        ctx.report({
          messageId: 'convert',
          entry,
          key,
          severity,
          data: { effect, replacement: show(r.values), ...data },
          fix: Object.assign({}, r.values, { [key]: null }),
        });
      }
    }
  },
});
