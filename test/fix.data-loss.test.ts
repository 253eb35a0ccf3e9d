/**
 * `lint --fix` and `--output` never lose a byte (issue 10, items 1, 3, 4, 5 and 8): a write that
 * cannot finish (a file-size limit, a full disk), a file changed while it was being fixed, an
 * output that is a linted file under another name, a read-only file or folder as root, and a file
 * with several hard links each leave every file as it was, with one line on stderr and exit 2.
 * Tests here run as root in CI, so read-only cases are checked by mode bits, not by EACCES.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fileStamp, writeAtomically } from '../src/cli/fix-output.js';
import { cli } from './cli-harness.js';
import { PERCENT, tempFolders } from './temp-folder.js';

const bin = fileURLToPath(new URL('../bin/flink-mem.cjs', import.meta.url));
const built = existsSync(new URL('../dist/cli/flink-mem.cjs', import.meta.url));
const folder = tempFolders('flink-mem-loss-', (d) =>
  spawnSync('umount', [join(d, 'small')], { stdio: 'ignore' }),
);

const FIXED = PERCENT.replace('fraction: 40', 'fraction: 0.4');
/** 30 KB of comments before the fixable line: the fixed file is larger than a 20 KB size limit. */
const LARGE = `${'# a comment that makes the file large enough to cross the limit\n'.repeat(480)}${PERCENT}`;

/**
 * Runs the built CLI in a shell with a file-size limit; SIGXFSZ is ignored, so a write past it
 * fails with EFBIG.
 */
function underSizeLimit(
  cwd: string,
  kb: number,
  args: string,
): { status: number | null; stderr: string; stdout: string } {
  const r = spawnSync(
    'bash',
    ['-c', `trap '' XFSZ; ulimit -f ${kb}; exec "${process.execPath}" "${bin}" ${args}`],
    { cwd, encoding: 'utf8' },
  );
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

describe.skipIf(!built)('a write that cannot finish (file-size limit, as `ulimit -f`)', () => {
  it('--fix leaves the file whole, says why in one line and exits 2', () => {
    const dir = folder({ 'flink-conf.yaml': LARGE });
    const r = underSizeLimit(dir, 20, 'lint flink-conf.yaml --fix');
    expect(r.stderr).toBe(
      'flink-mem: error: cannot write the fixes to "flink-conf.yaml": the file would exceed the file-size limit (EFBIG); the file is unchanged\nflink-mem: nothing fixed: 1 file could not be written\n',
    );
    expect(r.status).toBe(2);
    expect(readFileSync(join(dir, 'flink-conf.yaml'), 'utf8')).toBe(LARGE);
    expect(leftovers(dir)).toEqual([]);
  });

  it('--output does not leave a truncated report: nothing is written, one line, exit 2', () => {
    const dir = folder({ 'flink-conf.yaml': LARGE, 'report.sarif': 'the previous report\n' });
    const r = underSizeLimit(dir, 20, 'lint flink-conf.yaml --format sarif --output report.sarif');
    expect(r.stderr).toBe(
      'flink-mem: error: cannot write "report.sarif": the file would exceed the file-size limit (EFBIG); nothing was written\n',
    );
    expect(r.status).toBe(2);
    expect(readFileSync(join(dir, 'report.sarif'), 'utf8')).toBe('the previous report\n');
    expect(leftovers(dir)).toEqual([]);
  });
});

/** A 64 KiB tmpfs in a fresh folder, or the reason it cannot be mounted here. */
function smallDisk(): { dir: string } | { missing: string } {
  const base = folder({});
  const dir = join(base, 'small');
  mkdirSync(dir);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (r.error || r.status !== 0)
    return {
      missing: `cannot mount a tmpfs here (${r.error?.message ?? r.stderr.trim()}); needs root and CAP_SYS_ADMIN`,
    };
  return { dir };
}

describe('a full disk (a 64 KiB tmpfs)', () => {
  it('--fix leaves the file whole and exits 2 with one line (ENOSPC was an internal error, exit 3, for --output)', async (ctx) => {
    const disk = smallDisk();
    if ('missing' in disk) return ctx.skip(disk.missing);
    // 40 KB: the file fits, a second copy of it does not.
    const text = `${'# padding to fill most of the small disk with one configuration file\n'.repeat(580)}${PERCENT}`;
    writeFileSync(join(disk.dir, 'flink-conf.yaml'), text);
    const r = await cli(['lint', 'flink-conf.yaml', '--fix'], { cwd: disk.dir });
    expect(r.stderr).toBe(
      'flink-mem: error: cannot write the fixes to "flink-conf.yaml": the disk is full (ENOSPC); the file is unchanged\nflink-mem: nothing fixed: 1 file could not be written\n',
    );
    expect(r.code).toBe(2);
    expect(readFileSync(join(disk.dir, 'flink-conf.yaml'), 'utf8')).toBe(text);
    expect(leftovers(disk.dir)).toEqual([]);

    const out = await cli(
      ['lint', 'flink-conf.yaml', '--format', 'sarif', '--output', 'report.sarif'],
      { cwd: disk.dir },
    );
    expect(out.stderr).toBe(
      'flink-mem: error: cannot write "report.sarif": the disk is full (ENOSPC); nothing was written\n',
    );
    expect(out.code).toBe(2);
    expect(readdirSync(disk.dir)).toEqual(['flink-conf.yaml']);
  });
});

describe('a file changed while it was being fixed', () => {
  it('is not replaced: the content, size and modification time are checked again just before the rename', () => {
    const dir = folder({ 'flink-conf.yaml': PERCENT });
    const file = join(dir, 'flink-conf.yaml');
    const stamp = fileStamp(file, readFileSync(file));
    // Same size and the old modification time: only the content hash can tell.
    const edited = PERCENT.replace('1728m', '1729m');
    const { mtime, atime } = statSync(file);
    writeFileSync(file, edited);
    utimesSync(file, atime, mtime);
    expect(() => writeAtomically(file, FIXED, stamp)).toThrow(
      'the file changed while it was being fixed',
    );
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(leftovers(dir)).toEqual([]);
    writeFileSync(file, `${PERCENT}# one more line\n`);
    expect(() => writeAtomically(file, FIXED, stamp)).toThrow(
      'the file changed while it was being fixed',
    );
    // Unchanged: written.
    writeFileSync(file, PERCENT);
    writeAtomically(file, FIXED, fileStamp(file, readFileSync(file)));
    expect(readFileSync(file, 'utf8')).toBe(FIXED);
  });
});

describe('--output that names a linted file in another spelling', () => {
  it('through a linked folder: refused before anything is written', async () => {
    const dir = folder({ 'cfg/flink-conf.yaml': PERCENT });
    symlinkSync('cfg', join(dir, 'cfglink'));
    const r = await cli(['lint', 'cfglink', '--output', 'cfg/flink-conf.yaml'], { cwd: dir });
    expect(r.stderr).toBe(
      'flink-mem: error: --output "cfg/flink-conf.yaml" is one of the linted files ("cfglink/flink-conf.yaml"); the report would overwrite it (nothing was written)\n',
    );
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'cfg/flink-conf.yaml'), 'utf8')).toBe(PERCENT);
  });

  it('through a hard link (same device and inode)', async () => {
    const dir = folder({ 'flink-conf.yaml': PERCENT });
    linkSync(join(dir, 'flink-conf.yaml'), join(dir, 'report.txt'));
    const r = await cli(['lint', 'flink-conf.yaml', '--output', 'report.txt'], { cwd: dir });
    expect(r.stderr).toBe(
      'flink-mem: error: --output "report.txt" is one of the linted files ("flink-conf.yaml"); the report would overwrite it (nothing was written)\n',
    );
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'flink-conf.yaml'), 'utf8')).toBe(PERCENT);
  });
});

describe('files --fix may not replace, even as root', () => {
  it('a read-only file (0444)', async () => {
    const dir = folder({ 'flink-conf.yaml': PERCENT });
    chmodSync(join(dir, 'flink-conf.yaml'), 0o444);
    const r = await cli(['lint', 'flink-conf.yaml', '--fix'], { cwd: dir });
    expect(r.stderr).toBe(
      'flink-mem: error: cannot write the fixes to "flink-conf.yaml": the file is read-only; the file is unchanged\nflink-mem: nothing fixed: 1 file could not be written\n',
    );
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'flink-conf.yaml'), 'utf8')).toBe(PERCENT);
  });

  it('a file in a read-only folder (0555)', async () => {
    const dir = folder({ 'conf/flink-conf.yaml': PERCENT });
    chmodSync(join(dir, 'conf'), 0o555);
    try {
      const r = await cli(['lint', 'conf', '--fix'], { cwd: dir });
      expect(r.stderr).toBe(
        'flink-mem: error: cannot write the fixes to "conf/flink-conf.yaml": its folder is read-only; the file is unchanged\nflink-mem: nothing fixed: 1 file could not be written\n',
      );
      expect(r.code).toBe(2);
      expect(readFileSync(join(dir, 'conf/flink-conf.yaml'), 'utf8')).toBe(PERCENT);
      expect(readdirSync(join(dir, 'conf'))).toEqual(['flink-conf.yaml']);
    } finally {
      chmodSync(join(dir, 'conf'), 0o755);
    }
  });

  it('a file with a second hard link: a rewrite would split the two names, so it is refused', async () => {
    const dir = folder({ 'flink-conf.yaml': PERCENT });
    linkSync(join(dir, 'flink-conf.yaml'), join(dir, 'backup.conf'));
    const r = await cli(['lint', 'flink-conf.yaml', '--fix'], { cwd: dir });
    expect(r.stderr).toBe(
      'flink-mem: error: cannot write the fixes to "flink-conf.yaml": the file has 2 hard links, which a rewrite would separate; the file is unchanged\nflink-mem: nothing fixed: 1 file could not be written\n',
    );
    expect(r.code).toBe(2);
    expect(statSync(join(dir, 'flink-conf.yaml')).nlink).toBe(2);
    expect(readFileSync(join(dir, 'backup.conf'), 'utf8')).toBe(PERCENT);
  });
});
