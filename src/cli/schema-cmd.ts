/**
 * `flink-mem schema [--flink-version X]`: prints the JSON Schema of Flink configuration files for
 * editors. With yaml-language-server, put `# yaml-language-server: $schema=flink-config.schema.json`
 * at the top of a config.yaml after `flink-mem schema > flink-config.schema.json`.
 */
import { parseVersionOrThrow, SettingsError } from '../engine/settings.js';
import { configSchema } from '../options/schema.js';
import type { CliIO } from './io.js';
import { EXIT } from './io.js';

export interface SchemaOptions {
  /** Defaults and deprecations of this Flink version (default: the newest). */
  readonly flinkVersion?: string;
}

export async function runSchema(opts: SchemaOptions, io: CliIO): Promise<number> {
  try {
    const version = opts.flinkVersion !== undefined ? parseVersionOrThrow(opts.flinkVersion, '--flink-version') : undefined;
    io.write(`${JSON.stringify(configSchema(version ? { version } : {}), null, 2)}\n`);
    return EXIT.ok;
  } catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    io.error(`flink-mem: error: ${e.message}\n`);
    return EXIT.usage;
  }
}
