/**
 * Property tests: random bytes, random YAML, mutated fixtures and random command lines. The only
 * acceptable outcomes are a result, findings, or a one-line usage error with exit 2; a throw, a
 * crashed rule or exit 3 fails and fast-check prints the (shrunk) counterexample.
 * Fixed seeds and bounded runs keep this deterministic and a few seconds long.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/api.js';
import { loadBytes, loadText, rawConfig } from '../src/config/index.js';
import type { InputFormat, LoadedFile } from '../src/config/types.js';
import { diagnose } from '../src/doctor/advisor.js';
import { computeJobManager, computeTaskManager } from '../src/model/compute.js';
import type { RawValue } from '../src/primitives/raw-value.js';
import { parseVersion } from '../src/primitives/version.js';
import { cli } from './cli-harness.js';
import { expectNoCrash } from './robust.helpers.js';

/** CI runs one fixed seed; FLINK_MEM_FUZZ_SEED and FLINK_MEM_FUZZ_SCALE explore further by hand. */
const SEED = Number(process.env.FLINK_MEM_FUZZ_SEED ?? 20261123);
const SCALE = Number(process.env.FLINK_MEM_FUZZ_SCALE ?? 1);
const runs = (numRuns: number) => ({ numRuns: Math.ceil(numRuns * SCALE), seed: SEED });
const FORMATS: readonly InputFormat[] = ['flink-conf', 'config-yaml', 'k8s'];
const VERSIONS = ['1.10', '1.14', '1.18', '1.20', '2.0'].map((v) => parseVersion(v)!);
const TARGETS = ['standalone', 'kubernetes', 'yarn', 'local'] as const;

/** Lints with the library and fails on anything a rule could not handle. */
function lintsCleanly(file: LoadedFile): void {
  for (const f of lint(file)) {
    expect(f.message, `rule ${f.ruleId} crashed`).not.toMatch(/crashed while checking/);
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeGreaterThanOrEqual(1);
  }
}

// ---- generators ------------------------------------------------------------------------------

const MEMORY_KEYS = [
  'taskmanager.memory.process.size',
  'taskmanager.memory.flink.size',
  'taskmanager.memory.task.heap.size',
  'taskmanager.memory.managed.size',
  'taskmanager.memory.managed.fraction',
  'taskmanager.memory.network.min',
  'taskmanager.memory.network.max',
  'taskmanager.memory.network.fraction',
  'taskmanager.memory.jvm-overhead.fraction',
  'taskmanager.memory.jvm-metaspace.size',
  'taskmanager.memory.framework.off-heap.size',
  'taskmanager.numberOfTaskSlots',
  'taskmanager.network.numberOfBuffers',
  'taskmanager.heap.size',
  'taskmanager.heap.mb',
  'jobmanager.memory.process.size',
  'jobmanager.memory.heap.size',
  'jobmanager.memory.off-heap.size',
  'jobmanager.memory.jvm-overhead.fraction',
  'jobmanager.heap.mb',
  'containerized.heap-cutoff-ratio',
  'state.backend.type',
  'taskmanager.memory.segment-size',
];
const NASTY_VALUES = [
  '',
  '~',
  'null',
  '0',
  '-0',
  '-0.0',
  '1e309',
  '-1e309',
  '.nan',
  '.inf',
  '-.inf',
  'NaN',
  'Infinity',
  '0x10',
  '0o17',
  '0xFFFFFFFFFFFFFFFFF',
  '9223372036854775807',
  '9223372036854775808',
  '9223372036854775807k',
  '8388607t',
  '8388608t',
  '１２８m',
  '128\u00a0m',
  '\u00a0128m',
  '1.5g',
  '-1m',
  '1728m',
  "'1728m'",
  '"1g"',
  '[1, 2]',
  '{a: 1}',
  'true',
  '0.4',
  '1.0',
  '0.99999999',
  '1e-50',
  '2147483648',
  '-2147483649',
  '*a',
  '&a 1g',
  '!!str 1g',
  '!!int 1',
  '!!float x',
  '|',
  '>-',
  '"\\u0000"',
  '1g # c',
  '1g#c',
  'rocksdb',
  '4096',
];
const key = fc.oneof(
  fc.constantFrom(...MEMORY_KEYS),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'a.b', '? x', '- y', ''),
  fc.string({ maxLength: 12 }),
);
const value = fc.oneof(
  fc.constantFrom(...NASTY_VALUES),
  fc.string({ maxLength: 12 }),
  fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }).map(String),
  fc.double().map(String),
);
const indent = fc.constantFrom('', '', '  ', '    ', '\t', '- ');
const ending = fc.constantFrom('\n', '\n', '\r\n', '\r', '');
/** Line-shaped text that is often almost a Flink configuration. */
const configText = fc
  .array(
    fc.tuple(
      indent,
      key,
      fc.constantFrom(': ', ':', ' : ', ':\t', ': &x ', ': *x ', ''),
      value,
      fc.constantFrom('', ' # c', '#c', ' #', ''),
      ending,
    ),
    { maxLength: 14 },
  )
  .map((lines) => lines.map((parts) => parts.join('')).join(''));
/** Random YAML-ish: the characters that steer a YAML parser, in any order. */
const yamlNoise = fc
  .array(
    fc.oneof(
      fc.constantFrom(...'-?:,[]{}#&*!|>\'"%@` \t\n\r\\'.split('')),
      fc.constantFrom(
        '---\n',
        '...\n',
        '<<: *a\n',
        'a: &a [*a]\n',
        '%YAML 1.2\n',
        '!!binary ',
        '? ',
        'taskmanager:\n  memory:\n    process.size: ',
      ),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));
const manifestText = fc
  .tuple(
    configText,
    fc.constantFrom(
      '1Gi',
      '2g',
      '1.5',
      '0',
      '-1',
      '1e3',
      '99999999999999999999Gi',
      '',
      '~',
      '[1]',
      '1G',
    ),
  )
  .map(
    ([conf, memory]) =>
      `apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  flinkVersion: v1_20\n  taskManager:\n    resource:\n      memory: ${memory}\n  flinkConfiguration:\n${conf
        .split(/\r\n|\r|\n/)
        .map((l) => `    ${l}`)
        .join('\n')}\n`,
  );
const anyConfigText = fc.oneof(configText, yamlNoise, manifestText);

// ---- the loaders, the linter and the model ------------------------------------------------

describe('loaders and linter never throw', () => {
  it('random bytes in every format', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom(...FORMATS),
        (bytes, format) => {
          lintsCleanly(loadBytes(bytes, 'random.yaml', { format }));
        },
      ),
      runs(400),
    );
  });

  it('random configuration text and YAML noise in every format', () => {
    fc.assert(
      fc.property(anyConfigText, fc.constantFrom(...FORMATS), (text, format) => {
        const loaded = loadText(text, 'random.yaml', { format });
        for (const p of [...loaded.problems, ...loaded.documents.flatMap((d) => d.problems)])
          expect(p.span.line).toBeGreaterThanOrEqual(1);
        lintsCleanly(loaded);
      }),
      runs(700),
    );
  });

  it('mutated fixtures (deleted, duplicated and inserted pieces)', () => {
    const files: { name: string; text: string }[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (/\.(?:ya?ml|conf)$/.test(e.name))
          files.push({
            name: relative('fixtures', join(dir, e.name)),
            text: readFileSync(join(dir, e.name), 'utf8'),
          });
      }
    };
    walk('fixtures');
    expect(files.length).toBeGreaterThan(50);
    const mutation = fc.tuple(
      fc.nat(),
      fc.nat(40),
      fc.constantFrom('delete', 'duplicate', 'insert'),
      fc.oneof(fc.constantFrom(...NASTY_VALUES), yamlNoise),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...files),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (file, edits) => {
          let text = file.text;
          for (const [at, len, kind, piece] of edits) {
            const i = text.length === 0 ? 0 : at % text.length;
            if (kind === 'delete') text = text.slice(0, i) + text.slice(i + len);
            else if (kind === 'duplicate') text = text.slice(0, i + len) + text.slice(i);
            else text = text.slice(0, i) + piece + text.slice(i);
          }
          lintsCleanly(loadText(text, file.name));
        },
      ),
      runs(300),
    );
  });
});

const raw: fc.Arbitrary<RawValue> = fc.oneof(
  fc.constantFrom(...NASTY_VALUES).map((text): RawValue => ({ kind: 'string', text })),
  fc.string({ maxLength: 10 }).map((text): RawValue => ({ kind: 'string', text })),
  fc
    .bigInt({ min: -(1n << 80n), max: 1n << 80n })
    .map((value): RawValue => ({ kind: 'int', value })),
  fc
    .oneof(
      fc.double(),
      fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE * 10, 0.4, 1),
    )
    .map((value): RawValue => ({ kind: 'float', value })),
  fc.boolean().map((value): RawValue => ({ kind: 'bool', value })),
  fc.constantFrom('[1, 2]', '[]').map((text): RawValue => ({ kind: 'list', text })),
);

describe('the model derives or explains a failure, never throws', () => {
  it('typed values at and past every limit, every version and target', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...MEMORY_KEYS), raw, { maxKeys: 8 }),
        fc.constantFrom(...VERSIONS),
        fc.constantFrom(...TARGETS),
        (entries, version, target) => {
          const input = new Map(Object.entries(entries));
          for (const r of [
            computeTaskManager(input, { version, target }),
            computeJobManager(input, { version, target }),
          ])
            expect(typeof r.ok).toBe('boolean');
        },
      ),
      runs(1500),
    );
  });
});

// ---- the doctor ------------------------------------------------------------------------------

const LOG_PIECES = [
  'java.lang.OutOfMemoryError: Java heap space',
  'java.lang.OutOfMemoryError: Direct buffer memory',
  'java.lang.OutOfMemoryError: Metaspace',
  'Insufficient number of network buffers: required 99999999999999999999999, but only -1 available.',
  'Container killed on request. Exit code is 137',
  'is running beyond physical memory limits. Current usage: 4.1 GB of 4 GB physical memory used',
  'OOMKilled',
  'Cannot reserve 99999999999999999999 bytes of direct buffer memory (allocated: 1, limit: 0)',
  'Could not allocate 1e309 pages',
  'TaskManager memory configuration failed',
  'unable to create native thread',
  '\tat org.apache.flink.Foo(Foo.java:1)',
  '任务被杀死',
];
const logText = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc.constantFrom(...LOG_PIECES),
        fc.string({ maxLength: 30 }),
        fc.bigInt().map(String),
      ),
      { maxLength: 12 },
    ),
    fc.constantFrom('\n', ' ', '\r\n'),
  )
  .map(([xs, sep]) => xs.join(sep));

describe('the doctor diagnoses or finds nothing, never throws', () => {
  it('random logs with and without a random configuration', () => {
    fc.assert(
      fc.property(
        logText,
        fc.option(configText, { nil: undefined }),
        fc.constantFrom(...VERSIONS),
        fc.constantFrom(...TARGETS),
        (text, conf, version, target) => {
          const doc = conf === undefined ? undefined : loadText(conf, 'config.yaml').documents[0];
          const result = diagnose({
            text,
            version,
            target,
            ...(doc ? { config: rawConfig(doc) } : {}),
          });
          expect(Array.isArray(result.diagnoses)).toBe(true);
        },
      ),
      runs(250),
    );
  });
});

// ---- the command line ------------------------------------------------------------------------

const FLAGS = [
  '--format',
  '--output',
  '--fail-on',
  '--max-warnings',
  '--config',
  '--flink-version',
  '--target',
  '--container-memory',
  '--set',
  '--rule',
  '--input-format',
  '--trace',
  '--show-config',
  '--process',
  '--env',
  '--error',
  '--log',
  '--help',
  '-V',
  '--version',
  '-',
  '--',
  '--nope',
  '-x',
];
const FLAG_VALUES = [
  'text',
  'json',
  'sarif',
  'github',
  'markdown',
  'error',
  'warning',
  'info',
  'off',
  '1.20',
  '2.0',
  '0.9',
  '9.9',
  'standalone',
  'kubernetes',
  'k8s',
  'config-yaml',
  'flink-conf',
  'taskmanager',
  'both',
  '4Gi',
  '4g',
  '-1',
  'NaN',
  '1e309',
  'a=b',
  '=',
  'x=',
  'taskmanager.memory.process.size=2g',
  'FLINK_TM_HEAP=1g',
  'heap-oom=off',
  'nope=error',
  'conf/config.yaml',
  'missing.yaml',
  '',
  ' ',
  '\u0000',
  '１２８m',
  // Real inputs, so that many runs get past the flags.
  'doctor/configs',
  'doctor/heap-oom-taskmanager-log.txt',
  'doctor/configs/tm-4g.yaml',
  'rules/config-syntax',
];
const FIXTURES = resolve('fixtures');
const argv = fc.tuple(
  fc.constantFrom('lint', 'explain', 'doctor', 'rules', 'schema', 'nope', '--help', ''),
  fc.array(
    fc.oneof(
      fc.constantFrom(...FLAGS),
      fc.constantFrom(...FLAG_VALUES),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 6 },
  ),
);

describe('random command lines: a result, findings, or one line with exit 2', () => {
  it('flags and arguments in any order', async () => {
    await fc.assert(
      fc.asyncProperty(
        argv,
        fc.option(configText, { nil: undefined }),
        async ([command, args], stdin) => {
          // --output would write files into the repository: keep reports on standard output.
          const safe = args.map((a) => (a === '--output' ? '--format' : a));
          const r = await cli(
            [command, ...safe].filter((a, i) => i > 0 || a !== ''),
            { cwd: FIXTURES, ...(stdin !== undefined ? { stdin } : {}) },
          );
          expectNoCrash(r);
        },
      ),
      runs(200),
    );
  });

  it('random configurations on standard input, through every output format', async () => {
    const command = fc.oneof(
      fc.constantFrom('text', 'json', 'sarif', 'github').map((f) => ['lint', '-', '--format', f]),
      fc
        .constantFrom('text', 'json')
        .map((f) => ['explain', '-', '--format', f, '--trace', '--show-config']),
    );
    await fc.assert(
      fc.asyncProperty(
        command,
        anyConfigText,
        fc.constantFrom<readonly string[]>(
          [],
          ['--input-format', 'config-yaml'],
          ['--input-format', 'k8s'],
        ),
        async (args, stdin, format) => {
          const r = await cli([...args, ...format], { cwd: FIXTURES, stdin });
          expectNoCrash(r);
          if (args.includes('json') || args.includes('sarif')) {
            if (r.stdout !== '') expect(() => JSON.parse(r.stdout)).not.toThrow();
          }
        },
      ),
      runs(250),
    );
  });
});
