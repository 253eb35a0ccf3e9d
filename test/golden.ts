/** Loading the golden cases (outputs of Flink's own classes) and picking versions for them. */
import { readFileSync } from 'node:fs';
import { KNOWN_VERSIONS, parseVersion } from '../src/primitives/version.js';
import type { FlinkVersion } from '../src/primitives/version.js';
import { compareVersions } from '../src/primitives/version.js';

export interface GoldenCase {
  id: string;
  kind: 'taskmanager' | 'jobmanager' | 'memory-size';
  config: Record<string, string>;
  expect: Record<string, unknown>;
  flinkVersions: string;
  mode?: string;
  env?: Record<string, string>;
}

export const GOLDEN: GoldenCase[] = JSON.parse(
  readFileSync(new URL('../fixtures/model/golden-cases.json', import.meta.url), 'utf8'),
) as GoldenCase[];

const CANDIDATES: FlinkVersion[] = ['1.10.0', ...KNOWN_VERSIONS].map((v) => parseVersion(v)!);

/** Every modelled version inside a case's `flinkVersions` range (">=1.10.1 <1.17 (note)"). */
export function versionsInRange(range: string): FlinkVersion[] {
  const bounds = [...range.matchAll(/(>=|<)\s*(\d+\.\d+(?:\.\d+)?)/g)].map((m) => ({
    op: m[1]!,
    v: parseVersion(m[2]!)!,
  }));
  return CANDIDATES.filter((c) =>
    bounds.every((b) => {
      const cmp = compareVersions(
        c,
        b.v.patch === null ? { ...b.v, patch: b.op === '>=' ? 0 : 0 } : b.v,
      );
      return b.op === '>=' ? cmp >= 0 : cmp < 0;
    }),
  );
}

/** The newest version in range: the one whose messages and formats the oracle printed. */
export function newestInRange(range: string): FlinkVersion {
  const all = versionsInRange(range);
  return all[all.length - 1]!;
}

export function targetForMode(mode: string | undefined): 'standalone' | 'kubernetes' | 'local' {
  if (mode === 'local') return 'local';
  if (mode?.includes('containerized')) return 'kubernetes';
  return 'standalone';
}

/** JSON byte values are numbers up to 2^53-1 and decimal strings above. */
export function bytes(v: unknown): bigint {
  return BigInt(v as string | number);
}

/** The component sizes a golden case's `expect` may give, as the model's results name them. */
export const SIZE_FIELDS = [
  'frameworkHeap',
  'frameworkOffHeap',
  'taskHeap',
  'taskOffHeap',
  'managed',
  'network',
  'jvmMetaspace',
  'jvmOverhead',
  'totalFlink',
  'totalProcess',
  'offHeap',
] as const;
