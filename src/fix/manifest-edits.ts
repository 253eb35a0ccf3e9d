/**
 * Fixes in Kubernetes manifests, one FlinkDeployment document at a time: resource memory fields
 * (`spec.taskManager.resource.memory`), container limits (`...resources.limits.memory`) and
 * `spec.flinkVersion` are replaced in place; Flink keys are edited in
 * `spec.flinkConfiguration`, which is created under `spec` when a new key needs it. A process size
 * the operator sets from the resource memory is changed there, as a binary Kubernetes quantity.
 * A ConfigMap's embedded Flink file is fixed by `configmap.ts`.
 */
import { yamlLib } from '../config/yaml-lib.js';
import type { Document, Node, Pair } from 'yaml';
import type { LineIndex } from '../config/positions.js';
import type { ConfigDocument, LoadedFile } from '../config/types.js';
import { parseMemorySize } from '../primitives/memory-size.js';
import { binaryQuantity } from '../options/resource-memory.js';
import type { Change } from './changes.js';
import { planConfigMap } from './configmap-edits.js';
import type { Planner } from './configmap-edits.js';
import { replaceSpan } from './edits.js';
import type { EditPlan } from './edit-plan.js';
import { emptyPlan } from './edit-plan.js';
import { scalarLike } from './scalar.js';
import { planMapping } from './yaml-map.js';
import { lastLine } from './yaml-map-tree.js';

type AnyPair = Pair<Node | null, Node | null>;

function pairOf(map: Node | null | undefined, key: string): AnyPair | undefined {
  if (!map || !yamlLib().isMap(map)) return undefined;
  let found: AnyPair | undefined;
  for (const p of map.items as AnyPair[])
    if (p.key !== null && yamlLib().isScalar(p.key) && String(p.key.value) === key) found = p;
  return found;
}

function quantityOf(value: string): string | null {
  try {
    return binaryQuantity(parseMemorySize(value));
  } catch {
    return null;
  }
}

export interface ManifestContext {
  /** How many configurations the document holds (a ConfigMap may embed two). */
  readonly siblings: number;
  /** The planner of an embedded file. */
  plannerFor(file: LoadedFile, index: LineIndex): Planner;
}

export function planManifest(
  doc: ConfigDocument,
  yamlDoc: Document.Parsed | undefined,
  index: LineIndex,
  changes: readonly Change[],
  ctx: ManifestContext,
): EditPlan {
  const plan = emptyPlan();
  const k8s = doc.kubernetes;
  if (k8s?.kind === 'ConfigMap')
    return planConfigMap(doc, ctx.siblings, yamlDoc, index, changes, (f, i) =>
      ctx.plannerFor(f, i),
    );
  if (!k8s || k8s.kind !== 'FlinkDeployment' || !yamlDoc) {
    for (const c of changes)
      plan.unsupported.set(
        c.kind === 'rename' ? c.from : c.key,
        'the manifest could not be read again',
      );
    return plan;
  }
  const rest: Change[] = [];
  for (const c of changes) {
    const key = c.kind === 'rename' ? c.from : c.key;
    // A resource memory field, or a container memory limit, is a scalar replaced in place.
    const field =
      k8s.resources.find((r) => r.field === key)?.span ??
      k8s.limits.find((l) => l.field === key)?.span ??
      (key === 'spec.flinkVersion' ? k8s.flinkVersion?.span : undefined);
    const fromSpec = doc.effective.get(key);
    if (field) {
      if (c.kind !== 'set') plan.unsupported.set(key, `"${key}" can only be changed, not removed`);
      else
        plan.edits.push(
          replaceSpan(
            field,
            scalarLike(c.value, index.text.slice(field.offset, field.endOffset), 'text'),
          ),
        );
    } else if (c.kind === 'set' && fromSpec?.source === 'operator-resource' && fromSpec.valueSpan) {
      const q = quantityOf(c.value);
      if (q === null) plan.unsupported.set(key, `"${c.value}" is not a memory size`);
      else
        plan.edits.push(
          replaceSpan(
            fromSpec.valueSpan,
            scalarLike(
              q,
              index.text.slice(fromSpec.valueSpan.offset, fromSpec.valueSpan.endOffset),
              'text',
            ),
          ),
        );
    } else if (key.startsWith('spec.')) {
      plan.unsupported.set(key, `"${key}" is not in this manifest`);
    } else rest.push(c);
  }
  if (rest.length === 0) return plan;

  const specPair = pairOf(yamlDoc.contents, 'spec');
  const spec = specPair?.value;
  if (!spec || !yamlLib().isMap(spec) || spec.flow || spec.items.length === 0) {
    for (const c of rest)
      plan.unsupported.set(
        c.kind === 'rename' ? c.from : c.key,
        'the manifest has no block "spec" mapping to hold flinkConfiguration',
      );
    return plan;
  }
  let holder = pairOf(spec, 'flinkConfiguration') ?? null;
  let map = holder?.value && yamlLib().isMap(holder.value) ? holder.value : null;
  if (holder && !map) {
    for (const c of rest)
      plan.unsupported.set(
        c.kind === 'rename' ? c.from : c.key,
        'spec.flinkConfiguration is not a mapping',
      );
    return plan;
  }
  const firstKey = (spec.items[0] as AnyPair).key;
  const specIndent = index.position(firstKey?.range?.[0] ?? 0).column - 1;
  const specUnit = specIndent - (index.position(specPair?.key?.range?.[0] ?? 0).column - 1);
  const unit = specUnit > 0 ? specUnit : 2;
  let create = {
    afterLine: lastLine(index, spec),
    header: `${' '.repeat(specIndent)}flinkConfiguration:` as string | null,
    indent: specIndent + unit,
    unit,
  };
  // `flinkConfiguration: {}` becomes `flinkConfiguration:` with the new keys below it.
  if (map?.flow && map.items.length === 0 && holder?.key?.range && map.range) {
    plan.edits.push({ start: holder.key.range[1], end: map.range[1], text: ':' });
    create = { ...create, afterLine: index.position(holder.key.range[0]).line, header: null };
    [holder, map] = [null, null];
  }
  const inner = planMapping(
    doc,
    { index, map, holder, mode: 'text', ...(map ? {} : { create }) },
    rest,
  );
  plan.edits.push(...inner.edits);
  for (const [k, v] of inner.unsupported) plan.unsupported.set(k, v);
  return plan;
}
