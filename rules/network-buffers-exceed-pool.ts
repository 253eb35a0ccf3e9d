import type { RuleContext } from '../src/engine/types.js';
import { defineRule } from '../src/engine/types.js';
import {
  formatSizeForConfig,
  formatSizeShort,
  parseMemorySize,
} from '../src/primitives/memory-size.js';
import { convertInt, convertMemory } from '../src/primitives/raw-value.js';
import { defaultFor, getOption, isActive } from '../src/options/catalogue.js';

const PER_CHANNEL = 'taskmanager.network.memory.buffers-per-channel';
const FLOATING = 'taskmanager.network.memory.floating-buffers-per-gate';
const SEGMENT = 'taskmanager.memory.segment-size';
const NETWORK_MIN = 'taskmanager.memory.network.min';
const NETWORK_MAX = 'taskmanager.memory.network.max';

export default defineRule({
  id: 'network-buffers-exceed-pool',
  severity: 'error',
  description:
    'Network buffers asked for by one input channel that the whole network memory cannot hold',
  rationale:
    'Network memory is cut into buffers of "taskmanager.memory.segment-size". Each remote input channel of a task takes ' +
    '"taskmanager.network.memory.buffers-per-channel" exclusive buffers from that pool when the task starts, and its gate ' +
    'asks for up to "taskmanager.network.memory.floating-buffers-per-gate" more. When one channel\'s exclusive buffers ' +
    'exceed the whole pool, every task that reads from another TaskManager fails with "Insufficient number of network ' +
    'buffers", although the TaskManager starts; when only the floating buffers do not fit, the channel never gets its ' +
    'full share (a warning). Flink 2.0 fixes these counts and no longer reads the options.',
  messages: {
    exclusive:
      'one remote input channel takes {perChannel} exclusive network buffers, but the whole network memory ({network}) holds only {total} buffers of {segment}',
    floating:
      'one input gate with a single remote channel asks for {perChannel} exclusive plus {floating} floating network buffers, but the whole network memory ({network}) holds only {total} buffers of {segment}',
  },
  remediation:
    'Raise the network memory (taskmanager.memory.network.min, or the fraction) to hold the buffers, or lower the buffer counts or the segment size.',
  fixable: true,
  check(ctx) {
    if (!isActive(getOption(PER_CHANNEL), ctx.version)) return;
    const tm = ctx.memory.taskmanager;
    if (!tm.ok) return;
    const entries = [PER_CHANNEL, FLOATING, SEGMENT].map((k) => ctx.entry(k));
    const at = entries.find((e) => e !== undefined);
    // Flink's defaults (2 + 8 buffers of 32 KiB) always fit the smallest network memory.
    if (!at) return;
    let perChannel: number;
    let floating: number;
    let segment: bigint;
    try {
      perChannel = entries[0]
        ? convertInt(entries[0].value)
        : Number(defaultFor(getOption(PER_CHANNEL), ctx.version) ?? 2);
      floating = entries[1]
        ? convertInt(entries[1].value)
        : Number(defaultFor(getOption(FLOATING), ctx.version) ?? 8);
      segment = entries[2]
        ? convertMemory(entries[2].value)
        : parseMemorySize(defaultFor(getOption(SEGMENT), ctx.version) ?? '32kb');
    } catch {
      return; // invalid-option-value and invalid-memory-size report unreadable values
    }
    if (segment <= 0n || perChannel < 0 || floating < 0) return;
    const total = tm.sizes.network / segment;
    const exclusive = BigInt(perChannel) > total;
    const wanted = BigInt(perChannel + floating);
    if (!exclusive && wanted <= total) return;
    const entry = exclusive
      ? (entries[0] ?? entries[2] ?? at)
      : (entries[1] ?? entries[0] ?? entries[2] ?? at);
    const needed = (exclusive ? BigInt(perChannel) : wanted) * segment;
    const data = {
      perChannel: String(perChannel),
      floating: String(floating),
      network: formatSizeShort(tm.sizes.network),
      total: String(total),
      segment: formatSizeShort(segment),
    };
    ctx.report({
      messageId: exclusive ? 'exclusive' : 'floating',
      entry,
      key: entry.key,
      data,
      ...(exclusive ? {} : { severity: 'warning' as const }),
      ...fixFor(ctx, needed),
    });
  },
});

/**
 * A network minimum that holds the buffers (and a maximum that allows it), kept when the model
 * starts with it.
 */
function fixFor(ctx: RuleContext, needed: bigint) {
  const size = formatSizeForConfig(((needed + 1048575n) / 1048576n) * 1048576n);
  const changes: Record<string, string> = { [NETWORK_MIN]: size };
  const max = ctx.entry(NETWORK_MAX)?.text ?? defaultFor(getOption(NETWORK_MAX), ctx.version);
  try {
    if (max !== null && parseMemorySize(max) < parseMemorySize(size)) changes[NETWORK_MAX] = size;
  } catch {
    return {};
  }
  const after = ctx.deriveWith(changes).taskmanager;
  return after.ok && after.sizes.network >= needed ? { fix: changes } : {};
}
