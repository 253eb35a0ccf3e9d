/**
 * Assembles a ConfigDocument: the last entry of a key wins, every earlier one is marked
 * overridden, exactly as Flink's `Configuration` keeps only the last value it was given.
 */
import type {
  ConfigDocument,
  ConfigEntry,
  ConfigProblem,
  InputFormat,
  KubernetesInfo,
  LineRange,
} from './types.js';

export interface DocumentParts {
  readonly file: string;
  readonly format: InputFormat;
  readonly docIndex: number;
  readonly lineRange?: LineRange | undefined;
  readonly entries: readonly ConfigEntry[];
  readonly problems: readonly ConfigProblem[];
  readonly kubernetes?: KubernetesInfo;
  readonly besideFlinkConf?: string;
  readonly operatorDefaults?: boolean;
  readonly text: string;
  readonly lines: readonly string[];
}

/** Marks overridden entries (keeping source order) and indexes the winners by key. */
export function resolveOverrides(entries: readonly ConfigEntry[]): {
  entries: ConfigEntry[];
  effective: Map<string, ConfigEntry>;
} {
  const last = new Map<string, number>();
  entries.forEach((e, i) => last.set(e.key, i));
  const marked = entries.map((e, i) => {
    const overridden = last.get(e.key) !== i;
    if (overridden === (e.overridden === true)) return e;
    if (overridden) return Object.assign({}, e, { overridden: true });
    const { overridden: _dropped, ...rest } = e;
    return rest;
  });
  const effective = new Map<string, ConfigEntry>();
  for (const [key, i] of last) {
    const e = marked[i];
    if (e) effective.set(key, e);
  }
  return { entries: marked, effective };
}

export function makeDocument(parts: DocumentParts): ConfigDocument {
  const { entries, effective } = resolveOverrides(parts.entries);
  return {
    file: parts.file,
    format: parts.format,
    docIndex: parts.docIndex,
    ...(parts.lineRange ? { lineRange: parts.lineRange } : {}),
    entries,
    effective,
    problems: parts.problems,
    ...(parts.kubernetes ? { kubernetes: parts.kubernetes } : {}),
    ...(parts.besideFlinkConf !== undefined ? { besideFlinkConf: parts.besideFlinkConf } : {}),
    ...(parts.operatorDefaults ? { operatorDefaults: true } : {}),
    text: parts.text,
    lines: parts.lines,
  };
}
