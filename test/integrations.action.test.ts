/**
 * The GitHub Action (action.yml) run step by step by test/action-runner.ts with a fake GITHUB_*
 * environment, on a sample repository, installing flink-mem from this checkout's `npm pack`
 * tarball (the `version` input takes what `npm install` takes).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ActionStep } from './action-runner.js';
import { runCompositeAction } from './action-runner.js';
import { pack, ROOT } from './pack.helpers.js';

describe('GitHub Action', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flink-mem-action-'));
  let tarball = '';
  beforeAll(() => {
    tarball = pack().tarball;
  }, 120_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    if (tarball) rmSync(dirname(tarball), { recursive: true, force: true });
  }, 60_000);

  it('is a composite action on a pinned actions/setup-node with a pinned Node', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
      runs: { using: string; steps: ActionStep[] };
      inputs: Record<string, unknown>;
    };
    expect(action.runs.using).toBe('composite');
    const setup = action.runs.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setup?.uses).toMatch(/^actions\/setup-node@[0-9a-f]{40}$/);
    expect(setup?.with?.['node-version']).toMatch(/^\d+$/);
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining(['paths', 'version', 'target', 'fail-on']),
    );
  });

  it('annotates, writes SARIF and a job summary with the memory table of each file, and fails on findings', () => {
    const workspace = join(dir, 'repo');
    mkdirSync(join(workspace, 'conf'), { recursive: true });
    mkdirSync(join(workspace, 'k8s'), { recursive: true });
    writeFileSync(
      join(workspace, 'conf/flink-conf.yaml'),
      'taskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.network.min: 512m\ntaskmanager.memory.network.max: 256m\n',
    );
    cpSync(
      join(ROOT, 'examples/kubernetes/flink-deployment.yaml'),
      join(workspace, 'k8s/flink-deployment.yaml'),
    );
    const uses: string[] = [];
    const result = runCompositeAction({
      actionPath: ROOT,
      inputs: { paths: 'conf\nk8s', version: tarball },
      workspace,
      runnerTemp: join(dir, 'runner-temp'),
      env: { npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' },
      onUses: (step) => uses.push(step.uses!),
    });
    expect(uses).toEqual(['actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020']);
    const [, install, lint, summary] = result.steps;
    expect(install!.status, install!.stderr).toBe(0);
    expect(install!.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(lint!.status).toBe(1);
    expect(lint!.stdout).toContain(
      '::error file=conf/flink-conf.yaml,line=3,col=1,endLine=3,endColumn=31,title=range-min-above-max::',
    );
    expect(result.outputs['sarif-file']).toBe('flink-mem.sarif');
    const sarif = JSON.parse(readFileSync(join(workspace, 'flink-mem.sarif'), 'utf8')) as {
      runs: { results: { ruleId: string }[] }[];
    };
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toContain('range-min-above-max');
    // The summary runs after the failed lint step (if: always()).
    expect(summary!.skipped).toBe(false);
    expect(summary!.status).toBe(0);
    expect(result.summary).toContain('### conf/flink-conf.yaml');
    expect(result.summary).toContain('**TaskManager** would not start:');
    expect(result.summary).toContain('### k8s/flink-deployment.yaml');
    expect(result.summary).toMatch(/\| Total Process Memory \| [\d.]+ GiB \| \d+ \|/);
    expect(result.summary).toContain(
      '**JobManager**\n\n| component | size | bytes |\n|---|---:|---:|\n| JVM Heap |',
    );
  }, 300_000);

  it('passes on a clean repository and leaves the summary out when asked', () => {
    const workspace = join(dir, 'clean');
    mkdirSync(workspace, { recursive: true });
    writeFileSync(
      join(workspace, 'flink-conf.yaml'),
      'taskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 1600m\n',
    );
    const run = () =>
      runCompositeAction({
        actionPath: ROOT,
        inputs: { version: tarball, summary: 'false', 'sarif-file': 'out/report.sarif' },
        workspace,
        runnerTemp: join(dir, 'runner-temp-2'),
        env: { npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' },
        onUses: () => {},
      });
    const result = run();
    mkdirSync(join(workspace, 'out'), { recursive: true });
    const lint = result.steps[2]!;
    // The report's folder did not exist: that is flink-mem's usage error (exit 2), said in one
    // line.
    expect(lint.status).toBe(2);
    expect(lint.stderr).toBe(
      'flink-mem: error: cannot write "out/report.sarif": its folder does not exist\n',
    );
    expect(result.steps[3]!.skipped).toBe(true);
    const again = run();
    expect(again.steps[2]!.status, again.steps[2]!.stderr).toBe(0);
    expect(again.steps[2]!.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(workspace, 'out/report.sarif'), 'utf8'))).toMatchObject({
      version: '2.1.0',
    });
    expect(again.summary).toBe('');
  }, 300_000);
});
