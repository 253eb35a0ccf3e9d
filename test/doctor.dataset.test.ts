/**
 * The doctor's development set (fixtures/doctor-real/) must stay usable by `npm run doctor:eval`:
 * every item has a valid header, a source, and expectations that name known signatures. No score
 * is required here; the eval reports it.
 */
import { describe, expect, it } from 'vitest';
import { SIGNATURES } from '../src/doctor/signatures/index.js';
import { loadDataset } from './doctor-dataset.js';

const ITEMS = loadDataset();
const IDS = new Set(SIGNATURES.map((s) => s.id));

describe('doctor development set', () => {
  it('holds at least 150 reports, with negatives, prose and Chinese among them', () => {
    expect(ITEMS.length).toBeGreaterThanOrEqual(150);
    expect(ITEMS.filter((i) => i.expect.length === 0).length).toBeGreaterThanOrEqual(
      ITEMS.length / 10,
    );
    expect(ITEMS.filter((i) => i.kind === 'prose').length).toBeGreaterThanOrEqual(ITEMS.length / 4);
    expect(ITEMS.filter((i) => i.lang === 'zh').length).toBeGreaterThanOrEqual(ITEMS.length / 4);
  });

  it('cites each source once', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const i of ITEMS) {
      const prev = seen.get(i.body.trim());
      if (prev) twice.push(`${prev} and ${i.name} hold the same text`);
      seen.set(i.body.trim(), i.name);
    }
    expect(twice).toEqual([]);
  });

  it.each(ITEMS.map((i) => [i.name, i] as const))('%s', (_name, item) => {
    expect(item.problems).toEqual([]);
    expect(item.name).toMatch(/^[a-z0-9][a-z0-9-]*\.txt$/);
    for (const e of item.expect) expect(IDS, e).toContain(e.split('@')[0]);
    expect(item.source).toMatch(/^https?:\/\//);
  });
});
