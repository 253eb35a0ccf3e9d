/**
 * The log `flink-mem doctor` reads (`--log` or standard input): checked to be a readable file, then
 * split into lines as it streams.
 */
import { statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { readFailureCode, UsageError } from '../primitives/usage-error.js';

/** Input that is not a text log; the message completes "<name> ...". */
export class NotText extends Error {}

/**
 * Longest line kept whole; the doctor only looks at the first 8 KB of a line, so the rest is
 * dropped as it streams.
 */
const LONG_LINE = 64 * 1024;
/** How much of the start is checked for NUL bytes, the mark of a binary file. */
const SNIFF = 8192;

function decoderFor(head: Buffer): TextDecoder {
  if (head[0] === 0x1f && head[1] === 0x8b)
    throw new NotText(
      'is gzip-compressed, not a text log: decompress it first (gunzip, or zcat FILE | flink-mem doctor)',
    );
  // Windows tools (PowerShell's > among them) write UTF-16 with a byte-order mark.
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be');
  if (head.subarray(0, SNIFF).includes(0)) throw new NotText('is a binary file, not a text log');
  // Not fatal: a stray byte in another encoding becomes U+FFFD and the rest of the log is still
  // read.
  return new TextDecoder('utf-8');
}

/**
 * The lines of a text stream, decoded as it arrives: UTF-8 (invalid bytes read as U+FFFD) or
 * UTF-16 with a byte-order mark; binary and gzip input is refused. Memory stays bounded even for
 * a file without line breaks.
 */
export async function* logLines(stream: Readable): AsyncGenerator<readonly string[]> {
  let decoder: TextDecoder | null = null;
  let rest = '';
  let overlong = false;
  /** The complete lines of one decoded chunk; the unfinished last line waits in `rest`. */
  const split = (text: string): string[] => {
    const out: string[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      out.push(overlong ? rest : rest + text.slice(start, nl));
      overlong = false;
      rest = '';
      start = nl + 1;
    }
    if (!overlong) {
      rest += text.slice(start);
      if (rest.length > LONG_LINE) {
        rest = rest.slice(0, LONG_LINE);
        overlong = true;
      }
    }
    return out;
  };
  // The first bytes decide the encoding; a pipe may deliver them a few at a time.
  let head = Buffer.alloc(0);
  for await (const chunk of stream) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    if (!decoder) {
      head = Buffer.concat([head, buf]);
      if (head.length < 4) continue;
      decoder = decoderFor(head);
      buf = head;
    }
    yield split(decoder.decode(buf, { stream: true }));
  }
  if (!decoder && head.length > 0) {
    decoder = decoderFor(head);
    yield split(decoder.decode(head, { stream: true }));
  }
  if (decoder) yield split(decoder.decode());
  if (rest !== '' || overlong) yield [rest];
}

export function readableLog(path: string, shown: string): void {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(
      readFailureCode(e),
      code === 'ENOENT'
        ? `log "${shown}" does not exist`
        : `log "${shown}" cannot be read (${code ?? String(e)})`,
    );
  }
  if (isFolder) throw new UsageError('EISDIR', `log "${shown}" is a folder, not a file`);
}
