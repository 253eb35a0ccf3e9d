/**
 * `flink-mem lint` end to end, in-process: real files in a temporary folder (with a `.git` so the
 * linter-config search stops there), a fake CliIO capturing both streams, and the exit code.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../src/cli/io.js';
import { runLint } from '../src/cli/lint.js';
import type { LintOptions } from '../src/cli/lint.js';

const root = mkdtempSync(join(tmpdir(), 'flink-mem-lint-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes files under a fresh folder of `root` (with `.git`), returns the folder. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, 'p-'));
  mkdirSync(join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const GOOD = 'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n';
/** `1.5g` is not a memory size for Flink: an error of invalid-memory-size. */
const BROKEN = 'jobmanager.memory.process.size: 1600m\ntaskmanager.memory.process.size: 1.5g\n';
/** Both totals set: a warning of process-and-flink-size-both-set, and nothing else. */
const WARNING =
  'taskmanager.memory.process.size: 1728m\ntaskmanager.memory.flink.size: 1280m\njobmanager.memory.process.size: 1600m\n';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function lint(cwd: string, opts: LintOptions, io: Partial<CliIO> = {}): Promise<Run> {
  const run = { code: -1, out: '', err: '' };
  const cli: CliIO = {
    write: (s) => void (run.out += s),
    error: (s) => void (run.err += s),
    stdin: Readable.from([]),
    stdinIsTTY: false,
    stdoutIsTTY: false,
    env: {},
    cwd,
    ...io,
  };
  run.code = await runLint(opts, cli);
  return run;
}

describe('lint: formats on a broken file', () => {
  const dir = project({ 'conf/config.yaml': BROKEN });

  it('text: headline, source line with caret, fix or remediation, summary; exit 1', async () => {
    const r = await lint(dir, { inputs: ['conf/config.yaml'] });
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out).toContain(
      'conf/config.yaml:2:1: error: "taskmanager.memory.process.size" (1.5g)',
    );
    expect(r.out).toContain(
      '[invalid-memory-size]\n  |\n2 | taskmanager.memory.process.size: 1.5g\n  | ^',
    );
    expect(r.out).toMatch(/\n {2}fix: .+\n/);
    expect(r.out).toMatch(/\n\d+ errors? in 1 file\n$/);
  });

  it('json: one result per file with the documented fields', async () => {
    const r = await lint(dir, { inputs: ['conf'], format: 'json' });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as {
      results: {
        file: string;
        findings: {
          ruleId: string;
          line: number;
          column: number;
          key: string | null;
          severity: string;
        }[];
      }[];
    };
    expect(doc.results.map((x) => x.file)).toEqual(['conf/config.yaml']);
    expect(doc.results[0]!.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'invalid-memory-size',
        severity: 'error',
        line: 2,
        column: 1,
        key: 'taskmanager.memory.process.size',
      }),
    );
  });

  it('sarif: a 2.1.0 log with rule metadata and relative URIs', async () => {
    const r = await lint(dir, { inputs: ['conf/config.yaml'], format: 'sarif' });
    expect(r.code).toBe(1);
    const log = JSON.parse(r.out);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'invalid-memory-size');
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('invalid-memory-size');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('conf/config.yaml');
    expect(result.locations[0].physicalLocation.region.startLine).toBe(2);
  });

  it('github: workflow commands with file, line and rule', async () => {
    const r = await lint(dir, { inputs: ['conf/config.yaml'], format: 'github' });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /^::error file=conf\/config.yaml,line=2,col=1,.*title=invalid-memory-size::"taskmanager.memory.process.size" \(1.5g\)/m,
    );
  });
});

describe('lint: exit codes', () => {
  it('0 for a clean file, with a summary', async () => {
    const dir = project({ 'config.yaml': GOOD });
    const r = await lint(dir, { inputs: ['config.yaml'] });
    expect(r).toEqual({ code: 0, out: 'no problems found in 1 file\n', err: '' });
  });

  it('2 for a missing file, while the other files are still linted and reported', async () => {
    const dir = project({ 'a/config.yaml': GOOD, 'b/config.yaml': BROKEN });
    const r = await lint(dir, { inputs: ['a/config.yaml', 'missing.yaml', 'b/config.yaml'] });
    expect(r.code).toBe(2);
    expect(r.err).toBe('flink-mem: error: "missing.yaml" does not exist\n');
    expect(r.out).toContain('b/config.yaml:2:1: error:');
    expect(r.out).toMatch(/in 2 files; 1 input could not be linted \(see the error above\)\n$/);
  });

  it('never says "no problems found" when nothing could be linted', async () => {
    const dir = project({ 'empty/README': 'not a config\n' });
    const r = await lint(dir, { inputs: ['empty', 'missing.yaml'] });
    expect(r.code).toBe(2);
    expect(r.out).toBe('nothing was linted: 2 inputs could not be linted (see the errors above)\n');
  });

  it('writes no report file when an input could not be linted, so an upload cannot close alerts', async () => {
    const dir = project({ 'a/config.yaml': GOOD, 'old.sarif': 'previous report\n' });
    for (const format of ['sarif', 'json', 'text', 'github']) {
      const r = await lint(dir, {
        inputs: ['a/config.yaml', 'missing.yaml'],
        format,
        output: `${format}.out`,
      });
      expect(r.code).toBe(2);
      expect(r.err).toBe(
        'flink-mem: error: "missing.yaml" does not exist\nflink-mem: error: no report file was written, because not every input could be linted\n',
      );
      expect(existsSync(join(dir, `${format}.out`))).toBe(false);
    }
    // Nor is an existing file replaced, and no temporary file is left behind.
    const r = await lint(dir, { inputs: ['missing.yaml'], format: 'sarif', output: 'old.sarif' });
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'old.sarif'), 'utf8')).toBe('previous report\n');
    expect(
      readdirSync(dir)
        .filter((f) => f !== '.git')
        .sort(),
    ).toEqual(['a', 'old.sarif']);
  });

  it('2 with one line on stderr for bad flag values, before linting anything', async () => {
    const dir = project({ 'config.yaml': GOOD });
    const bad: Partial<LintOptions>[] = [
      { format: 'xml' },
      { failOn: 'fatal' },
      { maxWarnings: '-1' },
      { flinkVersion: '9.9' },
      { target: 'mesos' },
      { inputFormat: 'toml' },
      { containerMemory: 'lots' },
      { set: ['taskmanager.memory.process.size'] },
      { rule: ['invalid-memory-sise=off'] },
      { rule: ['invalid-memory-size=fatal'] },
      { reports: [{ format: 'text' }, { format: 'json' }] },
    ];
    for (const flags of bad) {
      const r = await lint(dir, { inputs: ['config.yaml'], ...flags });
      expect(r.code, JSON.stringify(flags)).toBe(2);
      expect(r.out, JSON.stringify(flags)).toBe('');
      expect(r.err, JSON.stringify(flags)).toMatch(/^flink-mem: error: [^\n]+\n$/);
    }
    const typo = await lint(dir, { inputs: ['config.yaml'], rule: ['invalid-memory-sise=off'] });
    expect(typo.err).toContain('did you mean "invalid-memory-size"');
  });

  it('--fail-on decides which severities fail', async () => {
    const dir = project({ 'config.yaml': WARNING });
    expect((await lint(dir, { inputs: ['config.yaml'] })).code).toBe(0);
    expect((await lint(dir, { inputs: ['config.yaml'], failOn: 'warning' })).code).toBe(1);
    expect((await lint(dir, { inputs: ['config.yaml'], failOn: 'info' })).code).toBe(1);
    const r = await lint(dir, { inputs: ['config.yaml'] });
    expect(r.out).toContain('[process-and-flink-size-both-set]');
    expect(r.out).toMatch(/1 warning in 1 file\n$/);
  });

  it('--max-warnings fails when there are more warnings than allowed', async () => {
    const dir = project({ 'config.yaml': WARNING });
    const over = await lint(dir, { inputs: ['config.yaml'], maxWarnings: 0 });
    expect(over.code).toBe(1);
    expect(over.err).toBe('flink-mem: 1 warning, more than --max-warnings 0 allows\n');
    expect((await lint(dir, { inputs: ['config.yaml'], maxWarnings: '1' })).code).toBe(0);
  });

  it('--rule changes a severity or turns a rule off', async () => {
    const dir = project({ 'config.yaml': WARNING, 'broken.yaml': BROKEN });
    expect(
      (
        await lint(dir, {
          inputs: ['config.yaml'],
          rule: ['process-and-flink-size-both-set=error'],
        })
      ).code,
    ).toBe(1);
    const off = await lint(dir, {
      inputs: ['broken.yaml'],
      rule: ['invalid-memory-size=off'],
      format: 'json',
    });
    expect(off.out).not.toContain('invalid-memory-size');
  });
});

describe('lint: colours', () => {
  const dir = project({ 'config.yaml': BROKEN });
  const esc = /\x1b\[/;

  it('on a terminal, unless NO_COLOR is set', async () => {
    expect((await lint(dir, { inputs: ['config.yaml'] }, { stdoutIsTTY: true })).out).toMatch(esc);
    expect(
      (await lint(dir, { inputs: ['config.yaml'] }, { stdoutIsTTY: true, env: { NO_COLOR: '1' } }))
        .out,
    ).not.toMatch(esc);
  });

  it('never when piped, unless FORCE_COLOR is set; never in an --output file', async () => {
    expect((await lint(dir, { inputs: ['config.yaml'] })).out).not.toMatch(esc);
    expect(
      (await lint(dir, { inputs: ['config.yaml'] }, { env: { FORCE_COLOR: '1' } })).out,
    ).toMatch(esc);
    await lint(dir, { inputs: ['config.yaml'], output: 'report.txt' }, { stdoutIsTTY: true });
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).not.toMatch(esc);
  });
});

describe('lint: linter config (.flink-mem.yaml)', () => {
  it('is found upwards from the linted file and applied', async () => {
    const dir = project({
      '.flink-mem.yaml': 'rules:\n  process-and-flink-size-both-set: error\n',
      'deploy/conf/config.yaml': WARNING,
    });
    const r = await lint(dir, { inputs: ['deploy'] });
    expect(r.code).toBe(1);
    expect(r.out).toContain('deploy/conf/config.yaml:2:1: error:');
  });

  it('is not looked for above a folder holding .git', async () => {
    const outer = project({
      '.flink-mem.yaml': 'rules:\n  process-and-flink-size-both-set: error\n',
    });
    mkdirSync(join(outer, 'repo', '.git'), { recursive: true });
    writeFileSync(join(outer, 'repo', 'config.yaml'), WARNING);
    expect((await lint(outer, { inputs: ['repo/config.yaml'] })).code).toBe(0);
  });

  it('is found the same way in a walked folder: nearest upwards, not past a folder holding .git', async () => {
    const outer = project({
      '.flink-mem.yaml': 'rules:\n  process-and-flink-size-both-set: error\n',
      'plain/config.yaml': WARNING,
      'own/.flink-mem.yaml': 'rules:\n  process-and-flink-size-both-set: info\n',
      'own/config.yaml': WARNING,
    });
    mkdirSync(join(outer, 'repo', '.git'), { recursive: true });
    writeFileSync(join(outer, 'repo', 'config.yaml'), WARNING);
    const r = await lint(outer, { inputs: ['.'] });
    expect(r.out).toContain('plain/config.yaml:2:1: error:');
    expect(r.out).toContain('own/config.yaml:2:1: info:');
    expect(r.out).toContain('repo/config.yaml:2:1: warning:');
  });

  it('a bad one is a one-line usage error; files it governs are skipped, others still linted', async () => {
    const dir = project({
      'bad/.flink-mem.yaml': 'rules:\n  no-such-rule: error\n',
      'bad/config.yaml': BROKEN,
      'ok/config.yaml': BROKEN,
    });
    const r = await lint(dir, { inputs: ['bad/config.yaml', 'ok/config.yaml'] });
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'flink-mem: error: bad/.flink-mem.yaml: unknown rule "no-such-rule" in "rules"\n',
    );
    expect(r.out).toContain('ok/config.yaml:2:1');
    expect(r.out).not.toContain('bad/config.yaml');
  });

  it('--config with broken YAML or a wrong value stops before linting', async () => {
    const dir = project({
      'config.yaml': BROKEN,
      'broken.yml': 'rules: [\n',
      'wrong.yaml': 'target: mesos\n',
    });
    const yaml = await lint(dir, { inputs: ['config.yaml'], config: 'broken.yml' });
    expect(yaml.code).toBe(2);
    expect(yaml.out).toBe('');
    expect(yaml.err).toMatch(
      /^flink-mem: error: broken.yml: cannot read the linter config: [^\n]+\n$/,
    );
    const wrong = await lint(dir, { inputs: ['config.yaml'], config: 'wrong.yaml' });
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/^flink-mem: error: wrong.yaml: "target" [^\n]+\n$/);
  });

  it('flags win over the config file', async () => {
    const dir = project({
      '.flink-mem.yaml': 'rules:\n  process-and-flink-size-both-set: error\n',
      'config.yaml': WARNING,
    });
    expect(
      (await lint(dir, { inputs: ['config.yaml'], rule: ['process-and-flink-size-both-set=off'] }))
        .code,
    ).toBe(0);
  });
});

describe('lint: inputs', () => {
  it('honours inline suppressions, and reports one that suppresses nothing', async () => {
    const suppressed = WARNING.replace(
      'taskmanager.memory.flink.size',
      '# flink-mem-disable-next-line process-and-flink-size-both-set -- sized by the platform\ntaskmanager.memory.flink.size',
    );
    const unused = `# flink-mem-disable-next-line invalid-memory-size -- not needed\n${GOOD}`;
    const dir = project({ 'suppressed.yaml': suppressed, 'unused.yaml': unused });
    const a = await lint(dir, { inputs: ['suppressed.yaml'], failOn: 'warning' });
    expect(a).toMatchObject({ code: 0, out: 'no problems found in 1 file\n' });
    const b = await lint(dir, { inputs: ['unused.yaml'], format: 'json' });
    const ids = (JSON.parse(b.out).results[0].findings as { ruleId: string }[]).map(
      (f) => f.ruleId,
    );
    expect(ids).toEqual(['unused-suppression']);
  });

  it('reads standard input for -', async () => {
    const dir = project({});
    const r = await lint(dir, { inputs: ['-'] }, { stdin: Readable.from([BROKEN]) });
    expect(r.code).toBe(1);
    expect(r.out).toContain('<stdin>:2:1: error:');
  });

  it('applies --set and --input-format', async () => {
    const dir = project({
      'config.yaml': GOOD,
      'settings.txt':
        'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n',
    });
    const set = await lint(dir, {
      inputs: ['config.yaml'],
      set: ['taskmanager.memory.process.size=1.5g'],
      format: 'json',
    });
    expect(set.code).toBe(1);
    expect(set.out).toContain('"invalid-memory-size"');
    expect((await lint(dir, { inputs: ['settings.txt'], inputFormat: 'flink-conf' })).code).toBe(0);
  });

  it('lints a file once even when it is named twice, and calls a folder without Flink files a usage error', async () => {
    const dir = project({ 'conf/config.yaml': BROKEN, 'empty/readme.md': 'nothing' });
    const twice = await lint(dir, { inputs: ['conf', 'conf/config.yaml'], format: 'json' });
    expect(JSON.parse(twice.out).results).toHaveLength(1);
    const empty = await lint(dir, { inputs: ['empty', 'conf'] });
    expect(empty.code).toBe(2);
    expect(empty.err).toBe(
      'flink-mem: error: "empty" holds no Flink configuration files (flink-conf.yaml, config.yaml or manifests)\n',
    );
    expect(empty.out).toContain('conf/config.yaml:2:1');
  });

  it('lints every Flink file of a folder, with paths relative to the working directory', async () => {
    const dir = project({
      'conf/flink-conf.yaml': GOOD,
      'conf/k8s/config.yaml': BROKEN,
      'conf/notes.txt': 'not yaml',
    });
    const r = await lint(dir, { inputs: ['conf'], format: 'json' });
    expect(JSON.parse(r.out).results.map((x: { file: string }) => x.file)).toEqual([
      'conf/flink-conf.yaml',
      'conf/k8s/config.yaml',
    ]);
  });
});

describe('lint: --output', () => {
  it('writes the report to a file atomically and leaves no temporary file', async () => {
    const dir = project({ 'config.yaml': BROKEN });
    const r = await lint(dir, {
      inputs: ['config.yaml'],
      format: 'sarif',
      output: 'out/flink-mem.sarif',
    }).catch((e) => e);
    expect(r.code).toBe(2); // the folder does not exist: a usage error, nothing linted
    mkdirSync(join(dir, 'out'));
    const ok = await lint(dir, {
      inputs: ['config.yaml'],
      format: 'sarif',
      output: 'out/flink-mem.sarif',
    });
    expect(ok.code).toBe(1);
    expect(ok.out).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out', 'flink-mem.sarif'), 'utf8')).version).toBe(
      '2.1.0',
    );
    expect(readdirSync(join(dir, 'out'))).toEqual(['flink-mem.sarif']);
  });

  it('writes several formats in one run, one of them to standard output', async () => {
    const dir = project({ 'config.yaml': BROKEN });
    const r = await lint(dir, {
      inputs: ['config.yaml'],
      reports: [
        { format: 'json', output: 'r.json' },
        { format: 'github' },
        { format: 'text', output: 'r.txt' },
      ],
    });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^::error /);
    expect(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).results).toHaveLength(1);
    expect(readFileSync(join(dir, 'r.txt'), 'utf8')).toContain('[invalid-memory-size]');
    expect(existsSync(join(dir, 'r.txt'))).toBe(true);
  });
});
