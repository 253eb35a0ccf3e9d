/**
 * docs/doctor.md is generated from the signatures and their fixtures (`npm run docs:doctor`):
 * this fails when it is stale, when a signature has no example, or names a memory option
 * flink-mem does not know.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDoctorExamples, renderDoctorMarkdown } from '../src/doctor/reference.js';
import { SIGNATURES } from '../src/doctor/signatures/index.js';
import { DOCTOR_FAMILY, readHeader } from '../src/fixtures/directives.js';
import { findOption } from '../src/options/catalogue.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/doctor/', import.meta.url));
const examples = loadDoctorExamples(
  FIXTURES,
  SIGNATURES.map((s) => s.id),
);

describe('docs/doctor.md', () => {
  it('is up to date with the signatures (run `npm run docs:doctor` to regenerate)', () => {
    const current = readFileSync(new URL('../docs/doctor.md', import.meta.url), 'utf8');
    expect(current).toBe(renderDoctorMarkdown(SIGNATURES, examples));
  });

  it('has a section, a description and a tested example for every signature', () => {
    const md = renderDoctorMarkdown(SIGNATURES, examples);
    for (const s of SIGNATURES) {
      expect(md).toContain(`## ${s.id}\n`);
      expect(s.recognises.length, s.id).toBeGreaterThan(0);
      expect(examples.get(s.id)?.fixture, s.id).toMatch(/\.txt$/);
    }
  });

  it('marks at most one fixture per signature as its docs example, one without a configuration', () => {
    const marked = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.txt'))
      .map((f) =>
        readHeader(DOCTOR_FAMILY, `${FIXTURES}${f}`, readFileSync(`${FIXTURES}${f}`, 'utf8')),
      )
      .filter((h) => h.get('docs-example') === 'yes');
    const ids = marked.map((h) => /^(\S+)@/.exec(h.get('expect') ?? '')?.[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const h of marked) expect(h.get('config')).toBeUndefined();
    for (const id of ids) expect(examples.get(id!)).toBeDefined();
  });

  it('names only memory options flink-mem knows', () => {
    const memory = SIGNATURES.flatMap((s) =>
      s.options
        .filter((k) => /^(?:taskmanager|jobmanager)\.memory\./.test(k))
        .map((k) => [s.id, k] as const),
    );
    expect(memory.length).toBeGreaterThan(20);
    for (const [id, key] of memory) expect(findOption(key), `${id}: ${key}`).toBeDefined();
  });
});
