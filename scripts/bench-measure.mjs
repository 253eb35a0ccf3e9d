// Runs the bundled CLI in this process, discards its output, and prints the peak resident memory.
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
const { run } = createRequire(import.meta.url)('../dist/cli/flink-mem.cjs');
await run(process.argv.slice(2), {
  write: () => {},
  error: () => {},
  stdin: Readable.from([]),
  stdinIsTTY: true,
  stdoutIsTTY: false,
  env: { NO_COLOR: '1' },
  cwd: process.cwd(),
});
console.log(`MAXRSS ${process.resourceUsage().maxRSS}`);
