/**
 * JobManager memory derivation (Flink 1.11+, `JobManagerFlinkMemoryUtils`), and the legacy heap
 * model of Flink 1.10.
 */
import type { Conf } from './conf.js';
import { ModelError, configError } from './conf.js';
import type { Trace } from './fractions.js';
import { addExact, subtractExact } from '../primitives/java.js';
import { MIB, humanReadable } from '../primitives/memory-size.js';
import type { DerivationPath, ProcessKeys } from './process.js';
import { choosePath, jvmFromFlink, jvmFromProcess } from './process.js';

export const JM = {
  process: 'jobmanager.memory.process.size',
  flink: 'jobmanager.memory.flink.size',
  heap: 'jobmanager.memory.heap.size',
  offHeap: 'jobmanager.memory.off-heap.size',
  directLimit: 'jobmanager.memory.enable-jvm-direct-memory-limit',
  metaspace: 'jobmanager.memory.jvm-metaspace.size',
  overheadMin: 'jobmanager.memory.jvm-overhead.min',
  overheadMax: 'jobmanager.memory.jvm-overhead.max',
  overheadFraction: 'jobmanager.memory.jvm-overhead.fraction',
} as const;

export const JM_PROCESS_KEYS: ProcessKeys = {
  process: JM.process,
  flink: JM.flink,
  fineGrained: [JM.heap],
  metaspace: JM.metaspace,
  overheadMin: JM.overheadMin,
  overheadMax: JM.overheadMax,
  overheadFraction: JM.overheadFraction,
};

/** Flink's recommended minimum JobManager heap (a warning, not a failure). */
export const JM_MIN_HEAP = 128n * MIB;

export interface JobManagerSizes {
  jvmHeap: bigint;
  offHeap: bigint;
  jvmMetaspace: bigint;
  jvmOverhead: bigint;
  totalFlink: bigint;
  totalProcess: bigint;
}

function checkHeap(heap: bigint, trace: Trace): void {
  if (heap < JM_MIN_HEAP) {
    trace.note(
      () =>
        `jvmHeap: ${humanReadable(heap)} is below the recommended minimum of ${humanReadable(JM_MIN_HEAP)} (Flink logs a warning)`,
    );
  }
}

function fromTotalFlink(
  conf: Conf,
  totalFlink: bigint,
  trace: Trace,
): { heap: bigint; off: bigint } {
  const off = conf.memory(JM.offHeap);
  trace.add(
    'offHeap',
    off,
    () => `${JM.offHeap} (${conf.contains(JM.offHeap) ? 'configured' : 'default'})`,
    [JM.offHeap],
  );
  if (totalFlink <= off) {
    throw configError(
      'flink-not-above-off-heap',
      `The configured Total Flink Memory (${humanReadable(totalFlink)}) is less than the configured Off-heap Memory (${humanReadable(off)}).`,
      [JM.flink, JM.process, JM.offHeap],
      undefined,
      { flink: totalFlink, offHeap: off },
    );
  }
  const heap = trace.add(
    'jvmHeap',
    subtractExact(totalFlink, off),
    () => `remainder: total Flink ${totalFlink} - off-heap ${off}`,
    [],
  );
  checkHeap(heap, trace);
  return { heap, off };
}

function fromFineGrained(conf: Conf, trace: Trace): { heap: bigint; off: bigint } {
  const heap = conf.memory(JM.heap);
  trace.add('jvmHeap', heap, () => `${JM.heap} (configured)`, [JM.heap]);
  let off = conf.memory(JM.offHeap);
  if (conf.contains(JM.flink)) {
    const tf = conf.memory(JM.flink);
    if (conf.contains(JM.offHeap)) {
      if (addExact(heap, off) !== tf) {
        throw configError(
          'heap-and-off-heap-mismatch-flink',
          `Sum of the configured JVM Heap Memory (${humanReadable(heap)}) and the configured Off-heap Memory (${humanReadable(off)}) does not match the configured Total Flink Memory (${humanReadable(tf)}). Please, make the configuration consistent or configure only one option: either JVM Heap or Total Flink Memory.`,
          [JM.flink, JM.heap, JM.offHeap],
          undefined,
          { heap, offHeap: off, flink: tf },
        );
      }
    } else {
      if (heap > tf) {
        throw configError(
          'heap-exceeds-flink',
          `The configured JVM Heap Memory (${humanReadable(heap)}) exceeds the configured Total Flink Memory (${humanReadable(tf)}). Please, make the configuration consistent or configure only one option: either JVM Heap or Total Flink Memory.`,
          [JM.flink, JM.heap],
          undefined,
          { heap, flink: tf },
        );
      }
      const derived = subtractExact(tf, heap);
      if (derived !== off)
        trace.note(
          () =>
            `offHeap: derived as ${JM.flink} - ${JM.heap} = ${humanReadable(derived)} instead of the default`,
        );
      off = derived;
      trace.add('offHeap', off, () => `remainder: ${JM.flink} ${tf} - heap ${heap}`, [
        JM.flink,
        JM.heap,
      ]);
      checkHeap(heap, trace);
      return { heap, off };
    }
  }
  trace.add(
    'offHeap',
    off,
    () => `${JM.offHeap} (${conf.contains(JM.offHeap) ? 'configured' : 'default'})`,
    [JM.offHeap],
  );
  checkHeap(heap, trace);
  return { heap, off };
}

export interface JobManagerDerivation {
  readonly path: DerivationPath;
  readonly sizes: JobManagerSizes;
}

export function deriveJobManagerSizes(conf: Conf, trace: Trace): JobManagerDerivation {
  const path = choosePath(conf, JM_PROCESS_KEYS, trace);
  if (path === 'total-process') {
    const jvm = jvmFromProcess(conf, JM_PROCESS_KEYS, conf.memory(JM.process), trace);
    const { heap, off } = fromTotalFlink(conf, jvm.totalFlink, trace);
    return {
      path,
      sizes: {
        jvmHeap: heap,
        offHeap: off,
        jvmMetaspace: jvm.metaspace,
        jvmOverhead: jvm.overhead,
        totalFlink: jvm.totalFlink,
        totalProcess: jvm.totalProcess,
      },
    };
  }
  let flink: { heap: bigint; off: bigint };
  let totalFlink: bigint;
  if (path === 'total-flink') {
    totalFlink = trace.add('totalFlink', conf.memory(JM.flink), () => `${JM.flink} (configured)`, [
      JM.flink,
    ]);
    flink = fromTotalFlink(conf, totalFlink, trace);
  } else {
    flink = fromFineGrained(conf, trace);
    totalFlink = trace.add('totalFlink', addExact(flink.heap, flink.off), 'heap + off-heap', []);
  }
  const jvm = jvmFromFlink(conf, JM_PROCESS_KEYS, totalFlink, trace);
  return {
    path,
    sizes: {
      jvmHeap: flink.heap,
      offHeap: flink.off,
      jvmMetaspace: jvm.metaspace,
      jvmOverhead: jvm.overhead,
      totalFlink,
      totalProcess: jvm.totalProcess,
    },
  };
}

/** Flink 1.10's JobManager: a plain heap, cut off from the container on YARN and Kubernetes. */
export function legacyJobManager110(
  conf: Conf,
  containerized: boolean,
  trace: Trace,
): { heap: bigint; container: bigint | null } {
  const viaMb =
    !conf.rawKey('jobmanager.heap.size') && conf.rawKey('jobmanager.heap.mb') !== undefined;
  const heapBytes = viaMb
    ? BigInt(conf.int('jobmanager.heap.mb')!) * MIB
    : conf.memoryOrNull('jobmanager.heap.size')!;
  if (!containerized)
    return {
      heap: trace.add('jvmHeap', heapBytes, 'jobmanager.heap.size (1.10 heap model)', [
        'jobmanager.heap.size',
      ]),
      container: null,
    };
  const containerMb = heapBytes / MIB;
  const ratio = conf.float('containerized.heap-cutoff-ratio');
  const minCutoff = BigInt(conf.int('containerized.heap-cutoff-min')!);
  if (!(ratio >= 0 && ratio <= 1)) {
    throw new ModelError(
      'IllegalArgumentException',
      `'containerized.heap-cutoff-ratio' must be between 0 and 1. Value given=${ratio}`,
      'invalid-option-value',
      ['containerized.heap-cutoff-ratio'],
    );
  }
  if (minCutoff > containerMb) {
    throw new ModelError(
      'IllegalArgumentException',
      `The configuration value 'containerized.heap-cutoff-min'='${minCutoff}' is larger than the total container memory ${containerMb}`,
      'invalid-option-value',
      ['containerized.heap-cutoff-min'],
    );
  }
  const ratioCut = BigInt(Math.trunc(Math.fround(Number(containerMb)) * ratio));
  const cutoff = ratioCut > minCutoff ? ratioCut : minCutoff;
  const heap = (containerMb - cutoff) * MIB;
  trace.add(
    'jvmHeap',
    heap,
    () => `container ${containerMb} MiB - cut-off ${cutoff} MiB (1.10 container model)`,
    ['jobmanager.heap.size', 'containerized.heap-cutoff-ratio'],
  );
  return { heap, container: containerMb * MIB };
}
