/**
 * Messages quote what the user wrote; a value can be megabytes long (a pasted certificate, a
 * binary file read as text), so quoted text is clipped to keep every message one short line.
 */

const MAX_QUOTED = 80;

/** The text, clipped in the middle of long input, with line breaks shown as `\n`. */
export function clip(text: string): string {
  const flat =
    text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 21)}…${text.slice(-20)}` : text;
  return flat.replace(/\r?\n|\r/g, '\\n');
}
