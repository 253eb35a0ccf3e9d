/**
 * The editor schema (`flink-mem schema`): compiled by ajv in strict mode (with ajv-errors for
 * `errorMessage` and VS Code's `deprecationMessage` declared as a keyword, the two non-standard
 * keywords it uses), it accepts config.yaml written flat, nested or mixed and a FlinkDeployment's
 * spec.flinkConfiguration, and rejects a bad size with a message in words.
 */
import { Ajv } from 'ajv';
import ajvErrors from 'ajv-errors';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';
import { editorSchema } from '../src/options/editor-schema.js';

function strictAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  ajv.addKeyword({ keyword: 'deprecationMessage', schemaType: 'string' });
  (ajvErrors as unknown as (a: Ajv) => Ajv)(ajv);
  return ajv;
}

const config = strictAjv().compile(editorSchema());
const deployment = strictAjv().compile(editorSchema({ kind: 'flink-deployment' }));
const messages = (validate: typeof config) =>
  (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

describe('editor schema', () => {
  it('accepts flat, nested and mixed config.yaml', () => {
    expect(
      config({ 'taskmanager.memory.process.size': '4g', 'taskmanager.numberOfTaskSlots': 2 }),
      messages(config).join(),
    ).toBe(true);
    expect(
      config({
        taskmanager: { memory: { process: { size: '4g' }, 'managed.fraction': 0.5 } },
        jobmanager: { 'memory.process.size': '1600m' },
      }),
      messages(config).join(),
    ).toBe(true);
    expect(config({ state: { backend: 'rocksdb' } }), messages(config).join()).toBe(true);
    expect(config({ state: { backend: { type: 'rocksdb' } } }), messages(config).join()).toBe(true);
    expect(config({ 'my.own.option': 'anything' })).toBe(true);
  });

  it('rejects a bad size wherever it is written, in words rather than the pattern', () => {
    for (const doc of [
      { 'taskmanager.memory.process.size': '1.5g' },
      { taskmanager: { memory: { process: { size: '1.5g' } } } },
      { taskmanager: { 'memory.process.size': '1.5g' } },
    ]) {
      expect(config(doc)).toBe(false);
      const [message, ...rest] = messages(config);
      expect(rest).toEqual([]);
      expect(message).toMatch(
        / "taskmanager\.memory\.process\.size" must be a memory size: a whole number followed by an optional unit b, k, m, g or t .*Flink reads no fractions like 1\.5g \(write 1536m\)/,
      );
      expect(message).not.toContain('^');
    }
    expect(config({ taskmanager: { memory: { managed: { fraction: 'lots' } } } })).toBe(false);
    expect(messages(config)).toEqual([
      '/taskmanager/memory/managed/fraction "taskmanager.memory.managed.fraction" must be a number such as 0.4; it must be at least 0 and below 1',
    ]);
  });

  it("covers a FlinkDeployment's spec.flinkConfiguration, flat or nested", () => {
    const manifest = (flinkConfiguration: object) => ({
      apiVersion: 'flink.apache.org/v1beta1',
      kind: 'FlinkDeployment',
      metadata: { name: 'x' },
      spec: { flinkVersion: 'v1_20', flinkConfiguration },
    });
    expect(
      deployment(manifest({ 'taskmanager.memory.process.size': '4g' })),
      messages(deployment).join(),
    ).toBe(true);
    expect(
      deployment(manifest({ taskmanager: { memory: { 'network.max': '1g' } } })),
      messages(deployment).join(),
    ).toBe(true);
    expect(deployment(manifest({ taskmanager: { memory: { 'network.max': '1 gig' } } }))).toBe(
      false,
    );
    expect(messages(deployment)[0]).toMatch(
      /^\/spec\/flinkConfiguration\/taskmanager\/memory\/network\.max "taskmanager\.memory\.network\.max" must be a memory size/,
    );
  });

  it('is printed by flink-mem schema, one kind or the other', async () => {
    const plain = await cli(['schema']);
    expect(JSON.parse(plain.stdout)).toEqual(JSON.parse(JSON.stringify(editorSchema())));
    const manifest = await cli(['schema', '--kind', 'flink-deployment']);
    expect(JSON.parse(manifest.stdout)).toEqual(
      JSON.parse(JSON.stringify(editorSchema({ kind: 'flink-deployment' }))),
    );
    const bad = await cli(['schema', '--kind', 'pod']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "flink-mem: error: option '--kind <kind>' argument 'pod' is invalid. Allowed choices are config, flink-deployment.\n",
    );
  });
});
