/**
 * The doctor's development set: real, public failure reports in fixtures/doctor-real/, one per
 * file, each starting with its header (see fixtures/doctor-real/README.md for every directive).
 * Read by `npm run doctor:eval` (scripts/doctor-eval.mjs) and by test/doctor.dataset.test.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const DATASET_DIR = new URL('../fixtures/doctor-real/', import.meta.url);

const DIRECTIVE = /^# (expect|expect-keys|expect-options|source|kind|lang|why): ?(.*)$/;
export const KINDS = ['exception', 'log', 'prose'];
export const LANGS = ['en', 'zh'];
export const COMPONENTS = ['taskmanager', 'jobmanager', 'unknown'];
const REQUIRED = ['expect', 'expect-options', 'source', 'kind', 'lang', 'why'];
const KEY = /^[a-zA-Z][\w.-]*$/;

/**
 * One item: `problems` lists what is wrong with its header (empty when it is valid). `expect` is
 * the list of `id@component` (empty for a negative), `options` the expert's first choices.
 */
export function parseItem(name, text) {
  const lines = text.split('\n');
  const header = new Map();
  const problems = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const m = DIRECTIVE.exec(lines[i]);
    if (!m) break;
    if (header.has(m[1])) problems.push(`"# ${m[1]}:" appears twice`);
    header.set(m[1], m[2].trim());
  }
  for (const k of REQUIRED) if (!header.get(k)) problems.push(`no "# ${k}:" line`);
  const body = lines.slice(i).join('\n');
  if (body.trim() === '') problems.push('no report text after the header');
  const expectText = header.get('expect') ?? '';
  const expect = expectText === 'none' ? [] : expectText.split(/\s+/).filter(Boolean);
  for (const e of expect) {
    const [id, component, extra] = e.split('@');
    if (!id || !component || extra !== undefined || !COMPONENTS.includes(component)) problems.push(`expectation "${e}" is not <id>@<taskmanager|jobmanager|unknown>`);
  }
  const optionsText = header.get('expect-options') ?? '';
  const options = optionsText === 'none' ? [] : optionsText.split('|').map((s) => s.trim()).filter(Boolean);
  for (const o of options) if (!KEY.test(o)) problems.push(`option "${o}" is not an option key`);
  if (expect.length === 0 && options.length > 0) problems.push('a negative ("# expect: none") expects no options');
  if (expect.length > 0 && optionsText === '') problems.push('a positive needs "# expect-options:" (or "none")');
  const keysText = header.get('expect-keys');
  const keys = keysText === undefined ? undefined : keysText === 'none' ? [] : keysText.split(',').map((s) => s.trim()).filter(Boolean);
  const source = header.get('source') ?? '';
  if (source && !/^https?:\/\/\S+$/.test(source)) problems.push(`source "${source}" is not a link`);
  const kind = header.get('kind') ?? '';
  if (kind && !KINDS.includes(kind)) problems.push(`kind "${kind}" is not one of ${KINDS.join(', ')}`);
  const lang = header.get('lang') ?? '';
  if (lang && !LANGS.includes(lang)) problems.push(`lang "${lang}" is not one of ${LANGS.join(', ')}`);
  return { name, body, expect, options, keys, source, kind, lang, why: header.get('why') ?? '', problems };
}

/** Every item of the set, sorted by file name. */
export function loadDataset(dir = DATASET_DIR) {
  const path = dir instanceof URL ? dir.pathname : dir;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parseItem(f, readFileSync(join(path, f), 'utf8')));
}
