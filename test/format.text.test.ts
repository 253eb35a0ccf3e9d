import { describe, expect, it } from 'vitest';
import { excerpt, summaryLine } from '../src/cli/format/text.js';
import { finding, render } from './format.helpers.js';

const LINES = [
  '# TaskManager',
  'taskmanager.memory.process.size: 1g',
  'taskmanager.memory.flink.size: 2g',
];

describe('text format', () => {
  it('prints the headline, the source line with a marker under the span, and the concrete fix', () => {
    const out = render('text', [
      {
        file: 'conf/flink-conf.yaml',
        lines: LINES,
        findings: [finding({ fix: { 'taskmanager.memory.process.size': '2g' } })],
      },
    ]);
    expect(out).toBe(
      [
        'conf/flink-conf.yaml:2:1: error: "taskmanager.memory.process.size" (1g) is too small [demo-rule]',
        '  |',
        '2 | taskmanager.memory.process.size: 1g',
        '  | ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
        '  fix: taskmanager.memory.process.size: 2g',
        '',
        '1 error in 1 file',
        '',
      ].join('\n'),
    );
  });

  it('shows a removal as "remove key", and several changes one per line', () => {
    const out = render('text', [
      {
        file: 'a.yaml',
        lines: LINES,
        findings: [
          finding({
            file: 'a.yaml',
            fix: { 'taskmanager.memory.flink.size': null, 'taskmanager.memory.process.size': '3g' },
          }),
        ],
      },
    ]);
    expect(out).toContain(
      '  fix: remove taskmanager.memory.flink.size\n  fix: taskmanager.memory.process.size: 3g\n',
    );
  });

  it("falls back to the rule's remediation when there is no concrete fix", () => {
    const out = render('text', [
      {
        file: 'a.yaml',
        lines: LINES,
        findings: [finding({ file: 'a.yaml', ruleId: 'other-rule', severity: 'warning' })],
      },
    ]);
    expect(out).toContain('a.yaml:2:1: warning: ');
    expect(out).toContain('  fix: Remove the option.\n');
    expect(out).toMatch(/1 warning in 1 file\n$/);
  });

  it('puts the caret under the right character when the line has tabs', () => {
    const out = render('text', [
      {
        file: 'a.conf',
        lines: ['\tkey:\t1g'],
        findings: [finding({ file: 'a.conf', line: 1, column: 7, endLine: 1, endColumn: 9 })],
      },
    ]);
    const [, , source, marker] = out.split('\n');
    expect(source).toBe('1 |     key:    1g');
    expect(marker).toBe(`  | ${' '.repeat(12)}^~`);
    expect(source!.indexOf('1g')).toBe(marker!.indexOf('^'));
  });

  it('cuts long lines around the column and keeps the caret under the reported character', () => {
    const line = `${'x'.repeat(200)}: ${'v'.repeat(150)}TARGET${'w'.repeat(300)}`;
    const column = line.indexOf('TARGET') + 1;
    const ex = excerpt(line, column, column + 6);
    expect(ex.text.length).toBeLessThanOrEqual(101);
    expect(ex.text.startsWith('…')).toBe(true);
    expect(ex.text.endsWith('…')).toBe(true);
    expect(ex.text.slice(ex.caret, ex.caret + ex.width)).toBe('TARGET');
  });

  it('keeps the marker inside a cut line when the span runs past the cut', () => {
    const line = 'k'.repeat(400);
    const ex = excerpt(line, 10, 390);
    expect(ex.caret + ex.width).toBeLessThanOrEqual(ex.text.length);
    expect(ex.text.slice(0, 1)).toBe('k');
  });

  it('prints no excerpt for a blank source line or a line outside the file', () => {
    const out = render('text', [
      {
        file: 'a.yaml',
        lines: [''],
        findings: [
          finding({ file: 'a.yaml', line: 1, column: 1, endColumn: 1 }),
          finding({ file: 'a.yaml', line: 9 }),
        ],
      },
    ]);
    expect(out).not.toContain(' | ');
  });

  it('prints no excerpt for a finding about the whole document (an empty span at 1:1)', () => {
    const whole = finding({
      file: 'a.yaml',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      key: undefined,
    });
    const out = render('text', [
      {
        file: 'a.yaml',
        lines: ['# comment', 'a: 1'],
        findings: [
          whole,
          finding({ file: 'a.yaml', line: 1, column: 1, endLine: 1, endColumn: 10 }),
        ],
      },
    ]);
    expect(out.split('\n').filter((l) => l === '1 | # comment')).toHaveLength(1);
  });

  it('colours only when asked to', () => {
    const report = [{ file: 'a.yaml', lines: LINES, findings: [finding({ file: 'a.yaml' })] }];
    expect(render('text', report, { color: false })).not.toMatch(/\x1b\[/);
    expect(render('text', report, { color: true })).toMatch(/\x1b\[31m/);
  });

  it('summarises counts with singular and plural forms, or says nothing was found', () => {
    expect(summaryLine({ files: 3, error: 0, warning: 0, info: 0 })).toBe(
      'no problems found in 3 files',
    );
    expect(summaryLine({ files: 1, error: 2, warning: 1, info: 0 })).toBe(
      '2 errors, 1 warning in 1 file',
    );
    expect(summaryLine({ files: 2, error: 0, warning: 0, info: 4 })).toBe('4 info in 2 files');
    expect(render('text', [{ file: 'a.yaml', lines: LINES, findings: [] }])).toBe(
      'no problems found in 1 file\n',
    );
  });
});
