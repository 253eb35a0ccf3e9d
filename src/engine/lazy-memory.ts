/**
 * The memory a rule sees: both processes derived on first use, and the check that a fix leaves
 * them no worse than it found them.
 */
import { computeJobManager, computeTaskManager } from '../model/compute.js';
import type { Target } from '../model/compute.js';
import type { RawValue } from '../primitives/raw-value.js';
import { healthy } from '../model/trial.js';
import type { FlinkVersion } from '../primitives/version.js';
import type { MemoryView } from './types.js';

/**
 * Both processes, each derived on first use. A class rather than an object literal with getters
 * (see README, Objects on hot paths).
 */
class LazyMemory implements MemoryView {
  readonly #raw: ReadonlyMap<string, RawValue>;
  readonly #options: {
    readonly version: FlinkVersion;
    readonly target: Target;
    readonly trace: false;
  };
  #tm: MemoryView['taskmanager'] | undefined;
  #jm: MemoryView['jobmanager'] | undefined;

  constructor(
    raw: ReadonlyMap<string, RawValue>,
    options: { readonly version: FlinkVersion; readonly target: Target; readonly trace: false },
  ) {
    this.#raw = raw;
    this.#options = options;
  }

  get taskmanager(): MemoryView['taskmanager'] {
    return (this.#tm ??= computeTaskManager(this.#raw, this.#options));
  }

  get jobmanager(): MemoryView['jobmanager'] {
    return (this.#jm ??= computeJobManager(this.#raw, this.#options));
  }
}

export function memoryFor(
  raw: ReadonlyMap<string, RawValue>,
  version: FlinkVersion,
  target: Target,
): MemoryView {
  // Rules decide on the sizes and failures; the trace is for explain --trace only.
  return new LazyMemory(raw, { version, target, trace: false });
}

/**
 * A fix must not make a process fail that started before, nor leave it less heap than a fix
 * must leave (see healthy()) when it had enough before: a fix that trades one finding for another
 * is no fix.
 */
export function fixIsSafe(
  raw: ReadonlyMap<string, RawValue>,
  before: MemoryView,
  fixed: ReadonlyMap<string, RawValue>,
  after: MemoryView,
): boolean {
  for (const p of ['taskmanager', 'jobmanager'] as const) {
    if (before[p].ok && !after[p].ok) return false;
    if (healthy(raw, p, before[p]) && !healthy(fixed, p, after[p])) return false;
  }
  return true;
}
