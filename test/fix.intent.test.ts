/**
 * `--fix` keeps what the user meant: their own values win over defaults other fixes would fill in.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'flink-mem-fix-intent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fixed(name: string, text: string): Promise<string> {
  writeFileSync(join(dir, name), text);
  const r = await cli(['lint', name, '--fix', '--flink-version', '1.20'], { cwd: dir });
  expect(r.stderr).toMatch(/^flink-mem: fixed \d+ problems? in 1 file\n$/);
  return readFileSync(join(dir, name), 'utf8');
}

describe('--fix keeps the values the user wrote', () => {
  it('renames an invented managed-fraction key with its value before RocksDB managed memory is restored', async () => {
    const out = await fixed(
      'flink-conf.yaml',
      [
        'taskmanager.memory.process.size: 4g',
        'jobmanager.memory.process.size: 1600m',
        'flink.memory.managed.fraction: 0.6',
        'state.backend.type: rocksdb',
        'taskmanager.memory.managed.size: 0',
        '',
      ].join('\n'),
    );
    expect(out).toBe(
      'taskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.managed.fraction: 0.6\nstate.backend.type: rocksdb\n',
    );
  });

  it('leaves an invented heap key for a person to decide: a JVM heap is not a task heap', async () => {
    const text =
      'taskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.heap.size: 2g\n';
    writeFileSync(join(dir, 'heap.yaml'), text);
    const r = await cli(['lint', 'heap.yaml', '--fix', '--input-format', 'flink-conf'], {
      cwd: dir,
    });
    expect(r.stderr).toBe('flink-mem: nothing to fix\n');
    expect(r.stdout).toContain('use "taskmanager.memory.task.heap.size" instead');
    expect(readFileSync(join(dir, 'heap.yaml'), 'utf8')).toBe(text);
  });
});
