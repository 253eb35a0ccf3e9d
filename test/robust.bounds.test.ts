/**
 * The hangs and blow-ups of issue 10 (items 9-11), each reproduced: hostile log lines against the
 * doctor's patterns, the lint inputs that were quadratic, and inputs that exhausted memory or
 * never ended. These tests check what the user gets (the right answer, or one line and exit 2);
 * how long each takes is measured by `npm run bench`, not here.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diagnose } from '../src/doctor/advisor.js';
import { exceptionName, isExceptionStart } from '../src/doctor/lines.js';
import { emptyObservations, observe } from '../src/doctor/observe.js';
import { parseLooseSize } from '../src/doctor/quantities.js';
import { parseJavaDouble, parseJavaFloat } from '../src/primitives/java.js';
import { cli } from './cli-harness.js';
import { expectFinding, expectNoCrash, expectUsageError, scratch } from './robust.helpers.js';

const s = scratch('bounds');
afterAll(() => s.remove());
const cwd = s.dir;
const OK = 'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n';
const KB8 = 8192;
const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

function gcPause(line: string): number {
  const seen = emptyObservations();
  observe(seen, line, line.toLowerCase());
  return seen.longestGcPauseMs;
}

describe('doctor: hostile lines get the same answers as before, from linear patterns', () => {
  it("the operator's OOMKilled pod, on a line repeating the operator's name", () => {
    const hostile = `kill ${fill('flink-kubernetes-operator', KB8)}\n`.repeat(16);
    expect(diagnose({ text: hostile }).diagnoses).toEqual([]);
    const pods =
      'NAME READY STATUS\nflink-kubernetes-operator-6b8c9d7f5-q7wzl    1/2     OOMKilled   6 (2m ago)     2d\n';
    const r = diagnose({ text: hostile + pods });
    // The operator's own pod is not a Flink memory failure: no diagnosis, and a note that says so.
    expect(r.diagnoses).toEqual([]);
    expect(r.lookedAt).toContain("looks like the Flink operator's own pod");
  });

  it('GC pauses: the first duration after the marker, and nothing from a line of digits', () => {
    expect(
      gcPause(
        '[Full GC (Allocation Failure) [PSYoungGen: 1K->0K(2K)] 3K->2K(4K), 12.5000000 secs] [Times: user=1 sys=0, real=12.50 secs]',
      ),
    ).toBe(12500);
    expect(
      gcPause(
        '[12.345s][info][gc] GC(42) Pause Young (Normal) (G1 Evacuation Pause) 100M->20M(256M) 8123.456ms',
      ),
    ).toBe(8123.456);
    expect(gcPause('Detected pause of approximately 6000ms in the JVM')).toBe(6000);
    expect(gcPause(`GC pause ${fill('9', KB8)}`)).toBe(0);
    expect(gcPause(`GC pause ${fill('9.', KB8)}`)).toBe(0);
  });

  it('sizes in YARN messages, and a line of 1.1.1...', () => {
    const yarn =
      "Container [pid=1] is running 106954752B beyond the 'PHYSICAL' memory limit. Current usage: 4.1 GB of 4 GB physical memory used; 6.3 GB of 8.4 GB virtual memory used. Killing container.";
    const r = diagnose({ text: `${yarn}\n${`Current usage: ${fill('1.', KB8)}\n`.repeat(8)}` });
    expect(r.diagnoses[0]?.explanation).toContain(
      'The container used 4.1 GB against a limit of 4 GB.',
    );
    expect(parseLooseSize(' 4.1 GB ')).toBe(4402341478n);
    expect(parseLooseSize(`1${fill(' ', KB8)}x`)).toBeNull();
  });

  it('exception names, and a line of a.a.a...', () => {
    expect(
      exceptionName(
        'Caused by: org.apache.flink.runtime.io.network.netty.exception.RemoteTransportException: lost',
      ),
    ).toBe('org.apache.flink.runtime.io.network.netty.exception.RemoteTransportException');
    expect(isExceptionStart('java.lang.OutOfMemoryError: Java heap space')).toBe(true);
    expect(exceptionName(`${fill('a.', KB8)} Exception`)).toBeNull();
    expect(isExceptionStart(`${fill('a.', KB8)}Error`)).toBe(false);
    const r = diagnose({ text: `${fill('a.', KB8)}Exception\n`.repeat(16) });
    expect(r.diagnoses).toEqual([]);
  });

  it('a log of hostile lines from the CLI: a diagnosis or a note, never a crash', async () => {
    const lines = [
      `GC pause ${fill('9', KB8)}`,
      fill('a.', KB8) + 'Error',
      `kill ${fill('flink-kubernetes-operator', KB8)}`,
      fill('Current usage: 1.', KB8),
      'java.lang.OutOfMemoryError: Java heap space',
    ];
    s.file('hostile.log', `${lines.join('\n')}\n`.repeat(20));
    const r = await cli(['doctor', '--log', 'hostile.log'], { cwd });
    expectNoCrash(r, [0]);
    expect(r.stdout).toContain('heap');
  });
});

describe('lint: the inputs that were quadratic', () => {
  it('a suppression followed by 200 KB of spaces is read as before', async () => {
    mkdirSync(join(cwd, 'spaces'));
    s.file(
      'spaces/flink-conf.yaml',
      `# flink-mem-disable-next-line unknown-key${' '.repeat(200_000)}x\n${OK}`,
    );
    const r = await cli(['lint', 'spaces'], { cwd });
    // The directive names "unknown-key" and "x", as it did before.
    expectFinding(
      r,
      'spaces/flink-conf.yaml:1:1',
      'unused-suppression',
      /the suppression names "x", which flink-mem does not know/,
    );
    mkdirSync(join(cwd, 'reason'));
    s.file(
      'reason/flink-conf.yaml',
      `# flink-mem-disable-next-line unknown-key${' '.repeat(200_000)}--${' '.repeat(1000)}a reason${' '.repeat(200_000)}\ntaskmanager.memory.procss.size: 1g\n${OK}`,
    );
    expect((await cli(['lint', 'reason'], { cwd })).stdout).toBe('no problems found in 1 file\n');
  });

  it('a fraction of 100,000 digits: the float grammar reads it, and a bad one fails, at once', async () => {
    const digits = fill('1', 100_000);
    expect(parseJavaFloat(`0.${digits}`)).toBe(Math.fround(0.1111111111111111));
    expect(parseJavaDouble(`${digits}.5e-100000`)).toBeCloseTo(0.1111111111111111, 15);
    expect(() => parseJavaFloat(`0.${digits}x`)).toThrow(/For input string/);
    expect(parseJavaFloat('0x1.8p1')).toBe(3);
    expect(parseJavaFloat('0x18p-3')).toBe(3);
    expect(() => parseJavaFloat('0x.p1')).toThrow(/For input string/);
    mkdirSync(join(cwd, 'fraction'));
    s.file('fraction/flink-conf.yaml', `${OK}taskmanager.memory.managed.fraction: 0.${digits}x\n`);
    for (const cmd of ['lint', 'explain']) {
      const r = await cli([cmd, 'fraction'], { cwd });
      expectNoCrash(r, [1]);
      expect(r.stdout).toContain('taskmanager.memory.managed.fraction');
    }
  });

  it('2,000 documents with comments (the bench times 8,000): each is linted, and the file is read for suppressions once', async () => {
    mkdirSync(join(cwd, 'many'));
    const doc = (i: number) =>
      `---\n# ConfigMap ${i}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  config.yaml: |\n    # sized by the platform\n    taskmanager.memory.process.size: 1g\n    taskmanager.memory.procss.size: 2g\n`;
    s.file('many/all.yaml', Array.from({ length: 2000 }, (_, i) => doc(i)).join(''));
    const r = await cli(['lint', 'many'], { cwd });
    expectNoCrash(r, [1]);
    // Each document's misspelled key is found at its own line.
    const lines = r.stdout.split('\n').filter((l) => l.endsWith('[unknown-key]'));
    expect(new Set(lines.map((l) => l.split(':')[1])).size).toBe(2000);
  });
});

describe('inputs too large, or that never end, are refused with one line', () => {
  it('a config.yaml of 8 MB of flow lists is a finding, not gigabytes of memory', async () => {
    mkdirSync(join(cwd, 'flow'));
    const item = '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], ';
    s.file(
      'flow/config.yaml',
      `taskmanager:\n  memory:\n    process:\n      size: 1g\nlists: [${item.repeat(Math.floor((8 << 20) / item.length))}1]\n`,
    );
    expectFinding(
      await cli(['lint', 'flow'], { cwd }),
      'flow/config.yaml:5:749975',
      'config-syntax',
      /holds more than 250,000 YAML values/,
    );
  });

  it('a linter config of 24 MB, or of many values, is one line and exit 2', async () => {
    mkdirSync(join(cwd, 'bigcfg'));
    s.file('bigcfg/flink-conf.yaml', OK);
    s.file('bigcfg/.flink-mem.yaml', `rules: {}\nx: [${'1, '.repeat(8 << 20)}1]\n`);
    expectUsageError(
      await cli(['lint', 'bigcfg'], { cwd }),
      /^flink-mem: error: bigcfg\/\.flink-mem\.yaml: cannot read the linter config: it is larger than 4 MB, too large to be a linter config$/,
    );
    s.file('bigcfg/.flink-mem.yaml', `rules: {}\nx: [${'1, '.repeat(20_000)}1]\n`);
    expectUsageError(
      await cli(['lint', 'bigcfg'], { cwd }),
      /^flink-mem: error: bigcfg\/\.flink-mem\.yaml: cannot read the linter config: it holds more than 10,000 YAML values, too many for a linter config$/,
    );
  });

  it.skipIf(process.platform === 'win32')(
    'a FIFO or a link to /dev/zero named .flink-mem.yaml',
    async () => {
      mkdirSync(join(cwd, 'fifo'));
      s.file('fifo/flink-conf.yaml', OK);
      execFileSync('mkfifo', [join(cwd, 'fifo/.flink-mem.yaml')]);
      expectUsageError(
        await cli(['lint', 'fifo'], { cwd }),
        /^flink-mem: error: fifo\/\.flink-mem\.yaml: cannot read the linter config: it is a FIFO \(named pipe\), not a regular file$/,
      );
      mkdirSync(join(cwd, 'zero'));
      s.file('zero/flink-conf.yaml', OK);
      symlinkSync('/dev/zero', join(cwd, 'zero/.flink-mem.yaml'));
      expectUsageError(
        await cli(['lint', 'zero'], { cwd }),
        /^flink-mem: error: zero\/\.flink-mem\.yaml: cannot read the linter config: it is a character device, not a regular file$/,
      );
    },
  );

  it.skipIf(process.platform === 'win32')(
    'a FIFO or a link to /dev/zero given as the configuration',
    async () => {
      mkdirSync(join(cwd, 'special'));
      execFileSync('mkfifo', [join(cwd, 'special/flink-conf.yaml')]);
      symlinkSync('/dev/zero', join(cwd, 'special/config.yaml'));
      for (const cmd of ['lint', 'explain']) {
        expectUsageError(
          await cli([cmd, 'special/flink-conf.yaml'], { cwd }),
          /"special\/flink-conf\.yaml" is a FIFO \(named pipe\), not a regular file; it is not read$/,
        );
        expectUsageError(
          await cli([cmd, 'special/config.yaml'], { cwd }),
          /"special\/config\.yaml" is a character device, not a regular file; it is not read$/,
        );
      }
      expectUsageError(
        await cli(
          [
            'doctor',
            '--error',
            'java.lang.OutOfMemoryError: Java heap space',
            '--config',
            'special/config.yaml',
          ],
          { cwd },
        ),
        /"special\/config\.yaml" is a character device/,
      );
    },
  );

  it('standard input that does not end is cut at the limit', async () => {
    // 300 MB would take a while to build in memory; the limit is the same code path at any size.
    const { readStdin } = await import('../src/cli/util.js');
    const { Readable } = await import('node:stream');
    const stdin = Readable.from(
      (function* () {
        for (;;) yield Buffer.alloc(1 << 16);
      })(),
    );
    await expect(readStdin({ stdin } as never, 1 << 20)).rejects.toThrow(
      /^standard input is larger than 1 MB, too large to be a Flink configuration; it is not read$/,
    );
  });
});
