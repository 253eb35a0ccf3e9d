// `npm run bench`: start-up and throughput of the built CLI next to `node -e 0` on this machine.
// Start-up is the median of alternating runs; throughput runs report wall time and peak memory.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, createWriteStream, existsSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

const CLI = new URL('../bin/flink-mem.cjs', import.meta.url).pathname;
const MEASURE = new URL('./bench-measure.mjs', import.meta.url).pathname;
if (!existsSync(new URL('../dist/cli/flink-mem.cjs', import.meta.url))) {
  console.error('bench: dist/ is missing; run `npm ci` (or `npm run build`) first');
  process.exit(2);
}
const work = join(tmpdir(), `flink-mem-bench-${process.pid}`);
mkdirSync(work, { recursive: true });

function timeOnce(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  if (r.error) throw r.error;
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Alternates baseline and candidate runs so machine noise hits both alike. */
function startup(label, args, runs = 21) {
  const base = [];
  const cand = [];
  timeOnce(process.execPath, ['-e', '0']);
  timeOnce(process.execPath, [CLI, ...args]);
  for (let i = 0; i < runs; i++) {
    base.push(timeOnce(process.execPath, ['-e', '0']));
    cand.push(timeOnce(process.execPath, [CLI, ...args]));
  }
  const b = median(base);
  const c = median(cand);
  return { label, baselineMs: b, ms: c, ratio: c / b };
}

/** One run in a child that reports its own peak RSS. */
function throughput(label, args) {
  const t0 = process.hrtime.bigint();
  const out = execFileSync(process.execPath, [MEASURE, ...args], { maxBuffer: 1 << 30 }).toString();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rss = Number(/MAXRSS (\d+)/.exec(out)?.[1] ?? 0) / 1024;
  return { label, ms, peakMiB: rss };
}

const CONFIGS = [
  (i) => `taskmanager.memory.process.size: ${1024 + (i % 64) * 64}m\njobmanager.memory.process.size: 1600m\ntaskmanager.numberOfTaskSlots: ${1 + (i % 8)}\n`,
  (i) => `taskmanager:\n  memory:\n    flink:\n      size: ${2 + (i % 6)}g\n    managed:\n      fraction: 0.${(i % 5) + 2}\njobmanager:\n  memory:\n    heap:\n      size: 1g\n`,
  (i) => `taskmanager.memory.process.size: ${300 + i % 300}m\ntaskmanager.memory.network.fraction: 1.5\nflink.memory.managed.fraction: 0.6\n`,
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
  const line = '2026-11-20 10:15:42,118 INFO  org.apache.flink.runtime.taskmanager.Task [] - Source: orders (3/4)#0 switched from INITIALIZING to RUNNING.\n';
  const lines = Math.floor((mb * 1024 * 1024) / line.length);
  for (let i = 0; i < lines; i++) {
    if (i === Math.floor(lines * 0.9)) {
      ws.write('2026-11-20 11:02:03,001 ERROR org.apache.flink.runtime.taskexecutor.TaskExecutor [] - Fatal error occurred in TaskExecutor.\n');
      ws.write('java.lang.OutOfMemoryError: Direct buffer memory. The direct out-of-memory error has occurred.\n');
    }
    if (!ws.write(line)) await once(ws, 'drain');
  }
  ws.end();
  await once(ws, 'finish');
  return file;
}

const one = makeFiles(1);
const oneFile = join(one, 'c0/flink-conf.yaml');
const rows = [];
rows.push(startup('explain one file', ['explain', oneFile]));
rows.push(startup('lint one file', ['lint', oneFile]));
const thousand = makeFiles(1000);
const tenThousand = makeFiles(10000);
const heavy = [
  throughput('explain 1,000 files', ['explain', thousand, '--format', 'json']),
  throughput('lint 1,000 files', ['lint', thousand]),
  throughput('explain 10,000 files', ['explain', tenThousand]),
  throughput('lint 10,000 files', ['lint', tenThousand]),
];
const log = await makeLog(200);
heavy.push(throughput('doctor 200 MB log', ['doctor', '--log', log]));

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log('\nstart-up (median of 21 alternating runs)');
for (const r of rows) console.log(`  ${r.label.padEnd(22)} ${r.ms.toFixed(1).padStart(7)} ms   node -e 0: ${r.baselineMs.toFixed(1)} ms   ratio ${r.ratio.toFixed(2)}x`);
console.log('\nthroughput (one run each; peak resident memory of the process)');
for (const r of heavy) console.log(`  ${r.label.padEnd(22)} ${(r.ms / 1000).toFixed(2).padStart(7)} s    peak ${r.peakMiB.toFixed(0)} MiB`);
rmSync(work, { recursive: true, force: true });
