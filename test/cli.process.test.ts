/**
 * The built command as a process (`npm ci` builds it): what a shell user sees when a pipe closes
 * early. Skipped only where dist/ has not been built (it always is in CI, by `npm ci`).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/flink-mem.cjs', import.meta.url));
const built = existsSync(new URL('../dist/cli/flink-mem.cjs', import.meta.url));

describe.skipIf(!built)('flink-mem as a process', () => {
  it('stops quietly when the reader closes the pipe (flink-mem lint . | head -1)', async () => {
    const child = spawn(
      process.execPath,
      [
        bin,
        'explain',
        'examples/standalone',
        'examples/standard',
        'examples/kubernetes',
        '--trace',
      ],
      { cwd: root },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('prints no warning of the YAML library, only its own error, for a linter config with a collection key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flink-mem-yaml-warn-'));
    try {
      writeFileSync(join(dir, '.flink-mem.yaml'), '? [a, b]\n: c\n');
      writeFileSync(join(dir, 'flink-conf.yaml'), 'taskmanager.memory.process.size: 2g\n');
      const r = spawnSync(process.execPath, [bin, 'lint', 'flink-conf.yaml'], { cwd: dir });
      expect(r.stderr.toString()).toBe(
        'flink-mem: error: .flink-mem.yaml: "(root)" must NOT have additional properties\n',
      );
      expect(r.status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes to a file what it writes to a pipe, and a full disk is one line and exit 2', async () => {
    const args = [bin, 'lint', 'examples/standalone', 'examples/standard'];
    const dir = mkdtempSync(join(tmpdir(), 'flink-mem-out-'));
    try {
      const out = join(dir, 'report.txt');
      const fd = openSync(out, 'w');
      const toFile = spawnSync(process.execPath, args, {
        cwd: root,
        stdio: ['ignore', fd, 'pipe'],
      });
      closeSync(fd);
      const toPipe = spawnSync(process.execPath, args, { cwd: root });
      expect(toFile.status).toBe(toPipe.status);
      expect(readFileSync(out, 'utf8')).toBe(toPipe.stdout.toString());
      expect(toPipe.stdout.toString()).toMatch(/in 2 files\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (!existsSync('/dev/full')) return;
    const full = openSync('/dev/full', 'w');
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', full, 'pipe'] });
    closeSync(full);
    expect(r.stderr.toString()).toBe(
      'flink-mem: error: cannot write to standard output (ENOSPC)\n',
    );
    expect(r.status).toBe(2);
  });
});
