/**
 * The real-file suite's bookkeeping, shared by test/real-configs.test.ts and `npm run real:eval`:
 * reads fixtures/real/index.yaml and matches each finding flink-mem reports with its recorded
 * verdict (by rule and line; several findings on one line are matched in order).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const REAL_DIR = new URL('../fixtures/real/', import.meta.url).pathname;
export const VERDICTS = ['true', 'false', 'debatable'];

/** The suite's entries, each with the path of its file. */
export function readIndex() {
  const index = parse(readFileSync(join(REAL_DIR, 'index.yaml'), 'utf8'));
  return index.files.map((e) => ({
    ...e,
    path: join(REAL_DIR, e.name, e.file),
    findings: e.findings ?? [],
  }));
}

/**
 * Judges one file: `findings` are what flink-mem reported ({ ruleId, line, message }).
 * Returns each finding with its verdict (or none), and the recorded findings that did not fire.
 */
export function judgeFile(entry, findings) {
  const open = entry.findings.map((r) => ({ ...r, used: false }));
  const judged = findings.map((f) => {
    const r = open.find((x) => !x.used && x.rule === f.ruleId && x.line === f.line);
    if (r) r.used = true;
    return { finding: f, verdict: r ? String(r.verdict) : undefined, why: r?.why };
  });
  return { judged, notFiring: open.filter((r) => !r.used) };
}

/**
 * Per rule: how many findings were judged true, false and debatable, and how many were not judged.
 */
export function tally(results) {
  const perRule = new Map();
  for (const { judged } of results) {
    for (const j of judged) {
      const row = perRule.get(j.finding.ruleId) ?? { true: 0, false: 0, debatable: 0, unjudged: 0 };
      row[j.verdict ?? 'unjudged']++;
      perRule.set(j.finding.ruleId, row);
    }
  }
  return perRule;
}

/** true / (true + false), debatable counted apart; null when nothing was judged either way. */
export function precision(row) {
  const n = row.true + row.false;
  return n === 0 ? null : row.true / n;
}

/** The precision table the README shows (`npm run real:eval -- --markdown` prints it). */
export function markdownTable(results) {
  const pct = (row) => {
    const p = precision(row);
    return p === null ? '-' : `${(p * 100).toFixed(1)}%`;
  };
  const lines = ['| rule | true | false | debatable | precision |', '|---|---|---|---|---|'];
  const sum = (rows) =>
    rows.reduce(
      (a, r) => ({
        true: a.true + r.true,
        false: a.false + r.false,
        debatable: a.debatable + r.debatable,
        unjudged: a.unjudged + r.unjudged,
      }),
      { true: 0, false: 0, debatable: 0, unjudged: 0 },
    );
  const perRule = tally(results);
  for (const [rule, row] of [...perRule].sort(([a], [b]) => a.localeCompare(b)))
    lines.push(`| \`${rule}\` | ${row.true} | ${row.false} | ${row.debatable} | ${pct(row)} |`);
  const all = sum([...perRule.values()]);
  lines.push(`| all findings | ${all.true} | ${all.false} | ${all.debatable} | ${pct(all)} |`);
  const loud = sum([
    ...tally(
      results.map((r) => ({ judged: r.judged.filter((j) => j.finding.severity !== 'info') })),
    ).values(),
  ]);
  lines.push(
    `| errors and warnings only | ${loud.true} | ${loud.false} | ${loud.debatable} | ${pct(loud)} |`,
  );
  return lines.join('\n');
}
