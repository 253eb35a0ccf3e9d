/**
 * The parts of the derivation shared by TaskManager and JobManager (Flink's `ProcessMemoryUtils`):
 * path selection, JVM metaspace and overhead, and the total-process checks.
 */
import type { Conf } from './conf.js';
import { ModelError, configError, describeOption } from './conf.js';
import type { Trace } from './fractions.js';
import { rangeFraction, withFraction, withInverseFraction } from './fractions.js';
import { addExact, multiplyBytes, subtractExact } from '../primitives/java.js';
import { humanReadable } from '../primitives/memory-size.js';
import { atLeast } from '../primitives/version.js';

export type DerivationPath = 'fine-grained' | 'total-flink' | 'total-process';

export interface ProcessKeys {
  readonly process: string;
  readonly flink: string;
  /** Options that must all be set for the fine-grained path. */
  readonly fineGrained: readonly string[];
  readonly metaspace: string;
  readonly overheadMin: string;
  readonly overheadMax: string;
  readonly overheadFraction: string;
}

export function choosePath(conf: Conf, keys: ProcessKeys, trace: Trace): DerivationPath {
  if (keys.fineGrained.every((k) => conf.contains(k))) {
    trace.note(() => `path: fine-grained (${keys.fineGrained.join(' and ')} set)`);
    return 'fine-grained';
  }
  if (conf.contains(keys.flink)) {
    trace.note(() => `path: total Flink memory (${keys.flink} set)`);
    return 'total-flink';
  }
  if (conf.contains(keys.process)) {
    trace.note(() => `path: total process memory (${keys.process} set)`);
    return 'total-process';
  }
  const tm = keys.process.startsWith('taskmanager');
  if (tm && !atLeast(conf.version, '1.11')) {
    throw configError(
      'no-total-memory',
      `Either Task Heap Memory size (${keys.fineGrained[0]}) and Managed Memory size (${keys.fineGrained[1]}), or Total Flink Memory size (${keys.flink}), or Total Process Memory size (${keys.process}) need to be configured explicitly.`,
      [keys.process, keys.flink, ...keys.fineGrained],
    );
  }
  throw configError(
    'no-total-memory',
    `Either required fine-grained memory (${keys.fineGrained.join(' and ')}), or Total Flink Memory size (${describeOption(keys.flink, conf.version)}), or Total Process Memory size (${describeOption(keys.process, conf.version)}) need to be configured explicitly.`,
    [keys.process, keys.flink, ...keys.fineGrained],
  );
}

export interface JvmPart {
  readonly metaspace: bigint;
  readonly overhead: bigint;
  readonly totalProcess: bigint;
}

function overheadRange(conf: Conf, keys: ProcessKeys) {
  return rangeFraction(conf, keys.overheadFraction, keys.overheadMin, keys.overheadMax);
}

function metaspace(conf: Conf, keys: ProcessKeys, trace: Trace): bigint {
  const ms = conf.memory(keys.metaspace);
  trace.add(
    'jvmMetaspace',
    ms,
    () => `${keys.metaspace} (${conf.contains(keys.metaspace) ? 'configured' : 'default'})`,
    [keys.metaspace],
  );
  return ms;
}

/** Path total-process: metaspace and overhead come out of the configured process size first. */
export function jvmFromProcess(
  conf: Conf,
  keys: ProcessKeys,
  totalProcess: bigint,
  trace: Trace,
): JvmPart & { totalFlink: bigint } {
  trace.add('totalProcess', totalProcess, () => `${keys.process} (configured)`, [keys.process]);
  const ms = metaspace(conf, keys, trace);
  const ov = withFraction(
    'jvmOverhead',
    totalProcess,
    'total process',
    overheadRange(conf, keys),
    trace,
    conf,
  );
  const sum = addExact(ms, ov);
  if (sum > totalProcess) {
    throw configError(
      'jvm-exceeds-process',
      `Sum of configured JVM Metaspace (${humanReadable(ms)}) and JVM Overhead (${humanReadable(ov)}) exceed configured Total Process Memory (${humanReadable(totalProcess)}).`,
      [keys.process, keys.metaspace, keys.overheadMin],
      undefined,
      { process: totalProcess, metaspace: ms, overhead: ov },
    );
  }
  const tf = subtractExact(totalProcess, sum);
  trace.add(
    'totalFlink',
    tf,
    () => `total process ${totalProcess} - metaspace ${ms} - overhead ${ov}`,
    [keys.process],
  );
  return { metaspace: ms, overhead: ov, totalProcess, totalFlink: tf };
}

/** Paths fine-grained and total-flink: metaspace and overhead are added on top of Flink memory. */
export function jvmFromFlink(
  conf: Conf,
  keys: ProcessKeys,
  totalFlink: bigint,
  trace: Trace,
): JvmPart {
  const ms = metaspace(conf, keys, trace);
  const flinkAndMeta = addExact(totalFlink, ms);
  if (!conf.contains(keys.process)) {
    const ov = withInverseFraction(
      'jvmOverhead',
      flinkAndMeta,
      'total Flink + metaspace',
      overheadRange(conf, keys),
      trace,
      conf,
    );
    const tp = addExact(flinkAndMeta, ov);
    trace.add(
      'totalProcess',
      tp,
      () => `total Flink ${totalFlink} + metaspace ${ms} + overhead ${ov}`,
      [],
    );
    return { metaspace: ms, overhead: ov, totalProcess: tp };
  }
  const tp = conf.memory(keys.process);
  if (tp < flinkAndMeta) {
    if (!atLeast(conf.version, '1.11')) {
      throw new ModelError(
        'IllegalArgumentException',
        'bytes must be >= 0',
        'process-below-flink-and-metaspace',
        [keys.process],
      );
    }
    throw configError(
      'process-below-flink-and-metaspace',
      `The configured Total Process Memory size (${humanReadable(tp)}) is less than the sum of the derived Total Flink Memory size (${humanReadable(totalFlink)}) and the configured or default JVM Metaspace size  (${humanReadable(ms)}).`,
      [keys.process, keys.flink, keys.metaspace],
      undefined,
      { process: tp, flink: totalFlink, metaspace: ms },
    );
  }
  const ov = subtractExact(tp, flinkAndMeta);
  const r = overheadRange(conf, keys);
  if (ov > r.max || ov < r.min) {
    throw configError(
      'overhead-out-of-range',
      `Derived JVM Overhead size (${humanReadable(ov)}) is not in configured JVM Overhead range [${humanReadable(r.min)}, ${humanReadable(r.max)}].`,
      [keys.process, keys.overheadMin, keys.overheadMax],
      undefined,
      { overhead: ov, min: r.min, max: r.max, process: tp, flink: totalFlink, metaspace: ms },
    );
  }
  trace.add(
    'jvmOverhead',
    ov,
    () =>
      `remainder: total process ${tp} - total Flink ${totalFlink} - metaspace ${ms} (within [${r.min}, ${r.max}])`,
    [keys.process],
  );
  if (conf.contains(keys.overheadFraction) && ov !== multiplyBytes(tp, r.fraction)) {
    trace.note(
      () =>
        `jvmOverhead: the remainder ${humanReadable(ov)} differs from ${keys.overheadFraction} x total process; the remainder is used`,
    );
  }
  trace.add('totalProcess', tp, () => `${keys.process} (configured)`, [keys.process]);
  return { metaspace: ms, overhead: ov, totalProcess: tp };
}
