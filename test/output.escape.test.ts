/**
 * Untrusted text never acts on a terminal or a CI log (issue 10, item 14): file names, config
 * values and doctor input reach workflow commands escaped, past GitHub's annotation cap too, and
 * text output shows control characters (ANSI and OSC escapes, CR, bidirectional overrides) as
 * `\x1b`-style escapes instead of writing them raw.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Control characters a terminal acts on (tab and line feed are ordinary text). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * Each line GitHub would read as a workflow command: only ours, which start with ::error, ::warning
 * or ::notice.
 */
const commands = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::'));

describe('--format github', () => {
  it('escapes file names with line breaks, "::" and "%" in annotations and in the log lines past the cap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flink-mem-escape-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'conf'));
    const bad =
      'taskmanager.memory.process.size: 1.5g\njobmanager.memory.process.size: 1.5g\ntaskmanager.memory.managed.fraction: 40\n';
    // Enough errors to pass the cap of 10 annotations, so the later files are printed as log lines.
    for (let i = 0; i < 6; i++) writeFileSync(join(dir, 'conf', `${i}.yaml`), bad);
    const evil = [
      'z\n::error file=x,line=1::injected.yaml',
      'z\r::warning::cr.yaml',
      'z%0A::error::percent.yaml',
      '::error::start.yaml',
    ];
    for (const name of evil) writeFileSync(join(dir, 'conf', name), bad);
    const r = await cli(['lint', '.', '--format', 'github'], { cwd: join(dir, 'conf') });
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).not.toContain('injected.yaml::');
    for (const line of commands(r.stdout))
      expect(line).toMatch(
        /^::(?:error|warning|notice) (?:file=[^:,]*,)?(?:line=\d+,col=\d+,)?[^:]*::/,
      );
    // Not one command comes from a file name.
    expect(
      commands(r.stdout).filter((l) =>
        /::(?:error|warning) ?(?:file=x)?::injected|::warning::cr|::error::percent|::error::start/.test(
          l,
        ),
      ),
    ).toEqual([]);
    // The names are still there to read, escaped.
    expect(r.stdout).toContain('\nz\\n::error file=x,line=1::injected.yaml:1:1: error:');
    // A name that starts with "::" is shown as ./name, the same file.
    expect(r.stdout).toMatch(/^\.\/::error::start\.yaml:1:1: error:/m);
    expect(r.stdout).toContain('\nz\\r::warning::cr.yaml:1:1: error:');
    expect(r.stdout).toContain('\nz%0A::error::percent.yaml:1:1: error:');
  });

  it('a config value with an escape sequence reaches the annotation escaped', async () => {
    const r = await cli(['lint', '-', '--format', 'github'], {
      stdin:
        'taskmanager.memory.process.size: "1g\u001b]0;owned\u0007"\njobmanager.memory.process.size: 1600m\n',
    });
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('1g\\x1b]0;owned\\x07');
  });
});

describe('text output', () => {
  it('shows ANSI and OSC escapes of a config value as \\x1b, in the message and in the source line', async () => {
    const text =
      'taskmanager.memory.process.size: "\u001b[2J\u001b]8;;http://x\u0007 1g"\njobmanager.memory.process.size: 1600m\n';
    const r = await cli(['lint', '-'], { stdin: text });
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('\\x1b[2J\\x1b]8;;http://x\\x07 1g');
    expect(r.code).toBe(1);
  });

  it('with colours on, the only escapes written are the colours', async () => {
    const r = await cli(['lint', '-'], {
      stdin:
        'taskmanager.memory.process.size: "\u001b]0;title\u0007 1g"\njobmanager.memory.process.size: 1600m\n',
      tty: true,
      env: { FORCE_COLOR: '1', NO_COLOR: '' },
    });
    expect(r.stdout).toContain('\u001b[');
    expect(r.stdout.replace(/\u001b\[\d+(?:;\d+)*m/g, '')).not.toMatch(RAW_CONTROL);
  });

  it('explain and doctor show control characters of their input escaped', async () => {
    const explain = await cli(['explain', '-', '--show-config'], {
      stdin:
        'taskmanager.memory.process.size: "1g\u001b[31m\u202e"\njobmanager.memory.process.size: 1600m\nmy.key: "\u001b]0;x\u0007"\n',
    });
    expect(explain.stdout).not.toMatch(RAW_CONTROL);
    expect(explain.stdout).toContain('\\x1b]0;x\\x07');
    const doctor = await cli([
      'doctor',
      '--error',
      '\u001b]0;pwned\u0007java.lang.OutOfMemoryError: Java heap space\u001b[2J',
    ]);
    expect(doctor.stdout).not.toMatch(RAW_CONTROL);
    expect(doctor.stdout).toContain(
      '\\x1b]0;pwned\\x07java.lang.OutOfMemoryError: Java heap space\\x1b[2J',
    );
  });

  it('error lines on stderr show a file name with a line break escaped, on one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flink-mem-escape-'));
    dirs.push(dir);
    const r = await cli(['lint', 'no\nsuch\u001bc.yaml'], { cwd: dir });
    expect(r.stderr).toBe('flink-mem: error: "no\\nsuch\\x1bc.yaml" does not exist\n');
    // A name with glob characters is a quoted glob; its error line is escaped the same way.
    const g = await cli(['lint', 'no\nsuch\u001b[2J.yaml'], { cwd: dir });
    expect(g.stderr).toBe(
      'flink-mem: error: "no\\nsuch\\x1b[2J.yaml" matches no Flink configuration files (flink-conf.yaml, config.yaml or manifests)\n',
    );
  });
});
