// Runs the installed CLI (bin/flink-mem.cjs) in this process exactly as a user's shell would,
// with its real standard output, and reports the process's peak resident memory on stderr.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const CLI = new URL('../bin/flink-mem.cjs', import.meta.url).pathname;
process.argv = [process.argv[0], CLI, ...process.argv.slice(2)];
/**
 * The peak resident memory of this program, in KiB. On Linux it is VmHWM of /proc/self/status:
 * getrusage's maxRSS also counts the memory of the process this one was forked from before it ran
 * Node (the bench, holding a 200 MB log it just wrote, made the doctor seem to peak at 252 MiB).
 */
function peakKiB() {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // Not Linux: getrusage's figure.
  }
  return process.resourceUsage().maxRSS;
}

process.on('exit', () => {
  process.stderr.write(`\nMAXRSS ${peakKiB()}\n`);
});
createRequire(import.meta.url)(CLI);
