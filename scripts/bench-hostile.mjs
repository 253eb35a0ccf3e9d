// The hostile inputs of issue 10 for `npm run bench`: every regular expression in src/ and rules/
// against lines crafted from its own pieces, and the built CLI against the inputs that were
// quadratic or exhausted memory. Each hostile figure (ms per MB) is printed next to the figure of
// ordinary input of the same size, and fails when it is more than SLOWER times that.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EXEMPT, hostileLines, regexInventory } from './regex-safety.mjs';

/** "A few times": a hostile input may cost at most this many times ordinary input, per byte. */
export const SLOWER = 4;
/**
 * Linear: the cost per byte of 32 KB lines may be at most this many times that of 2 KB lines (16x
 * if quadratic).
 */
const LENGTH_GROWTH = 2;
/** Below a few ms per MB the timer and the collector decide the ratio, not the pattern. */
const NOISE_MS = 5;

const ROOT = new URL('..', import.meta.url).pathname;
const MB = 1024 * 1024;

/**
 * Milliseconds per MB of running `re` over `lines`: the fastest of three passes of at least 20 ms.
 */
function msPerMB(re, lines) {
  const bytes = lines.reduce((a, l) => a + l.length, 0);
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    let passes = 0;
    const t0 = process.hrtime.bigint();
    let ms;
    do {
      for (const l of lines) {
        re.lastIndex = 0;
        re.exec(l);
      }
      passes++;
      ms = Number(process.hrtime.bigint() - t0) / 1e6;
    } while (ms < 20);
    best = Math.min(best, ms / passes);
  }
  return best / (bytes / MB);
}

/** Lines of real logs (the doctor's fixtures), as ordinary input for a pattern. */
function ordinaryLines() {
  const dir = join(ROOT, 'fixtures/doctor');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
    .filter((l) => l !== '' && !l.startsWith('# '));
}

/**
 * Each pattern on its hostile lines at 2 KB and 32 KB, and on ordinary log lines. `budgetMsPerMB`
 * is the ordinary figure of the whole doctor: one pattern on hostile input may cost at most
 * SLOWER times what the doctor spends per MB of an ordinary log.
 */
export function patternRows(budgetMsPerMB) {
  const ordinary = ordinaryLines();
  return regexInventory().map((lit) => {
    const re = new RegExp(lit.source, lit.flags.replace(/[gy]/g, ''));
    const short = hostileLines(re, 2048);
    const long = hostileLines(re, 32768);
    const ordinaryMs = msPerMB(re, ordinary);
    const shortMs = msPerMB(re, short);
    const longMs = msPerMB(re, long);
    const exempt = EXEMPT[`${lit.file} /${lit.source}/${lit.flags}`];
    const growth = longMs / Math.max(shortMs, 0.5);
    const limit = SLOWER * Math.max(ordinaryMs, budgetMsPerMB);
    const pass = exempt ? null : longMs <= LENGTH_GROWTH * shortMs + NOISE_MS && longMs <= limit;
    return {
      at: `${lit.file}:${lit.line}`,
      pattern: `/${lit.source}/${lit.flags}`,
      ordinaryMs,
      shortMs,
      longMs,
      growth,
      limit,
      pass,
      exempt,
    };
  });
}

function time(cli, argv, cwd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, ...argv], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.error) throw r.error;
  // Exit 0-2 are answers; anything else (an abort, a crash) fails the case.
  return { seconds, ok: r.status !== null && r.status <= 2, status: r.status ?? r.signal };
}

function median3(cli, argv, cwd) {
  const runs = [0, 1, 2].map(() => time(cli, argv, cwd));
  runs.sort((a, b) => a.seconds - b.seconds);
  return { ...runs[1], ok: runs.every((r) => r.ok) };
}

/** A file of `bytes` made of `unit` repeated, between `head` and `tail`. */
function padded(head, unit, bytes, tail = '') {
  const n = Math.max(0, Math.floor((bytes - head.length - tail.length) / unit.length));
  return head + unit.repeat(n) + tail;
}

const OK = 'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n';
const COMMENT =
  '# Flink reads this file at start-up; see the documentation for every option and its default.\n';

/**
 * The CLI cases: the hostile file and an ordinary file of about the same size, each timed (median
 * of three runs), compared per MB. `ordinaryLog` is the 20 MB log of the throughput runs.
 */
export function cliCases(cli, work, ordinaryLog) {
  const dir = join(work, 'hostile');
  mkdirSync(dir, { recursive: true });
  const file = (name, text) => {
    mkdirSync(join(dir, name), { recursive: true });
    const path = join(
      dir,
      name,
      name.endsWith('-docs')
        ? 'all.yaml'
        : name.startsWith('cfg')
          ? 'config.yaml'
          : 'flink-conf.yaml',
    );
    writeFileSync(path, text);
    return { path, mb: Buffer.byteLength(text) / MB };
  };
  const cases = [];
  const add = (label, hostile, ordinary, argvOf) => {
    const h = median3(cli, argvOf(hostile.path), dir);
    const o = median3(cli, argvOf(ordinary.path), dir);
    const hMs = (h.seconds * 1000) / hostile.mb;
    const oMs = (o.seconds * 1000) / ordinary.mb;
    cases.push({
      label,
      mb: hostile.mb,
      seconds: h.seconds,
      msPerMB: hMs,
      ordinaryMb: ordinary.mb,
      ordinarySeconds: o.seconds,
      ordinaryMsPerMB: oMs,
      ratio: hMs / oMs,
      pass: h.ok && o.ok && hMs <= SLOWER * oMs,
    });
  };

  // The doctor: every doctor pattern's hostile lines (8 KB: the doctor reads no further into a
  // line).
  const doctorLines = regexInventory()
    .filter((l) => l.file.startsWith('src/doctor/'))
    .flatMap((l) => hostileLines(new RegExp(l.source, l.flags.replace(/[gy]/g, '')), 8192));
  const block = `${doctorLines.join('\n')}\n`;
  const hostileLog = join(dir, 'hostile.log');
  writeFileSync(hostileLog, block.repeat(Math.max(1, Math.round((20 * MB) / block.length))));
  const logMb = Buffer.byteLength(readFileSync(hostileLog)) / MB;
  add(
    `doctor: ${doctorLines.length} hostile lines per doctor pattern set`,
    { path: hostileLog, mb: logMb },
    { path: ordinaryLog, mb: 20 },
    (p) => ['doctor', '--log', p],
  );

  const ordinary8 = file('ordinary-8mb', padded(OK, COMMENT, 8 * MB));
  add(
    'lint: a suppression, then 8 MB of spaces',
    file('spaces', padded('# flink-mem-disable-next-line unknown-key', ' ', 8 * MB, `x\n${OK}`)),
    ordinary8,
    (p) => ['lint', p],
  );
  const fraction = file(
    'fraction',
    padded(`${OK}taskmanager.memory.managed.fraction: 0.`, '1', 8 * MB, 'x\n'),
  );
  add('lint: a fraction of 8 MB of digits', fraction, ordinary8, (p) => ['lint', p]);
  add('explain: a fraction of 8 MB of digits', fraction, ordinary8, (p) => ['explain', p]);

  const doc = (i) =>
    `---\n# ConfigMap ${i}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  config.yaml: |\n    # sized by the platform\n    taskmanager.memory.process.size: 1g\n    taskmanager.memory.procss.size: 2g\n`;
  const docs = file('8000-docs', Array.from({ length: 8000 }, (_, i) => doc(i)).join(''));
  // Ordinary for lint: the same documents through explain, which reads no suppressions.
  const h = median3(cli, ['lint', docs.path], dir);
  const o = median3(cli, ['explain', docs.path], dir);
  cases.push({
    label: 'lint: 8,000 documents (explain as ordinary)',
    mb: docs.mb,
    seconds: h.seconds,
    msPerMB: (h.seconds * 1000) / docs.mb,
    ordinaryMb: docs.mb,
    ordinarySeconds: o.seconds,
    ordinaryMsPerMB: (o.seconds * 1000) / docs.mb,
    ratio: h.seconds / o.seconds,
    pass: h.ok && o.ok && h.seconds <= SLOWER * o.seconds,
  });

  const item = '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], ';
  const flow = file(
    'cfg-flow',
    padded(
      'taskmanager:\n  memory:\n    process:\n      size: 1g\nlists: [',
      item,
      15 * MB,
      '1]\n',
    ),
  );
  const cfgOrdinary = file(
    'cfg-ordinary',
    padded('taskmanager:\n  memory:\n    process:\n      size: 1g\n', COMMENT, 15 * MB),
  );
  add('lint: config.yaml of 15 MB of flow lists', flow, cfgOrdinary, (p) => ['lint', p]);
  rmSync(dir, { recursive: true, force: true });
  return cases;
}

export function printPatterns(rows) {
  const judged = rows.filter((r) => r.pass !== null);
  const worst = [...judged].sort((a, b) => b.longMs / b.limit - a.longMs / a.limit).slice(0, 8);
  const failed = judged.filter((r) => !r.pass);
  const budget = rows[0] ? rows[0].limit / SLOWER : 0;
  console.log(
    `\nhostile lines per pattern (${rows.length} regular expressions, ${rows.length - judged.length} exempt as they read only our own or already short text)`,
  );
  console.log(
    `  ms per MB of hostile lines of 2 KB and 32 KB, of ordinary log lines; limit ${SLOWER}x the doctor's ${budget.toFixed(1)} ms per MB of an ordinary log, growth <= ${LENGTH_GROWTH}x (+${NOISE_MS} ms per MB)`,
  );
  for (const r of [...failed, ...worst.filter((w) => !failed.includes(w))]) {
    console.log(
      `  ${r.at.padEnd(52)} 2 KB ${r.shortMs.toFixed(1).padStart(6)}  32 KB ${r.longMs.toFixed(1).padStart(6)} (${r.growth.toFixed(2)}x)  ordinary ${r.ordinaryMs.toFixed(2).padStart(6)}  ${r.pass ? 'PASS' : 'FAIL'}`,
    );
  }
  console.log(
    `  ${judged.length - failed.length} of ${judged.length} within the limit${failed.length ? `; ${failed.length} FAIL` : ''} (the ${worst.length} closest to it shown)`,
  );
  return { label: 'hostile lines per pattern', pass: failed.length === 0 };
}

export function printCases(cases) {
  console.log(
    `\nhostile inputs through the CLI (median of 3 runs; ms per MB next to ordinary input of about the same size; limit ${SLOWER}x)`,
  );
  for (const c of cases) {
    console.log(
      `  ${c.label.padEnd(52)} ${c.mb.toFixed(1).padStart(5)} MB ${c.seconds.toFixed(2).padStart(6)} s ${c.msPerMB.toFixed(0).padStart(6)} ms/MB   ordinary ${c.ordinaryMb.toFixed(1).padStart(5)} MB ${c.ordinarySeconds.toFixed(2).padStart(6)} s ${c.ordinaryMsPerMB.toFixed(0).padStart(6)} ms/MB  ${c.ratio.toFixed(2)}x  ${c.pass ? 'PASS' : 'FAIL'}`,
    );
  }
}
