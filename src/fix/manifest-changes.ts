/**
 * A fix as the user has to write it. In a FlinkDeployment the operator writes
 * `taskmanager.memory.process.size` / `jobmanager.memory.process.size` from the spec's resource
 * memory, overwriting flinkConfiguration, so a new process size goes to that resource field, in
 * the field's own spelling; and a memory limit of the same component below the new size goes up
 * with it, since the pod would be killed. Shared by the memory-derivation-fails rule and explain.
 */
import type { ConfigDocument } from '../config/types.js';
import { parseMemorySize } from '../primitives/memory-size.js';
import { resourceQuantity } from '../options/resource-memory.js';
import type { FixChanges } from '../engine/types.js';

/**
 * The changes with each key the operator sets from a resource field moved to that field; other
 * files and keys are unchanged. Undefined when a change cannot be written that way (removing a
 * size the resource field sets).
 */
export function fixInManifest(doc: ConfigDocument, changes: FixChanges): FixChanges | undefined {
  const out: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(changes)) {
    const entry = doc.effective.get(key);
    if (entry?.source !== 'operator-resource' || !entry.path) out[key] = value;
    else if (value === null) return undefined;
    else {
      const bytes = parseMemorySize(value);
      out[entry.path] = resourceQuantity(bytes, entry.text);
      const process = key.startsWith('taskmanager.') ? 'taskmanager' : 'jobmanager';
      for (const limit of doc.kubernetes?.limits ?? []) {
        if (
          limit.process === process &&
          limit.field !== entry.path &&
          !limit.field.includes('podTemplate') &&
          limit.bytes < bytes
        ) {
          out[limit.field] = resourceQuantity(bytes, limit.text);
        }
      }
    }
  }
  return out;
}
