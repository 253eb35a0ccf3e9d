/**
 * Flink's start-up errors of the memory model print every size they compared. From those
 * numbers alone this rebuilds a configuration that fails the same check with the same numbers
 * (checked with the model), and searches the change that makes it start with the model's own fix
 * search, so that a pasted error gets exact values without `--config`.
 */
import { findFix } from '../model/fix-search.js';
import { applyChanges, compute } from '../model/trial.js';
import type { Process } from '../primitives/flink-process.js';
import type { Target } from '../model/compute.js';
import { multiplyBytes } from '../primitives/java.js';
import { MIB, formatSizeForConfig, parseMemorySizeOrNull } from '../primitives/memory-size.js';
import type { RawValue } from '../primitives/raw-value.js';
import { str } from '../primitives/raw-value.js';
import { defaultFor, findOption } from '../options/catalogue.js';
import type { FlinkVersion } from '../primitives/version.js';
import { breakdown } from './effect.js';
import { fmt } from './quantities.js';
import type { Suggestion } from './types.js';

/** The byte count printed for `label` ("Managed Memory (100.800mb (105696461 bytes))"), or null. */
export function bytesAfter(text: string, label: string): bigint | null {
  const at = text.indexOf(`${label} (`);
  if (at < 0) return null;
  const m = /^\((?:[^()]{0,40}\()?(\d{1,19}) bytes\)/.exec(
    text.slice(at + label.length + 1, at + label.length + 80),
  );
  return m ? BigInt(m[1]!) : null;
}

/** Every byte count of a message, in order: the fingerprint of a failed check. */
export function byteCounts(text: string): string[] {
  const out: string[] = [];
  const re = /(\d{1,19}) bytes\)/g;
  for (let m = re.exec(text); m !== null && out.length < 16; m = re.exec(text)) out.push(m[1]!);
  return out;
}

function defaultBytes(key: string, version: FlinkVersion): bigint | null {
  const o = findOption(key);
  const v = o ? defaultFor(o, version) : null;
  return v === null ? null : parseMemorySizeOrNull(v);
}

function defaultFraction(key: string, version: FlinkVersion): number {
  const o = findOption(key);
  return Math.fround(Number(o ? (defaultFor(o, version) ?? '0') : '0'));
}

/**
 * What a fraction-based component is by default for a base size (fraction of it, within min/max).
 */
function byDefaultFraction(base: bigint, prefix: string, version: FlinkVersion): bigint {
  const v = multiplyBytes(base, defaultFraction(`${prefix}.fraction`, version));
  const min = defaultBytes(`${prefix}.min`, version) ?? 0n;
  const max = defaultBytes(`${prefix}.max`, version) ?? 9223372036854775807n;
  return v > max ? max : v < min ? min : v;
}

export interface Rebuilt {
  readonly process: Process;
  /** The configuration the message implies, key by key. */
  readonly config: ReadonlyMap<string, RawValue>;
  readonly sizes: Readonly<Record<string, bigint>>;
}

type Builder = (text: string, p: Process, version: FlinkVersion) => Record<string, bigint> | null;

/** A sized option set only when the message's size is not what Flink would use anyway. */
function unlessDefault(
  out: Record<string, bigint>,
  key: string,
  bytes: bigint | null,
  version: FlinkVersion,
): void {
  if (bytes !== null && bytes !== defaultBytes(key, version)) out[key] = bytes;
}

const BUILDERS: Readonly<Record<string, Builder>> = {
  // E2 (task heap configured) and E6 (task heap derived, network part of the sum).
  'components-exceed-flink': (t, p, v) => {
    if (p !== 'taskmanager') return null;
    const flink = bytesAfter(t, 'Total Flink Memory');
    const managed = bytesAfter(t, 'Managed Memory');
    if (flink === null || managed === null) return null;
    const out: Record<string, bigint> = { 'taskmanager.memory.flink.size': flink };
    const taskHeap = bytesAfter(t, 'Task Heap Memory');
    if (taskHeap !== null) out['taskmanager.memory.task.heap.size'] = taskHeap;
    unlessDefault(
      out,
      'taskmanager.memory.framework.heap.size',
      bytesAfter(t, 'Framework Heap Memory'),
      v,
    );
    unlessDefault(
      out,
      'taskmanager.memory.framework.off-heap.size',
      bytesAfter(t, 'Framework Off-Heap Memory'),
      v,
    );
    unlessDefault(
      out,
      'taskmanager.memory.task.off-heap.size',
      bytesAfter(t, 'Task Off-Heap Memory'),
      v,
    );
    if (managed !== byDefaultFraction(flink, 'taskmanager.memory.managed', v))
      out['taskmanager.memory.managed.size'] = managed;
    const network = bytesAfter(t, 'Network Memory');
    if (network !== null && network !== byDefaultFraction(flink, 'taskmanager.memory.network', v)) {
      out['taskmanager.memory.network.min'] = network;
      out['taskmanager.memory.network.max'] = network;
    }
    return out;
  },
  // E9: metaspace plus overhead above the process size.
  'jvm-exceeds-process': (t, p, v) => {
    const process = bytesAfter(t, 'Total Process Memory');
    const overhead = bytesAfter(t, 'JVM Overhead');
    if (process === null || overhead === null) return null;
    const out: Record<string, bigint> = { [`${p}.memory.process.size`]: process };
    unlessDefault(out, `${p}.memory.jvm-metaspace.size`, bytesAfter(t, 'JVM Metaspace'), v);
    if (overhead !== byDefaultFraction(process, `${p}.memory.jvm-overhead`, v)) {
      out[`${p}.memory.jvm-overhead.min`] = overhead;
      out[`${p}.memory.jvm-overhead.max`] = overhead;
    }
    return out;
  },
  // E10: the process size below total Flink memory plus metaspace.
  'process-below-flink-and-metaspace': (t, p, v) => {
    const process = bytesAfter(t, 'Total Process Memory size');
    const flink = bytesAfter(t, 'Total Flink Memory size');
    if (process === null || flink === null) return null;
    const out: Record<string, bigint> = {
      [`${p}.memory.process.size`]: process,
      [`${p}.memory.flink.size`]: flink,
    };
    const at = t.indexOf('JVM Metaspace size');
    const metaspace = at < 0 ? null : byteCounts(t.slice(at, at + 80))[0];
    unlessDefault(
      out,
      `${p}.memory.jvm-metaspace.size`,
      metaspace === undefined || metaspace === null ? null : BigInt(metaspace),
      v,
    );
    return out;
  },
  // E14: the JobManager heap above its total Flink size.
  'heap-exceeds-flink': (t) => {
    const heap = bytesAfter(t, 'JVM Heap Memory');
    const flink = bytesAfter(t, 'Total Flink Memory');
    return heap !== null && flink !== null
      ? { 'jobmanager.memory.heap.size': heap, 'jobmanager.memory.flink.size': flink }
      : null;
  },
  // E13: JobManager heap plus off-heap not equal to its total Flink size.
  'heap-and-off-heap-mismatch-flink': (t) => {
    const heap = bytesAfter(t, 'JVM Heap Memory');
    const off = bytesAfter(t, 'Off-heap Memory');
    const flink = bytesAfter(t, 'Total Flink Memory');
    if (heap === null || off === null || flink === null) return null;
    return {
      'jobmanager.memory.heap.size': heap,
      'jobmanager.memory.off-heap.size': off,
      'jobmanager.memory.flink.size': flink,
    };
  },
  // E15: the JobManager total Flink size not above its off-heap memory.
  'flink-not-above-off-heap': (t) => {
    const flink = bytesAfter(t, 'Total Flink Memory');
    const off = bytesAfter(t, 'Off-heap Memory');
    return flink !== null && off !== null
      ? { 'jobmanager.memory.flink.size': flink, 'jobmanager.memory.off-heap.size': off }
      : null;
  },
};

/**
 * The configuration the message implies for `p`, or null when the message lacks a number or the
 * model, given it, does not fail the same check with the same numbers.
 */
export function rebuild(
  check: string,
  text: string,
  p: Process,
  version: FlinkVersion,
  target: Target,
): Rebuilt | null {
  const sizes = BUILDERS[check]?.(text, p, version);
  if (!sizes) return null;
  const config = new Map<string, RawValue>();
  for (const [k, v] of Object.entries(sizes)) config.set(k, str(formatSizeForConfig(v)));
  // (sizes keeps the exact bytes for display; the config spells them as Flink reads them)
  const r = compute(config, p, { version, target, trace: false });
  if (r.ok || r.failure.check !== check) return null;
  const shown = byteCounts(text);
  const again = byteCounts(r.failure.flinkMessage);
  if (shown.length === 0 || shown.join(',') !== again.slice(0, shown.length).join(',')) return null;
  return { process: p, config, sizes };
}

const listed = (sizes: Readonly<Record<string, bigint>>) =>
  Object.entries(sizes)
    .map(([k, v]) => `${k}: ${fmt(v)}`)
    .join(', ');

/**
 * Components people raise by mistake (the job's memory is task heap and task off-heap, not Flink's
 * own).
 */
const FRAMEWORK = [
  'taskmanager.memory.framework.heap.size',
  'taskmanager.memory.framework.off-heap.size',
];

/**
 * The change that makes the rebuilt configuration start, found and checked with the model, as
 * suggestions with exact values; a total Flink size also given as the process size it means.
 */
export function fixFromMessage(
  check: string,
  text: string,
  p: Process,
  version: FlinkVersion,
  target: Target,
): Suggestion[] {
  const rebuilt = rebuild(check, text, p, version, target);
  if (!rebuilt) return [];
  const options = { version, target, trace: false };
  const out: Suggestion[] = [];
  // A framework size raised far above its default is usually meant for the job: back to the
  // default, the total stays and the task heap gets the difference.
  for (const key of FRAMEWORK) {
    const size = rebuilt.sizes[key];
    const def = defaultBytes(key, version);
    if (size === undefined || def === null || size <= def) continue;
    const r = compute(applyChanges(rebuilt.config, { [key]: null }), p, options);
    if (!r.ok) continue;
    out.push({
      key,
      current: `${fmt(size)} (from the message)`,
      suggested: 'remove',
      why: `back to the default ${fmt(def)}: framework memory is Flink's own, a job's objects live in task heap (taskmanager.memory.task.heap.size), which gets what is left of the same total Flink memory`,
      effect: breakdown(p, r.sizes as unknown as Readonly<Record<string, bigint>>),
    });
  }
  const found = findFix(rebuilt.config, p, options);
  if (!found) return out;
  const fixed = applyChanges(rebuilt.config, found.changes);
  const after = compute(fixed, p, options);
  if (!after.ok) return out;
  const effect = breakdown(p, after.sizes as unknown as Readonly<Record<string, bigint>>);
  const or = out.length > 0 ? 'or, keeping those sizes: ' : '';
  const basis = `${or}the sizes in Flink's message, rebuilt as ${listed(rebuilt.sizes)}, fail the same check with the same numbers; this change makes them pass Flink's start-up checks`;
  out.push(
    ...Object.entries(found.changes).map(([key, value]) => {
      const was = rebuilt.sizes[key];
      return {
        key,
        current: was !== undefined ? `${fmt(was)} (from the message)` : 'not in the message',
        suggested: value ?? 'remove',
        why: basis,
        effect,
      };
    }),
  );
  const flinkKey = `${p}.memory.flink.size`;
  const processKey = `${p}.memory.process.size`;
  const newFlink = found.changes[flinkKey];
  if (newFlink && !(processKey in found.changes) && !rebuilt.config.has(processKey)) {
    // Total Flink memory is often derived from a configured process size: say what that would be.
    const total = after.sizes.totalProcess;
    const round = ((total + MIB - 1n) / MIB) * MIB;
    const viaProcess = applyChanges(applyChanges(rebuilt.config, { [flinkKey]: null }), {
      [processKey]: formatSizeForConfig(round),
    });
    const check2 = compute(viaProcess, p, options);
    if (check2.ok && check2.sizes.totalFlink >= after.sizes.totalFlink) {
      out.push({
        key: processKey,
        current: 'not in the message',
        suggested: formatSizeForConfig(round),
        why: `if you size the whole process instead of ${flinkKey}: ${fmt(round)} holds total Flink memory of ${fmt(check2.sizes.totalFlink)} plus JVM metaspace and overhead (checked with the model); set one of the two`,
      });
    }
  }
  return out;
}
