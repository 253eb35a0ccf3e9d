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
import { processPicture } from './picture.js';
import type { Process } from '../../primitives/flink-process.js';
import { BAR_HEIGHT, PANEL_W, panel } from './svg-panel.js';
import { n, xml } from './svg-text.js';

export { BAR_HEIGHT } from './svg-panel.js';
export { wrap, xml } from './svg-text.js';

export interface SvgOptions {
  readonly processes: readonly Process[];
  /** Prefix of element ids, so that several pictures can share one HTML page. */
  readonly idPrefix?: string;
}

const MARGIN = 20;

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
