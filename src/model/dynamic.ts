/**
 * What Flink hands the JVM: the JVM arguments and the `-D` dynamic configs printed by
 * BashJavaUtils, in Flink's exact format (Java HashMap iteration order included).
 */
import { javaDoubleToString } from '../primitives/java.js';
import { atLeast } from '../primitives/version.js';
import type { FlinkVersion } from '../primitives/version.js';
import type { TaskManagerSizes } from './taskmanager.js';
import { TM } from './taskmanager-keys.js';
import type { JobManagerSizes } from './jobmanager.js';
import { JM } from './jobmanager.js';

/** Java `String.hashCode()`. */
function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * Iteration order of a `java.util.HashMap` filled with these keys in this order: buckets by
 * spread hash, insertion order inside a bucket (resizing keeps that relative order).
 */
export function javaHashMapOrder<T>(
  entries: readonly (readonly [string, T])[],
): (readonly [string, T])[] {
  let capacity = 16;
  while (entries.length > capacity * 0.75) capacity *= 2;
  const bucket = (k: string) => {
    const h = javaHash(k);
    return (h ^ (h >>> 16)) & (capacity - 1);
  };
  return entries
    .map((e, i) => ({ e, i, b: bucket(e[0]) }))
    .sort((x, y) => x.b - y.b || x.i - y.i)
    .map((x) => x.e);
}

function assemble(entries: readonly (readonly [string, string])[], version: FlinkVersion): string {
  const ordered = javaHashMapOrder(entries);
  if (atLeast(version, '1.12')) return ordered.map(([k, v]) => `-D ${k}=${v}`).join(' ');
  return ordered.map(([k, v]) => `-D ${k}=${v} `).join('');
}

export function jvmArgs(heap: bigint, direct: bigint | null, metaspace: bigint): string {
  const parts = [`-Xmx${heap}`, `-Xms${heap}`];
  if (direct !== null) parts.push(`-XX:MaxDirectMemorySize=${direct}`);
  parts.push(`-XX:MaxMetaspaceSize=${metaspace}`);
  return parts.join(' ');
}

export interface TaskManagerExtras {
  readonly cpuCores: number;
  readonly slots: number;
  /** External resource names with their amounts, in configuration order. */
  readonly externalResources: readonly (readonly [string, string])[];
}

/** The dynamic configs a TaskManager is started with (`generateDynamicConfigsStr`). */
export function taskManagerDynamicConfigs(
  s: TaskManagerSizes,
  extras: TaskManagerExtras,
  version: FlinkVersion,
): string {
  const b = (v: bigint) => `${v}b`;
  const entries: [string, string][] = [
    [TM.cpuCores, javaDoubleToString(extras.cpuCores)],
    [TM.frameworkHeap, b(s.frameworkHeap)],
    [TM.frameworkOffHeap, b(s.frameworkOffHeap)],
    [TM.taskHeap, b(s.taskHeap)],
    [TM.taskOffHeap, b(s.taskOffHeap)],
    [TM.networkMin, b(s.network)],
    [TM.networkMax, b(s.network)],
    [TM.managed, b(s.managed)],
  ];
  if (atLeast(version, '1.12')) {
    entries.push(
      [TM.metaspace, b(s.jvmMetaspace)],
      [TM.overheadMin, b(s.jvmOverhead)],
      [TM.overheadMax, b(s.jvmOverhead)],
    );
  }
  if (atLeast(version, '1.13')) {
    entries.push([TM.slots, String(extras.slots)]);
    if (extras.externalResources.length === 0) entries.push(['external-resources', 'none']);
    else {
      entries.push([
        'external-resources',
        `"${extras.externalResources.map(([n]) => n).join(';')}"`,
      ]);
      for (const [name, amount] of extras.externalResources)
        entries.push([`external-resource.${name}.amount`, amount]);
    }
  }
  return assemble(entries, version);
}

/** The JobManager's dynamic configs (1.12+; 1.11 passes none). */
export function jobManagerDynamicConfigs(s: JobManagerSizes, version: FlinkVersion): string {
  if (!atLeast(version, '1.12')) return '';
  const b = (v: bigint) => `${v}b`;
  return assemble(
    [
      [JM.heap, b(s.jvmHeap)],
      [JM.offHeap, b(s.offHeap)],
      [JM.metaspace, b(s.jvmMetaspace)],
      [JM.overheadMin, b(s.jvmOverhead)],
      [JM.overheadMax, b(s.jvmOverhead)],
    ],
    version,
  );
}

/** Splits a dynamic-configs line into its key/value pairs. */
export function parseDynamicConfigs(line: string): [string, string][] {
  const out: [string, string][] = [];
  for (const m of line.matchAll(/-D ([^=\s]+)=(\S*)/g)) out.push([m[1]!, m[2]!]);
  return out;
}
