/**
 * What a TaskManager's process spec reads besides memory: its CPU cores and slots (with Flink's
 * own checks and messages) and its external resources.
 */
import type { Conf } from './conf.js';
import { ModelError } from './conf.js';
import { TM } from './taskmanager-keys.js';
import { JavaError } from '../primitives/java.js';
import { rawToString } from '../primitives/raw-value.js';
import type { FlinkVersion } from '../primitives/version.js';
import { atLeast } from '../primitives/version.js';

/**
 * `TaskExecutorProcessUtils.getCpuCores` then (1.13+) `getNumSlots`: the slots are read for the CPU
 * only when `taskmanager.cpu.cores` is not set, and for their own sake only from 1.13 on, after the
 * CPU check. The cores become a `CPUResource`, whose `BigDecimal.valueOf` rejects NaN and Infinity.
 */
export function cpuAndSlots(
  conf: Conf,
  version: FlinkVersion,
): { cpuCores: number; slots: number } {
  const coresSet = conf.contains(TM.cpuCores);
  const cpuCores = coresSet ? conf.double(TM.cpuCores)! : conf.int(TM.slots)!;
  if (cpuCores <= 0) {
    throw new ModelError(
      'IllegalConfigurationException',
      `TaskExecutors need to be started with a positive number of CPU cores. Please configure ${TM.cpuCores} accordingly.`,
      'invalid-cpu-cores',
      [coresSet ? TM.cpuCores : TM.slots],
    );
  }
  if (!Number.isFinite(cpuCores)) {
    const first = Number.isNaN(cpuCores) ? 'N' : 'I';
    throw new ModelError(
      'NumberFormatException',
      `Character ${first} is neither a decimal digit number, decimal point, nor "e" notation exponential mark.`,
      'invalid-cpu-cores',
      [TM.cpuCores],
    );
  }
  // Before 1.13 the slot count is not part of the process spec: with the cores set it is never
  // read.
  const slots = !coresSet
    ? cpuCores
    : atLeast(version, '1.13')
      ? conf.int(TM.slots)!
      : unreadSlots(conf);
  return { cpuCores, slots };
}

/**
 * The slot count shown beside a pre-1.13 derivation that never reads it: 1 when it does not parse.
 */
function unreadSlots(conf: Conf): number {
  try {
    return conf.int(TM.slots)!;
  } catch (e) {
    if (e instanceof JavaError) return 1;
    throw e;
  }
}

/**
 * The external resources (`external-resources`) with a whole-number amount, as `[name, amount]`.
 */
export function externalResources(conf: Conf): [string, string][] {
  const raw = conf.rawKey('external-resources');
  if (!raw) return [];
  const text = rawToString(raw).replace(/^\[|\]$/g, '');
  if (text.trim() === 'none' || text.trim() === '') return [];
  const out: [string, string][] = [];
  for (const name of text
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const amount = conf.rawKey(`external-resource.${name}.amount`);
    if (amount && /^\d+$/.test(rawToString(amount).trim()))
      out.push([name, rawToString(amount).trim()]);
  }
  return out;
}
