import { defineRule } from '../src/engine/types.js';
import { JM_MIN_HEAP } from '../src/model/jobmanager.js';
import {
  formatSizeForConfig,
  formatSizeShort,
  parseMemorySize,
} from '../src/primitives/memory-size.js';
import { rawToString } from '../src/primitives/raw-value.js';

const HEAP = 'jobmanager.memory.heap.size';

/** The option that decided the heap on each derivation path. */
const SOURCE_OF_PATH: Readonly<Record<string, string>> = {
  'fine-grained': HEAP,
  'total-flink': 'jobmanager.memory.flink.size',
  'total-process': 'jobmanager.memory.process.size',
  'legacy-1.10': 'jobmanager.heap.size',
};

export default defineRule({
  id: 'jobmanager-heap-below-minimum',
  severity: 'warning',
  description: 'JobManager JVM heap below the recommended 128 MiB',
  rationale:
    'The JobManager keeps job graphs, checkpoint metadata and the web UI state on its heap. Flink starts with less than ' +
    '128 MiB but logs a warning, and such a JobManager typically fails later with an OutOfMemoryError or long GC pauses ' +
    'once a job is submitted. A small total size leaves little heap because off-heap memory, metaspace and overhead come first.',
  messages: {
    configured: '"{key}" ({value}) is below the recommended JobManager heap of at least 128 MiB',
    derived:
      '"{key}" ({value}) leaves the JobManager a heap of {heap}, below the recommended 128 MiB',
  },
  remediation:
    'Give the JobManager at least 128 MiB of heap by raising jobmanager.memory.heap.size or the total size it is derived from.',
  fixable: true,
  check(ctx) {
    // Local execution runs the JobManager in the user's JVM.
    if (ctx.target === 'local') return;
    const jm = ctx.memory.jobmanager;
    if (!jm.ok || jm.sizes.jvmHeap >= JM_MIN_HEAP) return;
    const mapped = jm.legacyMapping;
    const derivedFrom = SOURCE_OF_PATH[jm.path] ?? HEAP;
    // A legacy heap key copied into the new option is where the user can act; Flink 1.10 also reads
    // the heap in MiB.
    const candidates = [
      ...(mapped?.to === derivedFrom ? [mapped.from] : []),
      derivedFrom,
      'jobmanager.heap.mb',
    ];
    const entry = candidates.map((k) => ctx.entry(k)).find((e) => e !== undefined);
    if (!entry) return;
    const key = entry.key;
    const missing = JM_MIN_HEAP - jm.sizes.jvmHeap;
    let fix: Record<string, string> | undefined;
    try {
      // Raising the size by what the heap lacks; kept only if the model confirms the heap reaches
      // the minimum.
      const raised = key.endsWith('.mb')
        ? `${(parseMemorySize(`${rawToString(entry.value)}m`) + missing + 1048575n) / 1048576n}`
        : formatSizeForConfig(parseMemorySize(rawToString(entry.value)) + missing);
      const after = ctx.deriveWith({ [entry.key]: raised }).jobmanager;
      if (after.ok && after.sizes.jvmHeap >= JM_MIN_HEAP) fix = { [entry.key]: raised };
    } catch {
      fix = undefined;
    }
    const configured = derivedFrom === HEAP || jm.path === 'legacy-1.10';
    const data = { key: entry.key, value: entry.text, heap: formatSizeShort(jm.sizes.jvmHeap) };
    ctx.report({
      messageId: configured ? 'configured' : 'derived',
      entry,
      key: entry.key,
      data,
      ...(fix ? { fix } : {}),
    });
  },
});
