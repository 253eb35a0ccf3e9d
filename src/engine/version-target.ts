/**
 * The Flink version and the deployment target a configuration document is judged against, decided
 * here once for lint, --fix, explain, the doctor, the calculator page and the library: what the
 * user asked for, else what the document says, else an assumption.
 */
import type { ConfigDocument } from '../config/types.js';
import type { Target } from '../model/compute.js';
import type { FlinkVersion } from '../primitives/version.js';
import { defaultVersion, imageVersion, parseVersion } from '../primitives/version.js';

/** Every deployment target, as `--target` and the linter config spell them. */
export const TARGETS: readonly Target[] = ['standalone', 'kubernetes', 'yarn', 'local'];

/** The newest Flink that still reads a legacy flink-conf.yaml (2.0 removed that parser). */
export const NEWEST_LEGACY_VERSION = parseVersion('1.20')!;

/** The Flink version a document is checked against, and whether it is known or assumed. */
export interface VersionChoice {
  readonly version: FlinkVersion;
  /** True when the user forced it or the document says it; false when flink-mem assumed it. */
  readonly known: boolean;
}

/**
 * The Flink version a document says it targets when none is forced: the manifest's
 * `spec.flinkVersion`, else the tag of the official Flink image it runs; otherwise an assumption:
 * 1.20 for a legacy flink-conf.yaml (bare or in a ConfigMap: only 1.x reads it), else the newest.
 */
export function inferredChoice(doc: ConfigDocument): VersionChoice {
  const k8s = doc.kubernetes;
  const fromSpec = k8s?.flinkVersion?.text;
  const parsed =
    (fromSpec ? parseVersion(fromSpec) : null) ??
    (k8s?.image ? imageVersion(k8s.image.text) : null);
  if (parsed) return { version: parsed, known: true };
  const legacy = doc.format === 'flink-conf' || k8s?.embedded?.name === 'flink-conf.yaml';
  return { version: legacy ? NEWEST_LEGACY_VERSION : defaultVersion(), known: false };
}

/** What the user asked for (flags, the linter config, library options); each may be absent. */
export interface Asked {
  readonly flinkVersion?: FlinkVersion;
  /**
   * `standalone` is also what callers pass when the user asked nothing (it is the settings'
   * default), so it does not stop a FlinkDeployment from running on `kubernetes`.
   */
  readonly target?: Target;
}

export interface VersionAndTarget extends VersionChoice {
  readonly target: Target;
  /**
   * True when a target was asked for or the document says it (a FlinkDeployment runs on
   * kubernetes); false when standalone is assumed, which the doctor leaves to what the log shows.
   */
  readonly targetKnown: boolean;
}

/**
 * The version and target for a document: a forced version, else the document's own (see
 * inferredChoice); a target other than standalone when asked, else kubernetes for a
 * FlinkDeployment,
 * else standalone. Without a document (a plain key-value map), what was asked, else the newest
 * version and standalone.
 */
export function versionAndTarget(doc: ConfigDocument | undefined, asked: Asked): VersionAndTarget {
  const choice = asked.flinkVersion
    ? { version: asked.flinkVersion, known: true }
    : doc
      ? inferredChoice(doc)
      : { version: defaultVersion(), known: false };
  if (asked.target !== undefined && asked.target !== 'standalone')
    return {
      version: choice.version,
      known: choice.known,
      target: asked.target,
      targetKnown: true,
    };
  // A ConfigMap feeds Flink's own images, whose start-up scripts map legacy heap keys the
  // standalone way.
  const deployment = doc?.format === 'k8s' && doc.kubernetes?.kind !== 'ConfigMap';
  return {
    version: choice.version,
    known: choice.known,
    target: deployment ? 'kubernetes' : 'standalone',
    targetKnown: deployment || asked.target !== undefined,
  };
}
