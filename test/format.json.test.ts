import { describe, expect, it } from 'vitest';
import { toJsonFinding } from '../src/cli/format/json.js';
import { finding, render } from './format.helpers.js';

describe('json format', () => {
  const reports = [
    {
      file: 'a.yaml',
      lines: [],
      findings: [
        finding({ file: 'a.yaml', fix: { 'taskmanager.memory.flink.size': null } }),
        finding({ file: 'a.yaml', key: undefined, line: 1 }),
      ],
    },
    { file: 'clean.yaml', lines: [], findings: [] },
    {
      file: 'b.conf',
      lines: [],
      findings: [
        finding({
          file: 'b.conf',
          ruleId: 'other-rule',
          severity: 'warning',
          endLine: undefined,
          endColumn: undefined,
        }),
      ],
    },
  ];

  it('streams exactly what JSON.stringify of the whole document gives', () => {
    const out = render('json', reports);
    const expected = {
      version: 1,
      results: reports.map((r) => ({ file: r.file, findings: r.findings.map(toJsonFinding) })),
    };
    expect(out).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  it('uses the field names of the documented format, with null for a missing key or fix', () => {
    const doc = JSON.parse(render('json', reports)) as {
      results: { file: string; findings: Record<string, unknown>[] }[];
    };
    expect(doc.results.map((r) => r.file)).toEqual(['a.yaml', 'clean.yaml', 'b.conf']);
    const [first, second] = doc.results[0]!.findings;
    expect(Object.keys(first!)).toEqual(
      expect.arrayContaining(['ruleId', 'severity', 'message', 'line', 'column', 'key', 'fix']),
    );
    expect(first!.fix).toEqual({ 'taskmanager.memory.flink.size': null });
    expect(second!.key).toBeNull();
    expect(second!.fix).toBeNull();
    expect(doc.results[2]!.findings[0]!.endLine).toBeNull();
  });

  it('is a valid document when no file was linted', () => {
    expect(JSON.parse(render('json', []))).toEqual({ version: 1, results: [] });
  });
});
