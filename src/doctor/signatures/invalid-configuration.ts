import { defineSignature } from '../signature.js';
import { docs } from '../docs.js';
import { explainFailure } from '../../model/reasons.js';
import { formatSizeForConfig } from '../../primitives/memory-size.js';
import { shippedProcessSize } from '../../model/trial.js';
import { suggestSizeSpelling } from '../../options/size-spelling.js';
import { NAME } from '../suggest.js';
import { parseLooseSize } from '../quantities.js';
import type { Process, SuggestContext, Suggestion } from '../types.js';
import { bytesAfter, byteCounts, fixFromMessage, rebuild } from '../config-error.js';
import { MIB } from '../../primitives/memory-size.js';
import { ceilTo, fmt } from '../quantities.js';
import { defaultFor, findOption } from '../../options/catalogue.js';
import { CHECKS } from './invalid-configuration-checks.js';

/**
 * A remainder (network or JVM overhead) outside its range: the exact bound, or the total moved by
 * the exact difference.
 */
function remainderOutOfRange(ctx: SuggestContext, p: Process, overhead: boolean): Suggestion[] {
  const msg = ctx.facts.msg ?? '';
  const value = bytesAfter(msg, overhead ? 'JVM Overhead size' : 'Network Memory size');
  const range = /\[[^\]]{0,120}\]/.exec(msg)?.[0];
  const counts = range ? byteCounts(range) : [];
  if (value === null || counts.length < 2) return [];
  const [min, max] = [BigInt(counts[0]!), BigInt(counts[1]!)];
  const what = overhead ? 'JVM overhead' : 'network memory';
  const prefix = overhead ? `${p}.memory.jvm-overhead` : 'taskmanager.memory.network';
  const total = overhead ? `${p}.memory.process.size` : `${p}.memory.flink.size`;
  const rest = overhead ? `${p}.memory.flink.size` : 'taskmanager.memory.managed.size';
  const remainder = overhead
    ? `${what} is what the process size leaves after total Flink memory and metaspace, because both ${total} and ${rest} (or all fine-grained sizes) are set`
    : `${what} is what total Flink memory leaves after the explicitly sized components`;
  if (value > max) {
    const up = ceilTo(value, MIB);
    return [
      ctx.plan.advise(
        `${prefix}.max`,
        fmt(max),
        formatSizeForConfig(up),
        `${remainder}: ${fmt(value)} by the message, above the max; a max of ${fmt(up)} admits it`,
      ),
      ctx.plan.advise(
        total,
        'not in the message',
        `${fmt(value - max)} less than today`,
        `or keep the max: the same remainder minus ${fmt(value - max)} fits the range`,
      ),
    ];
  }
  const missing = min - value;
  const out = [
    ctx.plan.advise(
      total,
      'not in the message',
      `${fmt(missing)} more than today`,
      `${remainder}: ${fmt(value)} by the message, ${fmt(missing)} short of the min ${fmt(min)}`,
    ),
  ];
  if (overhead)
    out.push(
      ctx.plan.advise(
        rest,
        'set',
        'remove',
        `or set only ${total}: JVM overhead is then its fraction of the process size, within [${fmt(min)}, ${fmt(max)}]`,
      ),
    );
  return out;
}

/** A fraction outside [0, 1) or a min above its max: the exact values from the message. */
function inconsistentRange(ctx: SuggestContext): Suggestion[] {
  const key = ctx.facts.key;
  const msg = ctx.facts.msg ?? '';
  if (!key || !key.endsWith('.fraction')) return [];
  const min = bytesAfter(msg, 'its min');
  const max = bytesAfter(msg, ', max');
  const fraction = /\((-?\d{1,20}(?:\.\d{1,20})?(?:E-?\d{1,3})?|NaN|-?Infinity)\) and its min/.exec(
    msg,
  )?.[1];
  const base = key.slice(0, -'fraction'.length);
  if (min !== null && max !== null && min > max) {
    return [
      ctx.plan.advise(
        `${base}max`,
        fmt(max),
        formatSizeForConfig(min),
        `the max must not be below the min (${fmt(min)}); or lower ${base}min to ${fmt(max)}`,
      ),
    ];
  }
  const option = findOption(key);
  const def = option ? defaultFor(option, ctx.version) : null;
  if (fraction !== undefined && def !== null) {
    return [
      ctx.plan.advise(
        key,
        fraction,
        def,
        `a fraction must be at least 0 and below 1; ${def} is Flink's default`,
      ),
    ];
  }
  return [];
}

function withoutConfig(ctx: SuggestContext): Suggestion[] {
  const msg = ctx.facts.msg;
  if (msg !== undefined) {
    const out: Suggestion[] = [];
    for (const p of ctx.processes)
      out.push(...fixFromMessage(ctx.variant, msg, p, ctx.version, ctx.plan.target));
    if (out.length > 0) return out;
    const p = ctx.processes[0]!;
    if (ctx.variant === 'overhead-out-of-range' && ctx.processes.length === 1)
      return remainderOutOfRange(ctx, p, true);
    if (ctx.variant === 'network-remainder-out-of-range')
      return remainderOutOfRange(ctx, 'taskmanager', false);
    if (ctx.variant === 'invalid-fraction-range') return inconsistentRange(ctx);
  }
  if (ctx.variant === 'unparsable-value' && ctx.facts.key && ctx.facts.value !== undefined) {
    const spelled = suggestSizeSpelling(ctx.facts.value);
    if (spelled)
      return [
        ctx.plan.advise(
          ctx.facts.key,
          ctx.facts.value,
          spelled,
          'the same size in a spelling Flink reads (whole numbers, binary units b, k, m, g, t)',
        ),
      ];
  }
  if (ctx.variant === 'local-network-not-fixed' && ctx.facts.netMax) {
    const max = parseLooseSize(ctx.facts.netMax);
    if (max !== null) {
      const value = formatSizeForConfig(max);
      const why = `in local execution network memory is one fixed size: the min equal to the max (${ctx.facts.netMax}) the error shows`;
      return [
        ctx.plan.advise(
          'taskmanager.memory.network.min',
          ctx.facts.netMin ?? 'not in the text',
          value,
          why,
        ),
      ];
    }
  }
  // A rejection told without Flink's numbers: size only the total and let Flink derive the
  // components.
  if (ctx.variant === 'unknown-check' && msg === undefined) {
    return ctx.processes.map((p) => {
      const size = formatSizeForConfig(shippedProcessSize(p, ctx.version));
      return ctx.plan.advise(
        `${p}.memory.process.size`,
        'not in the text',
        size,
        'set only the total and drop the fine-grained sizes that do not fit in it: Flink derives every component from the total (size it to your container or machine)',
      );
    });
  }
  if (ctx.variant === 'no-total-memory') {
    return ctx.processes.map((p) => {
      const size = formatSizeForConfig(shippedProcessSize(p, ctx.version));
      return ctx.plan.advise(
        `${p}.memory.process.size`,
        'not set',
        size,
        `the size Flink's own default configuration ships for the ${NAME[p]}; size it to your container or machine`,
      );
    });
  }
  return [];
}

export default defineSignature({
  id: 'invalid-configuration',
  title: 'Memory configuration rejected at start-up',
  recognises: [
    '`IllegalConfigurationException` texts of each start-up check of the memory model (sums above total Flink memory, network or JVM overhead out of range, fractions outside [0, 1), JobManager heap above total Flink memory, ...)',
    "`Could not parse value '...' for key '...'` and unknown memory units",
    'descriptions of a process that does not start because of its memory configuration, in English or Chinese (内存配置 ... 启动失败): the advice to size only the total process memory',
    'with --config: the failed check explained with your values and the exact fix `lint` gives',
    'without --config: the sizes the message prints rebuilt into a configuration that fails the same check with the same numbers, and the change that makes it start, found and checked with the model (a framework size raised by mistake goes back to its default first)',
    'network memory or JVM overhead outside its range, a min above its max, a fraction outside [0, 1): the exact bound or the exact amount the total must move',
  ],
  rank: 10,
  keywords: [
    'could not read taskmanager',
    'could not read jobmanager',
    'fine-grained memory',
    'need to be configured explicitly',
    'sum of configured',
    'sum of the configured',
    'derived network memory',
    'inconsistently configured',
    'configured total process memory',
    'derived jvm overhead',
    'configured jvm heap memory',
    'configured total flink memory',
    'could not parse value',
    'cannot read memory size',
    'memory size unit',
    'segment-size',
    'network memory min',
    'positive number of cpu cores',
    'memory configuration failed',
    'to start',
    '启动失败',
    '无法启动',
    '起不来',
  ],
  patterns: CHECKS.map(({ says: _says, ...p }) => p),
  component: 'infer',
  options: [
    'taskmanager.memory.process.size',
    'taskmanager.memory.flink.size',
    'jobmanager.memory.process.size',
    'jobmanager.memory.flink.size',
  ],
  docs: [docs.trouble('illegalconfigurationexception'), docs.setupTm(), docs.setupJm()],
  summary: (ctx) =>
    `Flink refused to start ${ctx.component === 'unknown' ? 'a process' : `the ${NAME[ctx.component]}`}: its memory configuration fails the "${ctx.variant}" check`,
  explain(ctx) {
    const says =
      CHECKS.find((c) => c.variant === ctx.variant)?.says ?? 'the memory configuration is rejected';
    const parts = [
      `Flink checks the memory configuration before the process starts; here ${says}.`,
    ];
    if (!ctx.withConfig) {
      const rebuilt =
        ctx.facts.msg !== undefined &&
        ctx.processes.some(
          (p) => rebuild(ctx.variant, ctx.facts.msg!, p, ctx.version, ctx.plan.target) !== null,
        );
      parts.push(
        rebuilt
          ? "The message prints every size it compared: rebuilt into a configuration, they fail the same check with the same numbers in flink-mem's model, and the change below makes that configuration start. Run again with --config to start from your own file instead."
          : 'Run again with --config and the same configuration to get the exact change that makes it start.',
      );
      return parts.join(' ');
    }
    let failing = 0;
    for (const p of ctx.processes) {
      const check = ctx.plan.userCheck(p);
      if (!check || check.ok) continue;
      failing++;
      parts.push(
        `With your configuration the ${NAME[p]} fails the "${check.failure.check}" check: ${explainFailure(check.failure, (k) => ctx.plan.userText(k) ?? undefined, p)}.`,
      );
    }
    if (failing === 0) {
      const which = ctx.processes.map((p) => NAME[p]).join(' and the ');
      parts.push(
        `The configuration given derives fine for the ${which} with Flink ${ctx.version.major}.${ctx.version.minor}: the failing process read other values (dynamic -D properties, another file, the operator's resource spec) or ran another Flink version.`,
      );
    }
    return parts.join(' ');
  },
  suggest(ctx) {
    if (!ctx.withConfig) return withoutConfig(ctx);
    const out: Suggestion[] = [];
    for (const p of ctx.processes) {
      const check = ctx.plan.userCheck(p);
      if (check && !check.ok) out.push(...check.fix);
    }
    return out;
  },
});
