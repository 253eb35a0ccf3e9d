/** Which state backend a configuration names, and the key that names it in a version. */
import type { FlinkVersion } from '../primitives/version.js';
import { atLeast } from '../primitives/version.js';

export type BackendKind = 'heap' | 'rocksdb' | 'forst' | 'other';

/** The state backend a configuration names, as Flink's shortcut or factory class. */
export function backendKind(value: string, version: FlinkVersion): BackendKind {
  const v = value.trim().toLowerCase();
  const is2 = atLeast(version, '2.0');
  if (v === 'hashmap' || /\.hashmapstatebackendfactory$/.test(v)) return 'heap';
  // MemoryStateBackend and FsStateBackend are gone in 2.0.
  if (
    !is2 &&
    (v === 'jobmanager' || v === 'filesystem' || /\.(memory|fs)statebackendfactory$/.test(v))
  )
    return 'heap';
  if (v === 'rocksdb' || /rocksdbstatebackendfactory$/.test(v)) return 'rocksdb';
  if (is2 && (v === 'forst' || /\.forststatebackendfactory$/.test(v))) return 'forst';
  return 'other';
}

/**
 * The key that selects the state backend in a version: `state.backend.type` (1.17+) or
 * `state.backend`.
 */
export function stateBackendKey(version: FlinkVersion): string {
  return atLeast(version, '1.17') ? 'state.backend.type' : 'state.backend';
}
