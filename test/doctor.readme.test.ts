/**
 * The README's doctor table states what `npm run doctor:eval` measures on the development set now
 * (`node scripts/doctor-eval.mjs --readme` prints it): a change to the doctor or to the set that
 * moves a figure fails here until the README says so.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;

describe("README's doctor section", () => {
  it('shows the scores the development set gives today (run `node scripts/doctor-eval.mjs --readme` and paste the table)', () => {
    const table = execFileSync(process.execPath, ['scripts/doctor-eval.mjs', '--readme'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    expect(table.split('\n').length).toBeGreaterThan(4);
    expect(readme).toContain(table);
  }, 60_000);
});
