/**
 * `flink-mem schema [--kind config|flink-deployment] [--flink-version X]`: prints the JSON Schema
 * of Flink configuration files (or of a FlinkDeployment's spec.flinkConfiguration) for editors.
 * With yaml-language-server, put `# yaml-language-server: $schema=flink-config.schema.json` at the
 * top of a config.yaml after `flink-mem schema > flink-config.schema.json`.
 */
import { parseVersionOrThrow } from '../engine/settings.js';
import { UsageError } from '../primitives/usage-error.js';
import { editorSchema, SCHEMA_KINDS } from '../options/editor-schema.js';
import type { SchemaKind } from '../options/editor-schema.js';
import type { CliIO } from './io.js';
import { EXIT, exitFor } from './io.js';

export interface SchemaOptions {
  /** Defaults and deprecations of this Flink version (default: the newest). */
  readonly flinkVersion?: string;
  /** `config` (default) or `flink-deployment`. */
  readonly kind?: string;
}

export async function runSchema(opts: SchemaOptions, io: CliIO): Promise<number> {
  try {
    const version =
      opts.flinkVersion !== undefined
        ? parseVersionOrThrow(opts.flinkVersion, '--flink-version')
        : undefined;
    const kind = opts.kind ?? 'config';
    if (!(SCHEMA_KINDS as readonly string[]).includes(kind))
      throw new UsageError('EINVAL', `--kind "${kind}" is not one of ${SCHEMA_KINDS.join(', ')}`);
    io.write(
      `${JSON.stringify(editorSchema({ ...(version ? { version } : {}), kind: kind as SchemaKind }), null, 2)}\n`,
    );
    return EXIT.ok;
  } catch (e) {
    return exitFor(e, io);
  }
}
