/**
 * Rule fixtures: `fixtures/rules/<rule-id>/{valid,invalid}-*.{yaml,yml,conf}`.
 *
 * Directives and `# expect:` markers are read by src/fixtures/directives.ts; the syntax is in
 * fixtures/README.md.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InputFormat } from '../src/config/types.js';
import type { LinterSettings } from '../src/engine/settings.js';
import { parseLimitOrThrow, parseVersionOrThrow } from '../src/engine/settings.js';
import type { LintSettingName } from '../src/fixtures/directives.js';
import {
  expectMarkers,
  lintSettings,
  readHeader,
  RULES_FAMILY,
} from '../src/fixtures/directives.js';
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

/** A rule fixture's lint settings (its `# flink-mem-fixture:` line) by setting. */
export function parseDirectives(file: string, text: string): FixtureDirectives {
  const settings = lintSettings(file, readHeader(RULES_FAMILY, file, text));
  const get = (name: LintSettingName) => settings.get(name);
  return {
    ...(get('format') !== undefined ? { format: get('format') as InputFormat } : {}),
    ...(get('version') !== undefined ? { version: get('version')! } : {}),
    ...(get('target') !== undefined
      ? { target: get('target') as NonNullable<FixtureDirectives['target']> }
      : {}),
    ...(get('container-memory') !== undefined ? { containerMemory: get('container-memory')! } : {}),
  };
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
      out.push({
        ruleId,
        name,
        path,
        text,
        valid: name.startsWith('valid-'),
        directives: parseDirectives(path, text),
        expected: expectMarkers(path, text),
      });
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
    ...(f.directives.version
      ? { flinkVersion: parseVersionOrThrow(f.directives.version, 'version') }
      : {}),
    ...(f.directives.containerMemory
      ? { containerMemory: parseLimitOrThrow(f.directives.containerMemory, 'container-memory') }
      : {}),
  };
}
