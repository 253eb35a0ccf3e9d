/**
 * Container memory limits found in manifests: the pod templates of a FlinkDeployment and the
 * containers of plain Deployments/StatefulSets. They are what the kernel enforces, so rules
 * compare them with the process size Flink derives.
 */
import type { Node } from 'yaml';
import { parseQuantity } from './quantity.js';
import type { ManifestReader } from './yaml-nav.js';
import type { ConfigDocument, ContainerLimit } from './types.js';
import type { Process } from '../primitives/flink-process.js';

export const MAIN_CONTAINER = 'flink-main-container';

export function containerLimit(
  r: ManifestReader,
  node: Node | null,
  field: string,
  process: ContainerLimit['process'],
): ContainerLimit | null {
  const s = r.scalar(node);
  const q = s ? parseQuantity(s.text) : null;
  if (!s || !q) return null;
  return { process, field, text: s.text, bytes: q.bytes, span: r.span(s.node) };
}

/** Memory limits of `flink-main-container` in a pod template. */
export function podTemplateLimits(
  r: ManifestReader,
  template: Node | null,
  field: string,
  process: ContainerLimit['process'],
): ContainerLimit[] {
  const out: ContainerLimit[] = [];
  r.items(r.path(template, ['spec', 'containers'])).forEach((c, i) => {
    if (r.text(r.get(c, 'name')) !== MAIN_CONTAINER) return;
    const limit = containerLimit(
      r,
      r.path(c, ['resources', 'limits', 'memory']),
      `${field}.spec.containers[${i}].resources.limits.memory`,
      process,
    );
    if (limit) out.push(limit);
  });
  return out;
}

function guessProcess(...names: (string | null | undefined)[]): ContainerLimit['process'] {
  for (const n of names) {
    const s = (n ?? '').toLowerCase();
    if (s.includes('taskmanager') || s.includes('task-manager')) return 'taskmanager';
    if (s.includes('jobmanager') || s.includes('job-manager')) return 'jobmanager';
  }
  return 'unknown';
}

/**
 * Container limits of a Deployment or StatefulSet; the process is guessed from its names and args.
 */
export function workloadLimits(r: ManifestReader, root: Node, kind: string): ContainerLimit[] {
  const name = r.text(r.path(root, ['metadata', 'name']));
  const out: ContainerLimit[] = [];
  r.items(r.path(root, ['spec', 'template', 'spec', 'containers'])).forEach((c, i) => {
    const args = r.items(r.get(c, 'args')).map((a) => r.text(a));
    const process = guessProcess(r.text(r.get(c, 'name')), name, args[0]);
    const field = `${kind}/${name ?? '?'} spec.template.spec.containers[${i}].resources.limits.memory`;
    const limit = containerLimit(r, r.path(c, ['resources', 'limits', 'memory']), field, process);
    if (limit) out.push(limit);
  });
  return out;
}

/**
 * The smallest memory limit a container of this process runs under, from the file's workloads
 * (not a FlinkDeployment's pod template, whose main-container memory Flink overwrites) and
 * --container-memory; null without one.
 */
export function smallestLimit(
  doc: ConfigDocument,
  process: Process,
  containerMemory?: bigint,
): bigint | null {
  const k8s = doc.kubernetes;
  let least: bigint | null = containerMemory ?? null;
  for (const l of k8s?.limits ?? []) {
    if (k8s?.kind === 'FlinkDeployment' && l.field.includes('podTemplate')) continue;
    if ((l.process === process || l.process === 'unknown') && (least === null || l.bytes < least))
      least = l.bytes;
  }
  return least;
}
