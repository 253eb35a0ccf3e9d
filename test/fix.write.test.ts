import {
  chownSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeAtomically } from '../src/cli/fix-output.js';

const dir = mkdtempSync(join(tmpdir(), 'flink-mem-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeAtomically', () => {
  it('replaces the content and keeps the mode', () => {
    const file = join(dir, 'flink-conf.yaml');
    writeFileSync(file, 'old\n', { mode: 0o600 });
    writeAtomically(file, 'new\r\n');
    expect(readFileSync(file, 'utf8')).toBe('new\r\n');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['flink-conf.yaml']);
  });

  it.runIf(process.getuid?.() === 0)('keeps the owner of a file it replaces as root', () => {
    const file = join(dir, 'owned.yaml');
    writeFileSync(file, 'old\n');
    chownSync(file, 4242, 4343);
    writeAtomically(file, 'new\n');
    expect([statSync(file).uid, statSync(file).gid]).toEqual([4242, 4343]);
  });

  it('refuses a read-only file and leaves it as it was (by its mode bits, so as root too)', () => {
    const file = join(dir, 'read-only.yaml');
    writeFileSync(file, 'old\n', { mode: 0o444 });
    expect(() => writeAtomically(file, 'new\n')).toThrow(
      expect.objectContaining({ code: 'EACCES' }),
    );
    expect(readFileSync(file, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).not.toContainEqual(expect.stringMatching(/\.tmp$/));
  });

  it('refuses to replace a folder and leaves nothing behind', () => {
    const sub = join(dir, 'sub');
    mkdirSync(join(sub, 'target'), { recursive: true });
    writeFileSync(join(sub, 'target', 'inside'), 'x');
    expect(() => writeAtomically(join(sub, 'target'), 'new\n')).toThrow();
    expect(readdirSync(sub)).toEqual(['target']);
  });
});
