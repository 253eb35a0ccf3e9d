/**
 * Runs `flink-mem doctor`: reads an error message (`--error`), a log of any size (`--log`, read as
 * a stream) or standard input, optionally a configuration (`--config`), and prints diagnoses.
 * Exit codes: 0 at least one diagnosis, 1 none, 2 usage or input error.
 */
import { createReadStream, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { expandInputs, fatalProblems, loadFile, rawConfig } from '../config/index.js';
import type { ConfigDocument } from '../config/types.js';
import type { Target } from '../model/compute.js';
import type { RawValue } from '../primitives/raw-value.js';
import type { FlinkVersion } from '../primitives/version.js';
import { KNOWN_VERSIONS, parseVersion } from '../primitives/version.js';
import { TARGETS, versionAndTarget } from '../engine/version-target.js';
import { diagnose, diagnoseStream } from '../doctor/advisor.js';
import type { DoctorOptions, DoctorResult } from '../doctor/types.js';
import { formatJson, formatText } from '../doctor/format.js';
import { cliText } from '../i18n/cli.js';
import type { CliKey } from '../i18n/cli.js';
import { doctorLanguage, localizeResult } from '../i18n/doctor.js';
import type { Lang } from '../i18n/lang.js';
import { ScriptCounter } from '../i18n/lang.js';
import { displayWidth } from '../i18n/width.js';
import type { DoctorWords } from '../doctor/format.js';
import { ENGLISH_WORDS } from '../doctor/format.js';
import { langFlag, resolveLang } from './lang.js';
import type { CliIO } from './io.js';
import { EXIT, exitFor } from './io.js';
import { visible } from './util.js';
import { readFailureCode, UsageError } from '../primitives/usage-error.js';

export interface DoctorCliOptions {
  readonly error?: string;
  readonly log?: string;
  readonly config?: string;
  readonly format: 'text' | 'json';
  readonly flinkVersion?: string;
  readonly target?: string;
  /**
   * `en` or `zh`; otherwise Chinese for a report written mostly in Chinese, then .flink-mem.yaml,
   * then the locale.
   */
  readonly lang?: string;
}

/** Loader problems that mean the file was not read the way Flink reads it. */

/** Input that is not a text log; the message completes "<name> ...". */
class NotText extends Error {}

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
async function* lines(stream: Readable): AsyncGenerator<readonly string[]> {
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

function readableLog(path: string, shown: string): void {
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

function configDocument(path: string, cwd: string): ConfigDocument {
  const full = resolve(cwd, path);
  let isFolder = false;
  try {
    isFolder = statSync(full).isDirectory();
  } catch {
    // A missing file is reported by the loader below, in the words lint uses.
  }
  if (isFolder) return folderDocument(full, path);
  let loaded;
  try {
    loaded = loadFile(full, {}, path);
  } catch (e) {
    throw new UsageError(
      e instanceof UsageError ? e.code : 'EIO',
      e instanceof Error ? e.message : String(e),
    );
  }
  const fatal = fatalProblems(loaded)[0];
  if (fatal)
    throw new UsageError(
      'EINPUT',
      `${path}:${fatal.span.line}:${fatal.span.column}: ${fatal.message}`,
    );
  const doc = loaded.documents[0];
  if (!doc) throw new UsageError('EINPUT', `"${path}" holds no Flink configuration`);
  return doc;
}

/**
 * A folder (Flink's conf/, a deployment folder): the one Flink configuration in it, as lint finds
 * it.
 */
function folderDocument(full: string, shown: string): ConfigDocument {
  const found: { name: string; doc: ConfigDocument }[] = [];
  for (const file of expandInputs([full])) {
    const name = join(shown, relative(full, file));
    let loaded;
    try {
      loaded = loadFile(file, {}, name);
    } catch {
      continue;
    }
    if (fatalProblems(loaded).length > 0) continue;
    for (const doc of loaded.documents) found.push({ name, doc });
  }
  if (found.length === 0)
    throw new UsageError('EINPUT', `folder "${shown}" holds no Flink configuration`);
  if (found.length > 1) {
    throw new UsageError(
      'EINVAL',
      `folder "${shown}" holds ${found.length} Flink configurations (${found.map((f) => f.name).join(', ')}): give one of them with --config`,
    );
  }
  return found[0]!.doc;
}

function settings(opts: DoctorCliOptions, cwd: string): DoctorOptions {
  let version: FlinkVersion | undefined;
  if (opts.flinkVersion !== undefined) {
    const v = parseVersion(opts.flinkVersion);
    if (!v)
      throw new UsageError(
        'EINVAL',
        `--flink-version "${opts.flinkVersion}" is not a Flink version flink-mem knows (${KNOWN_VERSIONS.join(', ')})`,
      );
    version = v;
  }
  let target: Target | undefined;
  if (opts.target !== undefined) {
    if (!(TARGETS as readonly string[]).includes(opts.target))
      throw new UsageError(
        'EINVAL',
        `--target must be one of ${TARGETS.join(', ')}, not "${opts.target}"`,
      );
    target = opts.target as Target;
  }
  let config: ReadonlyMap<string, RawValue> | undefined;
  if (opts.config !== undefined) {
    const doc = configDocument(opts.config, cwd);
    config = rawConfig(doc);
    // The version lint and explain decide, and the target when it is asked or the configuration
    // says
    // it; what is left open the doctor reads from the text (a local run, an old Flink).
    const decided = versionAndTarget(doc, {
      ...(version ? { flinkVersion: version } : {}),
      ...(target ? { target } : {}),
    });
    version = decided.version;
    if (decided.targetKnown) target = decided.target;
  }
  return {
    ...(config ? { config } : {}),
    ...(version ? { version } : {}),
    ...(target ? { target } : {}),
  };
}

/** Every line read passes through `seen` (for the input's language) on its way to the advisor. */
async function* watched(
  source: AsyncIterable<readonly string[]>,
  seen: (text: string) => void,
): AsyncGenerator<readonly string[]> {
  for await (const batch of source) {
    for (const line of batch) seen(line);
    yield batch;
  }
}

async function read(
  opts: DoctorCliOptions,
  options: DoctorOptions,
  io: CliIO,
  seen: (text: string) => void = () => {},
): Promise<DoctorResult> {
  if (opts.error !== undefined && opts.log !== undefined)
    throw new UsageError('EINVAL', 'give either --error or --log, not both');
  if (opts.error !== undefined) {
    if (opts.error.trim() === '')
      throw new UsageError('EINVAL', '--error is empty: nothing to diagnose');
    seen(opts.error);
    return diagnose(
      Object.defineProperty(
        { ...options, text: opts.error },
        'language',
        Object.getOwnPropertyDescriptor(options, 'language') ?? { value: undefined },
      ),
    );
  }
  if (opts.log !== undefined) {
    const path = resolve(io.cwd, opts.log);
    readableLog(path, opts.log);
    const stream = createReadStream(path);
    try {
      return await diagnoseStream(watched(lines(stream), seen), options);
    } catch (e) {
      if (e instanceof NotText) throw new UsageError('EINPUT', `log "${opts.log}" ${e.message}`);
      const code = (e as { code?: string }).code;
      throw new UsageError(
        readFailureCode(e),
        `log "${opts.log}" cannot be read (${code ?? (e instanceof Error ? e.message : String(e))})`,
      );
    }
  }
  if (io.stdinIsTTY)
    throw new UsageError(
      'EINVAL',
      'nothing to diagnose: give --error "<message>", --log <file>, or pipe the text on standard input',
    );
  try {
    return await diagnoseStream(watched(lines(io.stdin), seen), options);
  } catch (e) {
    if (e instanceof NotText) throw new UsageError('EINPUT', `standard input ${e.message}`);
    throw e;
  }
}

/** The text format's words in `lang`. */
function doctorWords(lang: Lang): DoctorWords {
  if (lang === 'en') return ENGLISH_WORDS;
  const t = (key: CliKey, data?: Record<string, string | number>) => cliText(lang, key, data);
  return {
    none: t('doctor.none'),
    one: t('doctor.one'),
    many: (n) => t('doctor.many', { n }),
    line: (n) => t('doctor.line', { line: n }),
    change: t('doctor.change'),
    noChange: t('doctor.noChange'),
    effect: t('doctor.effect'),
    docs: t('doctor.docs'),
    process: {
      taskmanager: t('doctor.taskmanager'),
      jobmanager: t('doctor.jobmanager'),
      unknown: t('doctor.unknown'),
    },
    width: displayWidth,
  };
}

/**
 * The language is known only once the input has been read (a report written in Chinese gets a
 * Chinese answer), and the advisor words its diagnoses after reading: it reads `language` then.
 */
function withLanguage(options: DoctorOptions, choose: () => Lang): DoctorOptions {
  return Object.defineProperty({ ...options }, 'language', {
    enumerable: true,
    get: () => doctorLanguage(choose()),
  });
}

export async function runDoctor(opts: DoctorCliOptions, io: CliIO): Promise<number> {
  let result: DoctorResult;
  let lang: Lang;
  try {
    if (opts.format !== 'text' && opts.format !== 'json')
      throw new UsageError('EINVAL', `--format must be text or json, not "${String(opts.format)}"`);
    const flag = langFlag(opts.lang, io);
    const script = new ScriptCounter();
    const fallback = flag ?? resolveLang(io, {});
    const choose = () => (lang = flag ?? (script.chinese() ? 'zh' : fallback));
    result = await read(opts, withLanguage(settings(opts, io.cwd), choose), io, (text) =>
      script.add(text),
    );
    lang = choose();
  } catch (e) {
    return exitFor(e, io);
  }
  result = localizeResult(result, lang);
  // The evidence quotes the input: control characters in it are shown escaped, not sent to the
  // terminal.
  io.write(
    opts.format === 'json' ? formatJson(result) : visible(formatText(result, doctorWords(lang))),
  );
  return result.diagnoses.length > 0 ? EXIT.ok : EXIT.findings;
}
