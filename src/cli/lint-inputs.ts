/**
 * `flink-mem lint`'s inputs: each argument as the files to lint (a file, a folder walked for Flink
 * files, a quoted glob, or standard input), and one file read and loaded under its shown name.
 */
import { statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { resolve, sep } from 'node:path';
import {
  flinkFilesIn,
  loadBytes,
  MAX_CONFIG_BYTES,
  readRegularFile,
  UsageError,
} from '../config/index.js';
import type { FolderWatch, Skipped } from '../config/expand.js';
import type { LoadedFile, LoadOptions } from '../config/types.js';
import type { CliIO } from './io.js';
import { readFailureCode } from '../primitives/usage-error.js';
import { describeReadError, EMPTY_PATH, readStdin, shownUnder, skippedMessage } from './util.js';
import { fileStamp } from './write.js';
import type { FileStamp } from './write.js';
import { globBase, isGlob, matchGlob } from './glob.js';
import type { LinterConfigs } from './linter-configs.js';

/**
 * Each input as the files to lint, `[shown path, absolute path]`, as the folder walk finds them
 * (a list of 10,000 paths would stay in memory for the whole run). A missing input, or a folder
 * without any Flink file (most likely the wrong folder), is a usage error.
 */
export function* filesOf(
  input: string,
  cwd: string,
  watch: FolderWatch,
  stdinName: string,
  passedOver: (message: string, kind: Skipped['kind']) => void,
): Generator<[string, string]> {
  if (input === '-') {
    yield [stdinName, '-'];
    return;
  }
  if (input === '') throw new UsageError('EINVAL', EMPTY_PATH);
  const abs = resolve(cwd, input);
  let folder: boolean;
  try {
    folder = statSync(abs).isDirectory();
  } catch (e) {
    if (isGlob(input)) {
      yield* globFiles(input, cwd, watch);
      return;
    }
    throw new UsageError(readFailureCode(e), describeReadError(input, e));
  }
  const shown = shownUnder(input, cwd);
  if (!folder) {
    yield [shown(abs), abs];
    return;
  }
  let found = false;
  const skipped = (path: string, why: Skipped) =>
    passedOver(skippedMessage(shown(path), input, why), why.kind);
  for (const f of flinkFilesIn(abs, { ...watch, skipped })) {
    found = true;
    yield [shown(f), f];
  }
  if (!found)
    throw new UsageError(
      'EINPUT',
      `"${input}" holds no Flink configuration files (flink-conf.yaml, config.yaml or manifests)`,
    );
}

/** The Flink files under a quoted glob's folder whose paths the glob matches. */
function* globFiles(pattern: string, cwd: string, watch: FolderWatch): Generator<[string, string]> {
  const base = globBase(pattern);
  const absPattern = resolve(cwd, pattern).split(sep).join('/');
  const shown = shownUnder(pattern, cwd);
  let found = false;
  for (const f of flinkFilesIn(resolve(cwd, base), watch)) {
    if (!matchGlob(absPattern, f.split(sep).join('/'))) continue;
    found = true;
    yield [shown(f), f];
  }
  if (!found)
    throw new UsageError(
      'EINPUT',
      `"${pattern}" matches no Flink configuration files (flink-conf.yaml, config.yaml or manifests)`,
    );
}

/**
 * A linted file as read: the loaded text, and for --fix what the file was (checked again before it
 * is replaced).
 */
export interface ReadFile {
  readonly loaded: LoadedFile;
  readonly abs: string;
  readonly stamp?: FileStamp;
}

/**
 * Reads one file relative to the CLI's working directory and loads it under the name the user
 * sees (the loader's `loadFile` would name it by its absolute path).
 */
export async function readInput(
  shown: string,
  abs: string,
  io: CliIO,
  options: LoadOptions,
  configs: LinterConfigs,
  stamp: boolean,
): Promise<ReadFile> {
  if (abs === '-') return { loaded: loadBytes(await readStdin(io), shown, options), abs };
  let bytes: Buffer;
  let stat: Stats | undefined;
  try {
    // The file's state is taken after the read: a file changed in between fails the content check
    // before any rename.
    const after: { stat?: Stats } = {};
    bytes = readRegularFile(abs, MAX_CONFIG_BYTES, undefined, stamp ? after : undefined);
    stat = after.stat;
  } catch (e) {
    throw new UsageError(readFailureCode(e), describeReadError(shown, e));
  }
  const beside = configs.flinkConfBeside(abs, shown);
  const loaded = loadBytes(
    bytes,
    shown,
    beside === null ? options : { ...options, besideFlinkConf: beside },
  );
  return stat ? { loaded, abs, stamp: fileStamp(abs, bytes, stat) } : { loaded, abs };
}
