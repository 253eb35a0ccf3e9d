import { spawnSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';
import { PERCENT, tempFolders } from './temp-folder.js';

const folder = tempFolders('flink-mem-fix-cli-');

describe('lint --fix-dry-run', () => {
  it('prints a git-style unified diff with the path as typed, writes nothing and exits 1', async () => {
    const dir = folder({ 'conf/flink-conf.yaml': PERCENT });
    const r = await cli(['lint', 'conf/flink-conf.yaml', '--fix-dry-run'], { cwd: dir });
    expect(r.stdout).toBe(
      [
        '--- a/conf/flink-conf.yaml',
        '+++ b/conf/flink-conf.yaml',
        '@@ -1,3 +1,3 @@',
        ' taskmanager.memory.process.size: 1728m',
        ' jobmanager.memory.process.size: 1600m',
        '-taskmanager.memory.managed.fraction: 40',
        '+taskmanager.memory.managed.fraction: 0.4',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('flink-mem: would fix 1 problem in 1 file\n');
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, 'conf/flink-conf.yaml'), 'utf8')).toBe(PERCENT);
  });

  it('shows a missing final line break the way diff does', async () => {
    const dir = folder({ 'flink-conf.yaml': 'taskmanager.memory.process.size: 1728m' });
    const r = await cli(['lint', 'flink-conf.yaml', '--fix-dry-run', '--flink-version', '1.20'], {
      cwd: dir,
    });
    expect(r.stdout).toBe(
      [
        '--- a/flink-conf.yaml',
        '+++ b/flink-conf.yaml',
        '@@ -1,1 +1,2 @@',
        '-taskmanager.memory.process.size: 1728m',
        '\\ No newline at end of file',
        '+taskmanager.memory.process.size: 1728m',
        '+jobmanager.memory.process.size: 1600m',
        '\\ No newline at end of file',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing and exits 0 when there is nothing to fix', async () => {
    const dir = folder({
      'flink-conf.yaml':
        'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n',
    });
    const r = await cli(['lint', 'flink-conf.yaml', '--fix-dry-run'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '', stderr: 'flink-mem: nothing to fix\n' });
  });

  it('reads standard input', async () => {
    const r = await cli(['lint', '-', '--fix-dry-run', '--input-format', 'flink-conf'], {
      stdin: PERCENT,
    });
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['--- a/<stdin>', '+++ b/<stdin>']);
    expect(r.code).toBe(1);
  });
});

describe('lint --fix', () => {
  it('writes the fixes, reports what remains and prints one summary line', async () => {
    const dir = folder({
      'a/flink-conf.yaml': PERCENT,
      // The misspelt key has no single suggestion, so it stays as a warning.
      'b/flink-conf.yaml':
        'taskmanager.heap.size: 1024m\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.managed.fractoin: 0.3\ntaskmanager.memory.foo.size: 1g\n',
    });
    const r = await cli(['lint', 'a', 'b', '--fix', '--flink-version', '1.18'], { cwd: dir });
    expect(r.stderr).toBe('flink-mem: fixed 3 problems in 2 files\n');
    expect(readFileSync(join(dir, 'a/flink-conf.yaml'), 'utf8')).toBe(
      PERCENT.replace(': 40', ': 0.4'),
    );
    expect(readFileSync(join(dir, 'b/flink-conf.yaml'), 'utf8')).toBe(
      'taskmanager.memory.flink.size: 1g\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.managed.fraction: 0.3\ntaskmanager.memory.foo.size: 1g\n',
    );
    expect(r.stdout).toContain(
      'b/flink-conf.yaml:4:1: warning: "taskmanager.memory.foo.size" (1g) is not a Flink option',
    );
    expect(r.stdout).not.toContain('fraction');
    expect(r.code).toBe(0);
  });

  it('exits 1 when an error remains that has no fix', async () => {
    const dir = folder({ 'flink-conf.yaml': `${PERCENT}  taskmanager.numberOfTaskSlots: 2\n` });
    const r = await cli(['lint', 'flink-conf.yaml', '--fix'], { cwd: dir });
    expect(r.stderr).toBe('flink-mem: fixed 1 problem in 1 file\n');
    expect(r.stdout).toContain('[legacy-syntax]');
    expect(r.code).toBe(1);
  });

  it('does not touch a file that does not load as it is', async () => {
    const text =
      'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.managed.fraction: 40\ntaskmanager.memory.process.size: 2g\n';
    const dir = folder({ 'config.yaml': text });
    const r = await cli(['lint', 'config.yaml', '--fix'], { cwd: dir });
    expect(r.stderr.split('\n')).toEqual([
      expect.stringMatching(
        /^flink-mem: config\.yaml: not fixed: the file does not load as it is \(4:1: "taskmanager\.memory\.process\.size" appears twice/,
      ),
      'flink-mem: nothing to fix',
      '',
    ]);
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe(text);
    expect(r.code).toBe(1);
  });

  it('does not write a result that would not load, and says why', async () => {
    // The new TaskManager key cannot go into the flow mapping, and a second "taskmanager" key would
    // be a duplicate.
    const text =
      'jobmanager:\n  memory:\n    process:\n      size: 1600m\ntaskmanager: {numberOfTaskSlots: 2}\n';
    const dir = folder({ 'config.yaml': text });
    const r = await cli(['lint', 'config.yaml', '--fix', '--flink-version', '1.20'], { cwd: dir });
    expect(r.stderr).toMatch(
      /^flink-mem: config\.yaml: not fixed: the fixed file would not load \(\d+:\d+: "taskmanager" appears twice/,
    );
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe(text);
    expect(readdirSync(dir)).toEqual(['config.yaml']);
  });

  it('never writes through a symbolic link: the link and the file it points to stay as they were, exit 2', async () => {
    const dir = folder({ 'real/flink-conf.yaml': PERCENT });
    symlinkSync(join(dir, 'real/flink-conf.yaml'), join(dir, 'flink-conf.yaml'));
    const r = await cli(['lint', 'flink-conf.yaml', '--fix'], { cwd: dir });
    expect(r.stderr).toBe(
      'flink-mem: error: cannot write the fixes to "flink-conf.yaml": it is a symbolic link, and --fix never writes through a link (run it on the file the link points to); the file is unchanged\nflink-mem: nothing fixed: 1 file could not be written\n',
    );
    expect(r.code).toBe(2);
    expect(lstatSync(join(dir, 'flink-conf.yaml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'flink-conf.yaml'))).toBe(join(dir, 'real/flink-conf.yaml'));
    expect(readFileSync(join(dir, 'real/flink-conf.yaml'), 'utf8')).toBe(PERCENT);
    expect(readdirSync(join(dir, 'real'))).toEqual(['flink-conf.yaml']);
    // The file itself is fixed as usual.
    expect((await cli(['lint', 'real/flink-conf.yaml', '--fix'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'real/flink-conf.yaml'), 'utf8')).toBe(
      PERCENT.replace(': 40', ': 0.4'),
    );
  });
});

describe('--fix usage errors', () => {
  it.each([
    [
      ['lint', '-', '--fix'],
      'flink-mem: error: --fix cannot write back to standard input; use --fix-dry-run to see the changes as a diff\n',
    ],
    [
      ['lint', 'x.yaml', '--fix', '--fix-dry-run'],
      'flink-mem: error: --fix and --fix-dry-run cannot be used together: --fix-dry-run shows what --fix would write\n',
    ],
    [
      ['lint', 'x.yaml', '--fix-dry-run', '--format', 'json'],
      'flink-mem: error: --fix-dry-run prints a unified diff; it takes no --format or --output\n',
    ],
  ])('%j', async (args, stderr) => {
    const r = await cli(args, { stdin: PERCENT });
    expect(r).toEqual({ code: 2, stdout: '', stderr });
  });

  it('the lint help shows both options with examples', async () => {
    const r = await cli(['lint', '--help']);
    expect(r.stdout).toContain('--fix ');
    expect(r.stdout).toContain('--fix-dry-run');
    expect(r.stdout).toContain('$ flink-mem lint conf/ --fix-dry-run');
    expect(r.stdout).toContain('$ flink-mem lint conf/flink-conf.yaml k8s/deployment.yaml --fix');
  });
});

describe('fixes --fix leaves alone, with the reason on standard error', () => {
  it('a key given with --set', async () => {
    const dir = folder({
      'flink-conf.yaml':
        'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n',
    });
    const r = await cli(
      ['lint', 'flink-conf.yaml', '--fix', '--set', 'taskmanager.memory.managed.fraction=40'],
      { cwd: dir },
    );
    expect(r.stderr).toBe(
      'flink-mem: flink-conf.yaml: 1 fix not applied: "taskmanager.memory.managed.fraction" is given with --set, which wins over the file\nflink-mem: nothing to fix\n',
    );
    expect(r.code).toBe(1);
  });

  it('a ConfigMap holding both flink-conf.yaml and config.yaml', async () => {
    const conf =
      '    taskmanager.memory.process.size: 1728m\n    jobmanager.memory.process.size: 1600m\n    taskmanager.memory.managed.fraction: 40\n';
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flink-config\ndata:\n  flink-conf.yaml: |\n${conf}  config.yaml: |\n${conf}`;
    const dir = folder({ 'cm.yaml': text });
    const r = await cli(['lint', 'cm.yaml', '--fix'], { cwd: dir });
    expect(r.stderr).toBe(
      'flink-mem: cm.yaml: 1 fix not applied: the fix is inside a ConfigMap holding both flink-conf.yaml and config.yaml, which --fix does not edit\nflink-mem: nothing to fix\n',
    );
    expect(readFileSync(join(dir, 'cm.yaml'), 'utf8')).toBe(text);
  });

  it('a Flink configuration embedded in a ConfigMap as a folded block', async () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flink-config\ndata:\n  flink-conf.yaml: >\n    taskmanager.memory.process.size: 1728m\n\n    jobmanager.memory.process.size: 1600m\n\n    taskmanager.memory.managed.fraction: 40\n';
    const dir = folder({ 'cm.yaml': text });
    const r = await cli(['lint', 'cm.yaml', '--fix-dry-run'], { cwd: dir });
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr:
        "flink-mem: cm.yaml: 1 fix not applied: the fix is inside a ConfigMap's embedded file that is not a literal block (|), which --fix does not edit\nflink-mem: nothing to fix\n",
    });
  });
});

describe('lint --fix on a file it may not replace', () => {
  it('leaves the file as it was, says so on stderr, does not claim the fix, and exits 2', async (ctx) => {
    const dir = folder({ 'flink-conf.yaml': PERCENT, 'other/flink-conf.yaml': PERCENT });
    const locked = join(dir, 'flink-conf.yaml');
    // An immutable file cannot be replaced even by root (tests here may run as root, who ignores
    // modes).
    if (spawnSync('chattr', ['+i', locked]).status !== 0) ctx.skip();
    try {
      const r = await cli(['lint', '.', '--fix'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        'flink-mem: error: cannot write the fixes to "flink-conf.yaml": the file may not be changed (EPERM); the file is unchanged\nflink-mem: fixed 1 problem in 1 file; 1 file could not be written\n',
      );
      expect(readFileSync(locked, 'utf8')).toBe(PERCENT);
      expect(readFileSync(join(dir, 'other/flink-conf.yaml'), 'utf8')).toBe(
        PERCENT.replace('fraction: 40', 'fraction: 0.4'),
      );
      expect(readdirSync(dir).sort()).toEqual(['flink-conf.yaml', 'other']);
    } finally {
      spawnSync('chattr', ['-i', locked]);
    }
  });
});
