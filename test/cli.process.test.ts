/**
 * The built command as a process (`npm ci` builds it): what a shell user sees when a pipe closes
 * early. Skipped only where dist/ has not been built (it always is in CI, by `npm ci`).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/flink-mem.cjs', import.meta.url));
const built = existsSync(new URL('../dist/cli/flink-mem.cjs', import.meta.url));

describe.skipIf(!built)('flink-mem as a process', () => {
  it('stops quietly when the reader closes the pipe (flink-mem lint . | head -1)', async () => {
    const child = spawn(process.execPath, [bin, 'explain', 'examples/standalone', 'examples/standard', 'examples/kubernetes', '--trace'], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
