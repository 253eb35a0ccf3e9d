/**
 * Lint results CI cannot be fooled by (issue 10, item 15): a `# flink-mem-disable` speaks for its
 * own YAML document only, and one byte that is not UTF-8 is a finding at its position, not a
 * reason to skip the whole file.
 */
import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.js';

const deployment = (name: string, extra = '') =>
  `apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: ${name}\nspec:\n  flinkVersion: v1_20\n${extra}  flinkConfiguration:\n    taskmanager.memory.process.size: 1728m\n    taskmanager.memory.managed.fraction: "40"\n  jobManager:\n    resource:\n      memory: 1600m\n`;

const rules = (stdout: string) =>
  (
    JSON.parse(stdout) as { results: { findings: { ruleId: string; line: number }[] }[] }
  ).results.flatMap((r) => r.findings.map((f) => `${f.line} ${f.ruleId}`));

describe('a suppression in a file of several YAML documents', () => {
  it('silences its own document only, and is not reported unused there', async () => {
    const text = `${deployment('a')}---\n# flink-mem-disable fraction-out-of-range -- checked with the team\n${deployment('b')}`;
    const r = await cli(['lint', '-', '--format', 'json'], { stdin: text });
    // Document a (lines 1-12) keeps its finding; document b's is silenced; nothing is unused.
    expect(rules(r.stdout)).toEqual(['9 fraction-out-of-range']);
    expect(r.code).toBe(1);
  });

  it('a suppression before the first document separator belongs to the first document', async () => {
    const text = `# flink-mem-disable fraction-out-of-range -- checked\n${deployment('a')}---\n${deployment('b')}`;
    const r = await cli(['lint', '-', '--format', 'json'], { stdin: text });
    expect(rules(r.stdout)).toEqual(['23 fraction-out-of-range']);
  });

  it('one that suppresses nothing in its document is reported there, even when another document has the finding', async () => {
    const clean = deployment('b').replace('"40"', '"0.4"');
    const text = `${deployment('a')}---\n# flink-mem-disable fraction-out-of-range -- not needed here\n${clean}`;
    const r = await cli(['lint', '-', '--format', 'json'], { stdin: text });
    expect(rules(r.stdout)).toEqual(['9 fraction-out-of-range', '14 unused-suppression']);
  });
});

describe('an ignore annotation in the second document', () => {
  it('is reported at its own line when it suppresses nothing', async () => {
    const annotated = deployment('b')
      .replace(
        '  name: b\n',
        '  name: b\n  annotations:\n    flink-mem.io/ignore-fraction-out-of-range: "not needed"\n',
      )
      .replace('"40"', '"0.4"');
    const text = `${deployment('a').replace('  name: a\n', '  name: a\n  annotations:\n    flink-mem.io/ignore-fraction-out-of-range: "checked"\n')}---\n${annotated}`;
    const r = await cli(['lint', '-', '--format', 'json'], { stdin: text });
    expect(rules(r.stdout)).toEqual(['21 unused-suppression']);
  });
});

describe('a byte that is not UTF-8', () => {
  const latin1 = Buffer.concat([
    Buffer.from(
      'taskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n# caf',
    ),
    Buffer.from([0xe9]),
    Buffer.from(' au lait\ntaskmanager.memory.managed.fraction: 40\n'),
  ]);

  it('is a finding at its line and column; the rest of the file is still linted', async () => {
    const r = await cli(['lint', '-', '--format', 'json'], { stdin: latin1 });
    expect(rules(r.stdout)).toEqual(['3 config-syntax', '4 fraction-out-of-range']);
    const text = await cli(['lint', '-'], { stdin: latin1 });
    expect(text.stdout).toContain(
      '<stdin>:3:6: error: <stdin> is not valid UTF-8 text: byte 0xE9 at 3:6 (Latin-1 or Windows-1252?) is read as a replacement character; save the file as UTF-8 [config-syntax]',
    );
    expect(r.code).toBe(1);
  });

  it('--fix does not write the replacement character back: the file is left as it was, with the reason', async () => {
    const r = await cli(['lint', '-', '--fix-dry-run'], { stdin: latin1 });
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'flink-mem: <stdin>: not fixed: the file does not load as it is (3:6: <stdin> is not valid UTF-8 text: byte 0xE9 at 3:6 (Latin-1 or Windows-1252?) is read as a replacement character; save the file as UTF-8)\nflink-mem: nothing to fix\n',
    );
  });
});
