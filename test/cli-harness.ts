/** Runs the CLI in-process with captured output, as a user would see it. */
import { Readable } from 'node:stream';
import { run } from '../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(
  args: readonly string[],
  opts: { stdin?: string | Buffer; env?: Record<string, string>; cwd?: string; tty?: boolean } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    write: (s) => {
      stdout += s;
    },
    error: (s) => {
      stderr += s;
    },
    stdin: Readable.from(
      opts.stdin === undefined
        ? []
        : [typeof opts.stdin === 'string' ? Buffer.from(opts.stdin) : opts.stdin],
    ),
    stdinIsTTY: opts.stdin === undefined,
    stdoutIsTTY: opts.tty ?? false,
    env: { NO_COLOR: '1', ...(opts.env ?? {}) },
    cwd: opts.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}
