import { defineSignature } from '../signature.js';
import { docs } from '../docs.js';
import { fmt, stepUp } from '../quantities.js';
import { growManaged, raise } from '../suggest.js';
import { atLeast } from '../../options/version.js';
import type { SuggestContext } from '../types.js';

const managedByFlink = (ctx: SuggestContext): boolean => {
  const v = ctx.plan.valueText('taskmanager', 'python.fn-execution.memory.managed');
  return v === null ? atLeast(ctx.version, '1.12') : v.trim().toLowerCase() === 'true';
};

export default defineSignature({
  id: 'python-worker-memory',
  title: 'A Python worker ran out of memory',
  recognises: [
    "a Python `MemoryError` when the text shows a PyFlink job",
    "a Python worker or harness killed or out of memory",
    "descriptions in English or Chinese (Python UDF 内存不足)",
  ],
  rank: 20,
  keywords: ['memoryerror', 'python', 'pyflink'],
  patterns: [
    { re: /(?:^|[\s:])MemoryError\b(?![\w(])/ },
    { re: /Python (?:worker|process|harness).{0,80}(?:killed|exit(?:ed)? (?:with )?(?:code )?137|out of memory|\bOOM\b)/i },
    { re: /(?:Python|PyFlink|python ?udf).{0,20}(?:内存不足|内存溢出|\bOOM\b|被杀)/i, strength: 'weak' },
  ],
  requires: 'python',
  component: 'taskmanager',
  options: ['python.fn-execution.memory.managed', 'taskmanager.memory.managed.size', 'taskmanager.memory.managed.fraction', 'taskmanager.memory.managed.consumer-weights', 'taskmanager.memory.task.off-heap.size'],
  docs: [docs.python(), docs.setupTm('managed-memory')],
  summary: () => 'A Python worker of a TaskManager ran out of memory',
  explain(ctx) {
    const parts = ['Python UDFs run in separate Python processes next to the TaskManager JVM; their memory is not on the JVM heap.'];
    if (managedByFlink(ctx)) {
      parts.push('With python.fn-execution.memory.managed true (the default since 1.12), each slot gives its Python workers a share of managed memory set by the PYTHON weight in taskmanager.memory.managed.consumer-weights, and the worker is limited to that share. Give them more managed memory, or a larger PYTHON weight when RocksDB or batch operators share the slot.');
    } else {
      parts.push('With python.fn-execution.memory.managed false, the Python workers are budgeted in task off-heap memory, which is 0 by default.');
    }
    parts.push('Large Python objects kept across records (caches, pandas frames in state) also cause this.');
    return parts.join(' ');
  },
  suggest(ctx) {
    if (!managedByFlink(ctx)) {
      const key = 'taskmanager.memory.task.off-heap.size';
      const now = ctx.plan.bytes('taskmanager', key) ?? 0n;
      return raise(ctx, 'taskmanager', key, stepUp(now, 512n * 1024n * 1024n), 'off-heap budget for the Python workers');
    }
    const managed = ctx.plan.size('taskmanager', 'managed');
    if (managed === null) return [];
    const target = stepUp(managed);
    return growManaged(ctx, target, `gives the Python workers more (${fmt(managed)} -> ${fmt(target)})`);
  },
});
