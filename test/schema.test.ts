import { Readable } from 'node:stream';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../src/cli/io.js';
import { runSchema } from '../src/cli/schema-cmd.js';
import { loadText } from '../src/config/index.js';
import { parseMemorySize } from '../src/primitives/memory-size.js';
import { OPTIONS } from '../src/options/catalogue.js';
import { editorSchema } from '../src/options/editor-schema.js';
import {
  configSchema,
  DURATION_PATTERN,
  MEMORY_SIZE_PATTERN,
  valueConstraintsSchema,
} from '../src/options/schema.js';
import type { JsonSchema } from '../src/options/schema.js';
import { validateOptionValues } from '../src/options/validate.js';
import { KNOWN_VERSIONS, parseVersion } from '../src/primitives/version.js';

const schema = configSchema();

/**
 * An ajv instance that also knows VS Code's `deprecationMessage` annotation, as editors read the
 * schema.
 */
function schemaAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  ajv.addKeyword({ keyword: 'deprecationMessage', schemaType: 'string' });
  return ajv;
}
const props = schema['properties'] as Record<string, JsonSchema>;

describe('the generated JSON Schema', () => {
  it('is a valid draft-07 schema that ajv compiles', () => {
    const ajv = schemaAjv();
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
    expect(schema['additionalProperties']).toBe(true);
  });

  it('has a property for every catalogued key and every fallback key', () => {
    for (const o of OPTIONS) {
      expect(props[o.key], o.key).toBeDefined();
      for (const f of o.fallbackKeys ?? []) expect(props[f.key], f.key).toBeDefined();
    }
    expect(props['taskmanager.network.memory.min']).toMatchObject({ deprecated: true });
    expect(String(props['taskmanager.network.memory.min']!['deprecationMessage'])).toContain(
      '"taskmanager.memory.network.min"',
    );
  });

  it('carries typed defaults and the deprecations of the chosen version', () => {
    expect(props['taskmanager.memory.managed.fraction']!['default']).toBe(0.4);
    expect(props['taskmanager.numberOfTaskSlots']!['default']).toBe(1);
    expect(props['jobmanager.memory.enable-jvm-direct-memory-limit']!['default']).toBe(false);
    const v116 = configSchema({ version: parseVersion('1.16')! })['properties'] as Record<
      string,
      JsonSchema
    >;
    expect(v116['taskmanager.memory.network.max']!['default']).toBe('1g');
    expect(v116['taskmanager.network.memory.buffers-per-channel']!['deprecated']).toBeUndefined();
    expect(props['taskmanager.network.memory.buffers-per-channel']!['deprecated']).toBe(true);
    expect(props['taskmanager.heap.size']!['deprecationMessage']).toBe(
      'Has no effect since Flink 2.0; use "taskmanager.memory.process.size" instead.',
    );
  });

  it('holds, for every Flink version, the value constraints the linter validates against', () => {
    const constraints = valueConstraintsSchema();
    const definitions = constraints['definitions'] as Record<string, JsonSchema>;
    const refs = constraints['properties'] as Record<string, { $ref: string }>;
    const annotations = new Set(['description', 'default', 'deprecated', 'deprecationMessage']);
    for (const label of KNOWN_VERSIONS) {
      const versioned = configSchema({ version: parseVersion(label)! })['properties'] as Record<
        string,
        JsonSchema
      >;
      expect(Object.keys(versioned).sort(), label).toEqual(Object.keys(refs).sort());
      for (const [key, property] of Object.entries(versioned)) {
        const value = Object.fromEntries(
          Object.entries(property).filter(([k]) => !annotations.has(k)),
        );
        expect(value, `${label} ${key}`).toEqual(definitions[refs[key]!.$ref.split('/').pop()!]);
      }
    }
  });

  it('accepts a typical config.yaml and rejects wrong values', () => {
    const validate = schemaAjv().compile(schema);
    const good = {
      'taskmanager.memory.process.size': '4096m',
      'taskmanager.memory.managed.fraction': 0.4,
      'taskmanager.numberOfTaskSlots': 4,
      'taskmanager.memory.framework.heap.size': 0,
      'state.backend.type': 'RocksDB',
      'state.backend.rocksdb.memory.managed': true,
      'taskmanager.network.memory.buffer-debloat.target': '1 s',
      'taskmanager.memory.managed.consumer-weights': 'OPERATOR:70,STATE_BACKEND:70,PYTHON:30',
      'pipeline.name': 'not a memory option',
    };
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
    const bad = {
      'taskmanager.memory.process.size': '1.5g',
      'taskmanager.memory.managed.fraction': 1.2,
      'taskmanager.numberOfTaskSlots': 0,
      'state.backend.type': 'heap',
      'state.backend.rocksdb.memory.managed': 'yes',
    };
    expect(validate(bad)).toBe(false);
    const failing = new Set((validate.errors ?? []).map((e) => e.instancePath.slice(1)));
    expect([...failing].sort()).toEqual(Object.keys(bad).sort());
  });

  it("agrees with Flink's memory-size parser on which texts are sizes", () => {
    const re = new RegExp(MEMORY_SIZE_PATTERN);
    const token = fc.constantFrom(
      '0',
      '1',
      '42',
      '1728',
      ' ',
      '\t',
      'm',
      'MB',
      'g',
      'Gb',
      'kibibytes',
      'bytes',
      'b',
      't',
      'x',
      '.',
      '5',
      '-',
      'mi',
      'i',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 6 }), (parts) => {
        const text = parts.join('');
        let parses: boolean;
        try {
          parseMemorySize(text);
          parses = true;
        } catch (e) {
          if (String(e).includes('overflow')) return;
          parses = false;
        }
        expect(re.test(text), JSON.stringify(text)).toBe(parses);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads durations with Flink units in any case', () => {
    const re = new RegExp(DURATION_PATTERN);
    for (const ok of [
      '30 s',
      '500ms',
      '2 MIN',
      '1h',
      '10 seconds',
      '3 days',
      '100',
      'PT0.2S',
      'p1dt2h',
    ])
      expect(re.test(ok), ok).toBe(true);
    for (const no of ['fast', '1.5s', '-1 s', 's']) expect(re.test(no), no).toBe(false);
  });
});

describe('validateOptionValues', () => {
  const problems = (text: string, file = 'config.yaml') =>
    validateOptionValues(loadText(text, file).documents[0]!).map((p) => `${p.kind}: ${p.message}`);

  it('finds nothing wrong with a clean config, in both file syntaxes', () => {
    const text =
      'taskmanager.memory.process.size: 1728m\ntaskmanager.numberOfTaskSlots: 4\nstate.backend.type: rocksdb\ntaskmanager.memory.managed.fraction: 0.4\n';
    expect(problems(text)).toEqual([]);
    expect(problems(text, 'flink-conf.yaml')).toEqual([]);
  });

  it('converts like Flink before checking: legacy text is typed, TRUE is a boolean', () => {
    expect(
      problems(
        'taskmanager.numberOfTaskSlots: 2\njobmanager.memory.enable-jvm-direct-memory-limit: TRUE\n',
        'flink-conf.yaml',
      ),
    ).toEqual([]);
  });

  it('reports values Flink cannot convert', () => {
    expect(problems('taskmanager.numberOfTaskSlots: four\n', 'flink-conf.yaml')).toEqual([
      'type: "taskmanager.numberOfTaskSlots" (four) must be a whole number',
    ]);
    expect(problems('taskmanager.numberOfTaskSlots: 99999999999\n', 'flink-conf.yaml')).toEqual([
      'type: "taskmanager.numberOfTaskSlots" (99999999999) is too large for a 32-bit integer',
    ]);
    expect(problems('state.backend.rocksdb.memory.managed: yes\n', 'flink-conf.yaml')).toEqual([
      'type: "state.backend.rocksdb.memory.managed" (yes) must be true or false',
    ]);
    expect(problems('taskmanager.network.memory.min: 64 mib\n', 'flink-conf.yaml')[0]).toMatch(
      /^type: "taskmanager.network.memory.min" \(64 mib\) must be a memory size/,
    );
  });

  it('reports ranges, enums and grammars from the catalogue', () => {
    expect(problems('taskmanager.numberOfTaskSlots: 0\n')).toEqual([
      'range: "taskmanager.numberOfTaskSlots" (0) must be at least 1',
    ]);
    expect(problems('state.backend.rocksdb.memory.write-buffer-ratio: 1.5\n')).toEqual([
      'range: "state.backend.rocksdb.memory.write-buffer-ratio" (1.5) must be greater than 0 and below 1',
    ]);
    expect(problems('state.backend.rocksdb.memory.fixed-per-slot: 0\n')).toEqual([
      'range: "state.backend.rocksdb.memory.fixed-per-slot" (0) must be greater than 0',
    ]);
    expect(problems('state.backend.type: heap\n')).toEqual([
      'enum: "state.backend.type" (heap) must be one of hashmap, rocksdb, jobmanager, filesystem, forst, or a fully qualified factory class name',
    ]);
    expect(problems('state.backend.type: com.example.MyBackendFactory\n')).toEqual([]);
    expect(problems('taskmanager.network.memory.buffer-debloat.target: fast\n')[0]).toMatch(
      /^format: .* must be a duration/,
    );
    expect(problems('taskmanager.memory.managed.consumer-weights: OPERATOR=70\n')[0]).toMatch(
      /^format: .* must be comma-separated NAME:weight pairs/,
    );
    expect(
      problems('taskmanager.memory.managed.consumer-weights: OPERATOR:+70,PYTHON:30\n'),
    ).toEqual([]);
    expect(problems('taskmanager.memory.segment-size: 2048\n')).toEqual([
      'range: "taskmanager.memory.segment-size" (2048) must be at least 4096 and at most 2147483647',
    ]);
    expect(problems('taskmanager.memory.segment-size: 4g\n')).toEqual([
      'range: "taskmanager.memory.segment-size" (4g) must be at least 4096 and at most 2147483647',
    ]);
  });

  it('ignores unknown keys and keeps the order of the file', () => {
    const found = problems(
      'pipeline.name: x\ntaskmanager.numberOfTaskSlots: 0\ntaskmanager.memory.managed.fraction: 2\n',
    );
    expect(found.map((p) => p.split('"')[1])).toEqual([
      'taskmanager.numberOfTaskSlots',
      'taskmanager.memory.managed.fraction',
    ]);
  });
});

describe('flink-mem schema', () => {
  const io = () => {
    const captured = { out: '', err: '' };
    const cli: CliIO = {
      write: (s) => void (captured.out += s),
      error: (s) => void (captured.err += s),
      stdin: Readable.from([]),
      stdinIsTTY: false,
      stdoutIsTTY: false,
      env: {},
      cwd: '/',
    };
    return { cli, captured };
  };

  it('prints the editor schema as JSON', async () => {
    const { cli, captured } = io();
    expect(await runSchema({}, cli)).toBe(0);
    expect(JSON.parse(captured.out)).toEqual(JSON.parse(JSON.stringify(editorSchema())));
  });

  it('prints a version-specific schema, and a usage error for an unknown version', async () => {
    const ok = io();
    expect(await runSchema({ flinkVersion: '1.16' }, ok.cli)).toBe(0);
    expect(JSON.parse(ok.captured.out).title).toContain('1.16');
    const bad = io();
    expect(await runSchema({ flinkVersion: '9.9' }, bad.cli)).toBe(2);
    expect(bad.captured.err).toMatch(
      /^flink-mem: error: --flink-version "9.9" is not a Flink version/,
    );
    expect(bad.captured.err.trim().split('\n')).toHaveLength(1);
  });
});
