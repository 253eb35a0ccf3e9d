/**
 * `explain --format text`: per document a table of components (human size and exact bytes), a bar
 * of how process memory splits, the JVM arguments, and on failure the reason, Flink's message
 * and a change that makes it start.
 */
import pc from 'picocolors';
import { formatSizeShort } from '../../model/memory-size.js';
import { versionLabel } from '../../options/version.js';
import type { ExplainedDocument, ExplainedVersion, Process } from './explain.js';

type Colors = ReturnType<typeof pc.createColors>;

export interface TextOptions {
  readonly color: boolean;
  readonly trace: boolean;
  readonly showConfig: boolean;
  readonly processes: readonly Process[];
  readonly width: number;
}

interface Row {
  readonly label: string;
  readonly bytes: bigint;
  readonly total?: boolean;
}

interface Segment {
  readonly name: string;
  readonly bytes: bigint;
  readonly char: string;
  readonly paint: (c: Colors, s: string) => string;
}

const TM_ROWS: readonly [string, string][] = [
  ['Framework Heap', 'frameworkHeap'], ['Task Heap', 'taskHeap'], ['Managed Memory', 'managed'],
  ['Framework Off-Heap', 'frameworkOffHeap'], ['Task Off-Heap', 'taskOffHeap'], ['Network', 'network'],
  ['JVM Metaspace', 'jvmMetaspace'], ['JVM Overhead', 'jvmOverhead'],
];
const JM_ROWS: readonly [string, string][] = [
  ['JVM Heap', 'jvmHeap'], ['Off-Heap', 'offHeap'], ['JVM Metaspace', 'jvmMetaspace'], ['JVM Overhead', 'jvmOverhead'],
];

function table(rows: readonly Row[], c: Colors): string[] {
  const w = Math.max(...rows.map((r) => r.label.length));
  const short = rows.map((r) => formatSizeShort(r.bytes));
  const sw = Math.max(...short.map((s) => s.length));
  return rows.map((r, i) => {
    const line = `  ${r.label.padEnd(w)}  ${short[i]!.padStart(sw)}  ${String(r.bytes).padStart(13)} bytes`;
    return r.total ? c.bold(line) : line;
  });
}

/** Splits `width` cells proportionally (largest remainder); any non-zero part gets a cell. */
export function allocate(parts: readonly bigint[], width: number): number[] {
  const total = parts.reduce((a, b) => a + b, 0n);
  if (total === 0n) return parts.map(() => 0);
  const exact = parts.map((p) => (Number(p) / Number(total)) * width);
  const cells = exact.map((x, i) => (parts[i]! > 0n ? Math.max(1, Math.floor(x)) : 0));
  let left = width - cells.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r);
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length) {
    if (parts[order[k]!.i]! > 0n) { cells[order[k]!.i]!++; left--; }
  }
  while (left < 0) {
    const i = cells.indexOf(Math.max(...cells));
    cells[i]!--;
    left++;
  }
  return cells;
}

function bar(segments: readonly Segment[], width: number, c: Colors, color: boolean): string[] {
  const cells = allocate(segments.map((s) => s.bytes), width);
  const body = segments.map((s, i) => s.paint(c, (color ? '█' : s.char).repeat(cells[i]!))).join('');
  const legend = segments
    .filter((s) => s.bytes > 0n)
    .map((s) => `${s.paint(c, color ? '█' : s.char)} ${s.name} ${formatSizeShort(s.bytes)}`)
    .join('  ');
  return [`  [${body}]`, `   ${legend}`];
}

function tmSegments(s: Record<string, bigint>): Segment[] {
  return [
    { name: 'heap', bytes: s.frameworkHeap! + s.taskHeap!, char: 'H', paint: (c, x) => c.blue(x) },
    { name: 'managed', bytes: s.managed!, char: 'M', paint: (c, x) => c.green(x) },
    { name: 'direct', bytes: s.frameworkOffHeap! + s.taskOffHeap! + s.network!, char: 'D', paint: (c, x) => c.yellow(x) },
    { name: 'metaspace', bytes: s.jvmMetaspace!, char: 'm', paint: (c, x) => c.magenta(x) },
    { name: 'overhead', bytes: s.jvmOverhead!, char: 'o', paint: (c, x) => c.gray(x) },
  ];
}

function jmSegments(s: Record<string, bigint>): Segment[] {
  return [
    { name: 'heap', bytes: s.jvmHeap!, char: 'H', paint: (c, x) => c.blue(x) },
    { name: 'off-heap', bytes: s.offHeap!, char: 'D', paint: (c, x) => c.yellow(x) },
    { name: 'metaspace', bytes: s.jvmMetaspace!, char: 'm', paint: (c, x) => c.magenta(x) },
    { name: 'overhead', bytes: s.jvmOverhead!, char: 'o', paint: (c, x) => c.gray(x) },
  ];
}

const PATH_TEXT: Record<string, string> = {
  'fine-grained': 'sized from its fine-grained components',
  'total-flink': 'sized from total Flink memory',
  'total-process': 'sized from total process memory',
  local: 'local execution',
  'legacy-1.10': 'Flink 1.10 heap model',
};

/** Flink's message as printed: whole, unless a value quoted in it makes it longer than a screenful. */
const MAX_MESSAGE = 500;

function clipMiddle(text: string): string {
  return text.length <= MAX_MESSAGE ? text : `${text.slice(0, MAX_MESSAGE - 100)}…${text.slice(-99)}`;
}

function processBlock(v: ExplainedVersion, p: Process, o: TextOptions, c: Colors): string[] {
  const r = v[p];
  const title = p === 'taskmanager' ? 'TaskManager' : 'JobManager';
  const failure = v.failures[p];
  if (!r.ok && failure) {
    const out = [`${c.bold(title)}  ${c.red('does not start')}`, `  why:    ${failure.reason}`, `  flink:  ${clipMiddle(failure.failure.flinkMessage)}`];
    if (failure.fix) {
      const changes = Object.entries(failure.fix).map(([k, val]) => (val === null ? `remove ${k}` : `${k}: ${val}`));
      out.push(`  fix:    ${changes.join(', ')}`);
    } else out.push('  fix:    none found automatically; see the reason above');
    if (o.trace) out.push(...traceLines(r.trace, r.notes));
    return out;
  }
  if (!r.ok) return [];
  const sizes = r.sizes as unknown as Record<string, bigint>;
  const rows: Row[] = (p === 'taskmanager' ? TM_ROWS : JM_ROWS).map(([label, key]) => ({ label, bytes: sizes[key]! }));
  rows.push({ label: 'Total Flink Memory', bytes: sizes.totalFlink!, total: true }, { label: 'Total Process Memory', bytes: sizes.totalProcess!, total: true });
  const out = [`${c.bold(title)}  ${c.green('starts')}  (${PATH_TEXT[r.path] ?? r.path})`, ...table(rows, c)];
  out.push(...bar(p === 'taskmanager' ? tmSegments(sizes) : jmSegments(sizes), o.width, c, o.color));
  if (r.jvmArgs) out.push(`  JVM:    ${r.jvmArgs}`);
  if (r.legacyMapping) out.push(`  note:   ${r.legacyMapping.from} is used as "${r.legacyMapping.to}" (${r.legacyMapping.bytes} bytes)`);
  if (o.trace) out.push(...traceLines(r.trace, r.notes));
  return out;
}

function traceLines(steps: ExplainedVersion['taskmanager']['trace'], notes: readonly string[]): string[] {
  const out = ['  how Flink arrives at it:'];
  for (const s of steps) out.push(`    ${s.component.padEnd(16)} ${String(s.bytes).padStart(13)}  ${s.how}`);
  for (const n of notes) out.push(`    note: ${n}`);
  return out;
}

export function explainText(docs: readonly ExplainedDocument[], o: TextOptions): string {
  const c = pc.createColors(o.color);
  const out: string[] = [];
  for (const d of docs) {
    for (const v of d.versions) {
      const name = d.doc.kubernetes?.name ? ` ${d.doc.kubernetes.kind}/${d.doc.kubernetes.name}` : '';
      out.push(c.bold(`${d.doc.file}${name}`) + c.dim(`  (Flink ${versionLabel(v.version)}, ${v.target})`), '');
      for (const p of o.processes) out.push(...processBlock(v, p, o, c), '');
      if (o.showConfig) {
        out.push(c.bold('Effective configuration'));
        const w = Math.max(0, ...v.effective.map((e) => e.key.length));
        for (const e of v.effective) {
          const via = e.viaKey ? ` via deprecated "${e.viaKey}"` : '';
          const over = e.overrides?.length ? `, overrides ${e.overrides.join(', ')}` : '';
          out.push(`  ${e.key.padEnd(w)}  ${e.value}  ${c.dim(`(${e.source}${via}${over})`)}`);
        }
        out.push('');
      }
    }
    for (const ch of d.changes) {
      out.push(c.bold(`Upgrade ${versionLabel(ch.from)} -> ${versionLabel(ch.to)}`) + (ch.items.length ? '' : ': nothing changes for this configuration'));
      for (const item of ch.items) out.push(`  - ${item.text}`);
      out.push('');
    }
  }
  return out.join('\n');
}
