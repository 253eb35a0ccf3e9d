import type { ConfigEntry, ConfigProblem } from '../src/config/types.js';
import { defineRule } from '../src/engine/types.js';
import { JavaError, javaTrim } from '../src/primitives/java.js';
import { parseMemorySize } from '../src/primitives/memory-size.js';
import { rawToString } from '../src/primitives/raw-value.js';
import { OPTIONS, isActive } from '../src/options/catalogue.js';
import { suggestSizeSpelling } from '../src/options/size-spelling.js';

type Problem =
  'empty' | 'negative' | 'notANumber' | 'fractional' | 'yamlFloat' | 'unknownUnit' | 'tooLarge';

/**
 * Sorts Flink's parse failure into the reasons we explain; `unit` is the part Flink took for a
 * unit.
 */
function classify(
  entry: ConfigEntry,
  text: string,
  e: JavaError,
): { problem: Problem; unit: string; digits: string } {
  // Java's trim, as Flink's: a no-break space (U+00A0) stays, before the digits and in the unit.
  const trimmed = javaTrim(text);
  const digits = /^\d*/.exec(trimmed)?.[0] ?? '';
  // Flink's message lower-cases the unit; the user's own spelling is clearer.
  const unit = /^Memory size unit '(.*)' does not match/s.test(e.message)
    ? javaTrim(trimmed.slice(digits.length))
    : '';
  if (e.message.startsWith('argument is an empty')) return { problem: 'empty', unit, digits };
  if (e.message.includes('numeric overflow')) return { problem: 'tooLarge', unit, digits };
  if (trimmed.startsWith('-')) return { problem: 'negative', unit, digits };
  if (digits === '') return { problem: 'notANumber', unit, digits };
  if (entry.value.kind === 'float') return { problem: 'yamlFloat', unit, digits };
  return { problem: /^[.,]\d/.test(unit) ? 'fractional' : 'unknownUnit', unit, digits };
}

/** A quoted legacy value is reported by legacy-syntax, which knows the unquoted value. */
function quotedInLegacyFile(problems: readonly ConfigProblem[], entry: ConfigEntry): boolean {
  return problems.some(
    (p) => p.kind === 'legacy-quoted' && p.span.offset === entry.valueSpan?.offset,
  );
}

/**
 * The value as written, and what Flink reads when that differs (a YAML float is read as Java prints
 * it).
 */
function shown(entry: ConfigEntry, read: string): string {
  const written = entry.text;
  return [read, `'${read}'`, `"${read}"`].includes(written)
    ? written
    : `${written}, read as ${read}`;
}

export default defineRule({
  id: 'invalid-memory-size',
  severity: 'error',
  description: 'A memory option whose value Flink cannot parse as a memory size',
  rationale:
    'Flink reads a memory size as whole digits followed by one of its units (b, k, m, g, t and their long forms, all binary). ' +
    'Decimals like 1.5g, Kubernetes units like 512Mi or 2Gi, signs and YAML floats are rejected, and the TaskManager or ' +
    'JobManager that reads the option does not start.',
  messages: {
    empty: '"{key}" is empty: a memory size is a whole number with a unit, like 1728m or 2g',
    negative:
      '"{key}" ({value}) is negative: a memory size is a whole number of at least 0 with a unit, like 1728m',
    notANumber:
      '"{key}" ({value}) does not start with a digit: a memory size is a whole number with a unit, like 1728m or 2g',
    fractional:
      '"{key}" ({value}) is not a whole number: Flink reads "{digits}" and rejects "{unit}" as a unit, so write the size in a smaller unit{hint}',
    yamlFloat:
      '"{key}" ({value}) is a YAML number with a decimal point, which Flink reads as text that is not a whole number of bytes; write a whole number with a unit{hint}',
    unknownUnit:
      '"{key}" ({value}) has the unit "{unit}", which Flink does not know: use b, k, m, g or t (or kb, mb, gb, tb; all binary, 1k = 1024 bytes){hint}',
    tooLarge:
      '"{key}" ({value}) is more than Flink can count: a memory size must stay below 2^63 bytes (8388607t at most)',
  },
  remediation:
    'Write the size as a whole number followed by b, k, m, g or t, for example 1536m instead of 1.5g or 512m instead of 512Mi.',
  fixable: true,
  check(ctx) {
    for (const option of OPTIONS) {
      if (option.type !== 'memory' || !isActive(option, ctx.version)) continue;
      const entry = ctx.entry(option.key);
      if (!entry || quotedInLegacyFile(ctx.doc.problems, entry)) continue;
      const read = rawToString(entry.value);
      try {
        parseMemorySize(read);
        continue;
      } catch (e) {
        if (!(e instanceof JavaError)) throw e;
        const { problem, unit, digits } = classify(entry, read, e);
        // A size the operator wrote from the spec is fixed in the spec, which operator-memory-units
        // does.
        const suggestion = entry.source === 'operator-resource' ? null : suggestSizeSpelling(read);
        const data = {
          key: entry.key,
          value: shown(entry, read),
          unit,
          digits,
          hint: suggestion ? `; ${suggestion} is exactly the same size` : '',
        };
        ctx.report({
          messageId: problem,
          entry,
          key: entry.key,
          data,
          ...(suggestion ? { fix: { [entry.key]: suggestion } } : {}),
        });
      }
    }
  },
});
