/**
 * Runs every `fixtures/doctor/*.txt` through the doctor. Each fixture starts with its header of
 * expectations (stripped before diagnosis; read by src/fixtures/directives.ts, every directive is
 * described in fixtures/README.md). A `# config:` file is loaded as `--config` loads it.
 * With a configuration, every group of suggestions that comes with an effect must pass the model.
 * The text output sits beside each fixture in `<name>.out` (`npx vitest run
 * test/doctor.fixtures.test.ts -u`
 * rewrites them), so wording changes show in review.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../src/doctor/advisor.js';
import { formatJson, formatText } from '../src/doctor/format.js';
import { SIGNATURES } from '../src/doctor/signatures/index.js';
import type { Diagnosis } from '../src/doctor/types.js';
import { computeJobManager, computeTaskManager } from '../src/model/compute.js';
import { applyChanges } from '../src/model/trial.js';
import { findOption } from '../src/options/catalogue.js';
import { defaultVersion, parseVersion } from '../src/primitives/version.js';
import { DOCTOR_FIXTURES, doctorFixtureConfig, loadDoctorFixtures } from './doctor-fixtures.js';

const FIXTURES = loadDoctorFixtures();

function changesOf(
  group: readonly Diagnosis['suggestions'][number][],
): Record<string, string | null> {
  return Object.fromEntries(
    group.map((s) => [s.key, s.suggested === 'remove' ? null : s.suggested]),
  );
}

describe('doctor fixtures', () => {
  it('has at least 40 fixtures, and every signature is expected by at least one', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(40);
    const expected = new Set(FIXTURES.flatMap((f) => f.expect.map((e) => e.split('@')[0])));
    for (const s of SIGNATURES) expect(expected, s.id).toContain(s.id);
    expect(FIXTURES.filter((f) => f.expect.length === 0).length).toBeGreaterThanOrEqual(5);
  });

  it('exercises every pattern of every signature, past its keyword filter', () => {
    const lines = FIXTURES.flatMap((f) => f.body.split('\n'));
    const missing: string[] = [];
    for (const s of SIGNATURES) {
      s.patterns.forEach((p, i) => {
        const hit = lines.some(
          (l) => p.re.test(l) && s.keywords.some((k) => l.toLowerCase().includes(k)),
        );
        if (!hit) missing.push(`${s.id} pattern ${i}: ${p.re.source.slice(0, 60)}`);
      });
    }
    expect(missing).toEqual([]);
  });

  it.each(FIXTURES.map((f) => [f.name, f] as const))('%s', async (_name, f) => {
    const version = f.version ? parseVersion(f.version)! : defaultVersion();
    const config = f.config ? doctorFixtureConfig(f.config) : undefined;
    const result = diagnose({
      text: f.body,
      ...(f.version ? { version } : {}),
      ...(config ? { config } : {}),
      ...(f.target ? { target: f.target } : {}),
    });
    expect(result.diagnoses.map((d) => `${d.id}@${d.component}`)).toEqual(f.expect);
    if (f.expect.length === 0) expect(result.lookedAt).toMatch(/^Looked at \d+ line/);
    const first = result.diagnoses[0];
    if (f.keys !== undefined)
      expect(new Set(first?.suggestions.map((s) => s.key) ?? [])).toEqual(new Set(f.keys));
    for (const [key, value] of f.values) {
      expect(
        first?.suggestions.filter((s) => s.key === key).map((s) => s.suggested),
        key,
      ).toContain(value);
    }
    const explained = [...result.diagnoses.map((d) => d.explanation), result.lookedAt ?? ''].join(
      ' ',
    );
    for (const phrase of f.explain) expect(explained).toContain(phrase);
    for (const d of result.diagnoses) {
      expect(d.evidence.line).toBeGreaterThan(0);
      const quoted = f.body.split('\n')[d.evidence.line - 1]?.trim() ?? '';
      expect(quoted.startsWith(d.evidence.text.replace(/\.\.\.$/, ''))).toBe(true);
      expect(d.docs.length).toBeGreaterThan(0);
    }
    if (config) {
      const options = { version, target: f.target ?? 'standalone' };
      for (const d of result.diagnoses) {
        const groups = new Map<string, Diagnosis['suggestions'][number][]>();
        for (const s of d.suggestions) {
          const option = findOption(s.key);
          const sized =
            option !== undefined &&
            /^(taskmanager|jobmanager)\.memory\./.test(s.key) &&
            s.key !== 'taskmanager.memory.managed.consumer-weights';
          if (sized) expect(s.effect, `${d.id}: ${s.key} has no effect`).toBeTruthy();
          if (s.effect) groups.set(s.effect, [...(groups.get(s.effect) ?? []), s]);
        }
        for (const group of groups.values()) {
          const changed = applyChanges(config, changesOf(group));
          const touches = (p: string) => group.some((s) => s.key.startsWith(`${p}.`));
          // A process that started before must still start; the process the change is for must
          // start.
          if (touches('taskmanager') || computeTaskManager(config, options).ok) {
            expect(
              computeTaskManager(changed, options).ok,
              `${d.id}: ${JSON.stringify(changesOf(group))}`,
            ).toBe(true);
          }
          if (touches('jobmanager') || computeJobManager(config, options).ok) {
            expect(
              computeJobManager(changed, options).ok,
              `${d.id}: ${JSON.stringify(changesOf(group))}`,
            ).toBe(true);
          }
        }
      }
    }
    // The JSON shape of the issue, field by field (extra fields such as `effect` are allowed).
    const json = JSON.parse(formatJson(result)) as {
      diagnoses: Record<string, unknown>[];
      lookedAt?: string;
    };
    expect(json.diagnoses).toHaveLength(result.diagnoses.length);
    const ids = SIGNATURES.map((s) => s.id);
    for (const d of json.diagnoses) {
      expect(d).toMatchObject({
        id: expect.any(String),
        component: expect.stringMatching(/^(taskmanager|jobmanager|unknown)$/),
        summary: expect.stringMatching(/\S/),
        explanation: expect.stringMatching(/\S/),
        evidence: { line: expect.any(Number), text: expect.stringMatching(/\S/) },
        suggestions: expect.any(Array),
        docs: expect.any(Array),
      });
      expect(ids).toContain(d.id);
      expect(Number.isInteger((d.evidence as { line: number }).line)).toBe(true);
      for (const s of d.suggestions as Record<string, unknown>[]) {
        expect(s).toMatchObject({
          key: expect.stringMatching(/^[a-z][\w.-]*$/),
          current: expect.stringMatching(/\S/),
          suggested: expect.stringMatching(/\S/),
          why: expect.stringMatching(/\S/),
        });
      }
      for (const u of d.docs as unknown[]) expect(u).toMatch(/^https:\/\//);
    }
    if (result.diagnoses.length === 0) expect(json.lookedAt).toMatch(/^Looked at/);
    await expect(formatText(result)).toMatchFileSnapshot(
      join(DOCTOR_FIXTURES, f.name.replace(/\.txt$/, '.out')),
    );
  });
});
