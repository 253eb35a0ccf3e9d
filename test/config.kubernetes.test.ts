import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadText, parseQuantity } from '../src/config/index.js';
import type { ConfigDocument, LoadedFile } from '../src/config/index.js';
import { parseResourceMemoryString } from '../src/config/operator-memory.js';

const FIXTURES = new URL('../fixtures/config/', import.meta.url).pathname;
const fixture = (name: string) => readFileSync(FIXTURES + name, 'utf8');

function k8s(text: string, file = 'deploy.yaml'): LoadedFile {
  const f = loadText(text, file);
  expect(f.format).toBe('k8s');
  return f;
}

const only = (f: LoadedFile): ConfigDocument => {
  expect(f.documents).toHaveLength(1);
  return f.documents[0]!;
};

function deployment(spec: string): string {
  return `apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: x\nspec:\n${spec}`;
}

describe('FlinkDeployment: the configuration the operator builds', () => {
  const text = fixture('flinkdeployment.yaml');
  const f = k8s(text);
  const d = only(f);

  it('reads the FlinkDeployment document only, with its index', () => {
    expect(f.problems).toEqual([]);
    expect(d.docIndex).toBe(1);
    expect(d.format).toBe('k8s');
    expect(d.kubernetes).toMatchObject({ kind: 'FlinkDeployment', name: 'orders' });
    expect(d.kubernetes!.flinkVersion).toMatchObject({
      text: 'v1_20',
      span: { line: 18, column: 17 },
    });
    expect(d.kubernetes!.annotations['flink-mem/ignore']).toBe('container-memory-exceeded');
  });

  it('flinkConfiguration values are text as written, flat or nested', () => {
    expect(d.effective.get('taskmanager.numberOfTaskSlots')?.value).toEqual({
      kind: 'string',
      text: '4',
    });
    expect(d.effective.get('taskmanager.memory.managed.fraction')?.value).toEqual({
      kind: 'string',
      text: '0.4',
    });
    expect(d.effective.get('taskmanager.memory.network.max')?.value).toEqual({
      kind: 'string',
      text: '256m',
    });
    const slots = d.effective.get('taskmanager.numberOfTaskSlots')!;
    expect(slots.path).toBe('spec.flinkConfiguration.taskmanager.numberOfTaskSlots');
    expect(slots.keySpan).toMatchObject({ line: 20, column: 5 });
  });

  it('resource memory is applied after flinkConfiguration and overrides it', () => {
    const tm = d.entries.filter((e) => e.key === 'taskmanager.memory.process.size');
    expect(tm.map((e) => [e.source, e.overridden === true])).toEqual([
      ['file', true],
      ['operator-resource', false],
    ]);
    const winner = d.effective.get('taskmanager.memory.process.size')!;
    // Flink's own grammar reads 2G first: 2 GiB, written back as MemorySize.toString().
    expect(winner).toMatchObject({
      value: { kind: 'string', text: '2 gb' },
      text: '2G',
      path: 'spec.taskManager.resource.memory',
      valueSpan: { line: 32, column: 15 },
    });
    expect(d.effective.get('jobmanager.memory.process.size')!.value).toEqual({
      kind: 'string',
      text: '2 gb',
    });
  });

  it('records how the operator and Kubernetes read each resource memory', () => {
    expect(d.kubernetes!.resources).toEqual([
      expect.objectContaining({
        process: 'jobmanager',
        field: 'spec.jobManager.resource.memory',
        text: '2048m',
        operatorBytes: 2147483648n,
        kubernetesBytes: 3n,
      }),
      expect.objectContaining({
        process: 'taskmanager',
        field: 'spec.taskManager.resource.memory',
        text: '2G',
        operatorBytes: 2147483648n,
        kubernetesBytes: 2000000000n,
      }),
    ]);
  });

  it('collects the main container limit of pod templates, not sidecars', () => {
    expect(d.kubernetes!.limits).toEqual([
      expect.objectContaining({
        process: 'taskmanager',
        text: '2Gi',
        bytes: 2147483648n,
        field: 'spec.taskManager.podTemplate.spec.containers[0].resources.limits.memory',
      }),
    ]);
    expect(d.kubernetes!.limits[0]!.span).toMatchObject({ line: 40, column: 25 });
  });
});

describe('FlinkDeployment: resources vs resource', () => {
  it('resources.requests.memory wins over resource.memory; limits are container limits', () => {
    const d = only(
      k8s(
        deployment(
          '  taskManager:\n    resource:\n      memory: 4g\n    resources:\n      requests:\n        memory: 2Gi\n      limits:\n        memory: 3Gi\n',
        ),
      ),
    );
    expect(d.kubernetes!.resources).toEqual([
      expect.objectContaining({
        field: 'spec.taskManager.resources.requests.memory',
        operatorValue: '2147483648',
        operatorBytes: 2147483648n,
        kubernetesBytes: 2147483648n,
      }),
    ]);
    expect(d.effective.get('taskmanager.memory.process.size')!.value).toEqual({
      kind: 'string',
      text: '2147483648',
    });
    expect(d.kubernetes!.limits).toEqual([
      expect.objectContaining({
        process: 'taskmanager',
        field: 'spec.taskManager.resources.limits.memory',
        bytes: 3n * 2n ** 30n,
      }),
    ]);
  });

  it('falls back to resources.limits.memory without a request', () => {
    const d = only(
      k8s(deployment('  jobManager:\n    resources:\n      limits:\n        memory: 1Gi\n')),
    );
    expect(d.kubernetes!.resources[0]).toMatchObject({
      field: 'spec.jobManager.resources.limits.memory',
      operatorBytes: 1073741824n,
    });
  });

  it('a fraction turns into a string Flink cannot parse', () => {
    const d = only(k8s(deployment('  taskManager:\n    resource:\n      memory: 1.5g\n')));
    expect(d.kubernetes!.resources[0]).toMatchObject({
      operatorValue: '1500000000.0',
      operatorBytes: null,
      kubernetesBytes: null,
    });
    expect(d.effective.get('taskmanager.memory.process.size')!.value).toEqual({
      kind: 'string',
      text: '1500000000.0',
    });
  });

  it('a text neither grammar reads writes nothing', () => {
    const d = only(
      k8s(
        deployment(
          '  taskManager:\n    resource:\n      memory: lots\n  flinkConfiguration:\n    taskmanager.memory.process.size: 1g\n',
        ),
      ),
    );
    expect(d.kubernetes!.resources[0]).toMatchObject({
      operatorValue: null,
      operatorBytes: null,
      kubernetesBytes: null,
    });
    expect(d.effective.get('taskmanager.memory.process.size')).toMatchObject({
      source: 'file',
      text: '1g',
    });
  });

  it('a null in flinkConfiguration is a problem of the document', () => {
    const d = only(k8s(deployment('  flinkConfiguration:\n    a: 1\n    b:\n')));
    expect(d.problems.map((p) => `${p.span.line}:${p.kind}:${p.key}`)).toEqual(['8:null-value:b']);
  });
});

describe('FlinkDeployment: hostile input', () => {
  it('an alias bomb in flinkConfiguration stops with a problem', () => {
    const anchors = ['  a0: &a0 {x: 1, y: 2, z: 3, w: 4, v: 5, u: 6, t: 7, s: 8}'];
    for (let i = 1; i < 9; i++)
      anchors.push(
        `  a${i}: &a${i} {${Array.from({ length: 8 }, (_, j) => `k${j}: *a${i - 1}`).join(', ')}}`,
      );
    const text =
      `x-anchors:\n${anchors.join('\n')}\n` + deployment('  flinkConfiguration:\n    bomb: *a8\n');
    const t0 = Date.now();
    const d = only(k8s(text));
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(d.problems.map((p) => p.kind)).toContain('yaml-syntax');
  });
});

describe('operator memory parsing (parseResourceMemoryString)', () => {
  const cases: [string, string | null, bigint | null][] = [
    ['2g', '2 gb', 2n ** 31n],
    ['2G', '2 gb', 2n ** 31n],
    ['2gb', '2 gb', 2n ** 31n],
    ['512m', '512 mb', 512n * 2n ** 20n],
    ['2Gi', '2147483648', 2n ** 31n],
    ['2gi', '2147483648', 2n ** 31n],
    ['2GiB', '2147483648', 2n ** 31n],
    ['512Mi', '536870912', 536870912n],
    ['1.5g', '1500000000.0', null],
    ['1.5Gi', '1610612736.0', null],
    ['1e3', '1000', 1000n],
    ['1Ei', '1.152921504606847E+18', null],
    ['2E', '2.000000000000000E+18', null],
    ['1.5k', null, null],
    ['lots', null, null],
  ];
  for (const [text, value, bytes] of cases) {
    it(`${text} -> ${value}`, () => {
      expect(parseResourceMemoryString(text)).toEqual({ value, bytes });
    });
  }
});

describe('Kubernetes quantities', () => {
  it('decimal and binary suffixes, exponents and fractions', () => {
    expect(parseQuantity('2G')).toEqual({
      bytes: 2000000000n,
      exact: true,
      decimalString: '2000000000',
    });
    expect(parseQuantity('2Gi')).toEqual({
      bytes: 2147483648n,
      exact: true,
      decimalString: '2147483648',
    });
    expect(parseQuantity('1.5Gi')?.bytes).toBe(1610612736n);
    expect(parseQuantity('1e3')?.bytes).toBe(1000n);
    expect(parseQuantity('1E3')?.bytes).toBe(1000n);
    expect(parseQuantity('500m')).toEqual({ bytes: 1n, exact: false, decimalString: '0.5' });
    expect(parseQuantity('.5k')?.bytes).toBe(500n);
    expect(parseQuantity('129e-2')).toEqual({ bytes: 2n, exact: false, decimalString: '1.29' });
    expect(parseQuantity('123')?.bytes).toBe(123n);
  });

  it('rejects what Kubernetes rejects', () => {
    for (const t of ['2g', '2gb', '2GB', '', 'G', '1 G', '1.2.3', '1Ki1', 'abc', '--1'])
      expect(parseQuantity(t), t).toBeNull();
  });
});

describe('ConfigMap with an embedded Flink file', () => {
  it('reads flink-conf.yaml from a literal block with manifest positions', () => {
    const text = fixture('configmap-flink-conf.yaml');
    const f = k8s(text);
    const d = only(f);
    expect(d.kubernetes).toMatchObject({ kind: 'ConfigMap', name: 'flink-config', resources: [] });
    expect([...d.effective.keys()]).toEqual([
      'jobmanager.memory.process.size',
      'taskmanager.memory.process.size',
    ]);
    const jm = d.effective.get('jobmanager.memory.process.size')!;
    expect(jm.keySpan).toMatchObject({ line: 9, column: 5, endColumn: 35 });
    expect(text.slice(jm.valueSpan!.offset, jm.valueSpan!.endOffset)).toBe('1600m');
    expect(text.slice(jm.lineSpan!.offset, jm.lineSpan!.endOffset)).toBe(
      '    jobmanager.memory.process.size: 1600m\n',
    );
    expect(d.problems.map((p) => `${p.span.line}:${p.span.column}:${p.kind}`)).toEqual([
      '10:5:legacy-duplicate',
      '10:38:legacy-quoted',
      '11:5:legacy-missing-space',
    ]);
    expect(d.problems[1]!.replacementLine).toBe('    taskmanager.memory.process.size: 1728m');
    expect(d.problems[2]!.replacementLine).toBe('    taskmanager.numberOfTaskSlots: 2');
  });

  it('attaches Deployment and StatefulSet limits with the process guessed', () => {
    const d = only(k8s(fixture('configmap-flink-conf.yaml')));
    expect(d.kubernetes!.limits.map((l) => [l.process, l.text, l.bytes, l.span?.line])).toEqual([
      ['taskmanager', '1700Mi', 1700n * 2n ** 20n, 26],
      ['jobmanager', '2Gi', 2n ** 31n, 40],
    ]);
  });

  it('reads config.yaml from a CRLF manifest, typed, with positions', () => {
    const text = fixture('configmap-config-yaml-crlf.yaml');
    const d = only(k8s(text));
    expect(d.effective.get('taskmanager.memory.process.size')).toMatchObject({
      value: { kind: 'int', value: 16n },
      keySpan: { line: 9, column: 9 },
    });
    const e = d.effective.get('taskmanager.memory.process.size')!;
    expect(text.slice(e.valueSpan!.offset, e.valueSpan!.endOffset)).toBe('0x10');
    expect(d.problems).toEqual([
      expect.objectContaining({
        kind: 'null-value',
        key: 'jobmanager.memory.process.size',
        span: expect.objectContaining({ line: 10, column: 5 }),
      }),
    ]);
  });

  it('honours an explicit indentation indicator and maps rewrites back with the indentation', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\ndata:\n  flink-conf.yaml: |2-\n      extra.indent: 1\n    a: 2\n\n    b:c\n';
    const d = only(k8s(text));
    expect(d.effective.get('extra.indent')!.keySpan).toMatchObject({ line: 5, column: 7 });
    expect(d.effective.get('a')!.keySpan).toMatchObject({ line: 6, column: 5 });
    expect(d.problems).toEqual([
      expect.objectContaining({
        kind: 'legacy-missing-space',
        span: expect.objectContaining({ line: 8, column: 5 }),
        replacementLine: '    b: c',
      }),
    ]);
  });

  it('a folded block is read as Flink gets it (one line)', () => {
    const d = only(
      k8s('apiVersion: v1\nkind: ConfigMap\ndata:\n  flink-conf.yaml: >\n    a: 1\n    b: 2\n'),
    );
    expect([...d.effective.entries()].map(([k, e]) => [k, e.text])).toEqual([['a', '1 b: 2']]);
    expect(d.effective.get('a')!.keySpan).toMatchObject({ line: 4, column: 20 });
  });

  it('a quoted embedded file is read, its positions are the whole value', () => {
    const d = only(
      k8s('apiVersion: v1\nkind: ConfigMap\ndata:\n  flink-conf.yaml: "a: 1\\nb:2\\n"\n'),
    );
    expect(d.effective.get('a')?.value).toEqual({ kind: 'string', text: '1' });
    expect(d.problems[0]!.span).toMatchObject({ line: 4, column: 20 });
  });
});

describe('Kubernetes files without a Flink configuration', () => {
  it('reports that the file holds no Flink configuration (a notice) at 1:1', () => {
    const f = k8s('apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n');
    expect(f.documents).toEqual([]);
    expect(f.problems).toEqual([
      expect.objectContaining({
        kind: 'not-cluster-config',
        span: expect.objectContaining({ line: 1, column: 1 }),
      }),
    ]);
  });

  it('a broken document elsewhere in the file is a file problem', () => {
    const f = k8s(
      deployment('  flinkConfiguration:\n    a: 1\n') +
        '---\napiVersion: v1\nkind: Service\nspec: [\n',
    );
    expect(f.documents).toHaveLength(1);
    expect(f.problems.map((p) => p.kind)).toContain('yaml-syntax');
  });
});
