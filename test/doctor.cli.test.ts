/** `runDoctor` in-process: inputs, exit codes, one-line usage errors. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../src/cli/doctor-cmd.js';
import type { DoctorCliOptions } from '../src/cli/doctor-cmd.js';
import type { CliIO } from '../src/cli/io.js';
import { cli } from './cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'flink-mem-doctor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(stdin: string | null = null): CliIO & { out: string; err: string } {
  const captured = {
    out: '',
    err: '',
    write(text: string) {
      captured.out += text;
    },
    error(text: string) {
      captured.err += text;
    },
    stdin: Readable.from(stdin === null ? [] : [stdin]),
    stdinIsTTY: stdin === null,
    stdoutIsTTY: false,
    env: {},
    cwd: dir,
  };
  return captured;
}

const run = async (opts: Partial<DoctorCliOptions>, stdin: string | null = null) => {
  const c = io(stdin);
  const code = await runDoctor({ format: 'text', ...opts }, c);
  return { code, out: c.out, err: c.err };
};

describe('flink-mem doctor', () => {
  it('diagnoses --error text: exit 0', async () => {
    const r = await run({
      error: 'java.lang.OutOfMemoryError: Direct buffer memory',
      format: 'json',
    });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const json = JSON.parse(r.out) as { diagnoses: { id: string }[] };
    expect(json.diagnoses.map((d) => d.id)).toEqual(['direct-oom']);
  });

  it('exits 1 with a note on what it looked at when nothing matches', async () => {
    const r = await run({ error: 'java.lang.ClassNotFoundException: com.example.Job' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('no memory failure recognised');
    expect(r.out).toContain('java.lang.ClassNotFoundException');
  });

  it('streams a --log file', async () => {
    const log = join(dir, 'taskmanager.log');
    const lines = Array.from(
      { length: 5000 },
      (_, i) =>
        `2024-01-01 10:00:00,000 INFO  org.apache.flink.runtime.taskexecutor.TaskExecutor [] - line ${i}`,
    );
    lines.splice(4000, 0, 'java.lang.OutOfMemoryError: Metaspace');
    writeFileSync(log, lines.join('\r\n'));
    const r = await run({ log, format: 'json' });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as {
      diagnoses: { id: string; component: string; evidence: { line: number } }[];
    };
    expect(json.diagnoses[0]).toMatchObject({
      id: 'metaspace-oom',
      component: 'taskmanager',
      evidence: { line: 4001 },
    });
  });

  it('reads standard input when it is not a terminal', async () => {
    const r = await run(
      {},
      'Container [pid=1,containerID=container_1_0001_01_000002] is running beyond physical memory limits. Current usage: 2.1 GB of 2 GB physical memory used; 3.0 GB of 4.2 GB virtual memory used. Killing container.\n',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('container-memory-exceeded');
  });

  it('computes values for a --config file', async () => {
    const config = join(dir, 'flink-conf.yaml');
    writeFileSync(
      config,
      'taskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 1600m\n',
    );
    const r = await run({
      error: 'java.lang.OutOfMemoryError: Metaspace. The task executor has to be shutdown...',
      config,
      format: 'json',
      flinkVersion: '1.18',
    });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as {
      diagnoses: {
        suggestions: { key: string; current: string; suggested: string; effect?: string }[];
      }[];
    };
    const s = json.diagnoses[0]!.suggestions;
    expect(s[0]).toMatchObject({
      key: 'taskmanager.memory.jvm-metaspace.size',
      current: 'default 256m (268435456 bytes)',
      suggested: '512m',
    });
    expect(s[0]!.effect).toMatch(/total process memory (stays at|grows by)/);
  });

  it.each([
    [{}, 'nothing to diagnose'],
    [{ log: '/nonexistent/flink.log' }, 'log "/nonexistent/flink.log" does not exist'],
    [{ log: '.' }, 'is a folder'],
    [{ error: 'x', log: 'y' }, 'either --error or --log'],
    [{ error: '   ' }, 'nothing to diagnose'],
    [{ error: 'Java heap space', flinkVersion: '0.9' }, '--flink-version "0.9"'],
    [{ error: 'Java heap space', target: 'mesos' }, '--target must be one of'],
    [{ error: 'Java heap space', config: '/nonexistent/conf.yaml' }, 'nonexistent'],
    [{ error: 'Java heap space', format: 'xml' as 'text' }, '--format must be text or json'],
  ])('exits 2 with one line on stderr for bad usage (%#)', async (opts, message) => {
    const r = await run(opts);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^flink-mem: error: .+\n$/);
    expect(r.err.split('\n')).toHaveLength(2);
    expect(r.err).toContain(message);
  });
});

describe('flink-mem doctor through the command line', () => {
  it('is listed in the help and has its own help with examples', async () => {
    const top = await cli(['--help']);
    expect(top.stdout).toMatch(/\n\s+doctor\b/);
    const help = await cli(['doctor', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--error <text>');
    expect(help.stdout).toContain(
      '$ flink-mem doctor --log taskmanager.log --config conf/config.yaml',
    );
  });

  it('reads --log and --config relative to the working directory and names them as typed', async () => {
    writeFileSync(
      join(dir, 'tm.log'),
      '2024-01-01 10:00:00,000 ERROR org.apache.flink.runtime.taskmanager.Task [] - java.lang.OutOfMemoryError: Java heap space\n',
    );
    writeFileSync(
      join(dir, 'config.yaml'),
      'taskmanager:\n  memory:\n    process:\n      size: 2g\n',
    );
    const r = await cli(
      ['doctor', '--log', 'tm.log', '--config', 'config.yaml', '--format', 'json'],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as {
      diagnoses: { id: string; suggestions: { key: string; current: string }[] }[];
    };
    expect(json.diagnoses[0]!.id).toBe('heap-oom');
    expect(json.diagnoses[0]!.suggestions.length).toBeGreaterThan(0);
    const missing = await cli(['doctor', '--log', 'nope.log'], { cwd: dir });
    expect(missing).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'flink-mem: error: log "nope.log" does not exist\n',
    });
  });

  it('reads standard input and exits 1 when nothing matches', async () => {
    const r = await cli(['doctor'], {
      stdin: 'java.lang.ClassNotFoundException: com.example.Job\n',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no memory failure recognised');
  });

  it('rejects an unknown option with one line and exit 2', async () => {
    const r = await cli(['doctor', '--eror', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^flink-mem: error: unknown option '--eror'.*--error.*\n$/);
  });
});
