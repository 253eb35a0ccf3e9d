/**
 * Doctor fixtures: `fixtures/doctor/<name>.txt`, a header of expectations (read by
 * src/fixtures/directives.ts; every directive is described in fixtures/README.md) above the text
 * the
 * doctor reads, and the configurations `# config:` names in `fixtures/doctor/configs/`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fatalProblems, loadFile, rawConfig } from '../src/config/index.js';
import { DOCTOR_FAMILY, readHeader } from '../src/fixtures/directives.js';
import type { Target } from '../src/model/compute.js';
import type { RawValue } from '../src/primitives/raw-value.js';

export const DOCTOR_FIXTURES = fileURLToPath(new URL('../fixtures/doctor/', import.meta.url));

export interface DoctorFixture {
  readonly name: string;
  readonly body: string;
  readonly expect: readonly string[];
  readonly keys?: readonly string[];
  readonly values: readonly [string, string][];
  readonly explain: readonly string[];
  readonly config?: string;
  readonly version?: string;
  readonly target?: Target;
}

export function parseDoctorFixture(name: string): DoctorFixture {
  const path = join(DOCTOR_FIXTURES, name);
  const text = readFileSync(path, 'utf8');
  const header = readHeader(DOCTOR_FAMILY, path, text);
  const list = (k: string) =>
    (header.get(k) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const expectText = header.get('expect');
  if (expectText === undefined) throw new Error(`${name}: no "# expect:" line`);
  const keys = header.get('expect-keys');
  const config = header.get('config');
  const version = header.get('flink-version');
  const target = header.get('target');
  return {
    name,
    body: text.split('\n').slice(header.lineCount).join('\n'),
    expect: expectText === 'none' ? [] : expectText.split(/\s+/).filter(Boolean),
    ...(keys !== undefined ? { keys: keys === 'none' ? [] : list('expect-keys') } : {}),
    values: (header.get('expect-values') ?? '')
      .split(/,\s+/)
      .filter(Boolean)
      .map((kv) => {
        const at = kv.indexOf('=');
        return [kv.slice(0, at), kv.slice(at + 1)] as [string, string];
      }),
    explain: header.all('expect-explain'),
    ...(config !== undefined ? { config } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(target !== undefined ? { target: target as Target } : {}),
  };
}

/**
 * A `# config:` file (relative to fixtures/doctor/), read by the loader `--config` uses; the files
 * are flink-conf.yaml style.
 */
export function doctorFixtureConfig(path: string): Map<string, RawValue> {
  const loaded = loadFile(join(DOCTOR_FIXTURES, path), { format: 'flink-conf' });
  const fatal = fatalProblems(loaded)[0];
  if (fatal || !loaded.documents[0])
    throw new Error(`fixtures/doctor/${path}: ${fatal?.message ?? 'no configuration'}`);
  return rawConfig(loaded.documents[0]);
}

/** Every `fixtures/doctor/*.txt`, by name. */
export function loadDoctorFixtures(): DoctorFixture[] {
  return readdirSync(DOCTOR_FIXTURES)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map(parseDoctorFixture);
}
