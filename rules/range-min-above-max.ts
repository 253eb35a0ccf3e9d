import type { ConfigEntry } from '../src/config/types.js';
import { defineRule } from '../src/engine/types.js';
import { formatSizeForConfig, parseMemorySize } from '../src/primitives/memory-size.js';
import { rawToString } from '../src/primitives/raw-value.js';
import { defaultFor, getOption, isActive } from '../src/options/catalogue.js';

/** Ranges Flink checks with min <= max before it derives the component (its RangeFraction). */
const RANGES = [
  {
    min: 'taskmanager.memory.network.min',
    max: 'taskmanager.memory.network.max',
    what: 'network memory',
  },
  {
    min: 'taskmanager.memory.jvm-overhead.min',
    max: 'taskmanager.memory.jvm-overhead.max',
    what: 'TaskManager JVM overhead',
  },
  {
    min: 'jobmanager.memory.jvm-overhead.min',
    max: 'jobmanager.memory.jvm-overhead.max',
    what: 'JobManager JVM overhead',
  },
] as const;

interface Bound {
  readonly entry?: ConfigEntry;
  readonly bytes: bigint;
  /** As written, or "default <value>". */
  readonly shown: string;
}

/**
 * The configured value (own key first, then deprecated keys) or this version's default; null when
 * it does not parse.
 */
function bound(entry: ConfigEntry | undefined, def: string | null): Bound | null {
  try {
    if (entry)
      return { entry, bytes: parseMemorySize(rawToString(entry.value)), shown: entry.text };
    if (def === null) return null;
    const bytes = parseMemorySize(def);
    return {
      bytes,
      shown: `default ${bytes >= 9223372036854775807n ? 'unlimited' : formatSizeForConfig(bytes)}`,
    };
  } catch {
    return null; // invalid-memory-size reports it
  }
}

export default defineRule({
  id: 'range-min-above-max',
  severity: 'error',
  description: 'Network memory or JVM overhead minimum above its maximum',
  rationale:
    'Flink builds a min/max range for network memory and JVM overhead whenever it derives or checks them and refuses to ' +
    'start when the minimum exceeds the maximum. The maximum may be a default: before Flink 1.17 network memory is capped ' +
    'at 1g unless "taskmanager.memory.network.max" is set, so a larger minimum alone fails.',
  messages: {
    minAboveMax: '"{minKey}" ({min}) is greater than "{maxKey}" ({max}): the {what} range is empty',
  },
  remediation:
    'Raise the maximum to at least the minimum, or lower the minimum; set both to the same value to fix the size.',
  fixable: true,
  check(ctx) {
    // Local execution ignores overhead and requires network min == max, which the derivation
    // reports.
    if (ctx.target === 'local') return;
    for (const r of RANGES) {
      const minOption = getOption(r.min);
      if (!isActive(minOption, ctx.version)) continue;
      const min = bound(ctx.entry(r.min), defaultFor(minOption, ctx.version));
      const max = bound(ctx.entry(r.max), defaultFor(getOption(r.max), ctx.version));
      if (!min || !max || min.bytes <= max.bytes || (!min.entry && !max.entry)) continue;
      const at = min.entry ?? max.entry!;
      const maxKey = max.entry?.key ?? r.max;
      ctx.report({
        messageId: 'minAboveMax',
        entry: at,
        key: at.key,
        data: {
          minKey: min.entry?.key ?? r.min,
          min: min.shown,
          maxKey,
          max: max.shown,
          what: r.what,
        },
        fix: { [maxKey]: formatSizeForConfig(min.bytes) },
      });
    }
  },
});
