/**
 * Files and standard input a user might hand any command by mistake: missing, unreadable,
 * folders, binary junk, other encodings, other line endings, and very large ones.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';
import {
  IS_ROOT,
  expectFinding,
  expectNoCrash,
  expectUsageError,
  scratch,
} from './robust.helpers.js';

const s = scratch('files');
afterAll(() => s.remove());
const cwd = s.dir;
const OK = 'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n';
const HEAP_OOM = 'java.lang.OutOfMemoryError: Java heap space';
const MB = 1024 * 1024;

describe('missing, unreadable and folder inputs are one-line usage errors', () => {
  it('a missing file', async () => {
    for (const cmd of ['lint', 'explain'])
      expectUsageError(
        await cli([cmd, 'nope.yaml'], { cwd }),
        /^flink-mem: error: "nope\.yaml" does not exist$/,
      );
    expectUsageError(
      await cli(['doctor', '--error', HEAP_OOM, '--config', 'nope.yaml'], { cwd }),
      /"nope\.yaml" does not exist$/,
    );
    expectUsageError(
      await cli(['doctor', '--log', 'nope.log'], { cwd }),
      /log "nope\.log" does not exist$/,
    );
  });

  it('a folder without Flink configuration files', async () => {
    mkdirSync(join(cwd, 'empty'));
    s.file('empty-notes.txt', 'hello');
    for (const cmd of ['lint', 'explain'])
      expectUsageError(
        await cli([cmd, 'empty'], { cwd }),
        /"empty" holds no Flink configuration files/,
      );
    expectUsageError(
      await cli(['doctor', '--error', HEAP_OOM, '--config', 'empty'], { cwd }),
      /folder "empty" holds no Flink configuration$/,
    );
    expectUsageError(
      await cli(['doctor', '--log', 'empty'], { cwd }),
      /log "empty" is a folder, not a file$/,
    );
  });

  it('an empty path (an unset shell variable) is refused, not read as the whole working folder', async () => {
    s.file('good.yaml', OK);
    for (const cmd of ['lint', 'explain']) {
      const r = await cli([cmd, '', 'good.yaml'], { cwd });
      expectNoCrash(r, [2]);
      expect(r.stderr).toBe(
        'flink-mem: error: an input path is empty (an unset shell variable?); give a file, a folder, or - for standard input\n',
      );
      // The other input is still read, and only it.
      expect(r.stdout).toMatch(
        cmd === 'lint'
          ? /^no problems found in 1 file; 1 input could not be linted \(see the error above\)\n$/
          : /^good\.yaml {2}\(Flink/,
      );
    }
  });

  it('--output naming a folder is refused before linting (the final rename failed: internal error)', async () => {
    s.file('good.yaml', OK);
    mkdirSync(join(cwd, 'reports'));
    expectUsageError(
      await cli(['lint', 'good.yaml', '--format', 'sarif', '--output', 'reports'], { cwd }),
      /^flink-mem: error: cannot write "reports": it is a folder, not a file$/,
    );
    expectUsageError(
      await cli(['lint', 'good.yaml', '--output', 'no/such/folder/report.txt'], { cwd }),
      /^flink-mem: error: cannot write "no\/such\/folder\/report\.txt": its folder does not exist$/,
    );
  });

  it('--output naming a linted file is refused and the file is left as it was', async () => {
    s.file('flink-conf.yaml', 'taskmanager.memory.process.size: 1.5g\n');
    for (const args of [
      ['lint', 'flink-conf.yaml', '--output', 'flink-conf.yaml'],
      ['lint', '.', '--format', 'sarif', '--output', './flink-conf.yaml'],
    ]) {
      const r = await cli(args, { cwd });
      expectUsageError(
        r,
        /^flink-mem: error: --output ".*flink-conf\.yaml" is one of the linted files; the report would overwrite it \(nothing was written\)$/,
      );
      expect(r.stdout).toBe('');
      expect(readFileSync(join(cwd, 'flink-conf.yaml'), 'utf8')).toBe(
        'taskmanager.memory.process.size: 1.5g\n',
      );
    }
  });

  it('a pipe named like a config inside a linted folder is passed over, not read forever', async () => {
    mkdirSync(join(cwd, 'piped'));
    execFileSync('mkfifo', [join(cwd, 'piped', 'config.yaml')]);
    s.file(
      'piped/flink-conf.yaml',
      'taskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 1600m\n',
    );
    const r = await cli(['lint', 'piped'], { cwd });
    expectNoCrash(r, [0]);
    expect(r.stdout).toBe('no problems found in 1 file\n');
  });

  it('a whole number too large for the option is out of range, not "not a whole number"', async () => {
    mkdirSync(join(cwd, 'slots'));
    s.file(
      'slots/flink-conf.yaml',
      'taskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 1600m\ntaskmanager.numberOfTaskSlots: 2147483648\n',
    );
    const r = await cli(['lint', 'slots/flink-conf.yaml'], { cwd });
    expectNoCrash(r, [1]);
    expect(r.stdout).toContain(
      'slots/flink-conf.yaml:3:1: error: "taskmanager.numberOfTaskSlots" (2147483648) is out of range: it must be a whole number from -2147483648 to 2147483647 (a Java int) [invalid-option-value]',
    );
  });

  it('one missing input among good ones: the others are still linted, exit 2', async () => {
    s.file('good.yaml', OK);
    const r = await cli(['lint', 'good.yaml', 'nope.yaml'], { cwd });
    expectNoCrash(r, [2]);
    expect(r.stderr).toBe('flink-mem: error: "nope.yaml" does not exist\n');
    expect(r.stdout).toContain('in 1 file');
  });

  it.skipIf(IS_ROOT)(
    'an unreadable file (chmod 000; skipped as root, who reads any file)',
    async () => {
      s.file('locked.yaml', OK);
      chmodSync(join(cwd, 'locked.yaml'), 0o000);
      for (const cmd of ['lint', 'explain'])
        expectUsageError(
          await cli([cmd, 'locked.yaml'], { cwd }),
          /"locked\.yaml" cannot be read \(permission denied\)$/,
        );
      expectUsageError(
        await cli(['doctor', '--error', HEAP_OOM, '--config', 'locked.yaml'], { cwd }),
        /"locked\.yaml" cannot be read \(permission denied\)$/,
      );
      expectUsageError(
        await cli(['doctor', '--log', 'locked.yaml'], { cwd }),
        /log "locked\.yaml" cannot be read/,
      );
    },
  );
});

describe('bytes that are not a text configuration', () => {
  const junk = Buffer.from([
    0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0xff, 0xfe, 0x00, 0x9c, 0x0a, 0x3a, 0x20,
  ]);
  const notUtf8 = Buffer.concat([
    Buffer.from('taskmanager.memory.process.size: 1728m\n# caf'),
    Buffer.from([0xe9]),
    Buffer.from('\n'),
  ]);

  it('binary junk: a finding at 1:1 from lint, one-line errors from explain and doctor --config', async () => {
    s.file('junk.yaml', junk);
    expectFinding(
      await cli(['lint', 'junk.yaml'], { cwd }),
      'junk.yaml:1:1',
      'config-syntax',
      /not valid UTF-8 text/,
    );
    expectUsageError(
      await cli(['explain', 'junk.yaml'], { cwd }),
      /^flink-mem: error: junk\.yaml:1:1: junk\.yaml is not valid UTF-8 text/,
    );
    expectUsageError(
      await cli(['doctor', '--error', HEAP_OOM, '--config', 'junk.yaml'], { cwd }),
      /junk\.yaml:1:1: junk\.yaml is not valid UTF-8 text/,
    );
  });

  it('binary junk that happens to be UTF-8 (NUL bytes)', async () => {
    s.file('nul.yaml', 'taskmanager.memory.process.size: 1728m\n\u0000\u0001\u0002');
    expectFinding(
      await cli(['lint', 'nul.yaml'], { cwd }),
      'nul.yaml:1:1',
      'config-syntax',
      /contains a NUL character at offset 39/,
    );
    expectUsageError(await cli(['explain', 'nul.yaml'], { cwd }), /NUL character/);
  });

  it('invalid UTF-8 (Latin-1 text) in a file and on standard input reads the same: a finding at the byte', async () => {
    s.file('latin1.yaml', notUtf8);
    expectFinding(
      await cli(['lint', 'latin1.yaml'], { cwd }),
      'latin1.yaml:2:6',
      'config-syntax',
      /latin1\.yaml is not valid UTF-8 text: byte 0xE9 at 2:6/,
    );
    // Standard input used to be decoded leniently (U+FFFD), hiding the problem.
    expectFinding(
      await cli(['lint', '-'], { cwd, stdin: notUtf8 }),
      '<stdin>:2:6',
      'config-syntax',
      /<stdin> is not valid UTF-8 text: byte 0xE9 at 2:6/,
    );
    expectUsageError(
      await cli(['explain', '-'], { cwd, stdin: notUtf8 }),
      /^flink-mem: error: <stdin>:2:6: <stdin> is not valid UTF-8 text/,
    );
  });

  it('a binary log is refused in one line (exit 2); an empty one is no memory failure (exit 1); never a crash', async () => {
    s.file('junk.log', junk);
    expectUsageError(
      await cli(['doctor', '--log', 'junk.log'], { cwd }),
      /log "junk\.log" is a binary file, not a text log$/,
    );
    expectUsageError(
      await cli(['doctor'], { cwd, stdin: junk }),
      /is a binary file, not a text log$/,
    );
    const empty = await cli(['doctor'], { cwd, stdin: '' });
    expectNoCrash(empty, [1]);
    expect(empty.stdout).toMatch(/^flink-mem doctor: no memory failure recognised\./);
    const huge = await cli(['doctor'], { cwd, stdin: `${'x'.repeat(20 * MB)}\n${HEAP_OOM}\n` });
    expectNoCrash(huge, [0]);
    expect(huge.stdout).toMatch(/line 2: java\.lang\.OutOfMemoryError: Java heap space/);
  });
});

describe('byte order mark and line endings', () => {
  it('config.yaml with a UTF-8 BOM reads like one without (YAML drops it)', async () => {
    s.file('config.yaml', `\ufeff${OK}`);
    const r = await cli(['explain', 'config.yaml', '--format', 'json'], { cwd });
    expectNoCrash(r, [0]);
    s.file('config.yaml', OK);
    const plain = await cli(['explain', 'config.yaml', '--format', 'json'], { cwd });
    expect(r.stdout).toBe(plain.stdout);
  });

  it('flink-conf.yaml with a BOM: Flink keeps it in the first key, which we point at', async () => {
    mkdirSync(join(cwd, 'bom'));
    s.file('bom/flink-conf.yaml', `\ufeff${OK}`);
    expectFinding(
      await cli(['lint', 'bom/flink-conf.yaml'], { cwd }),
      'bom/flink-conf.yaml:1:1',
      'legacy-syntax',
      /byte order mark/,
    );
  });

  it('CRLF line endings: same derivation, same positions as LF', async () => {
    const lf =
      'taskmanager.memory.process.size: 1728m\ntaskmanager.memory.network.min: 64MiB\njobmanager.memory.process.size: 1600m\n';
    for (const name of ['crlf-config.yaml', 'crlf-legacy.yaml']) {
      const format = name.includes('config') ? 'config-yaml' : 'flink-conf';
      s.file(name, lf.replace(/\n/g, '\r\n'));
      s.file(`lf-${name}`, lf);
      const crlf = await cli(['lint', name, '--input-format', format, '--format', 'json'], { cwd });
      const plain = await cli(
        ['lint', `lf-${name}`, '--input-format', format, '--format', 'json'],
        { cwd },
      );
      expectNoCrash(crlf, [1]);
      expect(crlf.stdout).toBe(plain.stdout.replaceAll(`lf-${name}`, name));
      expectFinding(
        await cli(['lint', name, '--input-format', format], { cwd }),
        `${name}:2:1`,
        'invalid-memory-size',
        /\(64MiB\)/,
      );
    }
  });
});

describe('very large inputs finish in seconds', () => {
  it('a 100 MB flink-conf.yaml (one setting, then comments) lints clean', async () => {
    const comment =
      '# a long comment line, as in a generated file that explains every single option\n';
    mkdirSync(join(cwd, 'big'));
    s.file('big/flink-conf.yaml', OK + comment.repeat(Math.ceil((100 * MB) / comment.length)));
    const r = await cli(['lint', 'big'], { cwd });
    expectNoCrash(r, [0]);
    expect(r.stdout).toBe('no problems found in 1 file\n');
  });

  it('a 100 MB config.yaml is refused as a finding, not parsed for minutes', async () => {
    const line = 'taskmanager.memory.process.size: 1728m\n';
    s.file('huge-config.yaml', line.repeat(Math.ceil((100 * MB) / line.length)));
    const r = await cli(['lint', 'huge-config.yaml', '--input-format', 'config-yaml'], { cwd });
    expectFinding(r, 'huge-config.yaml:1:1', 'config-syntax', /larger than 16 MB/);
  });

  it('a 10 MB line: a 10-million-digit size is an overflow finding at once (BigInt parsing was quadratic)', async () => {
    const digits = '9'.repeat(10 * MB);
    mkdirSync(join(cwd, 'long'));
    s.file(
      'long/flink-conf.yaml',
      `taskmanager.memory.process.size: ${digits}\njobmanager.memory.process.size: 1600m\n`,
    );
    s.file(
      'long/config.yaml',
      `taskmanager.memory.process.size: ${digits}\njobmanager.memory.process.size: 1600m\n`,
    );
    for (const file of ['long/flink-conf.yaml', 'long/config.yaml']) {
      const r = await cli(['lint', file], { cwd });
      const line = expectFinding(
        r,
        `${file}:1:1`,
        'invalid-memory-size',
        /is more than Flink can count/,
      );
      // The value is quoted clipped: a message stays a readable line.
      expect(line.length).toBeLessThan(1000);
    }
    const explained = await cli(['explain', 'long/config.yaml', '--process', 'taskmanager'], {
      cwd,
    });
    expectNoCrash(explained, [1]);
    expect(explained.stdout).toMatch(/TaskManager\s+does not start/);
    // Our explanation quotes the value clipped; Flink's own message (the "flink:" line) is quoted
    // as Flink prints it.
    expect(explained.stdout).toMatch(
      /why: {4}"taskmanager\.memory\.process\.size" \(9{59}…9{20}\) is not a memory size Flink can read/,
    );
    expectNoCrash(
      await cli(['doctor', '--error', HEAP_OOM, '--config', 'long/config.yaml'], { cwd }),
      [0],
    );
  });

  it('a manifest whose every memory field holds a million digits', async () => {
    const d = '9'.repeat(MB);
    s.file(
      'huge-manifest.yaml',
      [
        'apiVersion: flink.apache.org/v1beta1',
        'kind: FlinkDeployment',
        'spec:',
        '  flinkVersion: v1_20',
        '  jobManager:',
        '    resource:',
        `      memory: "${d}m"`,
        '  taskManager:',
        '    resource:',
        `      memory: ${d}.5Gi`,
        '  flinkConfiguration:',
        `    taskmanager.memory.process.size: ${d}`,
        `    taskmanager.numberOfTaskSlots: "${d}"`,
        '',
      ].join('\n'),
    );
    const r = await cli(['lint', 'huge-manifest.yaml'], { cwd });
    const expected = [
      ['7:15', 'operator-memory-units'],
      ['10:15', 'operator-memory-units'],
      ['12:5', 'invalid-memory-size'],
      ['13:5', 'invalid-option-value'],
    ];
    for (const [at, rule] of expected) expectFinding(r, `huge-manifest.yaml:${at}`, rule!);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThan(1000);
  });

  it('a container limit of a million digits in the linter config: one line, at once', async () => {
    mkdirSync(join(cwd, 'limit'));
    s.file('limit/.flink-mem.yaml', `containerMemory: "${'9'.repeat(MB)}Gi"\n`);
    s.file('limit/config.yaml', OK);
    expectUsageError(
      await cli(['lint', 'limit/config.yaml'], { cwd }),
      /^flink-mem: error: limit\/\.flink-mem\.yaml: "containerMemory" "9{59}…9{18}Gi" is larger than any container's memory$/,
    );
  });

  it('a 10 MB key or comment line', async () => {
    s.file('longkey.yaml', `${'a'.repeat(10 * MB)}: 1\n${OK}`);
    s.file('longcomment.yaml', `${OK}# ${'x'.repeat(10 * MB)}\n`);
    expectNoCrash(await cli(['lint', 'longkey.yaml'], { cwd }), [0, 1]);
    const r = await cli(['lint', 'longcomment.yaml', '--input-format', 'config-yaml'], { cwd });
    expectNoCrash(r, [0]);
  });
});

describe('standard input that is empty, binary or huge', () => {
  it('empty: lint and explain read an empty configuration; doctor finds nothing', async () => {
    const l = await cli(['lint', '-'], { cwd, stdin: '' });
    expectFinding(l, '<stdin>:1:1', 'no-total-memory-configured');
    const e = await cli(['explain', '-'], { cwd, stdin: '' });
    expectNoCrash(e, [1]);
    expect(e.stdout).toMatch(/no TaskManager memory size is set/);
    expectNoCrash(await cli(['doctor'], { cwd, stdin: '' }), [1]);
  });

  it('binary: a finding from lint, a one-line error from explain', async () => {
    const bin = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80]);
    expectFinding(
      await cli(['lint', '-'], { cwd, stdin: bin }),
      '<stdin>:1:1',
      'config-syntax',
      /not valid UTF-8 text/,
    );
    expectUsageError(
      await cli(['explain', '-'], { cwd, stdin: bin }),
      /^flink-mem: error: <stdin>:1:1: /,
    );
  });

  it('huge: lint reports every repeated setting, explain refuses a 20 MB config.yaml in one line', async () => {
    const line = 'taskmanager.memory.process.size: 1728m\n';
    const r = await cli(['lint', '-', '--format', 'sarif'], { cwd, stdin: line.repeat(20_000) });
    expectNoCrash(r, [1]);
    const results = (
      JSON.parse(r.stdout) as { runs: { results: { message: { text: string } }[] }[] }
    ).runs[0]!.results;
    expect(results.filter((f) => /is set again on line 20000/.test(f.message.text))).toHaveLength(
      19_999,
    );
    const huge = `${OK}${'# comment\n'.repeat(2 * MB)}`;
    expectUsageError(
      await cli(['explain', '-', '--input-format', 'config-yaml'], { cwd, stdin: huge }),
      /^flink-mem: error: <stdin>:1:1: config\.yaml is larger than 16 MB/,
    );
  });
});

describe('the real process', () => {
  // The in-process harness has no pipe to break and runs in a worker with a larger stack than a
  // CLI process: bundle the real entry and run it as a process.
  beforeAll(async () => {
    const bundle = join(cwd, 'cli.cjs');
    await build({
      entryPoints: ['src/cli/entry.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bundle,
      logLevel: 'silent',
    });
    s.file(
      'main.cjs',
      `require(${JSON.stringify(bundle)}).main().then((c) => { process.exitCode = c; });`,
    );
  });

  it('50,000 findings in one file (spreading them into one push() overflowed the stack: exit 3)', async () => {
    // A quarter of Node's usual stack: the overflow then needs 50,000 findings, not 130,000.
    s.file('dups.yaml', 'taskmanager.memory.process.size: 1728m\n'.repeat(50_000));
    const child = spawn(
      process.execPath,
      [
        '--stack-size=250',
        join(cwd, 'main.cjs'),
        'lint',
        'dups.yaml',
        '--format',
        'sarif',
        '--output',
        'dups.sarif',
        '--format',
        'github',
      ],
      { cwd, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(readFileSync(join(cwd, 'dups.sarif'), 'utf8')).toContain('is set again on line 50000');
  });

  it('a reader that closes the pipe early (`| head -1`) ends the run quietly, without a stack trace', async () => {
    s.file('many.yaml', 'taskmanager.memory.process.size: 1728m\n'.repeat(20_000));
    const child = spawn(process.execPath, [join(cwd, 'main.cjs'), 'lint', 'many.yaml'], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const first = await new Promise<string>((done) =>
      child.stdout.once('data', (d: Buffer) => done(d.toString())),
    );
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(first).toMatch(/^many\.yaml:1:1: error: /);
    expect(stderr).toBe('');
    expect([0, 1]).toContain(code);
  });
});
