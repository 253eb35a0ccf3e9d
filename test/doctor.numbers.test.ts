/** The suggestions that use the error's own numbers, with exact expected values. */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../src/doctor/advisor.js';
import { fractionUp, parseLooseSize, roundUp, stepUp } from '../src/doctor/quantities.js';
import { directShortfall } from '../src/doctor/signatures/direct-oom.js';
import { managedNeed } from '../src/doctor/signatures/managed-memory-insufficient.js';
import { networkNeed } from '../src/doctor/signatures/network-buffers-insufficient.js';
import { computeTaskManager } from '../src/model/compute.js';
import { applyChanges } from '../src/model/trial.js';
import { GIB, MIB } from '../src/primitives/memory-size.js';
import type { RawValue } from '../src/primitives/raw-value.js';
import { str } from '../src/primitives/raw-value.js';
import { parseVersion } from '../src/primitives/version.js';

const v20 = parseVersion('2.0')!;
const conf = (e: Record<string, string>): Map<string, RawValue> =>
  new Map(Object.entries(e).map(([k, v]) => [k, str(v)]));

const NETWORK = (required: number, available: number, total: number, segment = 32768) =>
  `java.io.IOException: Insufficient number of network buffers: required ${required}, but only ${available} available. The total number of network buffers is currently set to ${total} of ${segment} bytes each. You can increase this number by setting the configuration keys 'taskmanager.memory.network.fraction', 'taskmanager.memory.network.min', and 'taskmanager.memory.network.max'.`;

describe('network buffers: needed = total + (required - available) buffers', () => {
  it('computes buffers, bytes and the whole-MiB value to configure', () => {
    const need = networkNeed(
      { required: '1024', available: '512', total: '4096', segment: '32768' },
      { network: null, segment: 32768n },
    );
    expect(need).toEqual({
      buffers: 4608n,
      segment: 32768n,
      bytes: 150994944n,
      configured: 144n * MIB,
    });
  });

  it('rounds a partial MiB up', () => {
    const need = networkNeed(
      { required: '2048', available: '1000', total: '8192', segment: '32768' },
      { network: null, segment: 32768n },
    )!;
    expect(need.buffers).toBe(9240n);
    expect(need.bytes).toBe(302776320n);
    expect(need.configured).toBe(289n * MIB);
  });

  it("takes the total from today's network memory when the message was cut before it", () => {
    const need = networkNeed(
      { required: '1024', available: '512' },
      { network: 134217730n, segment: 32768n },
    )!;
    expect(need.buffers).toBe(4096n + 512n);
  });

  it('honours another segment size', () => {
    const need = networkNeed(
      { required: '10', available: '2', total: '1000', segment: '65536' },
      { network: null, segment: 32768n },
    )!;
    expect(need.bytes).toBe(1008n * 65536n);
    expect(need.configured).toBe(63n * MIB);
  });

  it('suggests exactly that minimum, and the fraction alternative when it fits, with a configuration', () => {
    const config = conf({
      'taskmanager.memory.process.size': '8g',
      'taskmanager.memory.network.max': '1g',
    });
    const d = diagnose({ text: NETWORK(3000, 1952, 22773), config, version: parseVersion('1.16')! })
      .diagnoses[0]!;
    const min = d.suggestions.find((s) => s.key === 'taskmanager.memory.network.min')!;
    expect(min.suggested).toBe('745m');
    expect(min.current).toBe('default 64m (67108864 bytes)');
    const fraction = d.suggestions.find((s) => s.key === 'taskmanager.memory.network.fraction')!;
    expect(fraction.suggested).toBe('0.11');
    const after = computeTaskManager(
      applyChanges(config, { 'taskmanager.memory.network.min': '745m' }),
      { version: parseVersion('1.16')!, target: 'standalone' },
    );
    expect(after.ok && after.sizes.network).toBe(745n * MIB);
    expect(min.effect).toContain('total process memory stays at 8g');
  });
});

describe('direct memory: short by allocated + requested - limit', () => {
  it('computes the shortfall of the failed reservation', () => {
    expect(
      directShortfall({ request: '8388608', allocated: '264241152', limit: '268435458' }),
    ).toBe(4194302n);
    expect(directShortfall({ request: '1024' })).toBeNull();
  });

  it('tells the process from the limit in the error when the text does not name it', () => {
    // 268435458 bytes is the direct memory limit of Flink's default 1728m TaskManager.
    const tm =
      'java.lang.OutOfMemoryError: Cannot reserve 8388608 bytes of direct buffer memory (allocated: 264241152, limit: 268435458)';
    expect(diagnose({ text: tm }).diagnoses[0]!.component).toBe('taskmanager');
    const config = conf({
      'taskmanager.memory.process.size': '4g',
      'jobmanager.memory.process.size': '2g',
      'jobmanager.memory.enable-jvm-direct-memory-limit': 'true',
      'jobmanager.memory.off-heap.size': '256m',
    });
    const jm =
      'java.lang.OutOfMemoryError: Cannot reserve 8388608 bytes of direct buffer memory (allocated: 262144000, limit: 268435456)';
    expect(diagnose({ text: jm, config }).diagnoses[0]!.component).toBe('jobmanager');
    // Without a configuration this limit tells nothing, and neither does the rest of the text.
    expect(diagnose({ text: jm }).diagnoses[0]!.component).toBe('unknown');
  });

  it('raises task off-heap by a step when the shortfall is small', () => {
    const text =
      'java.lang.OutOfMemoryError: Cannot reserve 8388608 bytes of direct buffer memory (allocated: 264241152, limit: 268435458)\n\tat org.apache.flink.runtime.taskmanager.Task.run(Task.java:568)';
    const d = diagnose({ text }).diagnoses[0]!;
    expect(
      d.suggestions.find((s) => s.key === 'taskmanager.memory.task.off-heap.size')?.suggested,
    ).toBe('128m');
  });

  it('raises it by the shortfall when that is larger, with a configuration', () => {
    const config = conf({
      'taskmanager.memory.process.size': '2g',
      'taskmanager.memory.task.off-heap.size': '64m',
    });
    const text =
      'Caused by: java.lang.OutOfMemoryError: Cannot reserve 536870912 bytes of direct buffer memory (allocated: 350000000, limit: 367756576)\n\tat org.apache.flink.runtime.taskmanager.Task.run(Task.java:568)';
    const d = diagnose({ text, config }).diagnoses[0]!;
    const offHeap = d.suggestions.find((s) => s.key === 'taskmanager.memory.task.off-heap.size')!;
    // 64m + (350000000 + 536870912 - 367756576) bytes = 586223200 bytes, up to a whole MiB.
    expect(offHeap.suggested).toBe('560m');
    expect(offHeap.current).toBe('64m (67108864 bytes)');
    const changes = Object.fromEntries(d.suggestions.map((s) => [s.key, s.suggested]));
    const after = computeTaskManager(applyChanges(config, changes), {
      version: v20,
      target: 'standalone',
    });
    expect(after.ok && after.jvmDirect).toBeGreaterThan(
      367756576n + 536870912n - (367756576n - 350000000n),
    );
    expect(after.ok && after.sizes.taskHeap).toBeGreaterThanOrEqual(496605581n);
  });
});

describe('managed memory: each slot short by requested - remaining', () => {
  const page = 32768n;
  it('adds the shortfall once per slot', () => {
    expect(
      managedNeed(
        { bytesRequested: '16777216', bytesRemaining: '8388608' },
        { managed: 536870920n, slots: 1, pageSize: page },
      ),
    ).toBe(521n * MIB);
    expect(
      managedNeed(
        { bytesRequested: '16777216', bytesRemaining: '8388608' },
        { managed: GIB, slots: 4, pageSize: page },
      ),
    ).toBe(1056n * MIB);
  });

  it('counts pages when the bytes are missing', () => {
    expect(managedNeed({ pages: '512' }, { managed: GIB, slots: 2, pageSize: page })).toBe(
      GIB + 2n * 16n * MIB,
    );
  });

  it('makes a shared resource fit into every slot', () => {
    expect(
      managedNeed({ sharedSize: String(512n * MIB) }, { managed: GIB, slots: 4, pageSize: page }),
    ).toBe(2n * GIB);
    expect(
      managedNeed(
        { sharedSize: String(512n * MIB) },
        { managed: 4n * GIB, slots: 2, pageSize: page },
      ),
    ).toBe(5n * GIB);
  });

  it('returns null without numbers', () => {
    expect(managedNeed({}, { managed: GIB, slots: 1, pageSize: page })).toBeNull();
  });

  it('turns the numbers into a fraction that keeps the TaskManager size when the task heap can spare it', () => {
    const text = [
      'Caused by: org.apache.flink.runtime.memory.MemoryAllocationException: Could not allocate 512 pages',
      'Caused by: org.apache.flink.runtime.memory.MemoryReservationException: Could not allocate 16777216 bytes, only 8388608 bytes are remaining.',
    ].join('\n');
    const d = diagnose({ text }).diagnoses[0]!;
    expect(d.id).toBe('managed-memory-insufficient');
    // 521m of 1280m total Flink memory: 0.407..., rounded up to 0.41.
    expect(d.suggestions.map((s) => [s.key, s.suggested])).toEqual([
      ['taskmanager.memory.managed.fraction', '0.41'],
    ]);
  });
});

describe('sizes and steps', () => {
  it('steps up from the nearest MiB: double under 1 GiB, +50% above', () => {
    expect(stepUp(536870920n)).toBe(GIB);
    expect(stepUp(0n)).toBe(128n * MIB);
    expect(stepUp(0n, 512n * MIB)).toBe(512n * MIB);
    expect(stepUp(1728n * MIB)).toBe(2624n * MIB);
    expect(stepUp(402653174n)).toBe(768n * MIB);
  });

  it('rounds up to MiB, and to 64 MiB from 1 GiB on', () => {
    expect(roundUp(MIB + 1n)).toBe(2n * MIB);
    expect(roundUp(GIB + 1n)).toBe(GIB + 64n * MIB);
  });

  it('reads the sizes YARN and people print', () => {
    expect(parseLooseSize('4.1 GB')).toBe(4402341478n);
    expect(parseLooseSize('4 GB')).toBe(4n * GIB);
    expect(parseLooseSize('512MB')).toBe(512n * MIB);
    expect(parseLooseSize('2Gi')).toBe(2n * GIB);
    expect(parseLooseSize('lots')).toBeNull();
  });

  it('rounds fractions up to two decimals', () => {
    expect(fractionUp(150994944n, 1342177280n)).toBe('0.12');
    expect(fractionUp(134217728n, 1342177280n)).toBe('0.10');
    expect(fractionUp(10n, 1n)).toBe('0.99');
  });
});
