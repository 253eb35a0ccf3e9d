/// <reference lib="dom" />
/**
 * The calculator page's script (`npm run site`): the same loaders, model, rules and pictures as
 * `flink-mem explain`, run in the browser on what the user pastes or types. Nothing here may
 * import a `node:` module: the site build bundles for the browser and fails if anything does.
 * The page's state lives in the address's fragment, so a link reproduces it.
 */
import { loadText } from '../config/load-text.js';
import { fatalProblems } from '../config/fatal.js';
import type { InputFormat, LoadedFile } from '../config/types.js';
import type { Target } from '../model/compute.js';
import { lintLoadedFile } from '../engine/runner.js';
import { TARGETS } from '../engine/version-target.js';
import { ALL_RULES } from '../../rules/index.js';
import { KNOWN_VERSIONS, parseVersion, versionLabel } from '../primitives/version.js';
import type { FlinkVersion } from '../primitives/version.js';
import type { ExplainedDocument } from '../cli/explain/explain.js';
import { explainDocument } from '../cli/explain/explain.js';
import { explainSvg, xml } from '../cli/explain/svg.js';
import { findingsList, processDetails, traceDetails } from '../cli/explain/html.js';
import { processPicture } from '../cli/explain/picture.js';
import type { Process } from '../primitives/flink-process.js';

/** The form's options: the ones that decide most configurations. */
export const FORM_OPTIONS: readonly (readonly [string, readonly string[]])[] = [
  [
    'TaskManager',
    [
      'taskmanager.memory.process.size',
      'taskmanager.memory.flink.size',
      'taskmanager.memory.task.heap.size',
      'taskmanager.memory.managed.size',
      'taskmanager.memory.managed.fraction',
      'taskmanager.memory.network.min',
      'taskmanager.memory.network.max',
      'taskmanager.memory.network.fraction',
      'taskmanager.memory.jvm-metaspace.size',
      'taskmanager.memory.jvm-overhead.fraction',
    ],
  ],
  [
    'JobManager',
    [
      'jobmanager.memory.process.size',
      'jobmanager.memory.flink.size',
      'jobmanager.memory.heap.size',
      'jobmanager.memory.off-heap.size',
      'jobmanager.memory.jvm-metaspace.size',
    ],
  ],
];
const OPTION_KEYS = FORM_OPTIONS.flatMap(([, keys]) => keys);
const PROCESSES: readonly Process[] = ['taskmanager', 'jobmanager'];
const EXAMPLE =
  'taskmanager.memory.process.size: 4g\ntaskmanager.numberOfTaskSlots: 2\njobmanager.memory.process.size: 1600m\n';

export interface PageState {
  text: string;
  format: '' | InputFormat;
  version: string;
  target: '' | Target;
  env: string;
  /** Form options that have a value. */
  options: Record<string, string>;
}

const NAMES: Readonly<Record<string, string>> = {
  '': 'pasted',
  'flink-conf': 'flink-conf.yaml',
  'config-yaml': 'config.yaml',
  k8s: 'deployment.yaml',
};

export function stateToHash(s: PageState): string {
  const p = new URLSearchParams();
  if (s.text) p.set('c', s.text);
  if (s.format) p.set('f', s.format);
  if (s.version) p.set('v', s.version);
  if (s.target) p.set('t', s.target);
  if (s.env) p.set('e', s.env);
  for (const k of OPTION_KEYS) if (s.options[k]) p.set(k, s.options[k]);
  return p.toString();
}

export function hashToState(hash: string): PageState | null {
  if (!hash.replace(/^#/, '')) return null;
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const pick = <T extends string>(v: string | null, allowed: readonly T[]): T | '' =>
    v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : '';
  const options: Record<string, string> = {};
  for (const k of OPTION_KEYS) {
    const v = p.get(k);
    if (v) options[k] = v;
  }
  return {
    text: p.get('c') ?? '',
    format: pick(p.get('f'), ['flink-conf', 'config-yaml', 'k8s'] as const),
    version: p.get('v') ?? '',
    target: pick(p.get('t'), TARGETS),
    env: p.get('e') ?? '',
    options,
  };
}

export interface Outcome {
  readonly status: string;
  readonly html: string;
}

/** What the page shows for a state: the same steps as `flink-mem explain` and `lint` take. */
export function calculate(s: PageState): Outcome {
  const version = s.version ? parseVersion(s.version) : null;
  if (s.version && !version)
    return {
      status: `Flink version "${s.version}" is not one flink-mem models (${KNOWN_VERSIONS[0]} to ${KNOWN_VERSIONS.at(-1)})`,
      html: '',
    };
  const env: Record<string, string> = {};
  for (const pair of s.env.split(/\s+/).filter(Boolean)) {
    const i = pair.indexOf('=');
    if (i <= 0) return { status: `Environment "${pair}" must look like NAME=value`, html: '' };
    env[pair.slice(0, i)] = pair.slice(i + 1);
  }
  const set = OPTION_KEYS.filter((k) => s.options[k]).map(
    (k) => [k, s.options[k]!] as [string, string],
  );
  const loaded = loadText(s.text, NAMES[s.format]!, {
    ...(s.format ? { format: s.format } : {}),
    set,
  });
  const fatal = fatalProblems(loaded);
  if (fatal.length > 0 || loaded.documents.length === 0) {
    const p = fatal[0] ?? loaded.problems[0];
    return {
      status: `Cannot read this configuration: ${p ? `line ${p.span.line}, column ${p.span.column}: ${p.message}` : 'no Flink configuration found'}`,
      html: '',
    };
  }
  const target: Target = s.target || 'standalone';
  const versions: FlinkVersion[] | null = version ? [version] : null;
  const docs = loaded.documents.map((doc) =>
    explainDocument(doc, { versions, target, env, trace: true }),
  );
  return {
    status: summary(docs),
    html: [...docs.map(docHtml), findingsHtml(loaded, target, version)].join('\n'),
  };
}

function summary(docs: readonly ExplainedDocument[]): string {
  return docs
    .flatMap((d) =>
      d.versions.map((v) => {
        const name = d.doc.kubernetes?.name ? `${d.doc.kubernetes.name}: ` : '';
        const parts = PROCESSES.map(
          (p) =>
            `${p === 'taskmanager' ? 'TaskManager' : 'JobManager'} ${v[p].ok ? 'starts' : 'does not start'}`,
        );
        return `${name}Flink ${versionLabel(v.version)}, ${v.target}: ${parts.join(', ')}.`;
      }),
    )
    .join(' ');
}

function docHtml(d: ExplainedDocument, i: number): string {
  const out = [`<div data-doc="${i}">`];
  if (d.doc.kubernetes?.name)
    out.push(`<h3>${xml(`${d.doc.kubernetes.kind}/${d.doc.kubernetes.name}`)}</h3>`);
  out.push(
    `<div class="picture">${explainSvg([d], { processes: PROCESSES, idPrefix: `p${i}-` })}</div>`,
  );
  for (const v of d.versions) {
    out.push(
      `<div data-version="${versionLabel(v.version)}"><h3>Flink ${versionLabel(v.version)} · ${v.target}</h3><div class="processes">`,
    );
    for (const p of PROCESSES) out.push(processDetails(processPicture(v, p)));
    out.push('</div>', traceDetails(v, PROCESSES), '</div>');
  }
  out.push('</div>');
  return out.join('\n');
}

function findingsHtml(loaded: LoadedFile, target: Target, version: FlinkVersion | null): string {
  const findings = lintLoadedFile(loaded, ALL_RULES, {
    rules: {},
    target,
    knownRuleIds: ALL_RULES.map((r) => r.id),
    ...(version ? { flinkVersion: version } : {}),
  });
  return `<h3>Lint findings</h3>${findingsList(findings)}`;
}

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

function fieldId(key: string): string {
  return `o-${key.replace(/[^a-z0-9-]/g, '-')}`;
}

function readForm(): PageState {
  const options: Record<string, string> = {};
  for (const k of OPTION_KEYS) {
    const v = byId<HTMLInputElement>(fieldId(k)).value.trim();
    if (v) options[k] = v;
  }
  return {
    text: byId<HTMLTextAreaElement>('text').value,
    format: byId<HTMLSelectElement>('format').value as PageState['format'],
    version: byId<HTMLSelectElement>('version').value,
    target: byId<HTMLSelectElement>('target').value as PageState['target'],
    env: byId<HTMLInputElement>('env').value.trim(),
    options,
  };
}

function fillForm(s: PageState): void {
  byId<HTMLTextAreaElement>('text').value = s.text;
  byId<HTMLSelectElement>('format').value = s.format;
  byId<HTMLSelectElement>('version').value = s.version;
  byId<HTMLSelectElement>('target').value = s.target;
  byId<HTMLInputElement>('env').value = s.env;
  for (const k of OPTION_KEYS) byId<HTMLInputElement>(fieldId(k)).value = s.options[k] ?? '';
}

function update(): void {
  const s = readForm();
  let out: Outcome;
  try {
    out = calculate(s);
  } catch (e) {
    out = {
      status: `flink-mem failed on this input (a bug; please report it): ${e instanceof Error ? e.message : String(e)}`,
      html: '',
    };
  }
  byId('status').textContent = out.status;
  byId('output').innerHTML = out.html;
  history.replaceState(null, '', `#${stateToHash(s)}`);
}

function buildForm(): void {
  const versions = byId<HTMLSelectElement>('version');
  for (const v of [...KNOWN_VERSIONS].reverse()) versions.add(new Option(v, v));
  const box = byId('options');
  for (const [group, keys] of FORM_OPTIONS) {
    const h = document.createElement('h3');
    h.textContent = group;
    box.append(h);
    for (const key of keys) {
      const label = document.createElement('label');
      label.htmlFor = fieldId(key);
      label.textContent = key;
      const input = document.createElement('input');
      input.id = fieldId(key);
      input.name = key;
      input.spellcheck = false;
      box.append(label, input);
    }
  }
}

function start(): void {
  buildForm();
  fillForm(
    hashToState(location.hash) ?? {
      text: EXAMPLE,
      format: '',
      version: '',
      target: '',
      env: '',
      options: {},
    },
  );
  const form = byId<HTMLFormElement>('form');
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('submit', (e) => e.preventDefault());
  window.addEventListener('hashchange', () => {
    const s = hashToState(location.hash);
    if (s && stateToHash(s) !== stateToHash(readForm())) {
      fillForm(s);
      update();
    }
  });
  update();
}

if (typeof document !== 'undefined') start();
