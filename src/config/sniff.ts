/**
 * Whether a file is worth loading as Flink configuration, read from its head in chunks (a folder
 * walk asks this of thousands of files): any `flink-conf.yaml`, a `config.yaml` with Flink keys, or
 * another YAML file whose content looks like Flink.
 */
import { closeSync, openSync, readSync } from 'node:fs';

/** Top-level key prefixes of a Flink `config.yaml`; a `config.yaml` of another tool has none. */
const FLINK_TOP_KEY =
  /^["']?(?:taskmanager|jobmanager|parallelism|execution|state|rest|env|high-availability|kubernetes|pipeline|metrics|pekko|akka|blob|web|security|classloader|restart-strategy|table|python|cluster|heartbeat|historyserver|io)[.:]/m;
/** Files are read in chunks of this size; most are smaller and take one read. */
const SNIFF_BYTES = 64 * 1024;
/**
 * Past this (MAX_YAML_CHARS, not imported: it would load the YAML library), the loaders refuse a
 * file, so the walk stops reading.
 */
const SNIFF_LIMIT = 16 * 1024 * 1024;
const LOOKS_FLINK = [
  /^kind:[ \t]*FlinkDeployment\b/m,
  /^[ \t]*(?:flink-conf\.yaml|config\.yaml):/m,
  // Top-level keys only: indented ones are usually some chart's values.yaml, not a Flink file.
  /^["']?(?:taskmanager|jobmanager)\.[\w.-]+["']?:/m,
  /^(?:taskmanager|jobmanager):[ \t]*$/m,
];

/** Reused for every sniff: a folder walk reads the head of thousands of files. */
let sniffBuffer: Buffer | undefined;

/** Where a line break (LF or a lone CR) last occurs in `text`, or -1. */
function lastBreak(text: string): number {
  return Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
}

/**
 * Whether any whole line of the file matches `test`. The file is read chunk by chunk (a bundle
 * may hold its FlinkDeployment after megabytes of other manifests) and each chunk is tested once,
 * with the unfinished line carried over, so the work stays linear in the file's size. An
 * unreadable file is reported to `unreadable` and does not match.
 */
function anyLine(
  path: string,
  test: (text: string) => boolean,
  unreadable?: (e: unknown) => void,
): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = (sniffBuffer ??= Buffer.allocUnsafe(SNIFF_BYTES));
    const first = readSync(fd, buf, 0, SNIFF_BYTES, 0);
    // Nearly every file fits in one read.
    if (first < SNIFF_BYTES) return test(buf.toString('utf8', 0, first));
    // The global decoder, not node:string_decoder: that module would be loaded in every run,
    // and only files longer than one read get here. A byte-order mark is kept, as in the branch
    // above.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    let carry = '';
    for (let read = 0; read < SNIFF_LIMIT;) {
      const n = read === 0 ? first : readSync(fd, buf, 0, SNIFF_BYTES, read);
      read += n;
      const text =
        carry + decoder.decode(n === SNIFF_BYTES ? buf : buf.subarray(0, n), { stream: true });
      if (n < SNIFF_BYTES) return test(text + decoder.decode());
      const cut = lastBreak(text);
      if (cut >= 0 && test(text.slice(0, cut))) return true;
      carry = cut >= 0 ? text.slice(cut + 1) : text;
      // A line this long is a value, not the start of a Flink file: only its head could matter.
      if (carry.length > SNIFF_BYTES) carry = carry.slice(0, SNIFF_BYTES);
    }
    return test(carry);
  } catch (e) {
    unreadable?.(e);
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * A file worth loading: any `flink-conf.yaml`, a `config.yaml` with Flink keys (the name is too
 * common to trust alone), or another `.yaml`/`.yml` whose content looks like Flink anywhere in it.
 */
export function looksLikeFlinkFile(
  path: string,
  name: string,
  unreadable?: (e: unknown) => void,
): boolean {
  if (name === 'flink-conf.yaml') return true;
  if (!/\.ya?ml$/i.test(name)) return false;
  const config = name === 'config.yaml';
  return anyLine(
    path,
    (text) => (config && FLINK_TOP_KEY.test(text)) || LOOKS_FLINK.some((re) => re.test(text)),
    unreadable,
  );
}
