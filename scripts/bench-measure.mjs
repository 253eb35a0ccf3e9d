// Runs the CLI in this process, discards its output, and prints the peak resident memory.
import { Readable } from 'node:stream';
const { run } = await import(new URL('../dist/cli/main.js', import.meta.url).href);
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
