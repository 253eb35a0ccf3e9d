/** Inputs named more than once are read once, standard input included (it is empty the second time). */
import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';

const CONFIG = 'taskmanager.memory.process.size: 1g\njobmanager.memory.process.size: 1600m\n';

describe('inputs named twice', () => {
  it('lint - - lints standard input once', async () => {
    const r = await cli(['lint', '-', '-'], { stdin: CONFIG });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('no problems found in 1 file\n');
    expect(r.code).toBe(0);
  });

  it('explain - - explains standard input once', async () => {
    const r = await cli(['explain', '-', '-'], { stdin: CONFIG });
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^<stdin> {2}\(Flink/gm)).toHaveLength(1);
  });
});
