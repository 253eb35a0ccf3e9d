/**
 * `flink-mem explain`: the model's view of each document, for each requested Flink version,
 * with the reason and a verified fix when a process would not start.
 */
import type { ConfigDocument } from '../../config/types.js';
import type {
  JobManagerResult,
  MemoryFailure,
  Target,
  TaskManagerResult,
} from '../../model/compute.js';
import { computeJobManager, computeTaskManager } from '../../model/compute.js';
import { findFix } from '../../model/fix-search.js';
import { explainFailure } from '../../model/reasons.js';
import type { Explainer } from '../../model/reasons.js';
import type { FlinkVersion } from '../../primitives/version.js';
import { fixInManifest } from '../../fix/manifest-changes.js';
import { entryFor } from '../../engine/runner.js';
import { versionAndTarget } from '../../engine/version-target.js';
import { rawConfig } from '../../config/load-text.js';
import type { RawValue } from '../../primitives/raw-value.js';
import type { EffectiveValue } from './provenance.js';
import { effectiveConfig } from './provenance.js';
import type { UpgradeChange, VersionOutcome } from './upgrade.js';
import { compareVersions } from './upgrade.js';
import type { Process } from '../../primitives/flink-process.js';

export interface FailureReport {
  readonly failure: MemoryFailure;
  /** Our words. */
  readonly reason: string;
  /**
   * Changes that make this process start (verified with the model), when one was found; in a
   * FlinkDeployment, a process size the operator sets goes to its resource field.
   */
  readonly fix: Readonly<Record<string, string | null>> | null;
}

export interface ExplainedVersion extends VersionOutcome {
  readonly target: Target;
  readonly failures: Partial<Record<Process, FailureReport>>;
  readonly effective: readonly EffectiveValue[];
}

export interface ExplainedDocument {
  readonly doc: ConfigDocument;
  readonly versions: readonly ExplainedVersion[];
  /** Changes between consecutive requested versions. */
  readonly changes: readonly {
    readonly from: FlinkVersion;
    readonly to: FlinkVersion;
    readonly items: readonly UpgradeChange[];
  }[];
}

export interface ExplainSettings {
  /**
   * Versions to explain; null means the one the document says or implies (see versionAndTarget).
   */
  readonly versions: readonly FlinkVersion[] | null;
  readonly target: Target;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Record the derivation's steps (explain --trace); without it the results carry none. */
  readonly trace?: boolean;
  /**
   * The failure reasons in the output language (src/i18n/<lang>/reasons.ts); English when absent.
   */
  readonly reasons?: Readonly<Record<string, Explainer>>;
}

function report(
  doc: ConfigDocument,
  raw: ReadonlyMap<string, RawValue>,
  r: TaskManagerResult | JobManagerResult,
  process: Process,
  version: FlinkVersion,
  target: Target,
  env: ExplainSettings['env'],
  reasons?: ExplainSettings['reasons'],
): FailureReport | undefined {
  if (r.ok) return undefined;
  const value = (key: string) => entryFor(doc, key)?.text;
  const fix = findFix(raw, process, { version, target, env });
  return {
    failure: r.failure,
    reason: explainFailure(r.failure, value, process, reasons),
    fix: (fix && fixInManifest(doc, fix.changes)) ?? null,
  };
}

/**
 * One version's outcome. The effective configuration is worked out on first read: only
 * --show-config prints it. A class, not an object literal with a getter
 * (see README, Objects on hot paths).
 */
class Explained implements ExplainedVersion {
  readonly #doc: ConfigDocument;
  #effective: readonly EffectiveValue[] | undefined;

  constructor(
    doc: ConfigDocument,
    readonly version: FlinkVersion,
    readonly target: Target,
    readonly taskmanager: TaskManagerResult,
    readonly jobmanager: JobManagerResult,
    readonly failures: Partial<Record<Process, FailureReport>>,
  ) {
    this.#doc = doc;
  }

  get effective(): readonly EffectiveValue[] {
    return (this.#effective ??= effectiveConfig(this.#doc, this.version));
  }
}

export function explainDocument(doc: ConfigDocument, settings: ExplainSettings): ExplainedDocument {
  const { version: own, target } = versionAndTarget(doc, settings);
  const versions = settings.versions ?? [own];
  const raw = rawConfig(doc);
  const explained: ExplainedVersion[] = versions.map((version) => {
    const options = { version, target, env: settings.env, trace: settings.trace ?? true };
    const taskmanager = computeTaskManager(raw, options);
    const jobmanager = computeJobManager(raw, options);
    const failures: Partial<Record<Process, FailureReport>> = {};
    const tm = report(
      doc,
      raw,
      taskmanager,
      'taskmanager',
      version,
      target,
      settings.env,
      settings.reasons,
    );
    const jm = report(
      doc,
      raw,
      jobmanager,
      'jobmanager',
      version,
      target,
      settings.env,
      settings.reasons,
    );
    if (tm) failures.taskmanager = tm;
    if (jm) failures.jobmanager = jm;
    return new Explained(doc, version, target, taskmanager, jobmanager, failures);
  });
  const changes = explained.slice(1).map((to, i) => ({
    from: explained[i]!.version,
    to: to.version,
    items: compareVersions(doc, explained[i]!, to),
  }));
  return { doc, versions: explained, changes };
}
