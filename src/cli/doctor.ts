/**
 * Runs `flink-mem doctor`: reads an error message (`--error`), a log of any size (`--log`, read as
 * a stream) or standard input, optionally a configuration (`--config`), and prints diagnoses.
 * Exit codes: 0 at least one diagnosis, 1 none, 2 usage or input error.
 */
import { createReadStream, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { loadFile, rawConfig } from '../config/index.js';
import type { ConfigDocument } from '../config/types.js';
import type { Target } from '../model/compute.js';
import type { RawValue } from '../model/values.js';
import type { FlinkVersion } from '../options/version.js';
import { KNOWN_VERSIONS, defaultVersion, parseVersion } from '../options/version.js';
import { diagnose, diagnoseStream } from '../doctor/advisor.js';
import type { DoctorOptions, DoctorResult } from '../doctor/types.js';
import { formatJson, formatText } from '../doctor/format.js';
import type { CliIO } from './io.js';
import { CliUsageError, EXIT } from './io.js';

export interface DoctorCliOptions {
  readonly error?: string;
  readonly log?: string;
  readonly config?: string;
  readonly format: 'text' | 'json';
  readonly flinkVersion?: string;
  readonly target?: string;
}

const TARGETS: readonly Target[] = ['standalone', 'kubernetes', 'yarn', 'local'];
/** Loader problems that mean the file was not read the way Flink reads it. */
const FATAL = new Set(['yaml-syntax', 'duplicate-key', 'non-mapping-root', 'null-value', 'not-flink-config']);

function lines(stream: Readable): AsyncIterable<string> {
  return createInterface({ input: stream, crlfDelay: Infinity });
}

function readableLog(path: string, shown: string): void {
  let isFolder = false;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new CliUsageError(code === 'ENOENT' ? `log "${shown}" does not exist` : `log "${shown}" cannot be read (${code ?? String(e)})`);
  }
  if (isFolder) throw new CliUsageError(`log "${shown}" is a folder, not a file`);
}

function configDocument(path: string, cwd: string): ConfigDocument {
  let loaded;
  try {
    loaded = loadFile(resolve(cwd, path), {}, path);
  } catch (e) {
    throw new CliUsageError(e instanceof Error ? e.message : String(e));
  }
  const fatal = [...loaded.problems, ...loaded.documents.flatMap((d) => d.problems)].find((p) => FATAL.has(p.kind));
  if (fatal) throw new CliUsageError(`${path}:${fatal.span.line}:${fatal.span.column}: ${fatal.message}`);
  const doc = loaded.documents[0];
  if (!doc) throw new CliUsageError(`"${path}" holds no Flink configuration`);
  return doc;
}

function settings(opts: DoctorCliOptions, cwd: string): DoctorOptions {
  let version: FlinkVersion | undefined;
  if (opts.flinkVersion !== undefined) {
    const v = parseVersion(opts.flinkVersion);
    if (!v) throw new CliUsageError(`--flink-version "${opts.flinkVersion}" is not a Flink version flink-mem knows (${KNOWN_VERSIONS.join(', ')})`);
    version = v;
  }
  let target: Target | undefined;
  if (opts.target !== undefined) {
    if (!(TARGETS as readonly string[]).includes(opts.target)) throw new CliUsageError(`--target must be one of ${TARGETS.join(', ')}, not "${opts.target}"`);
    target = opts.target as Target;
  }
  let config: ReadonlyMap<string, RawValue> | undefined;
  if (opts.config !== undefined) {
    const doc = configDocument(opts.config, cwd);
    config = rawConfig(doc);
    const manifestVersion = doc.kubernetes?.flinkVersion ? parseVersion(doc.kubernetes.flinkVersion.text) : null;
    version ??= manifestVersion ?? defaultVersion();
    if (target === undefined && doc.format === 'k8s') target = 'kubernetes';
  }
  return { ...(config ? { config } : {}), ...(version ? { version } : {}), ...(target ? { target } : {}) };
}

async function read(opts: DoctorCliOptions, options: DoctorOptions, io: CliIO): Promise<DoctorResult> {
  if (opts.error !== undefined && opts.log !== undefined) throw new CliUsageError('give either --error or --log, not both');
  if (opts.error !== undefined) {
    if (opts.error.trim() === '') throw new CliUsageError('--error is empty: nothing to diagnose');
    return diagnose({ ...options, text: opts.error });
  }
  if (opts.log !== undefined) {
    const path = resolve(io.cwd, opts.log);
    readableLog(path, opts.log);
    const stream = createReadStream(path, { encoding: 'utf8' });
    try {
      return await diagnoseStream(lines(stream), options);
    } catch (e) {
      const code = (e as { code?: string }).code;
      throw new CliUsageError(`log "${opts.log}" cannot be read (${code ?? (e instanceof Error ? e.message : String(e))})`);
    }
  }
  if (io.stdinIsTTY) throw new CliUsageError('nothing to diagnose: give --error "<message>", --log <file>, or pipe the text on standard input');
  return diagnoseStream(lines(io.stdin), options);
}

export async function runDoctor(opts: DoctorCliOptions, io: CliIO): Promise<number> {
  let result: DoctorResult;
  try {
    if (opts.format !== 'text' && opts.format !== 'json') throw new CliUsageError(`--format must be text or json, not "${String(opts.format)}"`);
    result = await read(opts, settings(opts, io.cwd), io);
  } catch (e) {
    if (!(e instanceof CliUsageError)) throw e;
    io.error(`flink-mem: error: ${e.message}\n`);
    return EXIT.usage;
  }
  io.write(opts.format === 'json' ? formatJson(result) : formatText(result));
  return result.diagnoses.length > 0 ? EXIT.ok : EXIT.findings;
}
