/**
 * The doctor's settings from its flags: the Flink version, the target and the configuration the
 * process ran with (`--config`: a file, or a folder holding one).
 */
import { statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expandInputs, fatalProblems, loadFile, rawConfig } from '../config/index.js';
import type { ConfigDocument } from '../config/types.js';
import type { Target } from '../model/compute.js';
import type { RawValue } from '../primitives/raw-value.js';
import type { FlinkVersion } from '../primitives/version.js';
import { KNOWN_VERSIONS, parseVersion } from '../primitives/version.js';
import { TARGETS, versionAndTarget } from '../engine/version-target.js';
import type { DoctorOptions } from '../doctor/types.js';
import { UsageError } from '../primitives/usage-error.js';

export interface DoctorCliOptions {
  readonly error?: string;
  readonly log?: string;
  readonly config?: string;
  readonly format: 'text' | 'json';
  readonly flinkVersion?: string;
  readonly target?: string;
  /**
   * `en` or `zh`; otherwise Chinese for a report written mostly in Chinese, then .flink-mem.yaml,
   * then the locale.
   */
  readonly lang?: string;
}

function configDocument(path: string, cwd: string): ConfigDocument {
  const full = resolve(cwd, path);
  let isFolder = false;
  try {
    isFolder = statSync(full).isDirectory();
  } catch {
    // A missing file is reported by the loader below, in the words lint uses.
  }
  if (isFolder) return folderDocument(full, path);
  let loaded;
  try {
    loaded = loadFile(full, {}, path);
  } catch (e) {
    throw new UsageError(
      e instanceof UsageError ? e.code : 'EIO',
      e instanceof Error ? e.message : String(e),
    );
  }
  const fatal = fatalProblems(loaded)[0];
  if (fatal)
    throw new UsageError(
      'EINPUT',
      `${path}:${fatal.span.line}:${fatal.span.column}: ${fatal.message}`,
    );
  const doc = loaded.documents[0];
  if (!doc) throw new UsageError('EINPUT', `"${path}" holds no Flink configuration`);
  return doc;
}

/**
 * A folder (Flink's conf/, a deployment folder): the one Flink configuration in it, as lint finds
 * it.
 */
function folderDocument(full: string, shown: string): ConfigDocument {
  const found: { name: string; doc: ConfigDocument }[] = [];
  for (const file of expandInputs([full])) {
    const name = join(shown, relative(full, file));
    let loaded;
    try {
      loaded = loadFile(file, {}, name);
    } catch {
      continue;
    }
    if (fatalProblems(loaded).length > 0) continue;
    for (const doc of loaded.documents) found.push({ name, doc });
  }
  if (found.length === 0)
    throw new UsageError('EINPUT', `folder "${shown}" holds no Flink configuration`);
  if (found.length > 1) {
    throw new UsageError(
      'EINVAL',
      `folder "${shown}" holds ${found.length} Flink configurations (${found.map((f) => f.name).join(', ')}): give one of them with --config`,
    );
  }
  return found[0]!.doc;
}

export function doctorSettings(opts: DoctorCliOptions, cwd: string): DoctorOptions {
  let version: FlinkVersion | undefined;
  if (opts.flinkVersion !== undefined) {
    const v = parseVersion(opts.flinkVersion);
    if (!v)
      throw new UsageError(
        'EINVAL',
        `--flink-version "${opts.flinkVersion}" is not a Flink version flink-mem knows (${KNOWN_VERSIONS.join(', ')})`,
      );
    version = v;
  }
  let target: Target | undefined;
  if (opts.target !== undefined) {
    if (!(TARGETS as readonly string[]).includes(opts.target))
      throw new UsageError(
        'EINVAL',
        `--target must be one of ${TARGETS.join(', ')}, not "${opts.target}"`,
      );
    target = opts.target as Target;
  }
  let config: ReadonlyMap<string, RawValue> | undefined;
  if (opts.config !== undefined) {
    const doc = configDocument(opts.config, cwd);
    config = rawConfig(doc);
    // The version lint and explain decide, and the target when it is asked or the configuration
    // says
    // it; what is left open the doctor reads from the text (a local run, an old Flink).
    const decided = versionAndTarget(doc, {
      ...(version ? { flinkVersion: version } : {}),
      ...(target ? { target } : {}),
    });
    version = decided.version;
    if (decided.targetKnown) target = decided.target;
  }
  return {
    ...(config ? { config } : {}),
    ...(version ? { version } : {}),
    ...(target ? { target } : {}),
  };
}
