/**
 * The memory components the doctor's suggestions weigh against each other: which option sizes
 * which component, and the sizes a derivation gives them.
 */
import type { ProcessResult } from '../model/trial.js';

export type Sizes = Readonly<Record<string, bigint>>;

/** The components a change may not shrink by more than its tolerance. */
export const COMPONENTS = new Set([
  'frameworkHeap',
  'taskHeap',
  'frameworkOffHeap',
  'taskOffHeap',
  'network',
  'managed',
  'jvmMetaspace',
  'jvmOverhead',
  'jvmHeap',
  'offHeap',
]);

/** The component an option sizes. */
export function componentOf(key: string): string | null {
  const rules: [RegExp, string][] = [
    [/^taskmanager\.memory\.framework\.heap\./, 'frameworkHeap'],
    [/^taskmanager\.memory\.framework\.off-heap\.size$/, 'frameworkOffHeap'],
    [/^taskmanager\.memory\.task\.heap\./, 'taskHeap'],
    [/^taskmanager\.memory\.task\.off-heap\./, 'taskOffHeap'],
    [/^taskmanager\.memory\.managed\.(?:size|fraction)$/, 'managed'],
    [/^taskmanager\.memory\.network\./, 'network'],
    [/^jobmanager\.memory\.heap\./, 'jvmHeap'],
    [/^jobmanager\.memory\.off-heap\./, 'offHeap'],
    [/\.memory\.jvm-metaspace\./, 'jvmMetaspace'],
    [/\.memory\.jvm-overhead\./, 'jvmOverhead'],
  ];
  return rules.find(([re]) => re.test(key))?.[1] ?? null;
}

/** The sizes of a derivation that passed, with the JobManager's JVM heap and direct memory. */
export function sizesOf(r: ProcessResult & { ok: true }): Sizes {
  const out: Record<string, bigint> = { ...(r.sizes as unknown as Sizes) };
  if ('jvmDirect' in r) {
    out.jvmHeap = r.jvmHeap;
    out.jvmDirect = r.jvmDirect;
  }
  return out;
}
