/**
 * `flink-mem lint --print-config <file>`: prints the settings lint would use for a file and lints
 * nothing.
 */
import { dirname, relative, resolve } from 'node:path';
import { ALL_RULES } from '../../rules/index.js';
import { UsageError } from '../config/index.js';
import type { LinterSettings } from '../engine/settings.js';
import { versionLabel } from '../primitives/version.js';
import type { CliIO } from './io.js';
import { EXIT, exitFor } from './io.js';
import type { Plan } from './lint-plan.js';
import { EMPTY_PATH } from './util.js';

/**
 * `--print-config <file>`: the settings lint would use for that file, as JSON: which linter config
 * applies, the Flink version and target it forces, and every rule's effective setting.
 */
export function printConfig(file: string, plan: Plan, io: CliIO): number {
  for (const r of plan.reports) r.sink.abort();
  if (file === '') throw new UsageError('EINVAL', EMPTY_PATH);
  const abs = resolve(io.cwd, file);
  let settings: LinterSettings;
  try {
    settings = plan.settingsFor(abs);
  } catch (e) {
    return exitFor(e, io);
  }
  const config = plan.explicitConfig ?? plan.configs.locate(dirname(abs));
  const rules = Object.fromEntries(
    ALL_RULES.map((r) => [r.id, settings.rules[r.id] ?? r.severity]),
  );
  const printed = {
    file,
    configFile: config === null ? null : relative(io.cwd, config) || config,
    flinkVersion: settings.flinkVersion
      ? versionLabel(settings.flinkVersion)
      : 'from each file (spec.flinkVersion; 1.20 for flink-conf.yaml; else the newest)',
    target: settings.target,
    containerMemory:
      settings.containerMemory === undefined ? null : `${settings.containerMemory} bytes`,
    rules,
  };
  io.write(`${JSON.stringify(printed, null, 2)}\n`);
  return EXIT.ok;
}
