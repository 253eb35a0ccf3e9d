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

describe('a value of hundreds of kilobytes', () => {
  it('explain text keeps every line short; JSON keeps Flink\'s message whole', async () => {
    const blob = 'x'.repeat(300_000);
    const config = `taskmanager.memory.process.size: 2g\ntaskmanager.memory.managed.fraction: ${blob}\n`;
    const text = await cli(['explain', '-'], { stdin: config });
    expect(text.code).toBe(1);
    expect(Math.max(...text.stdout.split('\n').map((l) => l.length))).toBeLessThan(600);
    expect(text.stdout).toMatch(/^ {2}flink: {2}Could not parse value 'x+…x+' for key 'taskmanager\.memory\.managed\.fraction'/m);
    const json = await cli(['explain', '-', '--format', 'json'], { stdin: config });
    expect(json.stdout).toContain(`Could not parse value '${blob}'`);
  });
});
