import { describe, expect, it } from 'vitest';
import { computeMemory, lint, loadConfig, rules } from '../src/index.js';

describe('library API', () => {
  it('loads text, derives memory exactly and lints it', () => {
    const file = loadConfig({ text: 'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n', name: 'flink-conf.yaml' });
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
    const file = loadConfig({ text: 'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.network.fraction: 1.5\n', name: 'flink-conf.yaml' });
    const findings = lint(file);
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['fraction-out-of-range', 3, 1]]);
    expect(findings[0]!.fix).toEqual({ 'taskmanager.memory.network.fraction': '0.1' });
    expect(rules.length).toBe(21);
  });
});
