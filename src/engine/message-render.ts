/** A rule's message with its placeholders filled. */
import type { MessageData } from './types.js';

/** Longest placeholder value kept whole: Flink's own messages fit; a pasted megabyte does not. */
const MAX_DATA = 500;

/** A value for a message: folded onto one line, a huge one cut in the middle. */
function dataText(value: unknown): string {
  let text = String(value);
  if (text.length > MAX_DATA) text = `${text.slice(0, MAX_DATA - 100)}…${text.slice(-99)}`;
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** Fills `{name}` placeholders; values are folded onto one line so a message stays one line. */
export function render(template: string, data: MessageData | undefined): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) =>
    data && name in data ? dataText(data[name]) : all,
  );
}
