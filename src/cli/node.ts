/** The real process behind the CLI: streams, environment, exit code. */
import { run } from './main.js';

const code = await run(process.argv.slice(2), {
  write: (s) => void process.stdout.write(s),
  error: (s) => void process.stderr.write(s),
  stdin: process.stdin,
  stdinIsTTY: Boolean(process.stdin.isTTY),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = code;
