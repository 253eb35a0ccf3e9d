/**
 * One panel of the SVG picture: one process of one Flink version, its bar drawn to the picture's
 * scale, the labels of its parts on the right, the brackets of its groups on the left, and the JVM
 * arguments (or why it does not start) underneath.
 */
import { formatSizeShort } from '../../primitives/memory-size.js';
import type { ProcessPicture } from './picture.js';
import { optionsLabel, spread } from './picture.js';
import { n, textLines, wrap, xml } from './svg-text.js';

/** The height of the tallest bar, in pixels. */
export const BAR_HEIGHT = 440;
const LEFT_W = 250;
const LEVEL_W = 14;
const BAR_X = LEFT_W + 4 * LEVEL_W + 12;
const BAR_W = 100;
const LABEL_X = BAR_X + BAR_W + 34;
export const PANEL_W = LABEL_X + 380;
const LABEL_H = 46;
const BAR_TOP = 44;
const WRAP = 112;
const MAX_MESSAGE = 500;
/** Height of the marker of a blamed component that Flink never worked out (it has no size). */
const UNKNOWN_H = 18;

function clip(text: string): string {
  return text.length <= MAX_MESSAGE
    ? text
    : `${text.slice(0, MAX_MESSAGE - 100)}…${text.slice(-99)}`;
}

export interface Drawn {
  readonly body: string;
  readonly height: number;
}

export interface PanelContext {
  readonly scale: number;
  readonly version: string;
  readonly id: string;
}

export function panel(pic: ProcessPicture, c: PanelContext): Drawn {
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
