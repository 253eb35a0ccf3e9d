/**
 * `explain --format json`: one document for all files, an array under `results`. Sizes are exact
 * byte counts: JSON integers up to 2^53-1, decimal strings above.
 */
import type { TraceStep } from '../../model/fractions.js';
import { versionLabel } from '../../primitives/version.js';
import type { ExplainedDocument, ExplainedVersion, FailureReport } from './explain.js';
import type { Process } from '../../primitives/flink-process.js';

export interface JsonOptions {
  readonly trace: boolean;
  readonly showConfig: boolean;
  readonly processes: readonly Process[];
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export function jsonBytes(v: bigint): number | string {
  return v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v.toString();
}

function sizes(s: object): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(s)) out[k] = jsonBytes(v as bigint);
  return out;
}

function trace(steps: readonly TraceStep[]) {
  return steps.map((s) => ({
    component: s.component,
    bytes: jsonBytes(s.bytes),
    how: s.how,
    keys: s.keys,
  }));
}

function failure(f: FailureReport) {
  return {
    ok: false,
    error: {
      check: f.failure.check,
      message: f.reason,
      flinkMessage: f.failure.flinkMessage,
      flinkException: f.failure.exception,
      ...(f.failure.causes.length ? { flinkCauses: f.failure.causes } : {}),
      fix: f.fix,
    },
  };
}

function processJson(v: ExplainedVersion, p: Process, o: JsonOptions): unknown {
  const r = v[p];
  const f = v.failures[p];
  const common = {
    ...(o.trace ? { trace: trace(r.trace), notes: r.notes } : {}),
    ...(r.legacyMapping
      ? {
          legacyMapping: {
            from: r.legacyMapping.from,
            to: r.legacyMapping.to,
            bytes: jsonBytes(r.legacyMapping.bytes),
          },
        }
      : {}),
  };
  if (!r.ok || f) return { ...failure(f!), ...common };
  if (p === 'taskmanager' && 'jvmDirect' in r) {
    return {
      ok: true,
      path: r.path,
      sizes: sizes(r.sizes),
      jvmHeap: jsonBytes(r.jvmHeap),
      jvmDirect: jsonBytes(r.jvmDirect),
      jvmArgs: r.jvmArgs,
      dynamicConfigs: r.dynamicConfigs,
      ...common,
    };
  }
  return {
    ok: true,
    path: r.path,
    sizes: sizes(r.sizes),
    jvmArgs: r.jvmArgs,
    dynamicConfigs: r.dynamicConfigs,
    ...common,
  };
}

/** The `results` elements of one document (one per version). */
export function resultElements(d: ExplainedDocument, o: JsonOptions): unknown[] {
  const results: unknown[] = [];
  for (const v of d.versions) {
    results.push({
      file: d.doc.file,
      ...(d.doc.docIndex > 0 || d.doc.kubernetes?.name
        ? { document: d.doc.docIndex, name: d.doc.kubernetes?.name }
        : {}),
      flinkVersion: versionLabel(v.version),
      target: v.target,
      ...Object.fromEntries(o.processes.map((p) => [p, processJson(v, p, o)])),
      ...(o.showConfig ? { config: v.effective } : {}),
    });
  }
  return results;
}

export function upgradeElements(d: ExplainedDocument): unknown[] {
  return d.changes.map((c) => ({
    file: d.doc.file,
    from: versionLabel(c.from),
    to: versionLabel(c.to),
    changes: c.items,
  }));
}

/**
 * Writes `{ "results": [...], "upgrades": [...], "errors": [...] }` piece by piece, so that
 * thousands of files never sit in memory at once.
 */
export class JsonStream {
  private first = true;
  private readonly upgrades: unknown[] = [];

  constructor(
    private readonly write: (s: string) => void,
    private readonly o: JsonOptions,
  ) {
    write('{\n  "results": [');
  }

  add(d: ExplainedDocument): void {
    for (const el of resultElements(d, this.o)) {
      this.write((this.first ? '\n' : ',\n') + indent(JSON.stringify(el, null, 2), '    '));
      this.first = false;
    }
    this.upgrades.push(...upgradeElements(d));
  }

  end(errors: readonly { file: string; message: string }[]): void {
    let tail = this.first ? ']' : '\n  ]';
    if (this.upgrades.length)
      tail += `,\n  "upgrades": ${indent(JSON.stringify(this.upgrades, null, 2), '  ').trimStart()}`;
    if (errors.length)
      tail += `,\n  "errors": ${indent(JSON.stringify(errors, null, 2), '  ').trimStart()}`;
    this.write(tail + '\n}\n');
  }
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}
