/**
 * What the doctor does with logs that are not plain UTF-8 text. The rule: a text log is always
 * read (stray invalid bytes become U+FFFD, UTF-16 with a byte-order mark is decoded), binary and
 * gzip input is refused with one line and exit 2, the same for --log and standard input.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runDoctor } from '../src/cli/doctor-cmd.js';
import type { CliIO } from '../src/cli/io.js';
import { cli } from './cli-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'flink-mem-doctor-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LOG =
  '2024-01-01 10:00:00,000 INFO  org.apache.flink.runtime.taskexecutor.TaskManagerRunner [] - Starting TaskManager\njava.lang.OutOfMemoryError: Java heap space\n';

async function doctorLog(name: string, bytes: Buffer) {
  writeFileSync(join(dir, name), bytes);
  return cli(['doctor', '--log', name, '--format', 'json'], { cwd: dir });
}

/** Runs the doctor in-process on a standard input stream (chunks as a pipe would deliver them). */
async function piped(chunks: readonly Buffer[]) {
  const c = io(Readable.from(chunks));
  const code = await runDoctor({ format: 'json' }, c);
  return { code, out: c.out, err: c.err };
}

/** In-process IO with a given standard input stream. */
function io(stdin: Readable): CliIO & { out: string; err: string } {
  const c = {
    out: '',
    err: '',
    write: (t: string) => void (c.out += t),
    error: (t: string) => void (c.err += t),
    stdin,
    stdinIsTTY: false,
    stdoutIsTTY: false,
    env: {},
    cwd: dir,
  };
  return c;
}

const ids = (stdout: string) =>
  (
    JSON.parse(stdout) as {
      diagnoses: { id: string; component: string; evidence: { line: number } }[];
    }
  ).diagnoses;

describe('logs that are not plain UTF-8', () => {
  it('reads a log with invalid UTF-8 bytes (Latin-1 text) and still diagnoses it', async () => {
    const bytes = Buffer.concat([
      Buffer.from('Benutzer m\xfcller hat den Job gestartet \xe9\xff\n', 'latin1'),
      Buffer.from(LOG),
    ]);
    const r = await doctorLog('latin1.log', bytes);
    expect(r.code).toBe(0);
    expect(ids(r.stdout)).toMatchObject([
      { id: 'heap-oom', component: 'taskmanager', evidence: { line: 3 } },
    ]);
  });

  it('reads UTF-16 logs with a byte-order mark (PowerShell redirects)', async () => {
    const le = await doctorLog(
      'utf16le.log',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LOG, 'utf16le')]),
    );
    expect(le.code).toBe(0);
    expect(ids(le.stdout)[0]).toMatchObject({ id: 'heap-oom', evidence: { line: 2 } });
    const be = Buffer.from(LOG, 'utf16le').swap16();
    const r = await doctorLog('utf16be.log', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    expect(ids(r.stdout)[0]).toMatchObject({ id: 'heap-oom' });
  });

  it('drops a UTF-8 byte-order mark and reads CRLF line ends', async () => {
    const r = await doctorLog(
      'bom.log',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LOG.replace(/\n/g, '\r\n'))]),
    );
    expect(ids(r.stdout)[0]).toMatchObject({ id: 'heap-oom', evidence: { line: 2 } });
  });

  it('refuses a binary file with one line and exit 2', async () => {
    const r = await doctorLog(
      'heap.hprof',
      Buffer.concat([Buffer.from('JAVA PROFILE 1.0.2\0'), Buffer.alloc(64, 7), Buffer.from(LOG)]),
    );
    expect(r).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'flink-mem: error: log "heap.hprof" is a binary file, not a text log\n',
    });
  });

  it('refuses a gzip-compressed log and says how to read it', async () => {
    const r = await doctorLog('taskmanager.log.gz', gzipSync(LOG));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'flink-mem: error: log "taskmanager.log.gz" is gzip-compressed, not a text log: decompress it first (gunzip, or zcat FILE | flink-mem doctor)\n',
    );
  });

  it('recognises gzip and UTF-16 even when a pipe delivers the first bytes one by one', async () => {
    const gz = gzipSync(LOG);
    const r = await piped([...[...gz.subarray(0, 3)].map((b) => Buffer.from([b])), gz.subarray(3)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('standard input is gzip-compressed');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LOG, 'utf16le')]);
    const ok = await piped([utf16.subarray(0, 1), utf16.subarray(1, 3), utf16.subarray(3)]);
    expect(ok.code).toBe(0);
    expect(ids(ok.out)[0]).toMatchObject({ id: 'heap-oom', evidence: { line: 2 } });
    const tiny = await piped([Buffer.from('ab')]);
    expect(tiny.code).toBe(1);
  });

  it('treats standard input the same way', async () => {
    const lossy = await cli(['doctor'], { stdin: `caf\xe9 ${LOG}` });
    expect(lossy.code).toBe(0);
    const binary = await cli(['doctor'], { stdin: `\0\0\0${LOG}` });
    expect(binary).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'flink-mem: error: standard input is a binary file, not a text log\n',
    });
  });

  it('reads a line of megabytes without keeping it whole, and the lines after it', async () => {
    const long = `java.lang.OutOfMemoryError: Metaspace ${'x'.repeat(3_000_000)}\n`;
    const r = await doctorLog('long.log', Buffer.from(`${long}${'y'.repeat(200_000)}\n${LOG}`));
    expect(r.code).toBe(0);
    expect(ids(r.stdout).map((d) => `${d.id}@${d.evidence.line}`)).toEqual([
      'metaspace-oom@1',
      'heap-oom@4',
    ]);
  });
});

describe('--config takes what lint takes', () => {
  it("reads a folder such as Flink's conf/ when it holds one Flink configuration", async () => {
    mkdirSync(join(dir, 'conf'));
    writeFileSync(
      join(dir, 'conf', 'config.yaml'),
      'taskmanager:\n  memory:\n    process:\n      size: 4g\n',
    );
    writeFileSync(join(dir, 'conf', 'log4j.properties'), 'rootLogger.level = INFO\n');
    const r = await cli(['doctor', '--error', LOG, '--config', 'conf', '--format', 'json'], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    const s = (
      JSON.parse(r.stdout) as { diagnoses: { suggestions: { key: string; current: string }[] }[] }
    ).diagnoses[0]!.suggestions;
    expect(s.find((x) => x.key === 'taskmanager.memory.process.size')?.current).toBe(
      '4g (4294967296 bytes)',
    );
  });

  it('refuses a folder with several configurations, naming them, in one line', async () => {
    mkdirSync(join(dir, 'two'));
    writeFileSync(join(dir, 'two', 'a.yaml'), 'taskmanager.memory.process.size: 2g\n');
    writeFileSync(join(dir, 'two', 'b.yaml'), 'taskmanager.memory.process.size: 3g\n');
    const r = await cli(['doctor', '--error', LOG, '--config', 'two'], { cwd: dir });
    expect(r).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'flink-mem: error: folder "two" holds 2 Flink configurations (two/a.yaml, two/b.yaml): give one of them with --config\n',
    });
  });
});
