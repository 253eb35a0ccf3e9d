import { defineSignature } from '../signature.js';
import { docs } from '../docs.js';
import { fmt, stepUp } from '../quantities.js';
import { growManaged, raise } from '../suggest.js';
import { atLeast } from '../../primitives/version.js';
import type { SuggestContext, Suggestion } from '../types.js';

const managedByFlink = (ctx: SuggestContext): boolean => {
  const v = ctx.plan.valueText('taskmanager', 'python.fn-execution.memory.managed');
  return v === null ? atLeast(ctx.version, '1.12') : v.trim().toLowerCase() === 'true';
};

const WEIGHTS = 'taskmanager.memory.managed.consumer-weights';

/**
 * The PYTHON weight raised to the largest other weight: where RocksDB or batch operators share
 * the slot, the Python workers then get an equal part of it instead of 30 of 100 (the default).
 */
function pythonWeight(ctx: SuggestContext): Suggestion[] {
  const current =
    ctx.plan.valueText('taskmanager', WEIGHTS) ?? 'OPERATOR:70,STATE_BACKEND:70,PYTHON:30';
  const entries = current
    .split(',')
    .map((e) => e.split(':').map((x) => x.trim()) as [string, string])
    .filter(([k, v]) => k !== '' && v !== undefined && /^\d+$/.test(v));
  if (entries.length === 0) return [];
  const python = Number(entries.find(([k]) => k === 'PYTHON')?.[1] ?? '0');
  const others = Math.max(0, ...entries.filter(([k]) => k !== 'PYTHON').map(([, v]) => Number(v)));
  if (others === 0 || python >= others) return [];
  const next = [
    ...entries.filter(([k]) => k !== 'PYTHON'),
    ['PYTHON', String(others)] as [string, string],
  ]
    .map(([k, v]) => `${k}:${v}`)
    .join(',');
  const shared = ctx.seen.rocksdb
    ? 'RocksDB shares the slot (the text shows it)'
    : 'RocksDB or batch operators share the slot';
  const advice = ctx.plan.advise(
    WEIGHTS,
    ctx.withConfig ? current : `${current} (default)`,
    next,
    `where ${shared}, the Python workers get ${python} of every ${python + others} parts of its managed memory today; an equal weight gives them half, without growing the TaskManager`,
  );
  const total = ctx.plan.size('taskmanager', 'totalProcess');
  const starts = ctx.plan.userCheck('taskmanager')?.ok === true;
  return [
    starts && total !== null
      ? {
          ...advice,
          effect: `total process memory stays at ${fmt(total)}; no size changes, only how each slot's managed memory is shared`,
        }
      : advice,
  ];
}

export default defineSignature({
  id: 'python-worker-memory',
  title: 'A Python worker ran out of memory',
  recognises: [
    'a Python `MemoryError` when the text shows a PyFlink job',
    'a Python worker or harness killed or out of memory',
    'descriptions in English or Chinese (Python UDF 内存不足)',
  ],
  rank: 20,
  keywords: ['memoryerror', 'python', 'pyflink'],
  patterns: [
    { re: /(?:^|[\s:])MemoryError\b(?![\w(])/ },
    {
      re: /Python (?:UDF )?(?:worker|process|harness).{0,80}(?:killed|exit(?:ed)? (?:with )?(?:code )?137|out of memory|\bOOM\b|consum(?:es|ed|ing) too much memory)/i,
    },
    {
      re: /(?:Python|PyFlink|python ?udf).{0,20}(?:内存(?:不足|不够|溢出|超限|超出|爆)|\bOOM\b|被杀|被\s?kill)/i,
      strength: 'weak',
    },
  ],
  requires: 'python',
  component: 'taskmanager',
  options: [
    'python.fn-execution.memory.managed',
    'taskmanager.memory.managed.size',
    'taskmanager.memory.managed.fraction',
    'taskmanager.memory.managed.consumer-weights',
    'taskmanager.memory.task.off-heap.size',
  ],
  docs: [docs.python(), docs.setupTm('managed-memory')],
  summary: () => 'A Python worker of a TaskManager ran out of memory',
  explain(ctx) {
    const parts = [
      'Python UDFs run in separate Python processes next to the TaskManager JVM; their memory is not on the JVM heap.',
    ];
    if (managedByFlink(ctx)) {
      parts.push(
        'With python.fn-execution.memory.managed true (the default since 1.12), each slot gives its Python workers a share of managed memory set by the PYTHON weight in taskmanager.memory.managed.consumer-weights, and the worker is limited to that share. Give them more managed memory, or a larger PYTHON weight when RocksDB or batch operators share the slot.',
      );
    } else {
      parts.push(
        'With python.fn-execution.memory.managed false, the Python workers are budgeted in task off-heap memory, which is 0 by default.',
      );
    }
    parts.push(
      'Large Python objects kept across records (caches, pandas frames in state) also cause this.',
    );
    return parts.join(' ');
  },
  suggest(ctx) {
    if (!managedByFlink(ctx)) {
      const key = 'taskmanager.memory.task.off-heap.size';
      const now = ctx.plan.bytes('taskmanager', key) ?? 0n;
      return raise(
        ctx,
        'taskmanager',
        key,
        stepUp(now, 512n * 1024n * 1024n),
        'off-heap budget for the Python workers',
      );
    }
    const managed = ctx.plan.size('taskmanager', 'managed');
    if (managed === null) return [];
    const target = stepUp(managed);
    return [
      ...growManaged(
        ctx,
        target,
        `gives the Python workers more (${fmt(managed)} -> ${fmt(target)})`,
      ),
      ...pythonWeight(ctx),
    ];
  },
});
