/**
 * `flink-mem init`: writes a commented `.flink-mem.yaml` in the working directory, every setting
 * and every rule with its default severity listed and commented out, so the file documents what
 * can be set. It never overwrites a linter config (`--force` does).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../rules/index.js';
import { NEWEST_VERSION } from '../primitives/version.js';
import type { CliIO } from './io.js';
import { EXIT } from './io.js';
import { UsageError } from '../primitives/usage-error.js';

export const INIT_FILE = '.flink-mem.yaml';

/**
 * The file `init` writes: every line a comment, so it changes nothing until a setting is
 * uncommented.
 */
export function initText(): string {
  const width = Math.max(...ALL_RULES.map((r) => r.id.length));
  const rules = [...ALL_RULES]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((r) => `  # ${`${r.id}:`.padEnd(width + 1)} ${r.severity.padEnd(7)} # ${r.description}`);
  return [
    '# flink-mem linter config, found by `flink-mem lint` upwards from each linted file (up to the',
    '# folder holding .git). Flags on the command line win over it. Reference: flink-mem rules.',
    '',
    `# The Flink version to check against (default: the manifest's spec.flinkVersion, 1.20 for a`,
    `# flink-conf.yaml, else ${NEWEST_VERSION}).`,
    `# flinkVersion: "${NEWEST_VERSION}"`,
    '',
    '# Where Flink runs: standalone, kubernetes, yarn or local (default: kubernetes for manifests,',
    '# else standalone). It decides how the legacy heap keys map.',
    '# target: kubernetes',
    '',
    '# The memory limit of the container or pod (Kubernetes units such as 8Gi, or 8g).',
    '# containerMemory: 8Gi',
    '',
    '# Each rule can be set to error, warning, info or off; shown here with its default.',
    '# rules:',
    ...rules,
    '',
  ].join('\n');
}

export async function runInit(opts: { force?: boolean }, io: CliIO): Promise<number> {
  const path = join(io.cwd, INIT_FILE);
  const other = ['.flink-mem.yaml', '.flink-mem.yml'].find((name) =>
    existsSync(join(io.cwd, name)),
  );
  if (other && !opts.force)
    throw new UsageError(
      'EINVAL',
      `${other} already exists here; remove it or run flink-mem init --force to replace it`,
    );
  try {
    writeFileSync(path, initText());
  } catch (e) {
    throw new UsageError(
      'EIO',
      `cannot write ${INIT_FILE}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
  io.write(
    `wrote ${INIT_FILE}: every setting is commented out; uncomment what you want to change\n`,
  );
  return EXIT.ok;
}
