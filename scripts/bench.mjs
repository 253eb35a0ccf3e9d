// `npm run bench`: the speed figures of issue 5 for the built CLI, next to `node -e 0` on this
// machine, each with its target and a pass/fail mark. `--json <file>` also writes them as JSON
// (the README quotes a real run).
//   start-up:   median of alternating runs of `node -e 0` and the CLI on one small file
//   throughput: median wall time of 3 runs and the highest peak resident memory (RSS) of the
//               process, with Node's default heap settings
//   memory:     whether memory grows with the number of files. With default settings V8 collects
//               lazily: its young generation grows from 1 to 16 MiB semi-spaces and garbage piles
//               up in the old generation until its first limit, so the peak RSS of a longer run is
//               higher whatever the program keeps. The check therefore runs the 1,000- and
//               10,000-file runs again with V8 held to a 16 MiB old generation and 2 MiB
//               semi-spaces: they must complete (a program that kept per-file data would run out
//               of heap) and the 10,000-file run must peak within 10% of the 1,000-file run. The
//               doctor must stay under 128 MiB on a 200 MB log with default settings
//   hostile:    the inputs of issue 10 (scripts/bench-hostile.mjs): every regular expression on
// lines
//               crafted from its own pieces, and the CLI on inputs that were quadratic or exhausted
//               memory, each in ms per MB next to ordinary input of the same size (`--hostile`:
// only these)
import { spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  openSync,
  closeSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, totalmem, tmpdir, platform, release } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { SLOWER, cliCases, patternRows, printCases, printPatterns } from './bench-hostile.mjs';

const CLI = new URL('../bin/flink-mem.cjs', import.meta.url).pathname;
const MEASURE = new URL('./bench-measure.mjs', import.meta.url).pathname;
const args = process.argv.slice(2);
/**
 * `--startup-only`: just the start-up figures (quick; run it with each Node version to compare).
 */
const startupOnly = args.includes('--startup-only');
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
/** `--hostile`: only the hostile inputs of issue 10 (regular expressions and the CLI cases). */
const hostileOnly = args.includes('--hostile');
if (jsonAt >= 0 && !jsonFile) {
  console.error('bench: --json needs a file name');
  process.exit(2);
}
if (!existsSync(new URL('../dist/cli/flink-mem.cjs', import.meta.url))) {
  console.error('bench: dist/ is missing; run `npm ci` (or `npm run build`) first');
  process.exit(2);
}

const STARTUP_RATIO = 1.3;
const MANY_FILES_SECONDS = 5;
const DOCTOR_SECONDS = 5;
/** The doctor streams its log: its peak memory must stay far below the size of the log. */
const DOCTOR_PEAK_MIB = 128;
const FLAT = 1.1;
const RUNS = 3;
/** V8 limits for the memory check: small enough that kept per-file data would exhaust them. */
const HEAP_LIMITS = ['--max-old-space-size=16', '--max-semi-space-size=2'];

const work = join(tmpdir(), `flink-mem-bench-${process.pid}`);
mkdirSync(work, { recursive: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeOnce(cmd, argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { stdio: 'ignore' });
  if (r.error) throw r.error;
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Alternates baseline and candidate runs so machine noise hits both alike. */
function nextToNode(label, argv, runs) {
  const base = [];
  const cand = [];
  timeOnce(process.execPath, ['-e', '0']);
  timeOnce(process.execPath, [CLI, ...argv]);
  for (let i = 0; i < runs; i++) {
    base.push(timeOnce(process.execPath, ['-e', '0']));
    cand.push(timeOnce(process.execPath, [CLI, ...argv]));
  }
  const baselineMs = median(base);
  const ms = median(cand);
  return { label, ms, baselineMs, ratio: ms / baselineMs };
}

/** Runs of the CLI with its output going to a file, as in `flink-mem lint . > report.txt`. */
function throughput(label, argv, { runs = RUNS, nodeFlags = [] } = {}) {
  const times = [];
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    const out = openSync(join(work, 'out.txt'), 'w');
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [...nodeFlags, MEASURE, ...argv], {
      stdio: ['ignore', out, 'pipe'],
      maxBuffer: 1 << 26,
    });
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    closeSync(out);
    if (r.error) throw r.error;
    const rss = /MAXRSS (\d+)/.exec(r.stderr.toString());
    // Under the memory check's heap limits, running out of heap is a failed target, not a broken
    // bench.
    if (nodeFlags.length > 0 && (!rss || r.status === null || r.status > 2))
      return { label, seconds: NaN, peakMiB: Infinity };
    if (!rss || r.status === null || r.status > 2)
      throw new Error(
        `bench: ${label} failed (exit ${r.status}): ${r.stderr.toString().slice(-500)}`,
      );
    peak = Math.max(peak, Number(rss[1]) / 1024);
  }
  return { label, seconds: median(times), peakMiB: peak };
}

const CONFIGS = [
  (i) =>
    `taskmanager.memory.process.size: ${1024 + (i % 64) * 64}m\njobmanager.memory.process.size: 1600m\ntaskmanager.numberOfTaskSlots: ${1 + (i % 8)}\n`,
  (i) =>
    `taskmanager:\n  memory:\n    flink:\n      size: ${2 + (i % 6)}g\n    managed:\n      fraction: 0.${(i % 5) + 2}\njobmanager:\n  memory:\n    heap:\n      size: 1g\n`,
  (i) =>
    `taskmanager.memory.process.size: ${300 + (i % 300)}m\ntaskmanager.memory.network.fraction: 1.5\nflink.memory.managed.fraction: 0.6\n`,
];

function makeFiles(n) {
  const dir = join(work, `files-${n}`);
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const name = i % 3 === 1 ? `c${i}/config.yaml` : `c${i}/flink-conf.yaml`;
    mkdirSync(join(dir, `c${i}`), { recursive: true });
    writeFileSync(join(dir, name), CONFIGS[i % 3](i));
  }
  return dir;
}

async function makeLog(mb) {
  const file = join(work, `taskmanager-${mb}mb.log`);
  const ws = createWriteStream(file);
  const line =
    '2026-11-20 10:15:42,118 INFO  org.apache.flink.runtime.taskmanager.Task [] - Source: orders (3/4)#0 switched from INITIALIZING to RUNNING.\n';
  const lines = Math.floor((mb * 1024 * 1024) / line.length);
  for (let i = 0; i < lines; i++) {
    if (i === Math.floor(lines * 0.9)) {
      ws.write(
        '2026-11-20 11:02:03,001 ERROR org.apache.flink.runtime.taskexecutor.TaskExecutor [] - Fatal error occurred in TaskExecutor.\n',
      );
      ws.write(
        'java.lang.OutOfMemoryError: Direct buffer memory. The direct out-of-memory error has occurred.\n',
      );
    }
    if (!ws.write(line)) await once(ws, 'drain');
  }
  ws.end();
  await once(ws, 'finish');
  return file;
}

const cpu = cpus();
const machine = {
  cpus: cpu.length,
  cpu: cpu[0]?.model?.trim() ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  os: `${platform()} ${release()}`,
  node: process.version,
};
console.log(
  `machine: ${machine.cpus} x ${machine.cpu}, ${machine.memoryGiB} GiB, ${machine.os}, node ${machine.node}`,
);
console.log('(timings vary with other load on the machine; start-up compares alternating runs)');

if (hostileOnly) {
  const log = await makeLog(20);
  const doctor = throughput('doctor 20 MB log', ['doctor', '--log', log]);
  const rows = patternRows((doctor.seconds * 1000) / 20);
  const cases = cliCases(CLI, work, log);
  const patterns = printPatterns(rows);
  printCases(cases);
  const failed = [patterns, ...cases].filter((r) => !r.pass).length;
  console.log(
    `\n${failed === 0 ? 'all hostile inputs within the linear budget' : `${failed} hostile checks missed`}`,
  );
  if (jsonFile)
    writeFileSync(
      jsonFile,
      `${JSON.stringify({ date: new Date().toISOString(), machine, slower: SLOWER, doctorMsPerMB: (doctor.seconds * 1000) / 20, patterns: rows, cases }, null, 2)}\n`,
    );
  rmSync(work, { recursive: true, force: true });
  process.exit(failed === 0 ? 0 : 1);
}

const oneFile = join(makeFiles(1), 'c0/flink-conf.yaml');

const startup = [
  nextToNode('explain one file', ['explain', oneFile], 21),
  nextToNode('lint one file', ['lint', oneFile], 21),
].map((r) => ({ ...r, target: `<= ${STARTUP_RATIO}x`, pass: r.ratio <= STARTUP_RATIO }));
if (startupOnly) {
  console.log('\nstart-up (median of 21 alternating runs with node -e 0)');
  for (const r of startup)
    console.log(
      `  ${r.label.padEnd(36)} ${r.ms.toFixed(1).padStart(7)} ms  node -e 0 ${r.baselineMs.toFixed(1).padStart(6)} ms  ${r.ratio.toFixed(2)}x  target ${r.target}  ${r.pass ? 'PASS' : 'FAIL'}`,
    );
  rmSync(work, { recursive: true, force: true });
  process.exit(startup.every((r) => r.pass) ? 0 : 1);
}
const thousand = makeFiles(1000);
const tenThousand = makeFiles(10000);
const lintThousand = nextToNode('lint 1,000 files', ['lint', thousand], 7);

const runs = {
  explain1k: throughput('explain 1,000 files', ['explain', thousand]),
  explain10k: throughput('explain 10,000 files', ['explain', tenThousand]),
  lint1k: throughput('lint 1,000 files', ['lint', thousand]),
  lint10k: throughput('lint 10,000 files', ['lint', tenThousand]),
  lintSarif1k: throughput('lint 1,000 files --format sarif', [
    'lint',
    thousand,
    '--format',
    'sarif',
  ]),
  lintSarif10k: throughput('lint 10,000 files --format sarif', [
    'lint',
    tenThousand,
    '--format',
    'sarif',
  ]),
};
const capped = { runs: 1, nodeFlags: HEAP_LIMITS };
const bounded = [
  ['explain', ['explain']],
  ['lint', ['lint']],
  ['lint --format sarif', ['lint', '--format', 'sarif']],
].map(([label, args]) => {
  const small = throughput(
    `${label} 1,000 files`,
    [...args.slice(0, 1), thousand, ...args.slice(1)],
    capped,
  );
  const large = throughput(
    `${label} 10,000 files`,
    [...args.slice(0, 1), tenThousand, ...args.slice(1)],
    capped,
  );
  const growth = large.peakMiB / small.peakMiB;
  return {
    label,
    small,
    large,
    growth,
    target: `peak <= ${FLAT}x of 1,000 files`,
    pass: growth <= FLAT,
  };
});
const log20 = await makeLog(20);
runs.doctor20 = throughput('doctor 20 MB log', ['doctor', '--log', log20]);
const hostileRows = patternRows((runs.doctor20.seconds * 1000) / 20);
const hostileCases = cliCases(CLI, work, log20);
rmSync(log20);
const log200 = await makeLog(200);
runs.doctor200 = throughput('doctor 200 MB log', ['doctor', '--log', log200]);

/** The large run against its target time (and, for the doctor, its memory against a bound). */
function judged(small, large, seconds, peakMiB) {
  const growth = large.peakMiB / small.peakMiB;
  const memoryOk = peakMiB === undefined || large.peakMiB < peakMiB;
  const target = peakMiB === undefined ? `< ${seconds} s` : `< ${seconds} s, peak < ${peakMiB} MiB`;
  return [
    { ...small, target: null, pass: null },
    { ...large, target, memoryGrowth: growth, pass: large.seconds < seconds && memoryOk },
  ];
}
const table = [
  ...judged(runs.explain1k, runs.explain10k, MANY_FILES_SECONDS),
  ...judged(runs.lint1k, runs.lint10k, MANY_FILES_SECONDS),
  ...judged(runs.lintSarif1k, runs.lintSarif10k, MANY_FILES_SECONDS),
  ...judged(runs.doctor20, runs.doctor200, DOCTOR_SECONDS, DOCTOR_PEAK_MIB),
];

const mark = (pass) => (pass === null ? '' : pass ? 'PASS' : 'FAIL');
console.log('\nstart-up (median of 21 alternating runs with node -e 0)');
for (const r of startup) {
  console.log(
    `  ${r.label.padEnd(36)} ${r.ms.toFixed(1).padStart(7)} ms  node -e 0 ${r.baselineMs.toFixed(1).padStart(6)} ms  ${r.ratio.toFixed(2)}x  target ${r.target}  ${mark(r.pass)}`,
  );
}
console.log(
  `  ${lintThousand.label.padEnd(36)} ${lintThousand.ms.toFixed(1).padStart(7)} ms  node -e 0 ${lintThousand.baselineMs.toFixed(1).padStart(6)} ms  ${lintThousand.ratio.toFixed(2)}x  (median of 7)`,
);
console.log(`\nthroughput (median wall time of ${RUNS} runs, output to a file; highest peak RSS)`);
for (const r of table) {
  const growth = r.memoryGrowth === undefined ? '' : ` (${r.memoryGrowth.toFixed(2)}x)`;
  console.log(
    `  ${r.label.padEnd(36)} ${r.seconds.toFixed(2).padStart(6)} s  peak ${r.peakMiB.toFixed(0).padStart(4)} MiB${growth.padEnd(8)}${r.target ? `  target ${r.target}  ${mark(r.pass)}` : ''}`,
  );
}
console.log(`\nmemory (one run each with node ${HEAP_LIMITS.join(' ')}; peak RSS)`);
for (const b of bounded) {
  console.log(
    `  ${b.label.padEnd(36)} 1,000 files ${b.small.peakMiB.toFixed(0).padStart(4)} MiB  10,000 files ${b.large.peakMiB.toFixed(0).padStart(4)} MiB (${b.growth.toFixed(2)}x)  target ${b.target}  ${mark(b.pass)}`,
  );
}
const hostilePatterns = printPatterns(hostileRows);
printCases(hostileCases);
const all = [...startup, ...table, ...bounded, hostilePatterns, ...hostileCases].filter(
  (r) => r.pass !== null,
);
const failed = all.filter((r) => !r.pass).length;
console.log(`\n${failed === 0 ? 'all targets met' : `${failed} of ${all.length} targets missed`}`);

if (jsonFile) {
  const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;
  writeFileSync(
    jsonFile,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine,
        startup: [...startup, { ...lintThousand, target: null, pass: null }].map((r) => ({
          label: r.label,
          ms: round(r.ms, 1),
          nodeMs: round(r.baselineMs, 1),
          ratio: round(r.ratio, 3),
          target: r.target,
          pass: r.pass,
        })),
        throughput: table.map((r) => ({
          label: r.label,
          seconds: round(r.seconds, 3),
          peakMiB: round(r.peakMiB, 1),
          ...(r.memoryGrowth !== undefined ? { memoryGrowth: round(r.memoryGrowth, 3) } : {}),
          target: r.target,
          pass: r.pass,
        })),
        hostile: {
          slower: SLOWER,
          patterns: hostileRows
            .filter((r) => r.pass !== null)
            .map((r) => ({
              at: r.at,
              msPerMB2k: round(r.shortMs, 2),
              msPerMB32k: round(r.longMs, 2),
              ordinaryMsPerMB: round(r.ordinaryMs, 2),
              pass: r.pass,
            })),
          cases: hostileCases.map((c) => ({
            ...c,
            seconds: round(c.seconds, 3),
            ordinarySeconds: round(c.ordinarySeconds, 3),
            msPerMB: round(c.msPerMB, 1),
            ordinaryMsPerMB: round(c.ordinaryMsPerMB, 1),
            ratio: round(c.ratio, 2),
          })),
        },
        memory: {
          nodeFlags: HEAP_LIMITS,
          runs: bounded.map((b) => ({
            label: b.label,
            peakMiB1k: round(b.small.peakMiB, 1),
            peakMiB10k: round(b.large.peakMiB, 1),
            growth: round(b.growth, 3),
            target: b.target,
            pass: b.pass,
          })),
        },
      },
      null,
      2,
    )}\n`,
  );
  console.log(`figures written to ${jsonFile}`);
}
rmSync(work, { recursive: true, force: true });
