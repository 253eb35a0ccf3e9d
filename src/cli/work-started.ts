/**
 * Whether this run got as far as its command's own work (linting, explaining, diagnosing) rather
 * than stopping at help, a usage error or `--print-config`. bin/flink-mem.cjs writes a command's
 * code cache only after such a run: a cache holds what its run compiled, and one written by
 * `flink-mem lint --help` would leave the linting code to be compiled again on every later run.
 */
let started = false;

export function markWorkStarted(): void {
  started = true;
}

export function workStarted(): boolean {
  return started;
}
