// `npm run doctor:eval`: runs the doctor on every report of the development set
// (fixtures/doctor-real/, see its README.md) and prints how often it is right, as Markdown tables:
// overall, per expected diagnosis, per kind of input and per language, then every miss.
// The doctor and the set's reader (test/doctor-dataset.ts) are bundled from TypeScript with esbuild
// first, so the numbers are those of the code as it is now (no separate build step). `--json`
// prints the numbers as JSON instead, `--readme` the README's table, `--since <git ref>` scores
// only the reports added after that commit.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

async function loadDoctor() {
  const out = await build({
    stdin: {
      contents:
        "export { diagnose } from './src/doctor/advisor.ts'; export { loadDataset } from './test/doctor-dataset.ts';",
      resolveDir: new URL('..', import.meta.url).pathname,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const dir = mkdtempSync(join(tmpdir(), 'flink-mem-eval-'));
  const file = join(dir, 'doctor.mjs');
  writeFileSync(file, out.outputFiles[0].text);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the doctor said about one item, and whether each measure holds. */
function judge(item, diagnose) {
  const result = diagnose({ text: item.body });
  const got = result.diagnoses.map((d) => `${d.id}@${d.component}`);
  const keys = result.diagnoses[0]?.suggestions.map((s) => s.key) ?? [];
  const negative = item.expect.length === 0;
  return {
    item,
    got,
    keys,
    lookedAt: result.lookedAt,
    negative,
    top: negative ? null : got[0] === item.expect[0],
    topId: negative ? null : got[0]?.split('@')[0] === item.expect[0].split('@')[0],
    option:
      negative || item.options.length === 0 ? null : item.options.some((o) => keys.includes(o)),
    clean: negative ? got.length === 0 : null,
  };
}

function tally(rows) {
  const count = (f) => {
    const scored = rows.filter((r) => f(r) !== null);
    return { hit: scored.filter((r) => f(r)).length, of: scored.length };
  };
  return {
    items: rows.length,
    top: count((r) => r.top),
    topId: count((r) => r.topId),
    option: count((r) => r.option),
    clean: count((r) => r.clean),
  };
}

const cell = ({ hit, of }) => (of === 0 ? '-' : `${hit}/${of} (${Math.round((hit / of) * 100)}%)`);

function table(title, groups) {
  const out = [
    `| ${title} | items | top diagnosis (id@process) | top id | expert option suggested | negatives without diagnosis |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [name, t] of groups)
    out.push(
      `| ${name} | ${t.items} | ${cell(t.top)} | ${cell(t.topId)} | ${cell(t.option)} | ${cell(t.clean)} |`,
    );
  return out.join('\n');
}

function groupBy(rows, keyOf) {
  const m = new Map();
  for (const r of rows) {
    const k = keyOf(r);
    m.set(k, [...(m.get(k) ?? []), r]);
  }
  return [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, rs]) => [k, tally(rs)]);
}

const { diagnose, loadDataset } = await loadDoctor();
const DATASET = new URL('../fixtures/doctor-real/', import.meta.url);

/**
 * `--since <git ref>`: only the reports added after that commit (e.g. another branch's new batch,
 * scored before anyone tunes the doctor to it).
 */
function addedSince(ref) {
  const out = execFileSync('git', ['ls-tree', '--name-only', `${ref}:fixtures/doctor-real/`], {
    encoding: 'utf8',
    cwd: new URL('..', import.meta.url).pathname,
  });
  const before = new Set(out.split('\n'));
  return new Set(
    loadDataset(DATASET)
      .map((item) => item.name)
      .filter((name) => !before.has(name)),
  );
}

const sinceAt = process.argv.indexOf('--since');
const only = sinceAt > 0 ? addedSince(process.argv[sinceAt + 1] ?? 'main') : null;

const rows = loadDataset(DATASET)
  .filter((item) => only === null || only.has(item.name))
  .map((item) => {
    if (item.problems.length > 0) throw new Error(`${item.name}: ${item.problems.join('; ')}`);
    return judge(item, diagnose);
  });
const overall = tally(rows);
const summary = {
  overall,
  byDiagnosis: groupBy(rows, (r) => (r.negative ? 'none' : r.item.expect[0].split('@')[0])),
  byKind: groupBy(rows, (r) => r.item.kind),
  byLang: groupBy(rows, (r) => r.item.lang),
  byKindAndLang: groupBy(rows, (r) => `${r.item.kind}/${r.item.lang}`),
};
const misses = rows.filter((r) => r.top === false || r.option === false || r.clean === false);

/** The README's table (doctor section): overall, per kind, per language. */
function readmeTable() {
  const cellOf = ({ hit, of }) =>
    of === 0 ? '-' : `${hit}/${of} (${Math.round((hit / of) * 100)}%)`;
  const names = { en: 'English', zh: 'Chinese' };
  const out = [
    "| input | reports | top diagnosis and process | top diagnosis | an expert's option suggested | negatives without diagnosis |",
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [name, t] of [['all', overall], ...summary.byKind, ...summary.byLang]) {
    out.push(
      `| ${names[name] ?? name} | ${t.items} | ${cellOf(t.top)} | ${cellOf(t.topId)} | ${cellOf(t.option)} | ${cellOf(t.clean)} |`,
    );
  }
  return out.join('\n');
}

if (process.argv.includes('--readme')) {
  console.log(readmeTable());
} else if (process.argv.includes('--json')) {
  const obj = (g) => Object.fromEntries(g);
  console.log(
    JSON.stringify(
      {
        overall,
        byDiagnosis: obj(summary.byDiagnosis),
        byKind: obj(summary.byKind),
        byLang: obj(summary.byLang),
        byKindAndLang: obj(summary.byKindAndLang),
        misses: misses.map((r) => ({
          name: r.item.name,
          expected: r.item.expect,
          got: r.got,
          options: r.item.options,
          suggested: r.keys,
        })),
      },
      null,
      2,
    ),
  );
} else {
  const print = (s) => process.stdout.write(`${s}\n`);
  print(`Doctor on its development set: ${rows.length} real reports (fixtures/doctor-real/)\n`);
  print(table('set', [['all', overall]]));
  print('');
  print(table('expected diagnosis', summary.byDiagnosis));
  print('');
  print(table('kind', summary.byKind));
  print('');
  print(table('language', summary.byLang));
  print('');
  print(table('kind/language', summary.byKindAndLang));
  print(`\nMisses (${misses.length}):`);
  for (const r of misses) {
    const what = [];
    if (r.top === false)
      what.push(
        `expected ${r.item.expect[0]}, got ${r.got.length > 0 ? r.got.slice(0, 3).join(', ') : 'nothing'}`,
      );
    if (r.option === false)
      what.push(`expert option ${r.item.options.join(' | ')} not in [${r.keys.join(', ')}]`);
    if (r.clean === false) what.push(`negative, got ${r.got.join(', ')}`);
    print(`- ${r.item.name} (${r.item.kind}/${r.item.lang}): ${what.join('; ')}`);
  }
}
