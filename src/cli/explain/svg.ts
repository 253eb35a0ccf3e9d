/**
 * `explain --format svg`: Flink's memory model drawn to scale with the configuration's own numbers.
 * One column per Flink version, one row per process; each component a box whose height is its
 * bytes times one scale shared by the whole picture, brackets for the groups, the JVM arguments
 * underneath. Boxes stay exactly to scale however small: names, sizes and options sit in label
 * columns beside the bar, joined to their box by a line, so a component of a few megabytes is as
 * readable as a gigabyte one. Text is text; colours follow the reader's light or dark theme.
 */
import { formatSizeShort } from '../../primitives/memory-size.js';
import { versionLabel } from '../../primitives/version.js';
import type { ExplainedDocument } from './explain.js';
import type { ProcessPicture } from './picture.js';
import { optionsLabel, processPicture, spread } from './picture.js';
import type { Process } from '../../primitives/flink-process.js';

export interface SvgOptions {
  readonly processes: readonly Process[];
  /** Prefix of element ids, so that several pictures can share one HTML page. */
  readonly idPrefix?: string;
}

/** The height of the tallest bar, in pixels. */
export const BAR_HEIGHT = 440;
const LEFT_W = 250;
const LEVEL_W = 14;
const BAR_X = LEFT_W + 4 * LEVEL_W + 12;
const BAR_W = 100;
const LABEL_X = BAR_X + BAR_W + 34;
const PANEL_W = LABEL_X + 380;
const LABEL_H = 46;
const BAR_TOP = 44;
const MARGIN = 20;
const WRAP = 112;
const MAX_MESSAGE = 500;
/** Height of the marker of a blamed component that Flink never worked out (it has no size). */
const UNKNOWN_H = 18;

const STYLE = `
.fm{--fg:#1f2328;--muted:#59636e;--bg:#ffffff;--line:#8c959f;--bad:#cf222e;--ok:#1a7f37;--heap:#54aeff;--managed:#4ac26b;--direct:#e3b341;--offheap:#e3b341;--metaspace:#c297ff;--overhead:#afb8c1}
@media (prefers-color-scheme:dark){.fm{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#6e7681;--bad:#ff7b72;--ok:#3fb950;--heap:#1f6feb;--managed:#238636;--direct:#9e6a03;--offheap:#9e6a03;--metaspace:#8957e5;--overhead:#59636e}}
.fm text{fill:var(--fg);font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:12px}
.fm .bg{fill:var(--bg)}
.fm .mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:11px}
.fm .muted{fill:var(--muted)}
.fm .b{font-weight:600}
.fm .h1{font-size:16px;font-weight:600}
.fm .h2{font-size:14px;font-weight:600}
.fm text.bad,.fm tspan.bad{fill:var(--bad)}
.fm text.ok{fill:var(--ok)}
.fm .lead{fill:none;stroke:var(--line);stroke-width:1}
.fm .brk{fill:none;stroke:var(--fg);stroke-width:1.5}
.fm .brk.bad{stroke:var(--bad);stroke-dasharray:4 3}
.fm .part{stroke:var(--bg);stroke-width:1}
.fm .part.bad{stroke:var(--bad);stroke-width:2}
.fm .heap{fill:var(--heap)}.fm .managed{fill:var(--managed)}.fm .direct{fill:var(--direct)}.fm .offheap{fill:var(--offheap)}
.fm .metaspace{fill:var(--metaspace)}.fm .overhead{fill:var(--overhead)}.fm .alt{fill-opacity:.7}
.fm .hatch{fill:var(--bad);fill-opacity:.45}
.fm .unknown{stroke:var(--bad);stroke-width:1.5;stroke-dasharray:4 3}
`;

const INVALID_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text safe in XML content and attributes (characters XML cannot hold become U+FFFD). */
export function xml(text: string): string {
  return text.replace(INVALID_XML, '\uFFFD').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** Greedy word wrap at `width` characters; a longer word is cut. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(' ')) {
    while (word.length > width) {
      if (line) lines.push(line);
      lines.push(word.slice(0, width));
      word = word.slice(width);
      line = '';
    }
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ' ' + word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function clip(text: string): string {
  return text.length <= MAX_MESSAGE
    ? text
    : `${text.slice(0, MAX_MESSAGE - 100)}…${text.slice(-99)}`;
}

const n = (x: number) => String(Math.round(x * 100) / 100);

interface Drawn {
  readonly body: string;
  readonly height: number;
}

interface PanelContext {
  readonly scale: number;
  readonly version: string;
  readonly id: string;
}

function textLines(
  x: number,
  y: number,
  lines: readonly string[],
  cls: string,
  anchor = 'start',
): string {
  return lines
    .map(
      (l, i) =>
        `<text x="${n(x)}" y="${n(y + i * 15)}" class="${cls}" text-anchor="${anchor}">${xml(l)}</text>`,
    )
    .join('');
}

function panel(pic: ProcessPicture, c: PanelContext): Drawn {
  const out: string[] = [];
  const status = pic.ok
    ? `<tspan class="muted"> starts · Flink ${xml(c.version)}</tspan>`
    : `<tspan class="bad"> does not start · Flink ${xml(c.version)}</tspan>`;
  out.push(`<text x="0" y="18" class="h2">${xml(pic.title)}${status}</text>`);
  // The bar: parts stacked in Flink's order, heights exactly to scale.
  const tops: number[] = [];
  let y = BAR_TOP;
  let previousKind = '';
  for (const part of pic.parts) {
    tops.push(y);
    if (part.bytes === null) {
      // Blamed but never worked out: a marker of fixed height, dashed, as it has no size to draw.
      if (part.failing) {
        out.push(
          `<rect x="${BAR_X}" y="${n(y)}" width="${BAR_W}" height="${UNKNOWN_H}" class="unknown" fill="url(#${c.id}hatch)" data-process="${pic.process}" data-version="${xml(c.version)}" data-part="${part.key}" data-unknown=""/>`,
        );
        y += UNKNOWN_H;
      }
      continue;
    }
    const h = Number(part.bytes) * c.scale;
    const alt = part.kind === previousKind ? '' : ' alt';
    previousKind = part.kind;
    const cls = `part ${part.kind}${alt}${part.failing ? ' bad' : ''}`;
    out.push(
      `<rect x="${BAR_X}" y="${n(y)}" width="${BAR_W}" height="${n(h)}" class="${cls}" data-process="${pic.process}" data-version="${xml(c.version)}" data-part="${part.key}" data-bytes="${part.bytes}"><title>${xml(`${part.name}: ${formatSizeShort(part.bytes)} (${part.bytes} bytes)`)}</title></rect>`,
    );
    if (part.failing && h > 0)
      out.push(
        `<rect x="${BAR_X}" y="${n(y)}" width="${BAR_W}" height="${n(h)}" fill="url(#${c.id}hatch)"/>`,
      );
    y += h;
  }
  const barBottom = y;
  // Labels of the parts, right of the bar.
  const labelled = pic.parts
    .map((p, i) => ({ p, top: tops[i]! }))
    .filter(({ p }) => p.bytes !== null || p.failing);
  const centers = labelled.map(
    ({ p, top }) => top + (p.bytes === null ? UNKNOWN_H : Number(p.bytes) * c.scale) / 2,
  );
  const places = spread(
    centers.map((cy) => cy - 10),
    LABEL_H,
    BAR_TOP - 6,
  );
  labelled.forEach(({ p }, i) => {
    const ly = places[i]!;
    out.push(
      `<path class="lead" d="M${BAR_X + BAR_W} ${n(centers[i]!)}h10L${LABEL_X - 6} ${n(ly + 10)}"/>`,
    );
    const size =
      p.bytes === null ? '' : ` <tspan class="muted">${formatSizeShort(p.bytes)}</tspan>`;
    out.push(
      `<text x="${LABEL_X}" y="${n(ly + 14)}" class="b${p.failing ? ' bad' : ''}">${p.failing ? '✗ ' : ''}${xml(p.name)}${size}</text>`,
    );
    const exact =
      p.bytes === null ? 'size unknown: Flink stopped before working it out' : `${p.bytes} bytes`;
    out.push(
      textLines(LABEL_X, ly + 28, [exact], ''),
      textLines(LABEL_X, ly + 42, [optionsLabel(p.options)], 'mono muted'),
    );
  });
  // Brackets, left of the bar, with their labels in the left column.
  const brackets = pic.brackets.filter((b) => b.bytes !== null && (pic.ok || b.sizeKey));
  const spans = brackets
    .map((b) => {
      const top = pic.ok ? tops[b.from]! : BAR_TOP;
      const bottom = pic.ok
        ? b.to + 1 < tops.length
          ? tops[b.to + 1]!
          : barBottom
        : BAR_TOP + Number(b.bytes!) * c.scale;
      return { b, top, bottom, mid: (top + bottom) / 2 };
    })
    .sort((a, b) => a.mid - b.mid);
  const bplaces = spread(
    spans.map((s) => s.mid - 10),
    LABEL_H,
    BAR_TOP - 6,
  );
  spans.forEach(({ b, top, bottom, mid }, i) => {
    const x = BAR_X - 8 - b.level * LEVEL_W;
    const tick = 6 + b.level * LEVEL_W;
    out.push(
      `<path class="brk${b.failing ? ' bad' : ''}" d="M${x + tick} ${n(top)}H${x}V${n(bottom)}H${x + tick}" data-process="${pic.process}" data-version="${xml(c.version)}" data-bracket="${xml(b.name)}" data-bytes="${b.bytes}"/>`,
    );
    const ly = bplaces[i]!;
    out.push(`<path class="lead" d="M${LEFT_W - 4} ${n(ly + 10)}L${x - 2} ${n(mid)}"/>`);
    out.push(
      `<text x="${LEFT_W - 8}" y="${n(ly + 14)}" class="b${b.failing ? ' bad' : ''}" text-anchor="end">${b.failing ? '✗ ' : ''}${xml(b.name)}</text>`,
    );
    out.push(
      textLines(
        LEFT_W - 8,
        ly + 28,
        [`${formatSizeShort(b.bytes!)} · ${b.bytes} bytes`],
        '',
        'end',
      ),
      textLines(LEFT_W - 8, ly + 42, [b.setBy], 'mono muted', 'end'),
    );
  });
  const lastLabel = Math.max(
    BAR_TOP,
    ...places.map((p) => p + LABEL_H),
    ...bplaces.map((p) => p + LABEL_H),
    ...spans.map((s) => s.bottom),
  );
  let ty = Math.max(barBottom, lastLabel) + 26;
  if (pic.ok) {
    if (pic.jvmArgs) {
      out.push(`<text x="0" y="${n(ty)}" class="b">JVM arguments</text>`);
      const lines = wrap(pic.jvmArgs, WRAP);
      out.push(textLines(0, ty + 16, lines, 'mono'));
      ty += 16 + lines.length * 15;
    } else {
      out.push(
        `<text x="0" y="${n(ty)}" class="muted">No JVM arguments: the process runs in the JVM that started it.</text>`,
      );
      ty += 15;
    }
  } else if (pic.failure) {
    for (const [label, text, cls] of [
      ['Why', pic.failure.reason, 'bad'],
      ['Flink', clip(pic.failure.flinkMessage), 'mono'],
      ['Fix', pic.failure.fix ?? 'none found automatically; see the reason above', ''],
    ] as const) {
      out.push(
        `<text x="0" y="${n(ty)}" class="b${label === 'Why' ? ' bad' : ''}">${label}</text>`,
      );
      const lines = wrap(text, WRAP);
      out.push(textLines(44, ty, lines, cls === 'bad' ? '' : cls));
      ty += lines.length * 15 + 6;
    }
  }
  return { body: out.join(''), height: ty };
}

/** The scale shared by every panel: the tallest bar (or budget) is BAR_HEIGHT pixels. */
function scaleOf(pictures: readonly ProcessPicture[]): number {
  let max = 0n;
  for (const p of pictures) {
    if (p.drawnBytes > max) max = p.drawnBytes;
    for (const b of p.brackets) if (b.bytes !== null && b.bytes > max) max = b.bytes;
  }
  return max === 0n ? 0 : BAR_HEIGHT / Number(max);
}

function docTitle(d: ExplainedDocument): string {
  const k = d.doc.kubernetes;
  return k?.name ? `${d.doc.file} ${k.kind}/${k.name}` : d.doc.file;
}

export function explainSvg(docs: readonly ExplainedDocument[], o: SvgOptions): string {
  const id = o.idPrefix ?? 'fm-';
  const pictures = docs.map((d) =>
    d.versions.map((v) => o.processes.map((p) => processPicture(v, p))),
  );
  const scale = scaleOf(pictures.flat(2));
  const columns = Math.max(1, ...docs.map((d) => d.versions.length));
  const width = MARGIN * 2 + columns * PANEL_W;
  const body: string[] = [];
  let y = MARGIN;
  docs.forEach((d, di) => {
    const targets = [...new Set(d.versions.map((v) => v.target))].join(', ');
    body.push(
      `<text x="${MARGIN}" y="${n(y + 16)}" class="h1">${xml(docTitle(d))}<tspan class="muted" font-weight="400"> · ${xml(targets)}</tspan></text>`,
    );
    y += 34;
    o.processes.forEach((_, pi) => {
      const drawn = d.versions.map((v, vi) =>
        panel(pictures[di]![vi]![pi]!, { scale, version: versionLabel(v.version), id }),
      );
      drawn.forEach((p, vi) =>
        body.push(`<g transform="translate(${MARGIN + vi * PANEL_W} ${n(y)})">${p.body}</g>`),
      );
      y += Math.max(...drawn.map((p) => p.height)) + 24;
    });
  });
  const tallest = scale > 0 ? formatSizeShort(BigInt(Math.round(BAR_HEIGHT / scale))) : '';
  const footnote =
    scale > 0
      ? `Every box is drawn to one scale (${tallest} is ${BAR_HEIGHT} px); names and sizes sit beside the bars, so small components stay readable.`
      : 'Nothing could be worked out to draw.';
  body.push(`<text x="${MARGIN}" y="${n(y)}" class="muted">${xml(footnote)}</text>`);
  y += 20;
  const height = Math.ceil(y + MARGIN - 24);
  const summary = docs
    .map(
      (d) =>
        `${docTitle(d)}: ${d.versions.map((v) => `Flink ${versionLabel(v.version)} ${o.processes.map((p) => `${p} ${v[p].ok ? `${formatSizeShort((v[p] as { sizes: { totalProcess: bigint } }).sizes.totalProcess)} total process memory` : 'does not start'}`).join(', ')}`).join('; ')}`,
    )
    .join('. ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="fm" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}title ${id}desc">`,
    `<title id="${id}title">Flink memory of ${xml(docs.map(docTitle).join(', '))}</title>`,
    `<desc id="${id}desc">${xml(summary)}. Boxes are drawn to one scale; labels sit beside the bars.</desc>`,
    `<style>${STYLE}</style>`,
    `<defs><pattern id="${id}hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="3" height="8" class="hatch"/></pattern></defs>`,
    `<rect class="bg" width="${width}" height="${height}" rx="8"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
