import { describe, expect, it } from 'vitest';
import { GOLDEN, SIZE_FIELDS, bytes, newestInRange, targetForMode } from './golden.js';
import { cli } from './cli-harness.js';
import { versionLabel } from '../src/primitives/version.js';
import { parseDynamicConfigs } from '../src/model/dynamic.js';

/** A config.yaml whose values are double-quoted strings: Flink reads them exactly as written. */
function asYaml(config: Record<string, string>): string {
  return (
    Object.entries(config)
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
      .join('\n') + '\n'
  );
}

/** The CLI's JSON also gives the JVM heap of a TaskManager. */
const SIZE_FIELDS_AND_HEAP = [...SIZE_FIELDS, 'jvmHeap'];

async function explainJson(yaml: string, args: string[]): Promise<Record<string, any>> {
  const r = await cli(
    ['explain', '-', '--format', 'json', '--input-format', 'config-yaml', ...args],
    { stdin: yaml },
  );
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

describe('golden cases through `flink-mem explain --format json`', () => {
  for (const c of GOLDEN.filter((g) => g.kind !== 'memory-size' && g.mode !== 'local-sum')) {
    it(c.id, async () => {
      const version = newestInRange(c.flinkVersions);
      const args = [
        '--flink-version',
        versionLabel(version),
        '--target',
        targetForMode(c.mode),
        '--process',
        c.kind,
      ];
      for (const [k, v] of Object.entries(c.env ?? {})) args.push('--env', `${k}=${v}`);
      const out = await explainJson(asYaml(c.config), args);
      const r = out.results[0][c.kind];
      const e = c.expect;
      if (e.error) {
        expect(r.ok).toBe(false);
        expect(r.error.flinkMessage).toBe(e.message);
        expect(r.error.flinkException).toBe(e.exception);
        if (e.causeMessages) expect(r.error.flinkCauses ?? []).toEqual(e.causeMessages);
        expect(typeof r.error.message).toBe('string');
        expect(r.error.check).toMatch(/^[a-z-]+$/);
        return;
      }
      expect(r.ok, JSON.stringify(r.error ?? null)).toBe(true);
      for (const f of SIZE_FIELDS_AND_HEAP) {
        if (!(f in e)) continue;
        const got = f in r.sizes ? r.sizes[f] : r[f];
        expect(BigInt(got), f).toBe(bytes(e[f]));
      }
      if ('jvmDirect' in e) expect(BigInt(r.jvmDirect)).toBe(bytes(e.jvmDirect));
      if ('jvmArgs' in e) expect(r.jvmArgs).toBe(e.jvmArgs);
      if ('dynamicConfigs' in e) {
        const set = (s: string) =>
          parseDynamicConfigs(s)
            .map(([k, v]) => `${k}=${v}`)
            .sort();
        expect(set(r.dynamicConfigs)).toEqual(set(e.dynamicConfigs as string));
      }
    });
  }
});

describe('golden memory sizes through `flink-mem explain --format json`', () => {
  // Each size is given to an option Flink reads with MemorySize.parse; "defaultUnit" cases exercise
  // MemorySize.parse(text, unit), which no memory option uses, and are covered by the library test.
  for (const c of GOLDEN.filter((g) => g.kind === 'memory-size' && !g.config.defaultUnit)) {
    it(c.id, async () => {
      // Fine-grained sizing derives the totals, so any size that parses fits unless the sum
      // overflows.
      const config = {
        'taskmanager.memory.task.heap.size': '1m',
        'taskmanager.memory.managed.size': '1m',
        'taskmanager.memory.task.off-heap.size': c.config.text!,
      };
      const out = await explainJson(asYaml(config), ['--process', 'taskmanager']);
      const r = out.results[0].taskmanager;
      if (c.expect.error) {
        expect(r.ok).toBe(false);
        expect(r.error.check).toBe('unparsable-memory-size');
        expect(r.error.flinkCauses.at(-1)).toBe(c.expect.message);
      } else if (r.ok) {
        expect(BigInt(r.sizes.taskOffHeap)).toBe(bytes(c.expect.bytes));
      } else {
        // The size parsed, but adding it to the other components overflows a long, as in Flink.
        expect(r.error.check).toBe('arithmetic-overflow');
        expect(bytes(c.expect.bytes) > 2n ** 62n).toBe(true);
      }
    });
  }
});
