import type { ConfigDocument, ConfigEntry } from '../src/config/types.js';
import { defineRule } from '../src/engine/types.js';
import { convertFloat } from '../src/primitives/raw-value.js';
import type { OptionSpec } from '../src/options/catalogue.js';
import { OPTIONS, defaultFor, isActive } from '../src/options/catalogue.js';

/** Memory fractions: float options Flink validates as [0, 1) through its range checks. */
export function isFractionOption(o: OptionSpec): boolean {
  const r = o.range;
  return (
    o.type === 'float' && r?.min === 0 && !r.minExclusive && r.max === 1 && r.maxExclusive === true
  );
}

const MANAGED_FRACTION = 'taskmanager.memory.managed.fraction';
const MANAGED_SIZE = 'taskmanager.memory.managed.size';

/** A quoted legacy value is reported by legacy-syntax, which knows the unquoted value. */
function quotedInLegacyFile(doc: ConfigDocument, entry: ConfigEntry): boolean {
  return doc.problems.some(
    (p) => p.kind === 'legacy-quoted' && p.span.offset === entry.valueSpan?.offset,
  );
}

export default defineRule({
  id: 'fraction-out-of-range',
  severity: 'error',
  description: 'A memory fraction outside [0, 1)',
  rationale:
    'Flink multiplies a total by the managed, network or JVM overhead fraction and checks each fraction whenever the component ' +
    'is derived or range-checked, even when the fraction itself ends up unused: a value below 0, of 1 or more, NaN, or text ' +
    'that is not a number stops the TaskManager or JobManager at start-up.',
  messages: {
    notANumber:
      '"{key}" ({value}) is not a number: a fraction is a decimal of at least 0 and below 1, like {default}',
    outOfRange: '"{key}" ({value}) is outside [0, 1): a fraction must be at least 0 and below 1',
    unusedNotANumber:
      '"{key}" ({value}) is not a number; Flink does not read it today because "{sizeKey}" is set, but fails to start as soon as that size is removed',
    unusedOutOfRange:
      '"{key}" ({value}) is outside [0, 1); Flink does not read it today because "{sizeKey}" is set, but fails to start as soon as that size is removed',
  },
  remediation:
    'Set the fraction to a decimal of at least 0 and below 1, or remove it to use the default.',
  fixable: true,
  check(ctx) {
    for (const option of OPTIONS) {
      if (!isFractionOption(option) || !isActive(option, ctx.version)) continue;
      const entry = ctx.entry(option.key);
      if (!entry || quotedInLegacyFile(ctx.doc, entry)) continue;
      let parsed: number | null;
      try {
        parsed = convertFloat(entry.value);
      } catch {
        // A YAML float that does not narrow to a Java float (.nan, 1e39) is a number, just not in
        // range.
        parsed = entry.value.kind === 'float' ? NaN : null;
      }
      if (parsed !== null && parsed >= 0 && parsed < 1) continue;
      // Flink reads the managed fraction only when no managed size is set.
      const sizeEntry = option.key === MANAGED_FRACTION ? ctx.entry(MANAGED_SIZE) : undefined;
      const def = defaultFor(option, ctx.version) ?? '0';
      const messageId = sizeEntry
        ? parsed === null
          ? 'unusedNotANumber'
          : 'unusedOutOfRange'
        : parsed === null
          ? 'notANumber'
          : 'outOfRange';
      const data = {
        key: entry.key,
        value: entry.text,
        default: def,
        sizeKey: sizeEntry?.key ?? MANAGED_SIZE,
      };
      ctx.report({
        messageId,
        entry,
        key: entry.key,
        data,
        fix: { [entry.key]: def },
      });
    }
  },
});
