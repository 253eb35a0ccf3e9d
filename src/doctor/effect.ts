/**
 * What a change does to the memory breakdown, in one line: the total first (kept or grown by how
 * much), then every component that moved.
 */
import { fmt, fmtDelta } from './quantities.js';
import type { Process } from '../primitives/flink-process.js';

type Sizes = Readonly<Record<string, bigint>>;

const TM_ORDER: readonly [string, string][] = [
  ['totalProcess', 'total process'],
  ['totalFlink', 'total Flink'],
  ['jvmHeap', 'JVM heap (-Xmx)'],
  ['jvmDirect', 'direct memory limit'],
  ['frameworkHeap', 'framework heap'],
  ['taskHeap', 'task heap'],
  ['frameworkOffHeap', 'framework off-heap'],
  ['taskOffHeap', 'task off-heap'],
  ['network', 'network'],
  ['managed', 'managed'],
  ['jvmMetaspace', 'JVM metaspace'],
  ['jvmOverhead', 'JVM overhead'],
];
const JM_ORDER: readonly [string, string][] = [
  ['totalProcess', 'total process'],
  ['totalFlink', 'total Flink'],
  ['jvmHeap', 'JVM heap'],
  ['offHeap', 'off-heap'],
  ['jvmMetaspace', 'JVM metaspace'],
  ['jvmOverhead', 'JVM overhead'],
];

/** "total process memory stays at 4g; task heap 1459.2m -> 1254m (-205.2m), ..." */
export function effectOf(p: Process, before: Sizes, after: Sizes): string {
  const order = p === 'taskmanager' ? TM_ORDER : JM_ORDER;
  const parts: string[] = [];
  const tpBefore = before.totalProcess ?? 0n;
  const tpAfter = after.totalProcess ?? 0n;
  const head =
    tpBefore === tpAfter
      ? `total process memory stays at ${fmt(tpAfter)}`
      : `total process memory grows by ${fmt(tpAfter - tpBefore)} (${fmt(tpBefore)} -> ${fmt(tpAfter)})`;
  for (const [c, label] of order) {
    if (c === 'totalProcess') continue;
    const x = before[c];
    const y = after[c];
    if (x === undefined || y === undefined || x === y) continue;
    parts.push(`${label} ${fmt(x)} -> ${fmt(y)} (${fmtDelta(y - x)})`);
  }
  return parts.length > 0 ? `${head}; ${parts.join(', ')}` : head;
}

/** "the TaskManager starts with total process memory 1472m: total Flink 1g, ..." */
export function breakdown(p: Process, sizes: Sizes): string {
  const order = p === 'taskmanager' ? TM_ORDER : JM_ORDER;
  const parts = order
    .filter(([c]) => c !== 'totalProcess' && sizes[c] !== undefined)
    .map(([c, label]) => `${label} ${fmt(sizes[c]!)}`);
  return `the ${p === 'taskmanager' ? 'TaskManager' : 'JobManager'} starts with total process memory ${fmt(sizes.totalProcess ?? 0n)}: ${parts.join(', ')}`;
}
