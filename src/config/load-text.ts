/**
 * Loading configuration text that is already in memory: pure, no file system, so the calculator
 * page runs it in the browser. load.ts adds reading files and standard input.
 */
import type { RawValue } from '../primitives/raw-value.js';
import { detectFormat } from './detect.js';
import { makeDocument } from './document.js';
import { isOperatorConfig, recogniseForeign } from './foreign.js';
import { loadManifests } from './kubernetes.js';
import { parseLegacy } from './flink-conf.js';
import { applyOverrides } from './overrides.js';
import { LineIndex, fileStartSpan } from './positions.js';
import { parseStandardYaml } from './standard-yaml.js';
import type {
  ConfigDocument,
  ConfigProblem,
  LoadOptions,
  LoadedFile,
  InputFormat,
} from './types.js';

export const STDIN = '<stdin>';

export function notText(file: string, format: InputFormat, text: string, why: string): LoadedFile {
  const problem: ConfigProblem = {
    kind: 'not-flink-config',
    span: fileStartSpan(),
    message: `${file} ${why}, so it is not a Flink configuration file`,
  };
  return { file, format, text, documents: [], problems: [problem] };
}

export function loadText(text: string, file: string, options: LoadOptions = {}): LoadedFile {
  const shown = file === '-' ? STDIN : file;
  const format = detectFormat(text, file, options.format);
  const nul = text.indexOf('\u0000');
  if (nul >= 0)
    return notText(
      shown,
      format,
      text,
      `contains a NUL character at offset ${nul} (a binary file?)`,
    );

  const index = new LineIndex(text);
  // A template, values, compose or Terraform file is not what Flink reads: one notice, nothing
  // else.
  const foreign = options.format ? null : recogniseForeign(text, shown);
  if (foreign) {
    const at = index.lineSpan(Math.min(foreign.line, index.lineCount));
    const span = {
      line: at.line,
      column: 1,
      endLine: at.line,
      endColumn: 1,
      offset: at.offset,
      endOffset: at.offset,
    };
    return {
      file: shown,
      format,
      text,
      documents: [],
      problems: [{ kind: 'not-cluster-config', span, message: foreign.message }],
    };
  }
  const lines = index.lines();
  let documents: ConfigDocument[];
  let problems: ConfigProblem[] = [];
  if (format === 'k8s') {
    const read = loadManifests(text, shown, index, lines);
    documents = read.documents;
    problems = read.problems;
  } else {
    const read =
      format === 'flink-conf' ? parseLegacy(text, index) : parseStandardYaml(text, index);
    const beside =
      format === 'config-yaml' && options.besideFlinkConf !== undefined
        ? { besideFlinkConf: options.besideFlinkConf }
        : {};
    const operator = isOperatorConfig(
      read.entries.map((e) => e.key),
      text,
    )
      ? { operatorDefaults: true }
      : {};
    documents = [
      makeDocument({
        file: shown,
        format,
        docIndex: 0,
        entries: read.entries,
        problems: read.problems,
        ...beside,
        ...operator,
        text,
        lines,
      }),
    ];
  }
  const set = options.set ?? [];
  return {
    file: shown,
    format,
    text,
    documents: documents.map((d) => applyOverrides(d, set)),
    problems,
  };
}

/**
 * Options that load an edited text of `file` as `file` was loaded (its flink-conf.yaml neighbour
 * noted).
 */
export function sameLoadOptions(file: LoadedFile, options: LoadOptions): LoadOptions {
  const beside = file.documents[0]?.besideFlinkConf;
  return beside === undefined ? options : { ...options, besideFlinkConf: beside };
}

/** The effective configuration as the memory model reads it. */
export function rawConfig(doc: ConfigDocument): Map<string, RawValue> {
  const m = new Map<string, RawValue>();
  for (const [key, entry] of doc.effective) m.set(key, entry.value);
  return m;
}
