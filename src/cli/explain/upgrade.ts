/**
 * What moving a configuration from one Flink version to another changes: keys that stop
 * working, defaults that change for options the config leaves unset, sizes, and start-up.
 */
import type { ConfigDocument } from '../../config/types.js';
import {
  OPTIONS,
  defaultFor,
  isActive,
  optionForFallbackKey,
  findOption,
} from '../../options/catalogue.js';
import type { FlinkVersion } from '../../primitives/version.js';
import { atLeast } from '../../primitives/version.js';
import type { JobManagerResult, TaskManagerResult } from '../../model/compute.js';

export interface VersionOutcome {
  readonly version: FlinkVersion;
  readonly taskmanager: TaskManagerResult;
  readonly jobmanager: JobManagerResult;
}

export interface UpgradeChange {
  readonly kind:
    | 'removed-key'
    | 'deprecated-key'
    | 'default-changed'
    | 'size-changed'
    | 'outcome-changed'
    | 'format';
  readonly text: string;
}

function sizesOf(r: TaskManagerResult | JobManagerResult): Record<string, bigint> | null {
  return r.ok ? (r.sizes as unknown as Record<string, bigint>) : null;
}

export function compareVersions(
  doc: ConfigDocument,
  from: VersionOutcome,
  to: VersionOutcome,
): UpgradeChange[] {
  const out: UpgradeChange[] = [];
  for (const key of doc.effective.keys()) {
    const spec = findOption(key) ?? optionForFallbackKey(key);
    if (!spec) continue;
    const own = spec.key === key;
    if (own && isActive(spec, from.version) && !isActive(spec, to.version)) {
      out.push({
        kind: 'removed-key',
        text: `"${key}" has no effect any more${spec.replacedBy ? ` (use "${spec.replacedBy}")` : ''}`,
      });
    } else if (
      own &&
      spec.deprecatedIn &&
      !atLeast(from.version, spec.deprecatedIn) &&
      atLeast(to.version, spec.deprecatedIn)
    ) {
      out.push({
        kind: 'deprecated-key',
        text: `"${key}" becomes deprecated${spec.replacedBy ? ` in favour of "${spec.replacedBy}"` : ''}`,
      });
    }
  }
  for (const spec of OPTIONS) {
    if (!isActive(spec, from.version) || !isActive(spec, to.version)) continue;
    if (
      [spec.key, ...(spec.fallbackKeys ?? []).map((f) => f.key)].some((k) => doc.effective.has(k))
    )
      continue;
    const a = defaultFor(spec, from.version);
    const b = defaultFor(spec, to.version);
    if (
      a !== b &&
      (spec.group === 'taskmanager' ||
        spec.group === 'jobmanager' ||
        spec.group === 'state-backend')
    ) {
      out.push({
        kind: 'default-changed',
        text: `default of "${spec.key}" changes from ${a ?? 'none'} to ${b ?? 'none'}`,
      });
    }
  }
  if (doc.format === 'flink-conf' && atLeast(to.version, '2.0') && !atLeast(from.version, '2.0')) {
    out.push({
      kind: 'format',
      text: 'Flink 2.0 no longer reads flink-conf.yaml: migrate to config.yaml (standard YAML)',
    });
  }
  for (const proc of ['taskmanager', 'jobmanager'] as const) {
    const a = from[proc];
    const b = to[proc];
    if (a.ok !== b.ok) {
      out.push({
        kind: 'outcome-changed',
        text: `the ${proc === 'taskmanager' ? 'TaskManager' : 'JobManager'} ${b.ok ? 'starts' : 'no longer starts'}`,
      });
      continue;
    }
    const sa = sizesOf(a);
    const sb = sizesOf(b);
    if (!sa || !sb) continue;
    for (const [name, before] of Object.entries(sa)) {
      const after = sb[name];
      if (after !== undefined && after !== before) {
        const delta = after - before;
        out.push({
          kind: 'size-changed',
          text: `${proc} ${name}: ${before} -> ${after} bytes (${delta > 0n ? '+' : ''}${delta})`,
        });
      }
    }
  }
  return out;
}
