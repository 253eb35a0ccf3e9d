/**
 * Text in the SVG pictures: escaped for XML, wrapped to a width, placed line by line.
 */

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

/** A coordinate, written with at most two decimals. */
export const n = (x: number) => String(Math.round(x * 100) / 100);

/** Lines of text one under the other, 15 pixels apart, starting at (x, y). */
export function textLines(
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
