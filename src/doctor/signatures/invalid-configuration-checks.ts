/** The pattern table of the invalid-configuration signature: Flink's texts and their meanings. */
import type { SignaturePattern } from '../types.js';

/**
 * The model's checks, by the text Flink prints when they fail, with what each means in our words.
 */
export const CHECKS: readonly (SignaturePattern & { readonly says: string })[] = [
  {
    re: /Either required fine-grained memory|Either Task Heap Memory size .{0,200}need to be configured explicitly/i,
    variant: 'no-total-memory',
    says: 'no memory size is configured at all: Flink needs a total process size, a total Flink size, or the fine-grained sizes',
  },
  {
    re: /(?<msg>Sum of configured Framework Heap Memory.{0,700})/i,
    variant: 'components-exceed-flink',
    component: 'taskmanager',
    says: 'the explicitly sized components (and the fraction-based managed and network memory) add up to more than the total Flink memory they must fit in',
  },
  {
    re: /the derived Network Memory is inconsistent with its configuration|(?<msg>Derived Network Memory size .{0,80}is not in configured Network Memory range.{0,120})/i,
    variant: 'network-remainder-out-of-range',
    component: 'taskmanager',
    says: 'network memory is what is left of total Flink memory after the explicit sizes, and that is outside the configured network min/max',
  },
  {
    re: /Derived Network Memory size .{0,80}does not match configured Network Memory size/i,
    variant: 'network-remainder-mismatch',
    component: 'taskmanager',
    says: 'the legacy taskmanager.network.numberOfBuffers fixes network memory at a size the remainder of total Flink memory does not match',
  },
  {
    re: /Inconsistently configured Key: '(?<key>[^']+)'(?<msg>.{0,400})/i,
    variant: 'invalid-fraction-range',
    says: 'a fraction is outside [0, 1) or its min is above its max',
  },
  {
    re: /(?<msg>Sum of configured JVM Metaspace .{0,80}and JVM Overhead .{0,80}exceed configured Total Process Memory.{0,80})/i,
    variant: 'jvm-exceeds-process',
    says: 'the total process size does not even hold JVM metaspace and JVM overhead',
  },
  {
    re: /(?<msg>The configured Total Process Memory size .{0,80}is less than the sum of the derived Total Flink Memory size.{0,300})/i,
    variant: 'process-below-flink-and-metaspace',
    says: 'the total process size is smaller than total Flink memory plus metaspace',
  },
  {
    re: /(?<msg>Derived JVM Overhead size .{0,80}is not in configured JVM Overhead range.{0,120})/i,
    variant: 'overhead-out-of-range',
    says: 'JVM overhead is what is left of the process size, and that is outside the configured overhead min/max',
  },
  {
    re: /(?<msg>Sum of the configured JVM Heap Memory .{0,80}and the configured Off-heap Memory .{0,80}does not match.{0,120})/i,
    variant: 'heap-and-off-heap-mismatch-flink',
    component: 'jobmanager',
    says: 'JobManager heap plus off-heap must equal the configured total Flink size exactly',
  },
  {
    re: /(?<msg>The configured JVM Heap Memory .{0,80}exceeds the configured Total Flink Memory.{0,80})/i,
    variant: 'heap-exceeds-flink',
    component: 'jobmanager',
    says: 'the JobManager heap is larger than its total Flink size',
  },
  {
    re: /(?<msg>The configured Total Flink Memory .{0,80}is less than the configured Off-heap Memory.{0,80})/i,
    variant: 'flink-not-above-off-heap',
    component: 'jobmanager',
    says: 'the JobManager total Flink size leaves no heap after its off-heap memory',
  },
  {
    re: /Could not parse value '(?<value>[^']*)' for key '(?<key>(?:taskmanager|jobmanager)\.(?:memory|heap|network)[^']{0,200})'/i,
    variant: 'unparsable-value',
    says: 'a memory option has a value Flink cannot read',
  },
  {
    re: /Cannot read memory size from config option '(?<key>[^']+)'/i,
    variant: 'unparsable-memory-size',
    says: 'a memory option has a value Flink cannot read',
  },
  // Flink 1.6 and older: "IllegalConfigurationException: Could not read taskmanager.memory.size".
  {
    re: /Could not read (?<key>(?:taskmanager|jobmanager)\.(?:memory|heap|network)[\w.-]{0,100})/i,
    variant: 'unparsable-memory-size',
    says: 'a memory option has a value Flink cannot read',
  },
  {
    re: /Memory size unit '[^']*' does not match any of the recognized units/i,
    variant: 'unparsable-memory-size',
    says: 'a memory size uses a unit Flink does not know (only b, k, m, g, t and their long forms, all binary)',
  },
  {
    re: /Invalid configuration value for taskmanager\.memory\.segment-size/i,
    variant: 'invalid-segment-size',
    component: 'taskmanager',
    says: 'the segment size must be a power of two of at least 4096 bytes',
  },
  {
    re: /The network memory min \((?<netMin>[^)]{1,30})\) and max \((?<netMax>[^)]{1,30})\) mismatch|The network memory min .{0,40}and max .{0,40}mismatch/i,
    variant: 'local-network-not-fixed',
    component: 'taskmanager',
    says: 'in local execution network min and max must be equal',
  },
  {
    re: /TaskExecutors need to be started with a positive number of CPU cores/i,
    variant: 'invalid-cpu-cores',
    component: 'taskmanager',
    says: 'the TaskManager gets no CPU: cores (or slots) must be positive',
  },
  {
    re: /TaskManager memory configuration failed/i,
    variant: 'unknown-check',
    component: 'taskmanager',
    says: 'the TaskManager memory configuration is rejected',
  },
  {
    re: /JobManager memory configuration failed/i,
    variant: 'unknown-check',
    component: 'jobmanager',
    says: 'the JobManager memory configuration is rejected',
  },
  // Someone's words: the process does not start because of its memory settings.
  {
    re: /\b(?:fails?|failed|failing|refuses?|refused) to start\b.{0,80}\bmemory (?:configuration|config|settings?)\b|\bmemory (?:configuration|config|settings?)\b.{0,80}\b(?:fails?|failed|refuses?|refused) to start\b|内存配置.{0,20}(?:启动失败|无法启动|起不来)|(?:启动失败|无法启动).{0,20}内存配置/i,
    strength: 'weak',
    variant: 'unknown-check',
    says: 'the memory configuration is rejected',
  },
];
