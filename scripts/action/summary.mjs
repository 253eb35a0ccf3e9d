// Turns `flink-mem explain --format json` into the Action's job summary: per file, a Markdown table
// of each process's memory components, or why the process would not start.
import { readFileSync } from 'node:fs';

const LABELS = {
  frameworkHeap: 'Framework Heap',
  taskHeap: 'Task Heap',
  managed: 'Managed Memory',
  frameworkOffHeap: 'Framework Off-Heap',
  taskOffHeap: 'Task Off-Heap',
  network: 'Network',
  jvmHeap: 'JVM Heap',
  offHeap: 'Off-Heap',
  jvmMetaspace: 'JVM Metaspace',
  jvmOverhead: 'JVM Overhead',
  totalFlink: 'Total Flink Memory',
  totalProcess: 'Total Process Memory',
};
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

function human(bytes) {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(2))} ${UNITS[unit]}`;
}

/** Table cells must not break the table: pipes escaped, line breaks as spaces. */
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function processSection(title, result) {
  if (!result) return [];
  if (!result.ok)
    return [`**${title}** would not start: ${cell(result.error?.message ?? 'unknown reason')}`, ''];
  const rows = Object.entries(result.sizes).map(
    ([key, bytes]) => `| ${LABELS[key] ?? key} | ${human(bytes)} | ${bytes} |`,
  );
  return [
    `**${title}**`,
    '',
    '| component | size | bytes |',
    '|---|---:|---:|',
    ...rows,
    '',
    result.jvmArgs ? `JVM: \`${result.jvmArgs}\`` : '',
    '',
  ];
}

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const out = ['## flink-mem: memory per file', ''];
for (const r of report.results ?? []) {
  const name = r.name ? `${r.file} (${r.name})` : r.file;
  out.push(`### ${cell(name)}`, '', `Flink ${r.flinkVersion}, ${r.target}`, '');
  out.push(
    ...processSection('TaskManager', r.taskmanager),
    ...processSection('JobManager', r.jobmanager),
  );
}
if ((report.results ?? []).length === 0) out.push('No Flink configuration files were found.', '');
process.stdout.write(`${out.join('\n')}\n`);
