import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';
import { computeMemory, diagnose, fix, lint, loadConfig, rules } from '../src/index.js';

describe('library API', () => {
  it('loads text, derives memory exactly and lints it', () => {
    const file = loadConfig({
      text: 'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n',
      name: 'flink-conf.yaml',
    });
    const doc = file.documents[0]!;
    const memory = computeMemory(doc);
    expect(memory.taskmanager.ok && memory.taskmanager.sizes.managed).toBe(536870920n);
    expect(memory.jobmanager.ok && memory.jobmanager.sizes.jvmHeap).toBe(1073741824n);
    expect(lint(file)).toEqual([]);
  });

  it('derives memory from a plain object for a chosen version', () => {
    const m = computeMemory({ 'taskmanager.memory.process.size': '16g' }, { flinkVersion: '1.16' });
    expect(m.taskmanager.ok && m.taskmanager.sizes.network).toBe(1073741824n);
  });

  it('reports findings with positions and fixes', () => {
    const file = loadConfig({
      text: 'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.network.fraction: 1.5\n',
      name: 'flink-conf.yaml',
    });
    const findings = lint(file);
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['fraction-out-of-range', 3, 1],
    ]);
    expect(findings[0]!.fix).toEqual({ 'taskmanager.memory.network.fraction': '0.1' });
    // The library lists every rule of rules/ (one file per rule besides the index).
    const ruleFiles = readdirSync(new URL('../rules/', import.meta.url)).filter(
      (f) => f.endsWith('.ts') && f !== 'index.ts',
    );
    expect(rules.map((r) => `${r.id}.ts`).sort()).toEqual(ruleFiles.sort());
  });

  it("fixes a file's text without writing it, keeping every other byte", () => {
    const text =
      '# tuned for the batch jobs\ntaskmanager.memory.process.size: 1728m   # 1.7 GiB\njobmanager.memory.process.size: 1600m\r\ntaskmanager.memory.network.fraction: 1.5\n';
    const file = loadConfig({ text, name: 'flink-conf.yaml' });
    const r = fix(file);
    expect(r.text).toBe(text.replace('fraction: 1.5', 'fraction: 0.1'));
    expect(r.fixed).toBe(1);
    expect(r.findings).toEqual([]);
    expect(fix(loadConfig({ text: r.text, name: 'flink-conf.yaml' })).fixed).toBe(0);
  });

  it('leaves a file that does not load as it is', () => {
    const file = loadConfig({ text: 'taskmanager:\n  memory: [\n', name: 'config.yaml' });
    const r = fix(file);
    expect(r.text).toBe(file.text);
    expect(r.fixed).toBe(0);
  });

  it('diagnoses an error message against a configuration', () => {
    const config = loadConfig({
      text: 'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n',
      name: 'flink-conf.yaml',
    }).documents[0]!;
    const r = diagnose('java.lang.OutOfMemoryError: Direct buffer memory', { config });
    expect(r.diagnoses[0]!.id).toBe('direct-oom');
    const first = r.diagnoses[0]!.suggestions[0]!;
    expect(first.key).toMatch(/^taskmanager\.memory\./);
    expect(first.effect).toBeDefined();
  });

  it('diagnoses as flink-mem doctor --config does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flink-mem-api-'));
    try {
      const path = join(dir, 'flink-conf.yaml');
      // A legacy heap key: Flink 1.20 (what a flink-conf.yaml is checked against) maps it, 2.x
      // ignores it.
      writeFileSync(path, 'taskmanager.heap.size: 2g\njobmanager.memory.process.size: 1600m\n');
      const error = 'java.lang.OutOfMemoryError: Java heap space';
      const r = await cli(['doctor', '--error', error, '--config', path, '--format', 'json']);
      const fromCli = JSON.parse(r.stdout) as { diagnoses: { suggestions: { key: string }[] }[] };
      const fromLibrary = diagnose(error, { config: loadConfig(path).documents[0]! });
      expect(JSON.parse(JSON.stringify(fromLibrary.diagnoses))).toEqual(fromCli.diagnoses);
      expect(fromCli.diagnoses[0]!.suggestions.map((s) => s.key)).toContain(
        'taskmanager.heap.size',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
