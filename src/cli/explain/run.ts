/**
 * Runs `flink-mem explain`: loads every input, explains each document, prints text or JSON.
 * Exit codes: 0 every process starts, 1 a process would not start, 2 an input could not be used.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  fatalProblems,
  flinkFilesIn,
  loadBytes,
  loadFile,
  UsageError,
} from '../../config/index.js';
import type { InputFormat, LoadedFile } from '../../config/types.js';
import type { Target } from '../../model/compute.js';
import type { FlinkVersion } from '../../primitives/version.js';
import { parseVersionOrThrow } from '../../engine/settings.js';
import type { CliIO } from '../io.js';
import { EXIT } from '../io.js';
import {
  EMPTY_PATH,
  readStdin,
  shownUnder,
  skippedMessage,
  useColor,
  visible,
  visibleColored,
  visibleLine,
} from '../util.js';
import type { Skipped } from '../../config/expand.js';
import type { ExplainedDocument } from './explain.js';
import { explainDocument } from './explain.js';
import { JsonStream } from './explain-json.js';
import { explainText } from './explain-text.js';
import { explainSvg } from './svg.js';
import type { HtmlFile } from './html.js';
import { explainHtml } from './html.js';
import { explainMarkdown } from './markdown.js';
import { lintLoadedFile } from '../../engine/runner.js';
import { textsFor } from '../../i18n/cli.js';
import { ZH_REASONS } from '../../i18n/zh/reasons.js';
import { resolveLang } from '../lang-flag.js';
import { markWorkStarted } from '../work-started.js';
import type { Process } from '../../primitives/flink-process.js';

export interface ExplainOptions {
  readonly files: readonly string[];
  readonly format: 'text' | 'json' | 'svg' | 'html' | 'markdown';
  readonly trace: boolean;
  readonly showConfig: boolean;
  /** One version or a comma-separated list ("1.20,2.0"). */
  readonly flinkVersion?: string;
  readonly target: Target;
  readonly set: readonly string[];
  readonly env: readonly string[];
  readonly inputFormat?: InputFormat;
  readonly process: 'taskmanager' | 'jobmanager' | 'both';
  /** `en` or `zh`; otherwise `lang` of .flink-mem.yaml, then LC_ALL, LC_MESSAGES, LANG. */
  readonly lang?: string;
}

function parsePairs(items: readonly string[], what: string): [string, string][] {
  return items.map((item) => {
    const i = item.indexOf('=');
    if (i <= 0) throw new UsageError('EINVAL', `${what} "${item}" must look like KEY=VALUE`);
    return [item.slice(0, i), item.slice(i + 1)];
  });
}

function parseVersions(text: string | undefined): FlinkVersion[] | null {
  if (!text) return null;
  return text.split(',').map((t) => parseVersionOrThrow(t.trim(), '--flink-version'));
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The files to explain, as the folder walk finds them (a list of 10,000 paths would stay in
 * memory for the whole run); paths are shown as typed, relative to the working directory.
 */
function* inputsOf(
  files: readonly string[],
  cwd: string,
  passedOver: (shown: string, message: string, why: Skipped) => void,
): Generator<{ shown: string; path: string }> {
  for (const file of files) {
    if (file === '') continue;
    const path = file === '-' ? '-' : resolve(cwd, file);
    const shown = shownUnder(file, cwd);
    const skipped = (p: string, why: Skipped) =>
      passedOver(shown(p), skippedMessage(shown(p), file, why), why);
    if (path === '-' || !isFolder(path)) yield { shown: shown(path), path };
    else
      for (const f of flinkFilesIn(path, { names: NO_NAMES, folder() {}, skipped }))
        yield { shown: shown(f), path: f };
  }
}

const NO_NAMES: ReadonlySet<string> = new Set();

export async function runExplain(opts: ExplainOptions, io: CliIO): Promise<number> {
  markWorkStarted();
  const lang = resolveLang(io, { flag: opts.lang });
  const versions = parseVersions(opts.flinkVersion);
  const set = parsePairs(opts.set, '--set');
  const env = Object.fromEntries(parsePairs(opts.env, '--env'));
  const processes: Process[] =
    opts.process === 'both' ? ['taskmanager', 'jobmanager'] : [opts.process];
  if (opts.files.length === 0)
    throw new UsageError(
      'EINVAL',
      'explain needs at least one file, folder or - for standard input',
    );
  const loadOptions = { ...(opts.inputFormat ? { format: opts.inputFormat } : {}), set };
  const errors: { file: string; message: string }[] = [];
  const json =
    opts.format === 'json'
      ? new JsonStream((s) => io.write(s), {
          trace: opts.trace,
          showConfig: opts.showConfig,
          processes,
        })
      : null;
  const textOptions = {
    color: useColor(io),
    trace: opts.trace,
    showConfig: opts.showConfig,
    processes,
    width: 60,
    t: textsFor(lang),
  };
  let failed = false;
  // A picture has one scale for all files, so svg and html are written at the end.
  const pictured: (HtmlFile & { docs: ExplainedDocument[] })[] = [];
  const pictures = opts.format === 'svg' || opts.format === 'html';
  const emit = (d: ExplainedDocument) => {
    failed ||= d.versions.some((v) => processes.some((p) => !v[p].ok));
    if (json) json.add(d);
    else if (pictures) pictured.at(-1)!.docs.push(d);
    else if (opts.format === 'markdown') io.write(explainMarkdown([d], { processes }) + '\n');
    // Values and messages quote the configuration: control characters are shown escaped (with
    // colours on, colour codes are kept: ours cannot be told from a value's there).
    else
      io.write(
        (textOptions.color ? visibleColored : visible)(explainText([d], textOptions)) + '\n',
      );
  };
  // Only overlapping inputs can name a file twice; one input needs no list of what was seen.
  const seen = opts.files.length > 1 ? new Set<string>() : null;
  const inputError = (file: string, message: string) => {
    errors.push({ file, message });
    io.error(`flink-mem: error: ${visibleLine(message)}\n`);
  };
  // Input problems first, as they are found without reading any configuration.
  for (const file of opts.files) {
    if (file === '') inputError(file, EMPTY_PATH);
    else if (
      file !== '-' &&
      isFolder(resolve(io.cwd, file)) &&
      flinkFilesIn(resolve(io.cwd, file)).next().done
    ) {
      inputError(
        file,
        `"${file}" holds no Flink configuration files (flink-conf.yaml, config.yaml or manifests)`,
      );
    }
  }
  const passedOver = (shown: string, message: string, why: Skipped) => {
    if (why.kind === 'unreadable') inputError(shown, message);
    else io.error(`flink-mem: note: ${visibleLine(message)}\n`);
  };
  for (const { shown, path } of inputsOf(opts.files, io.cwd, passedOver)) {
    // Standard input too: read once, it is empty the second time.
    if (seen?.has(path)) continue;
    seen?.add(path);
    let loaded: LoadedFile;
    try {
      loaded =
        path === '-'
          ? loadBytes(await readStdin(io), '<stdin>', loadOptions)
          : loadFile(path, loadOptions, shown);
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
      io.error(`flink-mem: error: ${visibleLine(message)}\n`);
      continue;
    }
    if (pictures) {
      // Only the page shows findings; the rules are loaded for it alone (their set-up is a
      // noticeable part of start-up for the other formats).
      const ALL_RULES =
        opts.format === 'html' ? (await import('../../../rules/index.js')).ALL_RULES : [];
      const findings =
        opts.format === 'html'
          ? lintLoadedFile(loaded, ALL_RULES, {
              rules: {},
              target: opts.target,
              knownRuleIds: ALL_RULES.map((r) => r.id),
              ...(versions ? { flinkVersion: versions[0]! } : {}),
            })
          : [];
      pictured.push({ file: loaded.file, docs: [], findings });
    }
    // A picture of a process that does not start draws what the trace worked out before it stopped.
    const trace = opts.trace || pictures || opts.format === 'markdown';
    for (const doc of loaded.documents) {
      emit(
        explainDocument(doc, {
          versions,
          target: opts.target,
          env,
          trace,
          ...(lang === 'zh' ? { reasons: ZH_REASONS } : {}),
        }),
      );
    }
  }
  json?.end(errors);
  const docs = pictured.flatMap((f) => f.docs);
  if (opts.format === 'svg' && docs.length) io.write(explainSvg(docs, { processes }));
  if (opts.format === 'html' && docs.length) io.write(explainHtml(pictured, { processes }));
  if (errors.length > 0) return EXIT.usage;
  return failed ? EXIT.findings : EXIT.ok;
}
