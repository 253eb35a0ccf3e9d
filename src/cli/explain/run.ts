/**
 * Runs `flink-mem explain`: loads every input, explains each document, prints text or JSON.
 * Exit codes: 0 every process starts, 1 a process would not start, 2 an input could not be used.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { expandInputs, fatalProblems, loadBytes, loadFile, UsageError } from '../../config/index.js';
import type { InputFormat, LoadedFile } from '../../config/types.js';
import type { Target } from '../../model/compute.js';
import type { FlinkVersion } from '../../options/version.js';
import { defaultVersion } from '../../options/version.js';
import { inferredVersion } from '../../engine/runner.js';
import { parseVersionOrThrow } from '../../engine/settings.js';
import type { CliIO } from '../io.js';
import { CliUsageError, EXIT } from '../io.js';
import { EMPTY_PATH, readStdin, useColor } from '../util.js';
import type { ExplainedDocument, Process } from './explain.js';
import { explainDocument } from './explain.js';
import { JsonStream } from './json.js';
import { explainText } from './text.js';

export interface ExplainOptions {
  readonly files: readonly string[];
  readonly format: 'text' | 'json';
  readonly trace: boolean;
  readonly showConfig: boolean;
  /** One version or a comma-separated list ("1.20,2.0"). */
  readonly flinkVersion?: string;
  readonly target: Target;
  readonly set: readonly string[];
  readonly env: readonly string[];
  readonly inputFormat?: InputFormat;
  readonly process: 'taskmanager' | 'jobmanager' | 'both';
}

/** Problems that stop a file from being read the way Flink reads it (legacy-line problems do not). */

function parsePairs(items: readonly string[], what: string): [string, string][] {
  return items.map((item) => {
    const i = item.indexOf('=');
    if (i <= 0) throw new CliUsageError(`${what} "${item}" must look like KEY=VALUE`);
    return [item.slice(0, i), item.slice(i + 1)];
  });
}

function parseVersions(text: string | undefined): FlinkVersion[] | null {
  if (!text) return null;
  return text.split(',').map((t) => parseVersionOrThrow(t.trim(), '--flink-version'));
}

export async function runExplain(opts: ExplainOptions, io: CliIO): Promise<number> {
  const versions = parseVersions(opts.flinkVersion);
  const set = parsePairs(opts.set, '--set');
  const env = Object.fromEntries(parsePairs(opts.env, '--env'));
  const processes: Process[] = opts.process === 'both' ? ['taskmanager', 'jobmanager'] : [opts.process];
  if (opts.files.length === 0) throw new CliUsageError('explain needs at least one file, folder or - for standard input');
  const loadOptions = { ...(opts.inputFormat ? { format: opts.inputFormat } : {}), set };
  const errors: { file: string; message: string }[] = [];
  const json = opts.format === 'json' ? new JsonStream((s) => io.write(s), { trace: opts.trace, showConfig: opts.showConfig, processes }) : null;
  const textOptions = { color: useColor(io), trace: opts.trace, showConfig: opts.showConfig, processes, width: 60 };
  let failed = false;
  const emit = (d: ExplainedDocument) => {
    failed ||= d.versions.some((v) => processes.some((p) => !v[p].ok));
    if (json) json.add(d);
    else io.write(explainText([d], textOptions) + '\n');
  };
  const inputs: { shown: string; path: string }[] = [];
  const seen = new Set<string>();
  const inputError = (file: string, message: string) => {
    errors.push({ file, message });
    io.error(`flink-mem: error: ${message}\n`);
  };
  for (const file of opts.files) {
    if (file === '') {
      inputError(file, EMPTY_PATH);
      continue;
    }
    // Paths are the user's, relative to the CLI's working directory, and shown as typed.
    const path = file === '-' ? '-' : resolve(io.cwd, file);
    const found = path === '-' ? ['-'] : expandInputs([path]);
    if (found.length === 0) inputError(file, `"${file}" holds no Flink configuration files (flink-conf.yaml, config.yaml or manifests)`);
    for (const f of found) {
      if (f !== '-' && seen.has(f)) continue;
      seen.add(f);
      inputs.push({ shown: f === '-' || isAbsolute(file) ? f : relative(io.cwd, f) || f, path: f });
    }
  }
  for (const { shown, path } of inputs) {
    let loaded: LoadedFile;
    try {
      loaded = path === '-' ? loadBytes(await readStdin(io), '<stdin>', loadOptions) : loadFile(path, loadOptions, shown);
    } catch (e) {
      // Only an unreadable input is the user's problem; anything else is a bug (exit 3).
      if (!(e instanceof UsageError)) throw e;
      inputError(shown, e.message);
      continue;
    }
    const fatal = fatalProblems(loaded);
    if (fatal.length > 0 || loaded.documents.length === 0) {
      const p = fatal[0] ?? loaded.problems[0];
      const where = p ? `${loaded.file}:${p.span.line}:${p.span.column}` : loaded.file;
      const message = `${where}: ${p?.message ?? 'no Flink configuration found'}`;
      errors.push({ file: loaded.file, message });
      io.error(`flink-mem: error: ${message}\n`);
      continue;
    }
    for (const doc of loaded.documents) {
      emit(explainDocument(doc, { versions, defaultVersion: defaultVersion(), target: opts.target, env, trace: opts.trace }, inferredVersion(doc)));
    }
  }
  json?.end(errors);
  if (errors.length > 0) return EXIT.usage;
  return failed ? EXIT.findings : EXIT.ok;
}
