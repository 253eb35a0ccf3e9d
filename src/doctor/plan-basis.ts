/**
 * The configuration the doctor's suggestions start from: the user's (with a fix applied first when
 * Flink would not start with it) or, without one, Flink's shipped sizes, derived with the model.
 */
import type { Target } from '../model/compute.js';
import type { FixResult, ProcessResult } from '../model/trial.js';
import { findFix } from '../model/fix-search.js';
import { applyChanges, compute, shippedProcessSize } from '../model/trial.js';
import { formatSizeForConfig } from '../primitives/memory-size.js';
import type { RawValue } from '../primitives/raw-value.js';
import { str } from '../primitives/raw-value.js';
import type { FlinkVersion } from '../primitives/version.js';
import { atLeast } from '../primitives/version.js';
import type { Process } from '../primitives/flink-process.js';
import type { Sizes } from './component-sizes.js';
import { sizesOf } from './component-sizes.js';

export interface Basis {
  readonly config: ReadonlyMap<string, RawValue>;
  readonly result: ProcessResult & { ok: true };
  readonly sizes: Sizes;
  /** The user's configuration failed the model and this fix was applied first. */
  readonly fix?: FixResult;
  readonly legacy?: { readonly from: string; readonly to: string };
}

/**
 * The derived starting configuration of process `p`; null when the model cannot derive it (or for
 * a 1.10 JobManager).
 */
export function makeBasis(
  p: Process,
  userConfig: ReadonlyMap<string, RawValue> | undefined,
  version: FlinkVersion,
  target: Target,
  shown: Partial<Record<Process, bigint>>,
): Basis | null {
  const options = () => ({ version, target, trace: false });
  if (p === 'jobmanager' && !atLeast(version, '1.11')) return null;
  let config: ReadonlyMap<string, RawValue> = userConfig ?? defaults(version, target, shown);
  let fix: FixResult | undefined;
  let r = compute(config, p, options());
  if (!r.ok) {
    const found = findFix(config, p, options());
    if (!found) return null;
    fix = found;
    config = applyChanges(config, found.changes);
    r = compute(config, p, options());
    if (!r.ok) return null;
  }
  const legacy =
    r.legacyMapping && config.has(r.legacyMapping.from)
      ? { from: r.legacyMapping.from, to: r.legacyMapping.to }
      : undefined;
  return {
    config,
    result: r,
    sizes: sizesOf(r),
    ...(fix ? { fix } : {}),
    ...(legacy ? { legacy } : {}),
  };
}

function defaults(
  version: FlinkVersion,
  target: Target,
  shown: Partial<Record<Process, bigint>>,
): Map<string, RawValue> {
  if (target === 'local') return new Map();
  const m = new Map<string, RawValue>();
  m.set(
    'taskmanager.memory.process.size',
    str(formatSizeForConfig(shown.taskmanager ?? shippedProcessSize('taskmanager', version))),
  );
  if (atLeast(version, '1.11')) {
    m.set(
      'jobmanager.memory.process.size',
      str(formatSizeForConfig(shown.jobmanager ?? shippedProcessSize('jobmanager', version))),
    );
  }
  return m;
}
