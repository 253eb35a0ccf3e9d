/**
 * Microsoft's SARIF Multitool (@microsoft/sarif-multitool-linux: a self-contained .NET program of
 * about 95 MB, with the SARIF 2.1.0 JSON schema beside it) is not a devDependency, so that
 * installing the package's development dependencies (the pre-commit hook does) does not download
 * it. .ci/run installs it into ~/.cache/flink-mem/sarif-multitool (FLINK_MEM_NODE_CACHE moves
 * ~/.cache/flink-mem, as for the Node 22 and 24 binaries). Tests that need it are skipped
 * elsewhere, naming what is missing; under CI=true a missing Multitool fails the run.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The version .ci/run installs. */
export const SARIF_MULTITOOL_VERSION = '5.7.0';
const dir = join(
  process.env['FLINK_MEM_NODE_CACHE'] ?? join(homedir(), '.cache', 'flink-mem'),
  'sarif-multitool',
  'node_modules',
  '@microsoft',
  'sarif-multitool-linux',
);

/**
 * The Multitool program, or null where it is not installed (or cannot run: it is built for linux
 * x64).
 */
export const MULTITOOL: string | null =
  process.platform === 'linux' && process.arch === 'x64' && existsSync(join(dir, 'Sarif.Multitool'))
    ? join(dir, 'Sarif.Multitool')
    : null;
/** The SARIF 2.1.0 schema shipped with the Multitool, or null where it is not installed. */
export const SARIF_SCHEMA: string | null = existsSync(join(dir, 'sarif-2.1.0.json'))
  ? join(dir, 'sarif-2.1.0.json')
  : null;
/** Why a test that needs the Multitool is skipped. */
export const NO_MULTITOOL = `needs @microsoft/sarif-multitool-linux@${SARIF_MULTITOOL_VERSION} (linux x64) in ${dir}; .ci/run installs it`;

if ((MULTITOOL === null || SARIF_SCHEMA === null) && process.env['CI'] === 'true') {
  throw new Error(
    `SARIF Multitool missing under CI=true: the SARIF tests ${NO_MULTITOOL.replace(/^needs/, 'need')}`,
  );
}
