// Runs the installed CLI (bin/flink-mem.cjs) in this process exactly as a user's shell would,
// with its real standard output, and reports the process's peak resident memory on stderr.
import { createRequire } from 'node:module';

const CLI = new URL('../bin/flink-mem.cjs', import.meta.url).pathname;
process.argv = [process.argv[0], CLI, ...process.argv.slice(2)];
process.on('exit', () => {
  process.stderr.write(`\nMAXRSS ${process.resourceUsage().maxRSS}\n`);
});
createRequire(import.meta.url)(CLI);
