/**
 * `explain --format text`: per document a table of components (human size and exact bytes), a bar
 * of how process memory splits, the JVM arguments, and on failure the reason, Flink's message
 * and a change that makes it start.
 */
import pc from 'picocolors';
import { formatSizeShort } from '../../primitives/memory-size.js';
import { versionLabel } from '../../primitives/version.js';
import type { CliKey, Texts } from '../../i18n/cli.js';
import { labelled, textsFor, translateTrace } from '../../i18n/cli.js';
import { displayWidth, padEndDisplay } from '../../i18n/width.js';
import type { ExplainedDocument, ExplainedVersion } from './explain.js';
import type { Process } from '../../primitives/flink-process.js';

type Colors = ReturnType<typeof pc.createColors>;

export interface TextOptions {
  readonly color: boolean;
  readonly trace: boolean;
  readonly showConfig: boolean;
  readonly processes: readonly Process[];
  readonly width: number;
  /** The output language's words (English when absent). */
  readonly t?: Texts;
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

/** The components in table order; their names are the `component.<key>` texts. */
const TM_ROWS = [
  'frameworkHeap',
  'taskHeap',
  'managed',
  'frameworkOffHeap',
  'taskOffHeap',
  'network',
  'jvmMetaspace',
  'jvmOverhead',
] as const;
const JM_ROWS = ['jvmHeap', 'offHeap', 'jvmMetaspace', 'jvmOverhead'] as const;

const componentName = (t: Texts, key: string): string => {
  const k = `component.${key}` as CliKey;
  return k in COMPONENT_KEYS ? t(k) : key;
};
const COMPONENT_KEYS: Readonly<Record<string, true>> = Object.fromEntries(
  [...TM_ROWS, ...JM_ROWS, 'totalFlink', 'totalProcess'].map((k) => [`component.${k}`, true]),
);

function table(rows: readonly Row[], c: Colors, t: Texts): string[] {
  // Display width, not length: a Chinese name takes two columns per character.
  const w = Math.max(...rows.map((r) => displayWidth(r.label)));
  const short = rows.map((r) => formatSizeShort(r.bytes));
  const sw = Math.max(...short.map((s) => s.length));
  return rows.map((r, i) => {
    const line = `  ${padEndDisplay(r.label, w)}  ${short[i]!.padStart(sw)}  ${String(r.bytes).padStart(13)} ${t('explain.bytes')}`;
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
    if (parts[order[k]!.i]! > 0n) {
      cells[order[k]!.i]!++;
      left--;
    }
  }
  while (left < 0) {
    const i = cells.indexOf(Math.max(...cells));
    cells[i]!--;
    left++;
  }
  return cells;
}

function bar(
  segments: readonly Segment[],
  width: number,
  c: Colors,
  color: boolean,
  t: Texts,
): string[] {
  const cells = allocate(
    segments.map((s) => s.bytes),
    width,
  );
  const body = segments
    .map((s, i) => s.paint(c, (color ? '█' : s.char).repeat(cells[i]!)))
    .join('');
  const legend = segments
    .filter((s) => s.bytes > 0n)
    .map(
      (s) =>
        `${s.paint(c, color ? '█' : s.char)} ${t(`segment.${s.name}` as CliKey)} ${formatSizeShort(s.bytes)}`,
    )
    .join('  ');
  return [`  [${body}]`, `   ${legend}`];
}

function tmSegments(s: Record<string, bigint>): Segment[] {
  return [
    { name: 'heap', bytes: s.frameworkHeap! + s.taskHeap!, char: 'H', paint: (c, x) => c.blue(x) },
    { name: 'managed', bytes: s.managed!, char: 'M', paint: (c, x) => c.green(x) },
    {
      name: 'direct',
      bytes: s.frameworkOffHeap! + s.taskOffHeap! + s.network!,
      char: 'D',
      paint: (c, x) => c.yellow(x),
    },
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

const PATHS: ReadonlySet<string> = new Set([
  'fine-grained',
  'total-flink',
  'total-process',
  'local',
  'legacy-1.10',
]);
const pathText = (t: Texts, path: string) => (PATHS.has(path) ? t(`path.${path}` as CliKey) : path);

/**
 * Flink's message as printed: whole, unless a value quoted in it makes it longer than a screenful.
 */
const MAX_MESSAGE = 500;

function clipMiddle(text: string): string {
  return text.length <= MAX_MESSAGE
    ? text
    : `${text.slice(0, MAX_MESSAGE - 100)}…${text.slice(-99)}`;
}

function processBlock(
  v: ExplainedVersion,
  p: Process,
  o: TextOptions,
  c: Colors,
  t: Texts,
): string[] {
  const r = v[p];
  const title = t(p === 'taskmanager' ? 'explain.taskmanager' : 'explain.jobmanager');
  const failure = v.failures[p];
  const line = (label: CliKey, text: string) => `  ${labelled(t(label), text)}`;
  if (!r.ok && failure) {
    const out = [
      `${c.bold(title)}  ${c.red(t('explain.doesNotStart'))}`,
      line('explain.why', failure.reason),
      line('explain.flink', clipMiddle(failure.failure.flinkMessage)),
    ];
    if (failure.fix) {
      const changes = Object.entries(failure.fix).map(([k, val]) =>
        val === null ? t('lint.remove', { key: k }) : `${k}: ${val}`,
      );
      out.push(line('explain.fix', changes.join(', ')));
    } else out.push(line('explain.fix', t('explain.noFix')));
    if (o.trace) out.push(...traceLines(r.trace, r.notes, t));
    return out;
  }
  if (!r.ok) return [];
  const sizes = r.sizes as unknown as Record<string, bigint>;
  const rows: Row[] = (p === 'taskmanager' ? TM_ROWS : JM_ROWS).map((key) => ({
    label: componentName(t, key),
    bytes: sizes[key]!,
  }));
  rows.push(
    { label: componentName(t, 'totalFlink'), bytes: sizes.totalFlink!, total: true },
    { label: componentName(t, 'totalProcess'), bytes: sizes.totalProcess!, total: true },
  );
  const out = [
    `${c.bold(title)}  ${c.green(t('explain.starts'))}  (${pathText(t, r.path)})`,
    ...table(rows, c, t),
  ];
  out.push(
    ...bar(p === 'taskmanager' ? tmSegments(sizes) : jmSegments(sizes), o.width, c, o.color, t),
  );
  if (r.jvmArgs) out.push(`  JVM:    ${r.jvmArgs}`);
  if (r.legacyMapping)
    out.push(
      line(
        'explain.note',
        t('explain.legacy', {
          from: r.legacyMapping.from,
          to: r.legacyMapping.to,
          bytes: r.legacyMapping.bytes,
        }),
      ),
    );
  if (o.trace) out.push(...traceLines(r.trace, r.notes, t));
  return out;
}

function traceLines(
  steps: ExplainedVersion['taskmanager']['trace'],
  notes: readonly string[],
  t: Texts,
): string[] {
  const out = [`  ${t('explain.trace')}`];
  const zh = t('explain.bytes') !== 'bytes';
  for (const s of steps) {
    out.push(
      `    ${padEndDisplay(componentName(t, s.component), 16)} ${String(s.bytes).padStart(13)}  ${zh ? translateTrace(s.how) : s.how}`,
    );
  }
  for (const n of notes)
    out.push(`    ${labelled(t('explain.note').trim(), zh ? translateTrace(n) : n)}`);
  return out;
}

export function explainText(docs: readonly ExplainedDocument[], o: TextOptions): string {
  const c = pc.createColors(o.color);
  const t = o.t ?? textsFor('en');
  const out: string[] = [];
  for (const d of docs) {
    for (const v of d.versions) {
      const name = d.doc.kubernetes?.name
        ? ` ${d.doc.kubernetes.kind}/${d.doc.kubernetes.name}`
        : '';
      out.push(
        c.bold(`${d.doc.file}${name}`) + c.dim(`  (Flink ${versionLabel(v.version)}, ${v.target})`),
        '',
      );
      for (const p of o.processes) out.push(...processBlock(v, p, o, c, t), '');
      if (o.showConfig) {
        out.push(c.bold(t('explain.effective')));
        const w = Math.max(0, ...v.effective.map((e) => e.key.length));
        for (const e of v.effective) {
          const via = e.viaKey ? t('explain.viaDeprecated', { key: e.viaKey }) : '';
          const over = e.overrides?.length
            ? t('explain.overrides', { keys: e.overrides.join(', ') })
            : '';
          out.push(`  ${e.key.padEnd(w)}  ${e.value}  ${c.dim(`(${e.source}${via}${over})`)}`);
        }
        out.push('');
      }
    }
    for (const ch of d.changes) {
      out.push(
        c.bold(t('explain.upgrade', { from: versionLabel(ch.from), to: versionLabel(ch.to) })) +
          (ch.items.length ? '' : t('explain.nothingChanges')),
      );
      for (const item of ch.items) out.push(`  - ${item.text}`);
      out.push('');
    }
  }
  return out.join('\n');
}
