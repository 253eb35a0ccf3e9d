/**
 * The doctor's development set: real, public failure reports in fixtures/doctor-real/, one per
 * file, each starting with its header (read by src/fixtures/directives.ts; see
 * fixtures/doctor-real/README.md for every directive). Read by `npm run doctor:eval`
 * (scripts/doctor-eval.mjs bundles this file) and by test/doctor.dataset.test.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DATASET_FAMILY, FixtureSyntaxError, readHeader } from '../src/fixtures/directives.js';
import type { FixtureHeader } from '../src/fixtures/directives.js';

export const DATASET_DIR = new URL('../fixtures/doctor-real/', import.meta.url);

export const KINDS = ['exception', 'log', 'prose'];
export const LANGS = ['en', 'zh'];
export const COMPONENTS = ['taskmanager', 'jobmanager', 'unknown'];
const REQUIRED = ['expect', 'expect-options', 'source', 'kind', 'lang', 'why'];
const KEY = /^[a-zA-Z][\w.-]*$/;

/**
 * One item: `problems` lists what is wrong with its header (empty when it is valid). `expect` is
 * the list of `id@component` (empty for a negative), `options` the expert's first choices.
 */
export interface DatasetItem {
  readonly name: string;
  readonly body: string;
  readonly expect: readonly string[];
  readonly options: readonly string[];
  readonly keys: readonly string[] | undefined;
  readonly source: string;
  readonly kind: string;
  readonly lang: string;
  readonly why: string;
  readonly problems: readonly string[];
}

export function parseItem(name: string, text: string, file: string = name): DatasetItem {
  const problems: string[] = [];
  let header: FixtureHeader | undefined;
  try {
    header = readHeader(DATASET_FAMILY, file, text);
  } catch (e) {
    if (!(e instanceof FixtureSyntaxError)) throw e;
    problems.push(e.message);
  }
  const get = (k: string) => header?.get(k);
  for (const k of REQUIRED) if (!get(k)) problems.push(`no "# ${k}:" line`);
  const body = text
    .split('\n')
    .slice(header?.lineCount ?? 0)
    .join('\n');
  if (body.trim() === '') problems.push('no report text after the header');
  const expectText = get('expect') ?? '';
  const expect = expectText === 'none' ? [] : expectText.split(/\s+/).filter(Boolean);
  for (const e of expect) {
    const [id, component, extra] = e.split('@');
    if (!id || !component || extra !== undefined || !COMPONENTS.includes(component))
      problems.push(`expectation "${e}" is not <id>@<taskmanager|jobmanager|unknown>`);
  }
  const optionsText = get('expect-options') ?? '';
  const options =
    optionsText === 'none'
      ? []
      : optionsText
          .split('|')
          .map((s) => s.trim())
          .filter(Boolean);
  for (const o of options) if (!KEY.test(o)) problems.push(`option "${o}" is not an option key`);
  if (expect.length === 0 && options.length > 0)
    problems.push('a negative ("# expect: none") expects no options');
  if (expect.length > 0 && optionsText === '')
    problems.push('a positive needs "# expect-options:" (or "none")');
  const keysText = get('expect-keys');
  const keys =
    keysText === undefined
      ? undefined
      : keysText === 'none'
        ? []
        : keysText
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
  const source = get('source') ?? '';
  if (source && !/^https?:\/\/\S+$/.test(source)) problems.push(`source "${source}" is not a link`);
  const kind = get('kind') ?? '';
  if (kind && !KINDS.includes(kind))
    problems.push(`kind "${kind}" is not one of ${KINDS.join(', ')}`);
  const lang = get('lang') ?? '';
  if (lang && !LANGS.includes(lang))
    problems.push(`lang "${lang}" is not one of ${LANGS.join(', ')}`);
  return { name, body, expect, options, keys, source, kind, lang, why: get('why') ?? '', problems };
}

/** Every item of the set, sorted by file name. */
export function loadDataset(dir: URL | string = DATASET_DIR): DatasetItem[] {
  const path = dir instanceof URL ? dir.pathname : dir;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parseItem(f, readFileSync(join(path, f), 'utf8'), join(path, f)));
}
