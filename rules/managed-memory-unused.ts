import type { FixChanges } from '../src/engine/types.js';
import { defineRule } from '../src/engine/types.js';
import { formatSizeShort } from '../src/primitives/memory-size.js';
import { rawToString } from '../src/primitives/raw-value.js';
import { backendKind, stateBackendKey } from '../src/options/state-backend.js';
import { atLeast } from '../src/primitives/version.js';

const MANAGED_SIZE = 'taskmanager.memory.managed.size';
const MANAGED_FRACTION = 'taskmanager.memory.managed.fraction';

export default defineRule({
  id: 'managed-memory-unused',
  // A warning, not info: on a heap backend the state lives in the task heap, and the unused
  // managed memory is taken from exactly that heap, so it raises the risk of heap OOMs.
  severity: 'warning',
  description: 'Streaming job on a heap state backend that still reserves managed memory',
  rationale:
    'Managed memory serves RocksDB/ForSt, batch operators and Python workers. A streaming job on the hashmap (or jobmanager/filesystem) ' +
    'backend uses none of it, yet Flink reserves it (40% of total Flink memory by default) and takes it from the task heap, ' +
    'where that backend keeps all its state.',
  messages: {
    unused:
      '"{key}" ({value}) keeps state on the JVM heap, yet {size} ({bytes} bytes) of managed memory stays reserved and unused in this streaming job{unlessCode}',
  },
  remediation:
    'Set taskmanager.memory.managed.fraction to 0 (and drop taskmanager.memory.managed.size) so the memory goes to the task heap.',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      unsetBackendIsHashmap: {
        type: 'boolean',
        description:
          'Treat an unset state backend as hashmap on Flink 1.19+ (its default); off because jobs often choose RocksDB in code.',
      },
    },
  },
  defaultOptions: { unsetBackendIsHashmap: false },
  fixable: true,
  check(ctx) {
    const raw = ctx.rawConfig();
    const mode = raw.get('execution.runtime-mode');
    // Batch (and automatic, which may run bounded jobs as batch) uses managed memory for sorting
    // and joins.
    if (mode && rawToString(mode).trim().toLowerCase() !== 'streaming') return;
    if ([...raw.keys()].some((k) => k.startsWith('python.'))) return;
    const backendEntry = ctx.entry(stateBackendKey(ctx.version));
    const assumeDefault =
      !backendEntry &&
      ctx.options['unsetBackendIsHashmap'] === true &&
      atLeast(ctx.version, '1.19');
    if (
      !assumeDefault &&
      (!backendEntry || backendKind(rawToString(backendEntry.value), ctx.version) !== 'heap')
    )
      return;
    const tm = ctx.memory.taskmanager;
    if (!tm.ok || tm.sizes.managed === 0n) return;
    // Fine-grained configs need managed.size; elsewhere the fraction is the idiomatic switch.
    const candidates: FixChanges[] = [
      { [MANAGED_FRACTION]: '0', ...(ctx.entry(MANAGED_SIZE) ? { [MANAGED_SIZE]: null } : {}) },
      { [MANAGED_SIZE]: '0' },
    ];
    const fix = candidates.find((c) => {
      const after = ctx.deriveWith(c).taskmanager;
      return after.ok && after.sizes.managed === 0n;
    });
    const data = {
      key: backendEntry?.key ?? stateBackendKey(ctx.version),
      value: backendEntry ? backendEntry.text : 'unset: hashmap',
      size: formatSizeShort(tm.sizes.managed),
      bytes: tm.sizes.managed,
      unlessCode: backendEntry ? '' : ' (unless the job sets another state backend in code)',
    };
    ctx.report({
      messageId: 'unused',
      ...(backendEntry ? { entry: backendEntry, key: backendEntry.key } : {}),
      data,
      ...(fix ? { fix } : {}),
    });
  },
});
