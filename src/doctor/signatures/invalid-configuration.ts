import { defineSignature } from '../signature.js';
import { docs } from '../docs.js';
import { explainFailure } from '../../model/reasons.js';
import { formatSizeForConfig } from '../../model/memory-size.js';
import { shippedProcessSize } from '../../model/fix.js';
import { suggestSizeSpelling } from '../../options/size-spelling.js';
import { NAME } from '../suggest.js';
import { parseLooseSize } from '../quantities.js';
import type { SignaturePattern, SuggestContext, Suggestion } from '../types.js';

/** The model's checks, by the text Flink prints when they fail, with what each means in our words. */
const CHECKS: readonly (SignaturePattern & { readonly says: string })[] = [
  { re: /Either required fine-grained memory|Either Task Heap Memory size .{0,200}need to be configured explicitly/i, variant: 'no-total-memory', says: 'no memory size is configured at all: Flink needs a total process size, a total Flink size, or the fine-grained sizes' },
  { re: /Sum of configured Framework Heap Memory/i, variant: 'components-exceed-flink', component: 'taskmanager', says: 'the explicitly sized components (and the fraction-based managed and network memory) add up to more than the total Flink memory they must fit in' },
  { re: /the derived Network Memory is inconsistent with its configuration|Derived Network Memory size .{0,80}is not in configured Network Memory range/i, variant: 'network-remainder-out-of-range', component: 'taskmanager', says: 'network memory is what is left of total Flink memory after the explicit sizes, and that is outside the configured network min/max' },
  { re: /Derived Network Memory size .{0,80}does not match configured Network Memory size/i, variant: 'network-remainder-mismatch', component: 'taskmanager', says: 'the legacy taskmanager.network.numberOfBuffers fixes network memory at a size the remainder of total Flink memory does not match' },
  { re: /Inconsistently configured Key: '(?<key>[^']+)'/i, variant: 'invalid-fraction-range', says: 'a fraction is outside [0, 1) or its min is above its max' },
  { re: /Sum of configured JVM Metaspace .{0,80}and JVM Overhead .{0,80}exceed configured Total Process Memory/i, variant: 'jvm-exceeds-process', says: 'the total process size does not even hold JVM metaspace and JVM overhead' },
  { re: /The configured Total Process Memory size .{0,80}is less than the sum of the derived Total Flink Memory size/i, variant: 'process-below-flink-and-metaspace', says: 'the total process size is smaller than total Flink memory plus metaspace' },
  { re: /Derived JVM Overhead size .{0,80}is not in configured JVM Overhead range/i, variant: 'overhead-out-of-range', says: 'JVM overhead is what is left of the process size, and that is outside the configured overhead min/max' },
  { re: /Sum of the configured JVM Heap Memory .{0,80}and the configured Off-heap Memory .{0,80}does not match/i, variant: 'heap-and-off-heap-mismatch-flink', component: 'jobmanager', says: 'JobManager heap plus off-heap must equal the configured total Flink size exactly' },
  { re: /The configured JVM Heap Memory .{0,80}exceeds the configured Total Flink Memory/i, variant: 'heap-exceeds-flink', component: 'jobmanager', says: 'the JobManager heap is larger than its total Flink size' },
  { re: /The configured Total Flink Memory .{0,80}is less than the configured Off-heap Memory/i, variant: 'flink-not-above-off-heap', component: 'jobmanager', says: 'the JobManager total Flink size leaves no heap after its off-heap memory' },
  { re: /Could not parse value '(?<value>[^']*)' for key '(?<key>(?:taskmanager|jobmanager)\.(?:memory|heap|network)[^']{0,200})'/i, variant: 'unparsable-value', says: 'a memory option has a value Flink cannot read' },
  { re: /Cannot read memory size from config option '(?<key>[^']+)'/i, variant: 'unparsable-memory-size', says: 'a memory option has a value Flink cannot read' },
  { re: /Memory size unit '[^']*' does not match any of the recognized units/i, variant: 'unparsable-memory-size', says: 'a memory size uses a unit Flink does not know (only b, k, m, g, t and their long forms, all binary)' },
  { re: /Invalid configuration value for taskmanager\.memory\.segment-size/i, variant: 'invalid-segment-size', component: 'taskmanager', says: 'the segment size must be a power of two of at least 4096 bytes' },
  { re: /The network memory min \((?<netMin>[^)]{1,30})\) and max \((?<netMax>[^)]{1,30})\) mismatch|The network memory min .{0,40}and max .{0,40}mismatch/i, variant: 'local-network-not-fixed', component: 'taskmanager', says: 'in local execution network min and max must be equal' },
  { re: /TaskExecutors need to be started with a positive number of CPU cores/i, variant: 'invalid-cpu-cores', component: 'taskmanager', says: 'the TaskManager gets no CPU: cores (or slots) must be positive' },
  { re: /TaskManager memory configuration failed/i, variant: 'unknown-check', component: 'taskmanager', says: 'the TaskManager memory configuration is rejected' },
  { re: /JobManager memory configuration failed/i, variant: 'unknown-check', component: 'jobmanager', says: 'the JobManager memory configuration is rejected' },
];

function withoutConfig(ctx: SuggestContext): Suggestion[] {
  if (ctx.variant === 'unparsable-value' && ctx.facts.key && ctx.facts.value !== undefined) {
    const spelled = suggestSizeSpelling(ctx.facts.value);
    if (spelled) return [ctx.plan.advise(ctx.facts.key, ctx.facts.value, spelled, 'the same size in a spelling Flink reads (whole numbers, binary units b, k, m, g, t)')];
  }
  if (ctx.variant === 'local-network-not-fixed' && ctx.facts.netMax) {
    const max = parseLooseSize(ctx.facts.netMax);
    if (max !== null) {
      const value = formatSizeForConfig(max);
      const why = `in local execution network memory is one fixed size: the min equal to the max (${ctx.facts.netMax}) the error shows`;
      return [ctx.plan.advise('taskmanager.memory.network.min', ctx.facts.netMin ?? 'not in the text', value, why)];
    }
  }
  if (ctx.variant === 'no-total-memory') {
    return ctx.processes.map((p) => {
      const size = formatSizeForConfig(shippedProcessSize(p, ctx.version));
      return ctx.plan.advise(`${p}.memory.process.size`, 'not set', size, `the size Flink's own default configuration ships for the ${NAME[p]}; size it to your container or machine`);
    });
  }
  return [];
}

export default defineSignature({
  id: 'invalid-configuration',
  title: 'Memory configuration rejected at start-up',
  recognises: [
    "`IllegalConfigurationException` texts of each start-up check of the memory model (sums above total Flink memory, network or JVM overhead out of range, fractions outside [0, 1), JobManager heap above total Flink memory, ...)",
    "`Could not parse value '...' for key '...'` and unknown memory units",
    "with --config: the failed check explained with your values and the exact fix `lint` gives",
  ],
  rank: 10,
  keywords: ['fine-grained memory', 'need to be configured explicitly', 'sum of configured', 'sum of the configured', 'derived network memory', 'inconsistently configured', 'configured total process memory', 'derived jvm overhead', 'configured jvm heap memory', 'configured total flink memory', 'could not parse value', 'cannot read memory size', 'memory size unit', 'segment-size', 'network memory min', 'positive number of cpu cores', 'memory configuration failed'],
  patterns: CHECKS.map(({ says: _says, ...p }) => p),
  component: 'infer',
  options: ['taskmanager.memory.process.size', 'taskmanager.memory.flink.size', 'jobmanager.memory.process.size', 'jobmanager.memory.flink.size'],
  docs: [docs.trouble('illegalconfigurationexception'), docs.setupTm(), docs.setupJm()],
  summary: (ctx) => `Flink refused to start ${ctx.component === 'unknown' ? 'a process' : `the ${NAME[ctx.component]}`}: its memory configuration fails the "${ctx.variant}" check`,
  explain(ctx) {
    const says = CHECKS.find((c) => c.variant === ctx.variant)?.says ?? 'the memory configuration is rejected';
    const parts = [`Flink checks the memory configuration before the process starts; here ${says}.`];
    if (!ctx.withConfig) {
      parts.push('Run again with --config and the same configuration to get the exact change that makes it start.');
      return parts.join(' ');
    }
    let failing = 0;
    for (const p of ctx.processes) {
      const check = ctx.plan.userCheck(p);
      if (!check || check.ok) continue;
      failing++;
      parts.push(`With your configuration the ${NAME[p]} fails the "${check.failure.check}" check: ${explainFailure(check.failure, (k) => ctx.plan.userText(k) ?? undefined, p)}.`);
    }
    if (failing === 0) {
      const which = ctx.processes.map((p) => NAME[p]).join(' and the ');
      parts.push(`The configuration given derives fine for the ${which} with Flink ${ctx.version.major}.${ctx.version.minor}: the failing process read other values (dynamic -D properties, another file, the operator's resource spec) or ran another Flink version.`);
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
