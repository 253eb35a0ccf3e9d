/**
 * What the pictures of explain draw (svg, html, markdown and the calculator page): per process the
 * components in Flink's order with the options that set them, the brackets that group them (JVM
 * heap, direct and off-heap memory, total Flink and total process memory), and, for a process that
 * does not start, the components Flink had worked out before it stopped and the ones it blamed.
 */
import type { ExplainedVersion } from './explain.js';
import type { Process } from '../../primitives/flink-process.js';

export type PartKind = 'heap' | 'managed' | 'direct' | 'offheap' | 'metaspace' | 'overhead';

export interface PartSpec {
  /** The component's name in the JSON sizes. */
  readonly key: string;
  readonly name: string;
  readonly kind: PartKind;
  /** The options that set it, in full. */
  readonly options: readonly string[];
}

export interface BracketSpec {
  readonly name: string;
  /** First and last part index covered. */
  readonly from: number;
  readonly to: number;
  /** Distance from the bar: brackets of one level never overlap. */
  readonly level: number;
  /** What sets it: a JVM flag or the option of a total. */
  readonly setBy: string;
  /** The component name in the trace or sizes that holds its size, when it has one. */
  readonly sizeKey?: string;
  readonly options: readonly string[];
}

const tm = (s: string) => `taskmanager.memory.${s}`;
const jm = (s: string) => `jobmanager.memory.${s}`;

export const PARTS: Readonly<Record<Process, readonly PartSpec[]>> = {
  taskmanager: [
    {
      key: 'frameworkHeap',
      name: 'Framework Heap',
      kind: 'heap',
      options: [tm('framework.heap.size')],
    },
    { key: 'taskHeap', name: 'Task Heap', kind: 'heap', options: [tm('task.heap.size')] },
    {
      key: 'managed',
      name: 'Managed Memory',
      kind: 'managed',
      options: [tm('managed.size'), tm('managed.fraction')],
    },
    {
      key: 'frameworkOffHeap',
      name: 'Framework Off-Heap',
      kind: 'direct',
      options: [tm('framework.off-heap.size')],
    },
    {
      key: 'taskOffHeap',
      name: 'Task Off-Heap',
      kind: 'direct',
      options: [tm('task.off-heap.size')],
    },
    {
      key: 'network',
      name: 'Network',
      kind: 'direct',
      options: [tm('network.min'), tm('network.max'), tm('network.fraction')],
    },
    {
      key: 'jvmMetaspace',
      name: 'JVM Metaspace',
      kind: 'metaspace',
      options: [tm('jvm-metaspace.size')],
    },
    {
      key: 'jvmOverhead',
      name: 'JVM Overhead',
      kind: 'overhead',
      options: [tm('jvm-overhead.min'), tm('jvm-overhead.max'), tm('jvm-overhead.fraction')],
    },
  ],
  jobmanager: [
    { key: 'jvmHeap', name: 'JVM Heap', kind: 'heap', options: [jm('heap.size')] },
    { key: 'offHeap', name: 'Off-Heap', kind: 'offheap', options: [jm('off-heap.size')] },
    {
      key: 'jvmMetaspace',
      name: 'JVM Metaspace',
      kind: 'metaspace',
      options: [jm('jvm-metaspace.size')],
    },
    {
      key: 'jvmOverhead',
      name: 'JVM Overhead',
      kind: 'overhead',
      options: [jm('jvm-overhead.min'), jm('jvm-overhead.max'), jm('jvm-overhead.fraction')],
    },
  ],
};

export const BRACKETS: Readonly<Record<Process, readonly BracketSpec[]>> = {
  taskmanager: [
    { name: 'JVM Heap', from: 0, to: 1, level: 0, setBy: '-Xmx -Xms', options: [] },
    {
      name: 'Direct Memory',
      from: 3,
      to: 5,
      level: 0,
      setBy: '-XX:MaxDirectMemorySize',
      options: [],
    },
    { name: 'Off-Heap Memory', from: 2, to: 5, level: 1, setBy: 'managed + direct', options: [] },
    {
      name: 'Total Flink Memory',
      from: 0,
      to: 5,
      level: 2,
      setBy: tm('flink.size'),
      sizeKey: 'totalFlink',
      options: [tm('flink.size')],
    },
    {
      name: 'Total Process Memory',
      from: 0,
      to: 7,
      level: 3,
      setBy: tm('process.size'),
      sizeKey: 'totalProcess',
      options: [tm('process.size')],
    },
  ],
  jobmanager: [
    { name: 'JVM Heap', from: 0, to: 0, level: 0, setBy: '-Xmx -Xms', options: [] },
    {
      name: 'Total Flink Memory',
      from: 0,
      to: 1,
      level: 1,
      setBy: jm('flink.size'),
      sizeKey: 'totalFlink',
      options: [jm('flink.size')],
    },
    {
      name: 'Total Process Memory',
      from: 0,
      to: 3,
      level: 2,
      setBy: jm('process.size'),
      sizeKey: 'totalProcess',
      options: [jm('process.size')],
    },
  ],
};

/** "taskmanager.memory.network.{min,max,fraction}": the options of a part in one short line. */
export function optionsLabel(options: readonly string[]): string {
  if (options.length <= 1) return options[0] ?? '';
  const stem = options[0]!.slice(0, options[0]!.lastIndexOf('.') + 1);
  if (!options.every((o) => o.startsWith(stem))) return options.join(', ');
  return `${stem}{${options.map((o) => o.slice(stem.length)).join(',')}}`;
}

export interface DrawnPart extends PartSpec {
  /** Null: not worked out (the process stopped before it). */
  readonly bytes: bigint | null;
  /** Named by the check that failed. */
  readonly failing: boolean;
}

export interface DrawnBracket extends BracketSpec {
  readonly bytes: bigint | null;
  readonly failing: boolean;
}

export interface ProcessPicture {
  readonly process: Process;
  readonly title: string;
  readonly ok: boolean;
  readonly parts: readonly DrawnPart[];
  readonly brackets: readonly DrawnBracket[];
  readonly jvmArgs: string;
  /** The sum of the parts drawn (the height of the bar). */
  readonly drawnBytes: bigint;
  readonly failure?: {
    readonly reason: string;
    readonly flinkMessage: string;
    readonly fix: string | null;
  };
}

export function fixText(fix: Readonly<Record<string, string | null>> | null): string | null {
  if (!fix) return null;
  return Object.entries(fix)
    .map(([k, v]) => (v === null ? `remove ${k}` : `${k}: ${v}`))
    .join(', ');
}

/** The picture of one process of one explained version. */
export function processPicture(v: ExplainedVersion, p: Process): ProcessPicture {
  const r = v[p];
  const title = p === 'taskmanager' ? 'TaskManager' : 'JobManager';
  const specs = PARTS[p];
  if (r.ok) {
    const sizes = r.sizes as unknown as Record<string, bigint>;
    const derived: Record<string, bigint> = {
      ...sizes,
      ...('jvmDirect' in r ? { jvmDirect: r.jvmDirect } : {}),
    };
    const parts = specs.map((s) => ({ ...s, bytes: sizes[s.key] ?? 0n, failing: false }));
    const brackets = BRACKETS[p].map((b) => ({
      ...b,
      bytes: b.sizeKey ? derived[b.sizeKey]! : sumOf(parts, b),
      failing: false,
    }));
    return {
      process: p,
      title,
      ok: true,
      parts,
      brackets,
      jvmArgs: r.jvmArgs,
      drawnBytes: sumOf(parts, { from: 0, to: parts.length - 1 }),
    };
  }
  // Flink stopped: draw what its trace had worked out, and mark what the failed check names.
  const known = new Map<string, bigint>();
  for (const step of r.trace) known.set(step.component, step.bytes);
  const blamed = new Set(r.failure.keys);
  const parts = specs.map((s) => ({
    ...s,
    bytes: known.get(s.key) ?? null,
    failing: s.options.some((o) => blamed.has(o)),
  }));
  const brackets = BRACKETS[p].map((b) => {
    const bytes = b.sizeKey ? (known.get(b.sizeKey) ?? null) : null;
    return { ...b, bytes, failing: b.options.some((o) => blamed.has(o)) };
  });
  const f = v.failures[p];
  const failure = {
    reason: f?.reason ?? r.failure.flinkMessage,
    flinkMessage: r.failure.flinkMessage,
    fix: fixText(f?.fix ?? null),
  };
  return {
    process: p,
    title,
    ok: false,
    parts,
    brackets,
    jvmArgs: '',
    drawnBytes: parts.reduce((a, x) => a + (x.bytes ?? 0n), 0n),
    failure,
  };
}

function sumOf(
  parts: readonly { bytes: bigint | null }[],
  b: { from: number; to: number },
): bigint {
  let sum = 0n;
  for (let i = b.from; i <= b.to; i++) sum += parts[i]!.bytes ?? 0n;
  return sum;
}

/**
 * Places labels of height `h` at their wanted top positions, in order and without overlap, never
 * above `top`: a label that would overlap the one before moves down just enough.
 */
export function spread(wanted: readonly number[], h: number, top: number): number[] {
  const out: number[] = [];
  for (const w of wanted) out.push(Math.max(w, top, out.length ? out[out.length - 1]! + h : top));
  return out;
}
