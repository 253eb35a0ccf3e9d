/**
 * rocksdb-without-managed-memory, managed-memory-unused, container-memory-exceeded and the two
 * operator rules: cases the fixtures cannot express (rule options, fixes, several limits).
 */
import { describe, expect, it } from 'vitest';
import containerMemoryExceeded from '../rules/container-memory-exceeded.js';
import memoryDerivationFails from '../rules/memory-derivation-fails.js';
import managedMemoryUnused from '../rules/managed-memory-unused.js';
import operatorMemoryOverride from '../rules/operator-memory-override.js';
import operatorMemoryUnits from '../rules/operator-memory-units.js';
import rocksdbWithoutManagedMemory from '../rules/rocksdb-without-managed-memory.js';
import { parseResourceMemoryString } from '../src/config/operator-memory.js';
import { parseQuantity } from '../src/config/quantity.js';
import { parseMemorySize } from '../src/primitives/memory-size.js';
import { applyToFlatFile, derive, lint } from './rules.helpers.js';

const TOTALS = 'jobmanager.memory.process.size: 1600m\ntaskmanager.memory.process.size: 4g\n';

function deployment(lines: readonly string[], tm = '2Gi'): string {
  return [
    'apiVersion: flink.apache.org/v1beta1',
    'kind: FlinkDeployment',
    'metadata: { name: x }',
    'spec:',
    '  flinkVersion: v1_20',
    ...lines,
    '  jobManager: { resource: { memory: 1600Mi, cpu: 1 } }',
    `  taskManager: { resource: { memory: ${tm}, cpu: 1 } }`,
    '',
  ].join('\n');
}

describe('rocksdb-without-managed-memory', () => {
  it.each([
    ['managed size 0', 'taskmanager.memory.managed.size: 0\n'],
    ['deprecated managed size key 0', 'taskmanager.memory.size: 0\n'],
    ['managed fraction 0', 'taskmanager.memory.managed.fraction: 0\n'],
    ['managed switched off', 'state.backend.rocksdb.memory.managed: false\n'],
    [
      'no state-backend weight',
      'taskmanager.memory.managed.consumer-weights: OPERATOR:70,PYTHON:30\n',
    ],
    [
      'zero state-backend weight',
      'taskmanager.memory.managed.consumer-weights: OPERATOR:70,STATE_BACKEND:0\n',
    ],
  ])('fixes %s so that RocksDB has managed memory', (_name, line) => {
    const text = `${TOTALS}state.backend.type: rocksdb\n${line}`;
    const [f, ...rest] = lint(rocksdbWithoutManagedMemory, text, { version: '1.20' });
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('error');
    const fixed = applyToFlatFile(text, f!.fix!);
    expect(lint(rocksdbWithoutManagedMemory, fixed, { version: '1.20' })).toEqual([]);
    const tm = derive(fixed, { version: '1.20' }).tm;
    expect(tm.ok && tm.sizes.managed > 0n).toBe(true);
  });

  it.each([
    ['managed size 0', 'taskmanager.memory.managed.size: 0\n', 'taskmanager.memory.managed.size'],
    [
      'managed fraction 0',
      'taskmanager.memory.managed.fraction: 0\n',
      'taskmanager.memory.managed.fraction',
    ],
  ])('reports %s even when the rest of the memory does not derive', (_name, line, key) => {
    // 3g of task heap does not fit into 2g of process memory: the derivation fails on its own.
    const text = `jobmanager.memory.process.size: 1600m\ntaskmanager.memory.process.size: 2g\ntaskmanager.memory.task.heap.size: 3g\nstate.backend.type: rocksdb\n${line}`;
    expect(derive(text, { version: '1.20' }).tm.ok).toBe(false);
    const [f, ...rest] = lint(rocksdbWithoutManagedMemory, text, { version: '1.20' });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ line: 5, key, severity: 'error' });
    expect(
      lint(rocksdbWithoutManagedMemory, text.replace(/: 0\n$/, ': 0.3\n'), { version: '1.20' }),
    ).toEqual([]);
  });

  it('accepts the DATAPROC weight that 1.13-1.20 still read for the state backend, not in 2.0', () => {
    const text = `${TOTALS}state.backend.type: rocksdb\ntaskmanager.memory.managed.consumer-weights: DATAPROC:70,PYTHON:30\n`;
    expect(lint(rocksdbWithoutManagedMemory, text, { version: '1.20' })).toEqual([]);
    expect(lint(rocksdbWithoutManagedMemory, text, { version: '2.0' })).toHaveLength(1);
  });

  it('has no fix when dropping the managed size would leave a fine-grained config without a size', () => {
    const text =
      'jobmanager.memory.process.size: 1600m\ntaskmanager.memory.task.heap.size: 1g\ntaskmanager.memory.managed.size: 0\nstate.backend.type: rocksdb\n';
    const [f] = lint(rocksdbWithoutManagedMemory, text, { version: '1.20' });
    expect(f?.key).toBe('taskmanager.memory.managed.size');
    expect(f?.fix).toBeUndefined();
  });

  it('ignores state.backend.type before 1.17, which Flink does not read there', () => {
    const text = `${TOTALS}state.backend.type: rocksdb\ntaskmanager.memory.managed.fraction: 0\n`;
    expect(
      lint(rocksdbWithoutManagedMemory, text, { version: '1.16', format: 'flink-conf' }),
    ).toEqual([]);
  });
});

describe('managed-memory-unused', () => {
  it('reports exactly the managed bytes, which the fix hands to the task heap', () => {
    const text = `${TOTALS}state.backend.type: hashmap\n`;
    const [f] = lint(managedMemoryUnused, text, { version: '1.20' });
    const before = derive(text, { version: '1.20' }).tm;
    if (!before.ok) throw new Error('expected a derivation');
    expect(f?.message).toContain(`(${before.sizes.managed} bytes)`);
    const after = derive(applyToFlatFile(text, f!.fix!), { version: '1.20' }).tm;
    expect(after.ok && after.sizes.managed).toBe(0n);
    expect(after.ok && after.sizes.taskHeap - before.sizes.taskHeap).toBe(before.sizes.managed);
  });

  it('assumes the hashmap default for an unset backend only when told to, and only from 1.19', () => {
    const rules = {
      'managed-memory-unused': ['warning', { unsetBackendIsHashmap: true }] as const,
    };
    expect(lint(managedMemoryUnused, TOTALS, { version: '1.20' })).toEqual([]);
    const [f] = lint(managedMemoryUnused, TOTALS, { version: '1.20', rules });
    expect(f).toMatchObject({ line: 1, column: 1 });
    expect(f?.message).toContain('unless the job sets another state backend in code');
    expect(lint(managedMemoryUnused, TOTALS, { version: '1.18', rules })).toEqual([]);
  });

  it('stays quiet for batch and automatic mode, and for Python', () => {
    for (const extra of [
      'execution.runtime-mode: BATCH\n',
      'execution.runtime-mode: AUTOMATIC\n',
      'python.executable: python3\n',
    ]) {
      expect(
        lint(managedMemoryUnused, `${TOTALS}state.backend.type: hashmap\n${extra}`, {
          version: '1.20',
        }),
        extra,
      ).toEqual([]);
    }
    expect(
      lint(
        managedMemoryUnused,
        `${TOTALS}state.backend.type: hashmap\nexecution.runtime-mode: streaming\n`,
        { version: '1.20' },
      ),
    ).toHaveLength(1);
  });
});

describe('container-memory-exceeded', () => {
  it('compares each process with the smallest limit that applies to it', () => {
    const manifest = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: conf }',
      'data:',
      '  config.yaml: |',
      '    jobmanager.memory.process.size: 1600m',
      '    taskmanager.memory.process.size: 3g',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: flink }',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: main',
      '          resources: { limits: { memory: 1500Mi } }',
      '',
    ].join('\n');
    // The Deployment's process is unknown, so its limit applies to both.
    const found = lint(containerMemoryExceeded, manifest, {
      format: 'k8s',
      version: '1.20',
      containerMemory: '2g',
    });
    expect(found.map((f) => [f.line, f.key, f.fix])).toEqual([
      [6, 'jobmanager.memory.process.size', { 'jobmanager.memory.process.size': '1500m' }],
      [7, 'taskmanager.memory.process.size', { 'taskmanager.memory.process.size': '1500m' }],
    ]);
    expect(found[1]?.message).toContain(
      '3 GiB (3221225472 bytes), above the 1.46 GiB (1572864000 bytes) memory limit',
    );
  });

  it('points at a limit factor below 1, which puts the pod limit under the process size', () => {
    const text = deployment([
      '  flinkConfiguration:',
      '    kubernetes.taskmanager.memory.limit-factor: "0.8"',
    ]);
    const [f, ...rest] = lint(containerMemoryExceeded, text, { format: 'k8s' });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      line: 7,
      key: 'kubernetes.taskmanager.memory.limit-factor',
      fix: { 'kubernetes.taskmanager.memory.limit-factor': '1.0' },
    });
  });

  it('changes the resource field when the operator sets the process size from it', () => {
    const [f] = lint(containerMemoryExceeded, deployment([], '5Gi'), {
      format: 'k8s',
      containerMemory: '4Gi',
    });
    expect(f?.fix).toEqual({ 'spec.taskManager.resource.memory': '4Gi' });
    expect(f?.message).toMatch(/^"spec.taskManager.resource.memory" \(5Gi\) is 5 GiB/);
  });

  it('only proposes a process size that still starts', () => {
    const text =
      'jobmanager.memory.process.size: 1600m\ntaskmanager.memory.process.size: 2g\ntaskmanager.memory.task.heap.size: 512m\n';
    const found = lint(containerMemoryExceeded, text, { version: '1.20', containerMemory: '1g' });
    const f = found.find((x) => x.key === 'taskmanager.memory.process.size');
    expect(f).toBeDefined();
    expect(f?.fix).toBeUndefined();
  });
});

describe('memory-derivation-fails in a FlinkDeployment', () => {
  it('fixes the resource field the operator sizes the process from, spelt as it is spelt there', () => {
    const lines = [
      '  flinkConfiguration:',
      '    taskmanager.memory.process.size: "8g"',
      '    taskmanager.memory.jvm-metaspace.size: 1g',
    ];
    const found = lint(memoryDerivationFails, deployment(lines, '1024m'), { format: 'k8s' });
    expect(found.map((f) => f.fix)).toEqual([{ 'spec.taskManager.resource.memory': '2048m' }]);
    expect(found[0]?.message).toContain(
      '"taskmanager.memory.process.size" (1024m from "spec.taskManager.resource.memory") is too small',
    );
    const tm = derive(
      deployment(lines, '1024m'),
      { format: 'k8s', version: '1.20' },
      { 'taskmanager.memory.process.size': '2048m' },
    ).tm;
    expect(tm.ok).toBe(true);
    const [binary] = lint(memoryDerivationFails, deployment(lines, '1Gi'), { format: 'k8s' });
    expect(binary?.fix).toEqual({ 'spec.taskManager.resource.memory': '2Gi' });
  });
});

describe('operator-memory-override', () => {
  it('removes the overridden line by its YAML path, leaving the process size the operator sets', () => {
    const text = deployment(['  flinkConfiguration:', '    taskmanager.memory.process.size: "8g"']);
    const [f] = lint(operatorMemoryOverride, text, { format: 'k8s' });
    expect(f).toMatchObject({
      line: 7,
      fix: { 'spec.flinkConfiguration.taskmanager.memory.process.size': null },
    });
    expect(f?.message).toContain('so the TaskManager runs with 2 GiB');
    const tm = derive(text, { format: 'k8s', version: '1.20' }, f!.fix).tm;
    expect(tm.ok && tm.sizes.totalProcess).toBe(2n ** 31n);
  });

  it('says nothing when the overridden process size is the resource memory itself, as the autotuner writes it', () => {
    expect(
      lint(
        operatorMemoryOverride,
        deployment(['  flinkConfiguration:', '    taskmanager.memory.process.size: 2048 mb']),
        { format: 'k8s' },
      ),
    ).toEqual([]);
    expect(
      lint(
        operatorMemoryOverride,
        deployment(['  flinkConfiguration:', '    taskmanager.memory.process.size: 2049 mb']),
        { format: 'k8s' },
      ),
    ).toHaveLength(1);
  });

  it('says nothing without resource memory in the spec, or outside a FlinkDeployment', () => {
    const noResource = [
      'apiVersion: flink.apache.org/v1beta1',
      'kind: FlinkDeployment',
      'metadata: { name: x }',
      'spec:',
      '  flinkConfiguration:',
      '    taskmanager.memory.process.size: "2g"',
      '    taskmanager.memory.flink.size: "1g"',
      '',
    ].join('\n');
    expect(lint(operatorMemoryOverride, noResource, { format: 'k8s' })).toEqual([]);
    expect(lint(operatorMemoryOverride, `${TOTALS}taskmanager.memory.flink.size: 3g\n`)).toEqual(
      [],
    );
  });
});

describe('operator-memory-units', () => {
  it.each([
    ['2G', '2Gi', 2n ** 31n],
    ['2000M', '2000Mi', 2000n * 2n ** 20n],
    ['4g', '4Gi', 2n ** 32n],
    ['3gb', '3Gi', 3n * 2n ** 30n],
    ['1.5g', '1536Mi', 1536n * 2n ** 20n],
    ['1.5Gi', '1536Mi', 1536n * 2n ** 20n],
  ])(
    '%s becomes %s, which the operator and Kubernetes both read as the same bytes',
    (text, spelled, bytes) => {
      const [f] = lint(operatorMemoryUnits, deployment([], text), { format: 'k8s' });
      expect(f?.fix).toEqual({ 'spec.taskManager.resource.memory': spelled });
      expect(parseResourceMemoryString(spelled).bytes).toBe(bytes);
      expect(parseQuantity(spelled)?.bytes).toBe(bytes);
      expect(parseMemorySize(parseResourceMemoryString(spelled).value!)).toBe(bytes);
    },
  );

  it.each(['2Gi', '2048Mi', '2147483648', '2048m'])('leaves %s alone', (text) => {
    expect(lint(operatorMemoryUnits, deployment([], text), { format: 'k8s' })).toEqual([]);
  });

  it('explains both readings of a decimal suffix', () => {
    const [f] = lint(operatorMemoryUnits, deployment([], '2G'), { format: 'k8s' });
    expect(f?.message).toBe(
      '"spec.taskManager.resource.memory" (2G) is 2 GiB (2147483648 bytes) for the operator but 2000000000 bytes for Kubernetes and most platforms',
    );
  });
});
