/**
 * Flink 拒绝启动的原因（中文）, by the failure check of src/model/reasons.ts (EXPLAINERS).
 *
 * How to add an entry: copy the English explainer's key from src/model/reasons.ts and write the
 * same sentence in Chinese with the same helpers (withValue for "key" (value), size for a size
 * from the failure's data). `npx vitest run test/i18n.test.ts` fails on a missing or extra key.
 */
import type { Explainer } from '../../model/reasons.js';
import { q, shown, size, withValue } from '../../model/reasons.js';

export const ZH_REASONS: Readonly<Record<string, Explainer>> = {
  'no-total-memory': (_f, _v, proc) =>
    proc === 'taskmanager'
      ? '没有设置 TaskManager 的内存大小：Flink 需要 "taskmanager.memory.process.size"、"taskmanager.memory.flink.size"，或同时设置 "taskmanager.memory.task.heap.size" 和 "taskmanager.memory.managed.size"'
      : '没有设置 JobManager 的内存大小：Flink 需要 "jobmanager.memory.process.size"、"jobmanager.memory.flink.size" 或 "jobmanager.memory.heap.size"',
  'invalid-fraction-range': (f, v) => {
    const [a, b] = f.keys;
    if (f.keys.length === 2 && a && b) return `${withValue(a, v)} 大于 ${withValue(b, v)}`;
    return `${withValue(a ?? '?', v)} 超出了允许的范围：占比必须大于等于 0 且小于 1`;
  },
  'unparsable-memory-size': (f, v) =>
    `${withValue(f.keys[0] ?? '?', v)} 不是 Flink 能读取的内存大小：请用整数加 b、k、m、g 或 t（二进制单位），例如 1728m 或 2g`,
  'unparsable-value': (f, v) =>
    `${withValue(f.keys[0] ?? '?', v)} 无法按该配置项的类型读取（${shown(f.causes[f.causes.length - 1] ?? 'invalid')}）`,
  'jvm-exceeds-process': (f, v) =>
    `${withValue(f.keys[0] ?? '', v)} 太小：仅 JVM 元空间（${size(f, 'metaspace')}）和 JVM 开销（${size(f, 'overhead')}）就需要超过 ${size(f, 'process')}`,
  'components-exceed-flink': (f) =>
    `固定大小的 Flink 内存部分加起来是 ${size(f, 'sum')}，超过了它们必须放入的 ${size(f, 'flink')} Flink 总内存`,
  'network-remainder-out-of-range': (f) =>
    `网络内存是 Flink 总内存减去其他部分后的剩余（${size(f, 'network')}），超出了网络内存的范围 [${size(f, 'min')}, ${size(f, 'max')}]`,
  'network-remainder-mismatch': (f) =>
    `网络内存是 Flink 总内存的剩余部分（${size(f, 'network')}），但旧的 "taskmanager.network.numberOfBuffers" 把它固定为 ${size(f, 'configured')}`,
  'process-below-flink-and-metaspace': (f, v) =>
    `${withValue(f.keys[0] ?? '', v)} 小于 Flink 总内存（${size(f, 'flink')}）加 JVM 元空间（${size(f, 'metaspace')}）`,
  'overhead-out-of-range': (f) =>
    `JVM 开销是进程总内存的剩余部分（${size(f, 'overhead')}），超出了 JVM 开销的范围 [${size(f, 'min')}, ${size(f, 'max')}]`,
  'heap-and-off-heap-mismatch-flink': (f) =>
    `三者都设置时，JobManager 堆内存（${size(f, 'heap')}）加堆外内存（${size(f, 'offHeap')}）必须等于 "jobmanager.memory.flink.size"（${size(f, 'flink')}）`,
  'heap-exceeds-flink': (f) =>
    `JobManager 堆内存（${size(f, 'heap')}）大于 "jobmanager.memory.flink.size"（${size(f, 'flink')}）`,
  'flink-not-above-off-heap': (f) =>
    `JobManager 的 Flink 总内存（${size(f, 'flink')}）扣除堆外内存（${size(f, 'offHeap')}）后没有剩下堆内存`,
  'invalid-segment-size': (_f, v) =>
    `${withValue('taskmanager.memory.segment-size', v)} 必须是不小于 4096 字节、且不超出 int 范围的 2 的幂`,
  'invalid-cpu-cores': (f, v) =>
    `${withValue(f.keys[0] ?? '', v)} 没有给 TaskManager 任何 CPU：cores 必须为正数`,
  'legacy-heap-negative': (f, v) => `${withValue(f.keys[0] ?? '', v)} 是负数`,
  'legacy-heap-unparsable': () => '旧版堆内存环境变量不是 Flink 能读取的内存大小',
  'local-network-not-fixed': (_f, v) =>
    `本地执行时网络内存必须是固定值，但 ${withValue('taskmanager.memory.network.min', v)} 与 ${withValue('taskmanager.memory.network.max', v)} 不同`,
  'arithmetic-overflow': () => '配置的大小加起来超过了 2^63-1 字节',
  'required-option-missing': (f) => `必须设置 ${q(f.keys[0] ?? '')}`,
};
