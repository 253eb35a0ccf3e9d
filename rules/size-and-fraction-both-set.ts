import type { ConfigEntry } from '../src/config/types.js';
import { defineRule } from '../src/engine/types.js';
import { formatSizeForConfig, parseMemorySize } from '../src/primitives/memory-size.js';
import { rawToString } from '../src/primitives/raw-value.js';
import { getOption, isActive } from '../src/options/catalogue.js';

/** A component whose fraction Flink reads only when no fixed size is configured. */
interface Pair {
  readonly what: string;
  readonly fraction: string;
  /** A size option that wins over the fraction when set. */
  readonly size?: string;
  /** A min/max range that fixes the component when both bounds are set and equal. */
  readonly min?: string;
  readonly max?: string;
}

const PAIRS: readonly Pair[] = [
  {
    what: 'managed memory',
    fraction: 'taskmanager.memory.managed.fraction',
    size: 'taskmanager.memory.managed.size',
  },
  {
    what: 'network memory',
    fraction: 'taskmanager.memory.network.fraction',
    min: 'taskmanager.memory.network.min',
    max: 'taskmanager.memory.network.max',
  },
  {
    what: 'TaskManager JVM overhead',
    fraction: 'taskmanager.memory.jvm-overhead.fraction',
    min: 'taskmanager.memory.jvm-overhead.min',
    max: 'taskmanager.memory.jvm-overhead.max',
  },
  {
    what: 'JobManager JVM overhead',
    fraction: 'jobmanager.memory.jvm-overhead.fraction',
    min: 'jobmanager.memory.jvm-overhead.min',
    max: 'jobmanager.memory.jvm-overhead.max',
  },
];

function bytes(entry: ConfigEntry): bigint | null {
  try {
    return parseMemorySize(rawToString(entry.value));
  } catch {
    return null; // invalid-memory-size reports it
  }
}

export default defineRule({
  id: 'size-and-fraction-both-set',
  severity: 'warning',
  description:
    'A memory fraction that Flink ignores because a fixed size is configured for the same component',
  rationale:
    'Managed memory takes "taskmanager.memory.managed.size" when it is set and reads its fraction only otherwise; network ' +
    'memory and JVM overhead are clamped between their min and max, so equal bounds fix the size whatever the fraction ' +
    'says. The fraction then has no effect: whoever raises it later to give the component more memory sees nothing ' +
    'change. (A fraction still has to be valid: Flink checks its range whenever it builds the min/max range.)',
  messages: {
    sizeWins:
      '"{fractionKey}" ({fraction}) has no effect: "{sizeKey}" ({size}) sets {what} to a fixed size',
    boundsWin:
      '"{fractionKey}" ({fraction}) has no effect: "{minKey}" and "{maxKey}" are both {size}, which fixes {what} at that size',
  },
  remediation:
    'Remove the fraction, or remove the fixed size (or the equal bounds) if the component should follow the fraction.',
  fixable: true,
  check(ctx) {
    // Local execution fixes every component from its own options and ignores these fractions too.
    if (ctx.target === 'local') return;
    for (const p of PAIRS) {
      const fractionEntry = ctx.entry(p.fraction);
      if (!fractionEntry || !isActive(getOption(p.fraction), ctx.version)) continue;
      // Removing a fraction that is not read changes no size (the default fraction is always
      // valid).
      const fix = { [p.fraction]: null };
      const fraction = fractionEntry.text;
      if (p.size) {
        const sizeEntry = ctx.entry(p.size);
        if (!sizeEntry) continue;
        const data = {
          fractionKey: fractionEntry.key,
          fraction,
          sizeKey: sizeEntry.key,
          size: sizeEntry.text,
          what: p.what,
        };
        ctx.report({
          messageId: 'sizeWins',
          entry: fractionEntry,
          key: fractionEntry.key,
          data,
          fix,
        });
        continue;
      }
      const minEntry = ctx.entry(p.min!);
      const maxEntry = ctx.entry(p.max!);
      if (!minEntry || !maxEntry) continue;
      const min = bytes(minEntry);
      if (min === null || min !== bytes(maxEntry)) continue;
      const data = {
        fractionKey: fractionEntry.key,
        fraction,
        minKey: minEntry.key,
        maxKey: maxEntry.key,
        size: formatSizeForConfig(min),
        what: p.what,
      };
      ctx.report({
        messageId: 'boundsWin',
        entry: fractionEntry,
        key: fractionEntry.key,
        data,
        fix,
      });
    }
  },
});
