/**
 * The effective memory configuration of a document and where each value came from: a file
 * line, `--set`, the operator's resource spec, a deprecated key, or a default of the version.
 */
import type { ConfigDocument, ConfigEntry } from '../../config/types.js';
import { OPTIONS, defaultFor, isActive } from '../../options/catalogue.js';
import type { FlinkVersion } from '../../primitives/version.js';
import { versionLabel } from '../../primitives/version.js';

export interface EffectiveValue {
  readonly key: string;
  readonly value: string;
  /** "config.yaml:12", "--set", "operator: spec.taskManager.resource.memory", "default (2.0)". */
  readonly source: string;
  /** The deprecated key the value was read from, when it was. */
  readonly viaKey?: string;
  /** Earlier entries the winning one overrides (file:line). */
  readonly overrides?: readonly string[];
}

function describeSource(doc: ConfigDocument, e: ConfigEntry): string {
  if (e.source === 'set') return '--set';
  if (e.source === 'operator-resource') return `operator: ${e.path ?? 'resource memory'}`;
  const line = e.keySpan?.line ?? e.valueSpan?.line;
  return line ? `${doc.file}:${line}` : doc.file;
}

/** Memory-related options of the version (set or defaulted), then any other set keys. */
export function effectiveConfig(doc: ConfigDocument, version: FlinkVersion): EffectiveValue[] {
  const out: EffectiveValue[] = [];
  const seen = new Set<string>();
  for (const spec of OPTIONS) {
    if (!isActive(spec, version)) continue;
    const candidates = [spec.key, ...(spec.fallbackKeys ?? []).map((f) => f.key)];
    const found = candidates
      .map((k) => doc.effective.get(k))
      .find((e): e is ConfigEntry => e !== undefined);
    candidates.forEach((k) => seen.add(k));
    if (found) {
      const overrides = doc.entries
        .filter((e) => e.key === found.key && e !== found && e.overridden)
        .map((e) => describeSource(doc, e));
      out.push({
        key: spec.key,
        value: found.text,
        source: describeSource(doc, found),
        ...(found.key !== spec.key ? { viaKey: found.key } : {}),
        ...(overrides.length ? { overrides } : {}),
      });
    } else if (spec.group === 'taskmanager' || spec.group === 'jobmanager') {
      const def = defaultFor(spec, version);
      if (def !== null)
        out.push({ key: spec.key, value: def, source: `default (${versionLabel(version)})` });
    }
  }
  for (const [key, e] of doc.effective) {
    if (!seen.has(key)) out.push({ key, value: e.text, source: describeSource(doc, e) });
  }
  return out;
}
