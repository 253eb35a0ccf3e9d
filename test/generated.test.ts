import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { settingsFromObject } from '../src/engine/settings.js';
import { UsageError } from '../src/primitives/usage-error.js';

describe('generated validators', () => {
  it('the committed validators (linter config, option values) match their schemas (run scripts/gen-validators.mjs when this fails)', () => {
    expect(() =>
      execFileSync(process.execPath, ['scripts/gen-validators.mjs', '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('rejects a bad .flink-mem.yaml with the path of the problem', () => {
    const known = new Set(['unknown-key']);
    expect(() =>
      settingsFromObject({ rules: { 'unknown-key': 'loud' } }, '.flink-mem.yaml', known),
    ).toThrow(UsageError);
    expect(() => settingsFromObject({ target: 'mesos' }, '.flink-mem.yaml', known)).toThrow(
      /"target" must be equal to one of the allowed values/,
    );
    expect(
      settingsFromObject(
        { rules: { 'unknown-key': ['off', {}] }, target: 'yarn' },
        '.flink-mem.yaml',
        known,
      ),
    ).toEqual({ rules: { 'unknown-key': ['off', {}] }, target: 'yarn' });
  });
});
