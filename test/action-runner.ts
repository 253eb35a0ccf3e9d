/**
 * Runs a composite action's steps the way the GitHub runner does, as far as flink-mem's action.yml
 * needs: `${{ }}` expressions over inputs, github.action_path and step outputs; `if:` conditions
 * (always(), success(), ==, &&); each `run:` step through `bash --noprofile --norc -eo pipefail`
 * with its `env:`; the runner's files GITHUB_OUTPUT, GITHUB_PATH and GITHUB_STEP_SUMMARY between
 * steps. A `uses:` step is handed to the caller (the test checks actions/setup-node's pin and uses
 * the machine's Node). Anything else in an expression is an error, so the action cannot use what
 * this runner would get wrong.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
}

export interface StepRun {
  readonly name: string;
  readonly skipped: boolean;
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface Context {
  inputs: Record<string, string>;
  github: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string> }>;
  failed: boolean;
}

function lookup(path: string, ctx: Context): string {
  const [head, ...rest] = path.split('.');
  if (head === 'inputs') return ctx.inputs[rest.join('.')] ?? '';
  if (head === 'github' && rest.length === 1) return ctx.github[rest[0]!] ?? '';
  if (head === 'steps' && rest.length === 3 && rest[1] === 'outputs')
    return ctx.steps[rest[0]!]?.outputs[rest[2]!] ?? '';
  throw new Error(`the test runner does not know the expression "${path}"`);
}

/** One expression: `always()`, `success()`, a context path, a 'string', `a == b`, `a && b`. */
function evaluate(expr: string, ctx: Context): string | boolean {
  const e = expr.trim();
  const and = e.split('&&');
  if (and.length > 1) return and.every((part) => truthy(evaluate(part, ctx)));
  const eq = e.split('==');
  if (eq.length === 2) return String(evaluate(eq[0]!, ctx)) === String(evaluate(eq[1]!, ctx));
  if (e === 'always()') return true;
  if (e === 'success()') return !ctx.failed;
  if (e === 'failure()') return ctx.failed;
  if (/^'[^']*'$/.test(e)) return e.slice(1, -1);
  if (/^[a-z_][\w.-]*$/i.test(e)) return lookup(e, ctx);
  throw new Error(`the test runner cannot evaluate "${e}"`);
}

const truthy = (v: string | boolean) =>
  v === true || (typeof v === 'string' && v !== '' && v !== 'false');

function interpolate(text: string, ctx: Context): string {
  return text.replace(/\$\{\{([^}]{1,200})\}\}/g, (_, expr: string) => String(evaluate(expr, ctx)));
}

/** GITHUB_OUTPUT's two forms: `name=value` and `name<<DELIMITER` ... `DELIMITER`. */
function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i]!);
      out[heredoc[1]!] = body.join('\n');
    } else if (line.includes('='))
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return out;
}

export interface RunOptions {
  /** The action's folder (github.action_path). */
  readonly actionPath: string;
  readonly inputs: Record<string, string>;
  /** The repository checkout the job works in (GITHUB_WORKSPACE, the steps' working directory). */
  readonly workspace: string;
  /** RUNNER_TEMP and the runner's files live here. */
  readonly runnerTemp: string;
  readonly env?: Record<string, string>;
  /** Called for a `uses:` step instead of running it. */
  readonly onUses: (step: ActionStep) => void;
}

export function runCompositeAction(opts: RunOptions): {
  steps: StepRun[];
  summary: string;
  outputs: Record<string, string>;
} {
  const action = parse(readFileSync(join(opts.actionPath, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    outputs?: Record<string, { value: string }>;
    runs: { using: string; steps: ActionStep[] };
  };
  if (action.runs.using !== 'composite')
    throw new Error(`not a composite action: ${action.runs.using}`);
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs))
    inputs[name] = opts.inputs[name] ?? String(spec.default ?? '');
  const ctx: Context = {
    inputs,
    github: { action_path: opts.actionPath, workspace: opts.workspace },
    steps: {},
    failed: false,
  };
  mkdirSync(opts.runnerTemp, { recursive: true });
  const summary = join(opts.runnerTemp, 'step_summary.md');
  const pathFile = join(opts.runnerTemp, 'path.txt');
  writeFileSync(summary, '');
  writeFileSync(pathFile, '');
  const runs: StepRun[] = [];
  for (const [i, step] of action.runs.steps.entries()) {
    const name = step.name ?? `step ${i + 1}`;
    const condition = step.if ?? 'success()';
    if (!truthy(evaluate(condition.replace(/^\$\{\{|\}\}$/g, ''), ctx))) {
      runs.push({ name, skipped: true, status: 0, stdout: '', stderr: '' });
      continue;
    }
    if (step.uses) {
      opts.onUses(step);
      runs.push({ name, skipped: false, status: 0, stdout: '', stderr: '' });
      continue;
    }
    if (step.shell !== 'bash') throw new Error(`${name}: the test runner runs only bash steps`);
    const outputFile = join(opts.runnerTemp, `output-${i}.txt`);
    writeFileSync(outputFile, '');
    const script = join(opts.runnerTemp, `step-${i}.sh`);
    writeFileSync(script, interpolate(step.run ?? '', ctx));
    const extraPath = readFileSync(pathFile, 'utf8').split('\n').filter(Boolean).reverse();
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      ...(opts.env ?? {}),
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: opts.actionPath,
      GITHUB_WORKSPACE: opts.workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_PATH: pathFile,
      GITHUB_STEP_SUMMARY: summary,
      RUNNER_TEMP: opts.runnerTemp,
      PATH: [...extraPath, process.env['PATH'] ?? ''].join(':'),
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = interpolate(String(v), ctx);
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: opts.workspace,
      env,
      encoding: 'utf8',
      timeout: 300_000,
    });
    rmSync(script);
    const status = result.status ?? 1;
    runs.push({ name, skipped: false, status, stdout: result.stdout, stderr: result.stderr });
    if (step.id) ctx.steps[step.id] = { outputs: readOutputs(outputFile) };
    if (status !== 0) ctx.failed = true;
  }
  const outputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.outputs ?? {}))
    outputs[name] = interpolate(spec.value, ctx);
  return { steps: runs, summary: readFileSync(summary, 'utf8'), outputs };
}
