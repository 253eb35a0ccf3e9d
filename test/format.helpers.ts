/**
 * Shared pieces of the formatter tests: a fake rule registry and findings with sensible defaults.
 */
import type { Finding, RuleDefinition } from '../src/engine/types.js';
import { defineRule } from '../src/engine/types.js';
import type {
  FileReport,
  FormatContext,
  FormatName,
  Formatter,
  Totals,
} from '../src/cli/format/types.js';
import { FORMATTERS } from '../src/cli/format/index.js';

export const demoRule = defineRule({
  id: 'demo-rule',
  severity: 'error',
  description: 'A demonstration rule',
  rationale: 'Flink would refuse to start.',
  messages: { tooSmall: '"{key}" ({value}) is too small' },
  remediation: 'Raise the size.',
  check() {},
});

export const otherRule = defineRule({
  id: 'other-rule',
  severity: 'warning',
  description: 'Another demonstration rule',
  rationale: 'It wastes memory.',
  messages: { unused: 'unused' },
  remediation: 'Remove the option.',
  check() {},
});

export const RULES: ReadonlyMap<string, RuleDefinition> = new Map<string, RuleDefinition>([
  [demoRule.id, demoRule],
  [otherRule.id, otherRule],
]);

export function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'demo-rule',
    severity: 'error',
    message: '"taskmanager.memory.process.size" (1g) is too small',
    file: 'conf/flink-conf.yaml',
    line: 2,
    column: 1,
    endLine: 2,
    endColumn: 32,
    key: 'taskmanager.memory.process.size',
    ...over,
  };
}

export function totalsOf(reports: readonly FileReport[]): Totals {
  const t = { files: reports.length, error: 0, warning: 0, info: 0 };
  for (const r of reports) for (const f of r.findings) t[f.severity]++;
  return t;
}

const MAKERS: Readonly<Record<FormatName, (ctx: FormatContext) => Formatter>> = FORMATTERS;

/** Runs a formatter over reports and returns everything it wrote. */
export function render(
  format: FormatName,
  reports: readonly FileReport[],
  opts: { color?: boolean; cwd?: string; failures?: readonly string[] } = {},
): string {
  let out = '';
  const f = MAKERS[format]({
    write: (s) => (out += s),
    rules: RULES,
    color: opts.color ?? false,
    cwd: opts.cwd ?? '/repo',
  });
  for (const r of reports) f.file(r);
  f.end({ ...totalsOf(reports), ...(opts.failures ? { failures: opts.failures } : {}) });
  return out;
}
