/**
 * Kubernetes manifests: each FlinkDeployment becomes one configuration, built the way the Flink
 * Kubernetes Operator builds it: `spec.flinkConfiguration` first (as text), then the JobManager
 * and TaskManager resource memory, which silently replace any process size set in
 * flinkConfiguration. ConfigMaps holding a Flink config file are read by `configmap.ts`.
 */
import { yamlLib } from './yaml-lib.js';
import type { Document, Node } from 'yaml';
import { str } from '../primitives/raw-value.js';
import { imageVersion } from '../primitives/version.js';
import { readConfigMap } from './configmap.js';
import type { ConfigMapCandidate } from './configmap.js';
import { containerLimit, podTemplateLimits, workloadLimits } from './limits.js';
import { makeDocument } from './document.js';
import { fileStartSpan } from './positions.js';
import type { LineIndex } from './positions.js';
import { parseResourceMemoryString } from './operator-memory.js';
import { parseQuantity } from './quantity.js';
import { pairsToEntries } from './standard-yaml.js';
import { AnchorIndex, flattenMapping } from './yaml-flatten.js';
import { documentProblems, parseYaml } from './yaml-guard.js';
import { ManifestReader } from './yaml-nav.js';
import type {
  ConfigDocument,
  ConfigEntry,
  ConfigProblem,
  ContainerLimit,
  LineRange,
  ResourceMemory,
  Span,
} from './types.js';
import type { Process } from '../primitives/flink-process.js';

const COMPONENTS: readonly (readonly [Process, string])[] = [
  ['jobmanager', 'jobManager'],
  ['taskmanager', 'taskManager'],
];

export interface ManifestResult {
  readonly documents: ConfigDocument[];
  readonly problems: ConfigProblem[];
}

/** `resources` wins over the deprecated `resource` as soon as it requests or limits anything. */
function resourceMemory(
  r: ManifestReader,
  component: Node | null,
  process: Process,
  base: string,
): ResourceMemory | null {
  const resources = r.get(component, 'resources');
  const requests = r.map(r.get(resources, 'requests'));
  const limits = r.map(r.get(resources, 'limits'));
  let node: Node | null;
  let field: string;
  if ((requests && requests.items.length > 0) || (limits && limits.items.length > 0)) {
    const request = r.get(requests, 'memory');
    node = request ?? r.get(limits, 'memory');
    field = `${base}.resources.${request ? 'requests' : 'limits'}.memory`;
  } else {
    node = r.path(component, ['resource', 'memory']);
    field = `${base}.resource.memory`;
  }
  const s = r.scalar(node);
  if (!s) return null;
  const operator = parseResourceMemoryString(s.text);
  return {
    process,
    field,
    text: s.text,
    operatorBytes: operator.bytes,
    operatorValue: operator.value,
    kubernetesBytes: parseQuantity(s.text)?.bytes ?? null,
    span: r.span(s.node),
  };
}

function flinkDeployment(
  doc: Document.Parsed,
  r: ManifestReader,
  root: Node,
  docIndex: number,
  lineRange: LineRange | undefined,
  file: string,
  lines: readonly string[],
): ConfigDocument {
  const { index, anchors } = r;
  const spec = r.get(root, 'spec');
  const what = 'spec.flinkConfiguration';
  const problems: ConfigProblem[] = documentProblems(doc, index, 'the manifest');
  const entries: ConfigEntry[] = [];

  const conf = r.get(spec, 'flinkConfiguration');
  if (conf !== null && yamlLib().isMap(conf)) {
    const flat = flattenMapping(conf, index, anchors, what);
    const read = pairsToEntries(flat.pairs, {
      index,
      anchors,
      mode: 'text',
      what,
      nullRefusal: 'the operator cannot hand a null value to Flink',
      pathPrefix: `${what}.`,
    });
    // Loops, not spreads: a huge flinkConfiguration has more entries than a call has room for
    // arguments.
    for (const e of read.entries) entries.push(e);
    for (const p of [flat.problems, read.problems].flat()) problems.push(p);
  }

  const resources: ResourceMemory[] = [];
  const limits: ContainerLimit[] = [];
  for (const [process, name] of COMPONENTS) {
    const component = r.get(spec, name);
    const base = `spec.${name}`;
    const res = resourceMemory(r, component, process, base);
    if (res) {
      resources.push(res);
      if (res.operatorValue !== null) {
        const key = `${process}.memory.process.size`;
        entries.push({
          key,
          value: str(res.operatorValue),
          text: res.text,
          source: 'operator-resource',
          valueSpan: res.span,
          path: res.field,
        });
      }
    }
    const limit = containerLimit(
      r,
      r.path(component, ['resources', 'limits', 'memory']),
      `${base}.resources.limits.memory`,
      process,
    );
    if (limit) limits.push(limit);
    limits.push(
      ...podTemplateLimits(r, r.get(component, 'podTemplate'), `${base}.podTemplate`, process),
    );
  }
  limits.unshift(
    ...podTemplateLimits(r, r.get(spec, 'podTemplate'), 'spec.podTemplate', 'unknown'),
  );

  const version = r.scalar(r.get(spec, 'flinkVersion'));
  const image = r.scalar(r.get(spec, 'image'));
  const name = r.text(r.path(root, ['metadata', 'name']));
  return makeDocument({
    file,
    format: 'k8s',
    docIndex,
    lineRange,
    entries,
    problems: problems.sort((a, b) => a.span.offset - b.span.offset),
    kubernetes: {
      kind: 'FlinkDeployment',
      ...(name !== null ? { name } : {}),
      resources,
      limits,
      annotations: r.stringMap(r.path(root, ['metadata', 'annotations'])),
      ...(version ? { flinkVersion: { text: version.text, span: r.span(version.node) } } : {}),
      ...(image ? { image: { text: image.text, span: r.span(image.node) } } : {}),
    },
    text: index.text,
    lines,
  });
}

export function loadManifests(
  text: string,
  file: string,
  index: LineIndex,
  lines: readonly string[],
): ManifestResult {
  const parsed = parseYaml(text, index, 'the manifest', true);
  const problems = [...parsed.problems];
  const documents: ConfigDocument[] = [];
  const configMaps: ConfigMapCandidate[] = [];
  const workloads: ContainerLimit[] = [];
  let image: { text: string; span: Span } | undefined;

  // Each document owns its lines up to its end, the comments before it included.
  const many = parsed.docs.length > 1;
  const rangeOf = (docIndex: number): LineRange | undefined => {
    if (!many) return undefined;
    const from = docIndex === 0 ? 0 : (parsed.docs[docIndex - 1]!.range[2] ?? 0);
    const to = docIndex === parsed.docs.length - 1 ? text.length : parsed.docs[docIndex]!.range[2];
    return { first: index.position(from).line, last: index.position(Math.max(from, to - 1)).line };
  };
  parsed.docs.forEach((doc, docIndex) => {
    const r = new ManifestReader(index, new AnchorIndex(doc));
    const root = r.deref(doc.contents);
    const kind = r.text(r.get(root, 'kind'));
    const apiVersion = r.text(r.get(root, 'apiVersion')) ?? '';
    if (
      root !== null &&
      kind === 'FlinkDeployment' &&
      (apiVersion === '' || apiVersion.startsWith('flink.apache.org/'))
    ) {
      const read = flinkDeployment(doc, r, root, docIndex, rangeOf(docIndex), file, lines);
      if (apiVersion === '') {
        const kindNode = r.get(root, 'kind');
        problems.push({
          kind: 'yaml-syntax',
          span: kindNode ? r.span(kindNode) : fileStartSpan(),
          message:
            'this FlinkDeployment has no "apiVersion", so Kubernetes refuses the manifest: add "apiVersion: flink.apache.org/v1beta1"',
        });
      }
      documents.push(read);
      return;
    }
    problems.push(...documentProblems(doc, index, 'the manifest'));
    if (root === null) return;
    if (kind === 'ConfigMap')
      configMaps.push({ root, docIndex, lineRange: rangeOf(docIndex), reader: r });
    else if (kind === 'Deployment' || kind === 'StatefulSet' || kind === 'Job') {
      workloads.push(...workloadLimits(r, root, kind));
      // The first Flink image of the workloads tells the version of the ConfigMap they mount.
      for (const c of r.items(r.path(root, ['spec', 'template', 'spec', 'containers']))) {
        const s = r.scalar(r.get(c, 'image'));
        if (!image && s && imageVersion(s.text)) image = { text: s.text, span: r.span(s.node) };
      }
    }
  });

  for (const cm of configMaps)
    documents.push(...readConfigMap(cm, workloads, file, index, lines, image));
  documents.sort((a, b) => a.docIndex - b.docIndex);
  if (documents.length === 0) {
    // Other manifests (Services, plain Deployments) sit next to Flink's in the same folders: a
    // notice, not an error.
    problems.push({
      kind: 'not-cluster-config',
      span: fileStartSpan(),
      message:
        'this Kubernetes file holds no FlinkDeployment and no ConfigMap with a flink-conf.yaml or config.yaml, so there is no Flink configuration to check',
    });
  }
  return { documents, problems: problems.sort((a, b) => a.span.offset - b.span.offset) };
}
