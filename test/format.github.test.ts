import { describe, expect, it } from 'vitest';
import { annotation, escapeData, escapeProperty } from '../src/cli/format/github.js';
import type { Finding, Severity } from '../src/engine/types.js';
import { finding, render } from './format.helpers.js';

describe('github format', () => {
  it('writes a workflow command with position, end and the rule id as title', () => {
    expect(annotation(finding({ fix: { 'taskmanager.memory.process.size': '2g' } }), '/repo')).toBe(
      '::error file=conf/flink-conf.yaml,line=2,col=1,endLine=2,endColumn=32,title=demo-rule::"taskmanager.memory.process.size" (1g) is too small%0Afix: taskmanager.memory.process.size: 2g',
    );
  });

  it('maps severities to error, warning and notice', () => {
    const kinds = (['error', 'warning', 'info'] as Severity[]).map(
      (severity) => annotation(finding({ severity }), '/repo').split(' ')[0],
    );
    expect(kinds).toEqual(['::error', '::warning', '::notice']);
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('50% of\r\na: b, c')).toBe('50%25 of%0D%0Aa: b, c');
    expect(escapeProperty('dir,x/a:b%.yaml')).toBe('dir%2Cx/a%3Ab%25.yaml');
    const line = annotation(
      finding({ file: '/repo/we,ird:dir/f.yaml', message: 'bad 100%\nvalue' }),
      '/repo',
    );
    expect(line).toContain('file=we%2Cird%3Adir/f.yaml,');
    // A line break inside a message comes from the input (messages are one line): it is shown, not
    // obeyed.
    expect(line.endsWith('::bad 100%25\\nvalue')).toBe(true);
  });

  it('leaves out the file of standard input and the end column of a multi-line span', () => {
    const line = annotation(finding({ file: '<stdin>', endLine: 4, endColumn: 3 }), '/repo');
    expect(line.startsWith('::error line=2,col=1,endLine=4,title=demo-rule::')).toBe(true);
  });

  it('annotates at most 10 errors, 10 warnings and 9 notices, prints the rest as log lines, and ends with one notice', () => {
    const findings: Finding[] = [];
    const add = (severity: Severity, n: number) => {
      for (let i = 0; i < n; i++)
        findings.push(
          finding({ severity, line: findings.length + 1, message: `${severity} ${i}` }),
        );
    };
    add('error', 13);
    add('warning', 4);
    add('info', 11);
    add('warning', 8);
    const out = render('github', [{ file: 'conf/flink-conf.yaml', lines: [], findings }])
      .trimEnd()
      .split('\n');
    const count = (prefix: string) => out.filter((l) => l.startsWith(prefix)).length;
    expect(count('::error ')).toBe(10);
    expect(count('::warning ')).toBe(10);
    expect(count('::notice file=')).toBe(9);
    expect(out.filter((l) => !l.startsWith('::'))).toEqual([
      'conf/flink-conf.yaml:11:1: error: error 10 [demo-rule]',
      'conf/flink-conf.yaml:12:1: error: error 11 [demo-rule]',
      'conf/flink-conf.yaml:13:1: error: error 12 [demo-rule]',
      'conf/flink-conf.yaml:27:1: info: info 9 [demo-rule]',
      'conf/flink-conf.yaml:28:1: info: info 10 [demo-rule]',
      'conf/flink-conf.yaml:35:1: warning: warning 6 [demo-rule]',
      'conf/flink-conf.yaml:36:1: warning: warning 7 [demo-rule]',
    ]);
    const last = out[out.length - 1]!;
    expect(
      last.startsWith(
        '::notice title=flink-mem::7 more findings (3 errors, 2 warnings, 2 info) not annotated',
      ),
    ).toBe(true);
    expect(last).toContain('--format text');
    expect(out.filter((l) => l.startsWith('::notice title=flink-mem'))).toHaveLength(1);
  });

  it('adds no notice when everything fits', () => {
    const out = render('github', [
      { file: 'a.yaml', lines: [], findings: [finding({ file: 'a.yaml' })] },
    ]);
    expect(out.trimEnd().split('\n')).toHaveLength(1);
  });
});
