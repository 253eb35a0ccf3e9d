/**
 * Rule fixtures: `fixtures/rules/<rule-id>/{valid,invalid}-*.{yaml,yml,conf}`.
 *
 * A fixture may start with a directive line that sets how it is linted:
 *   # flink-mem-fixture: format=flink-conf version=1.20 target=kubernetes container-memory=4Gi
 * Expectations sit on the line a finding is reported at:
 *   taskmanager.memory.network.min: 512m   # expect: range-min-above-max
 * `# expect: a, b` expects two findings; `# expect: a@-1` puts it on the line above.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InputFormat } from '../src/config/types.js';
import type { LinterSettings } from '../src/engine/settings.js';
import { parseLimitOrThrow, parseVersionOrThrow } from '../src/engine/settings.js';
import { ALL_RULES } from '../rules/index.js';

export const RULE_FIXTURES = new URL('../fixtures/rules/', import.meta.url).pathname;

export interface FixtureDirectives {
  format?: InputFormat;
  version?: string;
  target?: 'standalone' | 'kubernetes' | 'yarn' | 'local';
  containerMemory?: string;
}

export interface Fixture {
  ruleId: string;
  name: string;
  path: string;
  text: string;
  valid: boolean;
  directives: FixtureDirectives;
  /** "line:ruleId", sorted. */
  expected: string[];
}

export function parseDirectives(text: string): FixtureDirectives {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const m = /#\s*flink-mem-fixture:\s*(.*)$/.exec(first);
  const out: Record<string, string> = {};
  if (m) for (const part of m[1]!.split(/\s+/)) {
    const [k, v] = part.split('=');
    if (k && v) out[k.replace(/-(\w)/g, (_a, c: string) => c.toUpperCase())] = v;
  }
  return out as FixtureDirectives;
}

export function parseExpectations(text: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = /#\s*expect:\s*(.+?)\s*$/.exec(line);
    if (!m) return;
    for (const item of m[1]!.split(/\s*,\s*/)) {
      const [id, rel] = item.split('@');
      const at = i + 1 + (rel ? Number(rel) : 0);
      out.push(`${at}:${id}`);
    }
  });
  return out.sort();
}

export function loadFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const ruleId of readdirSync(RULE_FIXTURES).sort()) {
    const dir = join(RULE_FIXTURES, ruleId);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!/^(valid|invalid)-.*\.(ya?ml|conf)$/.test(name)) continue;
      const path = join(dir, name);
      const text = readFileSync(path, 'utf8');
      out.push({ ruleId, name, path, text, valid: name.startsWith('valid-'), directives: parseDirectives(text), expected: parseExpectations(text) });
    }
  }
  return out;
}

/** The linter settings a fixture's directives ask for (every rule at its default severity). */
export function fixtureSettings(f: Fixture): LinterSettings {
  return {
    rules: {},
    knownRuleIds: ALL_RULES.map((r) => r.id),
    target: f.directives.target ?? 'standalone',
    ...(f.directives.version ? { flinkVersion: parseVersionOrThrow(f.directives.version, 'version') } : {}),
    ...(f.directives.containerMemory ? { containerMemory: parseLimitOrThrow(f.directives.containerMemory, 'container-memory') } : {}),
  };
}
