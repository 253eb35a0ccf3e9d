#!/usr/bin/env node
/**
 * Prints the precision of every rule on the real-file suite (fixtures/real): true findings over
 * true and false ones, debatable ones counted apart. Uses the built library (npm run build).
 */
import { judgeFile, markdownTable, precision, readIndex, tally } from './real-suite.mjs';

const { loadConfig, lint } = await import('../dist/index.js');

const entries = readIndex();
const results = entries.map((e) => {
  const findings = lint(loadConfig(e.path), e.lintWith ? { flinkVersion: e.lintWith } : {});
  return { entry: e, ...judgeFile(e, findings) };
});
if (process.argv.includes('--markdown')) {
  process.stdout.write(`${markdownTable(results)}\n`);
  process.exit(0);
}
const perRule = tally(results);
const pct = (p) => (p === null ? '   -' : `${(p * 100).toFixed(1).padStart(5)}%`);
const total = { true: 0, false: 0, debatable: 0, unjudged: 0 };
const out = [
  `flink-mem on ${entries.length} real files (fixtures/real/index.yaml)`,
  '',
  'rule                              true  false  debatable  unjudged  precision',
];
for (const [rule, row] of [...perRule].sort(([a], [b]) => a.localeCompare(b))) {
  for (const k of Object.keys(total)) total[k] += row[k];
  out.push(
    `${rule.padEnd(32)} ${String(row.true).padStart(5)} ${String(row.false).padStart(6)} ${String(row.debatable).padStart(10)} ${String(row.unjudged).padStart(9)}  ${pct(precision(row))}`,
  );
}
out.push(
  `${'all rules'.padEnd(32)} ${String(total.true).padStart(5)} ${String(total.false).padStart(6)} ${String(total.debatable).padStart(10)} ${String(total.unjudged).padStart(9)}  ${pct(precision(total))}`,
);
// Notices (info) say a file is not checked; the errors and warnings are what fails a build.
const loud = tally(
  results.map((r) => ({ judged: r.judged.filter((j) => j.finding.severity !== 'info') })),
);
const sum = { true: 0, false: 0, debatable: 0, unjudged: 0 };
for (const row of loud.values()) for (const k of Object.keys(sum)) sum[k] += row[k];
out.push(
  `${'errors and warnings only'.padEnd(32)} ${String(sum.true).padStart(5)} ${String(sum.false).padStart(6)} ${String(sum.debatable).padStart(10)} ${String(sum.unjudged).padStart(9)}  ${pct(precision(sum))}`,
);
const silent = results.flatMap((r) =>
  r.notFiring
    .filter((n) => String(n.verdict) === 'true')
    .map((n) => `${r.entry.name}:${n.line} ${n.rule}`),
);
if (silent.length > 0)
  out.push('', `recorded true findings that no longer fire: ${silent.join(', ')}`);
const unjudged = results.flatMap((r) =>
  r.judged
    .filter((j) => !j.verdict)
    .map((j) => `${r.entry.name}:${j.finding.line} ${j.finding.ruleId}: ${j.finding.message}`),
);
if (unjudged.length > 0)
  out.push('', 'findings without a verdict:', ...unjudged.map((u) => `  ${u}`));
process.stdout.write(`${out.join('\n')}\n`);
