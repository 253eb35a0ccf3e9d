/**
 * unknown-key, deprecated-key and removed-key: what they report, and that every fix does what
 * it says: a rename keeps the value, a conversion derives exactly the sizes the old key gave.
 */
import { describe, expect, it } from 'vitest';
import deprecatedKey from '../rules/deprecated-key.js';
import removedKey from '../rules/removed-key.js';
import unknownKey from '../rules/unknown-key.js';
import type { LintOptions } from './rules.helpers.js';
import { applyToFlatFile, derive, lint } from './rules.helpers.js';

const TOTALS = 'jobmanager.memory.process.size: 1600m\n';

describe('unknown-key', () => {
  it('renames an invented key to the option it meant, keeping the value', () => {
    const text = `${TOTALS}taskmanager.memory.process.size: 4g\nflink.memory.managed.fraction: 0.25\n`;
    const [f, ...rest] = lint(unknownKey, text, { version: '1.20' });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ line: 3, key: 'flink.memory.managed.fraction', severity: 'warning' });
    expect(f?.fix).toEqual({
      'taskmanager.memory.managed.fraction': '0.25',
      'flink.memory.managed.fraction': null,
    });
    const fixed = applyToFlatFile(text, f!.fix!);
    expect(lint(unknownKey, fixed, { version: '1.20' })).toEqual([]);
    const before = derive(text, { version: '1.20' }).tm;
    const after = derive(fixed, { version: '1.20' }).tm;
    expect(before.ok && after.ok && after.sizes.managed < before.sizes.managed).toBe(true);
  });

  it('offers no rename when the meant option is already set, or when the guess is ambiguous', () => {
    const taken = `${TOTALS}taskmanager.memory.process.size: 4g\ntaskmanager.memory.managed.fraction: 0.3\nflink.memory.managed.fraction: 0.6\n`;
    const [f] = lint(unknownKey, taken, { version: '1.20' });
    expect(f?.fix).toBeUndefined();
    expect(f?.message).toContain('already set to 0.3');
    const [g] = lint(
      unknownKey,
      `${TOTALS}taskmanager.memory.process.size: 4g\nflink.memory.process.size: 4g\n`,
      { version: '1.20' },
    );
    expect(g?.fix).toBeUndefined();
    expect(g?.message).toContain(
      '"taskmanager.memory.process.size", "jobmanager.memory.process.size"',
    );
  });

  it('reports an option newer than the chosen version with the version that added it, and renames it to the key that version reads', () => {
    const text = `${TOTALS}taskmanager.memory.process.size: 4g\nstate.backend.type: rocksdb\n`;
    const [f, ...rest] = lint(unknownKey, text, { version: '1.16' });
    expect(rest).toEqual([]);
    expect(f?.message).toBe(
      '"state.backend.type" (rocksdb) was added in Flink 1.17, so Flink 1.16 ignores it: this version reads "state.backend" instead',
    );
    expect(f?.message).not.toContain('did you mean');
    expect(f?.fix).toEqual({ 'state.backend': 'rocksdb', 'state.backend.type': null });
    expect(lint(unknownKey, applyToFlatFile(text, f!.fix!), { version: '1.16' })).toEqual([]);
    expect(lint(unknownKey, text, { version: '1.17' })).toEqual([]);
  });

  it('offers no rename for a newer option whose older key needs another value, or that has no older key', () => {
    const text = `${TOTALS}taskmanager.memory.process.size: 4g\ntaskmanager.network.memory.buffers-request-timeout: 30 s\nstate.backend.rocksdb.memory.fixed-per-tm: 1g\n`;
    const found = lint(unknownKey, text, { version: '1.16' });
    expect(found.map((f) => [f.line, f.fix])).toEqual([
      [3, undefined],
      [4, undefined],
    ]);
    expect(found[0]?.message).toContain(
      '"taskmanager.network.memory.exclusive-buffers-request-timeout-ms" instead (as a number of milliseconds)',
    );
    expect(found[1]?.message).toContain('"state.backend.rocksdb.memory.fixed-per-slot"');
  });

  it('removes a JobManager managed-memory key, since nothing reads it', () => {
    const [f] = lint(
      unknownKey,
      `${TOTALS}taskmanager.memory.process.size: 4g\njobmanager.memory.managed.size: 512m\n`,
      { version: '1.20' },
    );
    expect(f?.fix).toEqual({ 'jobmanager.memory.managed.size': null });
    expect(f?.message).toContain('the JobManager has no managed memory');
  });

  it("checks FlinkDeployment configuration but leaves the autoscaler's own keys alone", () => {
    const manifest = [
      'apiVersion: flink.apache.org/v1beta1',
      'kind: FlinkDeployment',
      'metadata: { name: x }',
      'spec:',
      '  flinkVersion: v1_20',
      '  flinkConfiguration:',
      '    job.autoscaler.memory.tuning.enabled: "true"',
      '    kubernetes.operator.job.autoscaler.memory.tuning.overhead: "0.2"',
      '    taskmanager.memory.managed.fractoin: "0.3"',
      '  jobManager: { resource: { memory: 1600Mi, cpu: 1 } }',
      '  taskManager: { resource: { memory: 2Gi, cpu: 1 } }',
      '',
    ].join('\n');
    const found = lint(unknownKey, manifest, { format: 'k8s' });
    expect(found.map((f) => [f.line, f.key])).toEqual([[9, 'taskmanager.memory.managed.fractoin']]);
  });
});

describe('deprecated-key', () => {
  // Each conversion must give exactly the sizes Flink derived from the deprecated key.
  it.each<[string, string, LintOptions]>([
    [
      'heap.mb on Kubernetes',
      'taskmanager.heap.mb: 1500\n',
      { version: '1.20', target: 'kubernetes' },
    ],
    [
      'heap.size standalone',
      'taskmanager.heap.size: 1536m\n',
      { version: '1.18', target: 'standalone' },
    ],
    [
      'JobManager heap standalone',
      'taskmanager.memory.process.size: 2g\njobmanager.heap.size: 1g\n',
      { version: '1.15', target: 'standalone' },
    ],
    [
      'managed size',
      'taskmanager.memory.process.size: 4g\ntaskmanager.memory.size: 700m\n',
      { version: '1.20' },
    ],
    [
      'network fallback keys',
      'taskmanager.memory.process.size: 4g\ntaskmanager.network.memory.min: 200m\ntaskmanager.network.memory.fraction: 0.2\n',
      { version: '1.20' },
    ],
    [
      'number of buffers',
      'taskmanager.memory.process.size: 4g\ntaskmanager.network.numberOfBuffers: 3000\n',
      { version: '1.20' },
    ],
  ])('converts %s without changing any size', (_name, body, opts) => {
    const text = body.includes('jobmanager.') ? body : `${TOTALS}${body}`;
    const found = lint(deprecatedKey, text, opts);
    expect(found.length).toBeGreaterThan(0);
    let fixed = text;
    for (const f of found) fixed = applyToFlatFile(fixed, f.fix!);
    expect(lint(deprecatedKey, fixed, opts)).toEqual([]);
    const [before, after] = [derive(text, opts), derive(fixed, opts)];
    expect(before.tm.ok && before.jm.ok).toBe(true);
    expect(after.tm.ok && after.tm.sizes).toEqual(before.tm.ok && before.tm.sizes);
    expect(after.jm.ok && after.jm.sizes).toEqual(before.jm.ok && before.jm.sizes);
  });

  it('reports a key only in the versions where it is deprecated and still read', () => {
    const text = `${TOTALS}taskmanager.memory.process.size: 1728m\nstate.backend: rocksdb\ntaskmanager.heap.size: 1g\n`;
    expect(lint(deprecatedKey, text, { version: '1.16' }).map((f) => f.key)).toEqual([
      'taskmanager.heap.size',
    ]);
    expect(lint(deprecatedKey, text, { version: '1.17' }).map((f) => f.key)).toEqual([
      'state.backend',
      'taskmanager.heap.size',
    ]);
    expect(lint(deprecatedKey, text, { version: '2.0' }).map((f) => f.key)).toEqual([
      'state.backend',
    ]);
  });

  it('says the new key wins when both are set, and only removes the old one', () => {
    const text = `${TOTALS}taskmanager.memory.process.size: 4g\ntaskmanager.memory.network.min: 100m\ntaskmanager.network.memory.min: 300m\n`;
    const [f] = lint(deprecatedKey, text, { version: '1.20' });
    expect(f?.message).toContain('"taskmanager.memory.network.min" (100m) is set too and wins');
    expect(f?.fix).toEqual({ 'taskmanager.network.memory.min': null });
  });

  it('has no fix for a deprecated option that nothing replaces', () => {
    const [f] = lint(
      deprecatedKey,
      `${TOTALS}taskmanager.memory.process.size: 4g\ntaskmanager.network.memory.max-buffers-per-channel: 20\n`,
      { version: '1.20' },
    );
    expect(f?.message).toContain(
      'has no replacement: Flink 2.0 always allows at most 10 buffers per channel',
    );
    expect(f?.fix).toBeUndefined();
  });
});

describe('removed-key', () => {
  it('turns a legacy heap that 2.0 ignores into the option 1.20 mapped it to, with the same sizes', () => {
    const body = `${TOTALS}taskmanager.heap.size: 3g\n`;
    const [f] = lint(removedKey, body, { version: '2.0' });
    expect(f?.message).toContain('which now has no total memory at all');
    expect(f?.fix).toEqual({
      'taskmanager.memory.flink.size': '3g',
      'taskmanager.heap.size': null,
    });
    const fixed = applyToFlatFile(body, f!.fix!);
    const old = derive(body, { version: '1.20' }).tm;
    const now = derive(fixed, { version: '2.0' }).tm;
    expect(now.ok && now.sizes).toEqual(old.ok && old.sizes);
  });

  it('replaces a removed number of buffers by the network size 1.20 derived from it', () => {
    const body = `${TOTALS}taskmanager.memory.process.size: 4g\ntaskmanager.network.numberOfBuffers: 5000\n`;
    const [f] = lint(removedKey, body, { version: '2.0' });
    const now = derive(applyToFlatFile(body, f!.fix!), { version: '2.0' }).tm;
    const old = derive(body, { version: '1.20' }).tm;
    expect(old.ok && old.sizes.network).toBe(5000n * 32768n);
    expect(now.ok && now.sizes.network).toBe(5000n * 32768n);
  });

  it('deletes keys that are read by no version any more, which changes nothing', () => {
    const body = `${TOTALS}taskmanager.memory.process.size: 1728m\ntaskmanager.memory.fraction: 0.7\ntaskmanager.network.memory.buffers-per-channel: 4\n`;
    const found = lint(removedKey, body, { version: '2.0' });
    expect(found.map((f) => f.fix)).toEqual([
      { 'taskmanager.memory.fraction': null },
      { 'taskmanager.network.memory.buffers-per-channel': null },
    ]);
    expect(found[0]?.message).toContain(
      '"taskmanager.memory.managed.fraction" is a share of total Flink memory',
    );
    expect(lint(removedKey, body, { version: '1.20' }).map((f) => f.key)).toEqual([
      'taskmanager.memory.fraction',
    ]);
  });

  it('says a legacy heap had no effect when its target was set anyway', () => {
    const [f] = lint(
      removedKey,
      `${TOTALS}taskmanager.memory.process.size: 2g\ntaskmanager.heap.mb: 1024\n`,
      { version: '2.0', target: 'kubernetes' },
    );
    expect(f?.message).toContain('had no effect before either');
    expect(f?.fix).toEqual({ 'taskmanager.heap.mb': null });
  });
});
