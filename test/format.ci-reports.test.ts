/**
 * The CI report formats, read back the way their consumers read them:
 * - GitLab Code Quality: the JSON shape GitLab documents (docs.gitlab.com/ci/testing/code_quality,
 *   "Code Quality report format": an array of issues with description, check_name, fingerprint,
 *   severity in info/minor/major/critical/blocker, location.path and location.lines.begin),
 *   checked with ajv;
 * - JUnit and checkstyle XML: well-formed under fast-xml-parser's validator, then parsed by it and
 *   checked element by element against the attributes Jenkins, GitLab and reviewdog read.
 */
import { Ajv } from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { FileReport } from '../src/cli/format/types.js';
import { cli } from './cli-harness.js';
import { finding, render } from './format.helpers.js';

const GITLAB_CODE_QUALITY = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      type: { const: 'issue' },
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      categories: { type: 'array', items: { type: 'string' } },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        properties: {
          path: { type: 'string', pattern: '^[^/]' },
          lines: {
            type: 'object',
            required: ['begin'],
            properties: {
              begin: { type: 'integer', minimum: 1 },
              end: { type: 'integer', minimum: 1 },
            },
          },
        },
      },
    },
  },
};

const reports: FileReport[] = [
  {
    file: 'conf/flink-conf.yaml',
    lines: [],
    findings: [
      finding({
        fix: { 'taskmanager.memory.network.max': '512m' },
        message: '"a" <1g> & "b"\u0001',
      }),
      finding({ ruleId: 'other-rule', severity: 'warning', line: 5, key: 'x' }),
    ],
  },
  { file: 'k8s/clean.yaml', lines: [], findings: [] },
  {
    file: '/repo/k8s/deploy.yaml',
    lines: [],
    findings: [finding({ file: '/repo/k8s/deploy.yaml', severity: 'info', line: 3, endLine: 6 })],
  },
];

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['testsuite', 'testcase', 'file', 'error'].includes(name),
});

describe('gitlab format', () => {
  const issues = JSON.parse(render('gitlab', reports, { cwd: '/repo' })) as {
    check_name: string;
    severity: string;
    fingerprint: string;
    location: { path: string; lines: { begin: number; end?: number } };
  }[];

  it('matches the documented Code Quality shape', () => {
    const validate = new Ajv({ allErrors: true }).compile(GITLAB_CODE_QUALITY);
    expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
    expect(validate([{ ...issues[0], severity: 'error' }])).toBe(false);
  });

  it('maps severities, paths and lines, with unique fingerprints that ignore line moves', () => {
    expect(
      issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines]),
    ).toEqual([
      ['demo-rule', 'major', 'conf/flink-conf.yaml', { begin: 2 }],
      ['other-rule', 'minor', 'conf/flink-conf.yaml', { begin: 5 }],
      ['demo-rule', 'info', 'k8s/deploy.yaml', { begin: 3, end: 6 }],
    ]);
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(3);
    const moved = reports.map((r) => ({
      ...r,
      findings: r.findings.map((f) => ({ ...f, line: f.line + 3 })),
    }));
    const again = JSON.parse(render('gitlab', moved, { cwd: '/repo' })) as {
      fingerprint: string;
    }[];
    expect(again.map((i) => i.fingerprint)).toEqual(issues.map((i) => i.fingerprint));
  });

  it('is an empty array for clean files', () => {
    expect(render('gitlab', [{ file: 'a.yaml', lines: [], findings: [] }])).toBe('[]\n');
  });
});

describe('junit format', () => {
  const text = render('junit', reports, { cwd: '/repo' });

  it('is well-formed XML with one suite per file and one failing case per finding', () => {
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = xml.parse(text) as {
      testsuites: {
        testsuite: {
          name: string;
          tests: string;
          failures: string;
          testcase: {
            name: string;
            failure?: { type: string; message: string; '#text': string };
          }[];
        }[];
      };
    };
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s) => [s.name, s.tests, s.failures])).toEqual([
      ['conf/flink-conf.yaml', '2', '2'],
      ['k8s/clean.yaml', '1', '0'],
      ['/repo/k8s/deploy.yaml', '1', '1'],
    ]);
    expect(suites[1]!.testcase[0]!.failure).toBeUndefined();
    const failure = suites[0]!.testcase[0]!.failure!;
    expect(failure.type).toBe('error');
    expect(failure.message).toBe(
      '&quot;a&quot; &lt;1g&gt; &amp; &quot;b&quot;\ufffd'
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    );
    expect(failure['#text']).toContain('fix: taskmanager.memory.network.max: 512m');
    expect(suites[0]!.testcase[1]!.name).toBe('other-rule at line 5, column 1');
  });

  it('has a root element even with no files', () => {
    const empty = render('junit', []);
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(empty).toContain('<testsuites name="flink-mem">');
  });
});

describe('checkstyle format', () => {
  const text = render('checkstyle', reports, { cwd: '/repo' });

  it('is well-formed checkstyle XML with an error element per finding', () => {
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = xml.parse(text) as {
      checkstyle: {
        version: string;
        file: {
          name: string;
          error?: {
            line: string;
            column: string;
            severity: string;
            message: string;
            source: string;
          }[];
        }[];
      };
    };
    expect(doc.checkstyle.version).toBe('4.3');
    expect(
      doc.checkstyle.file.map((f) => [
        f.name,
        (f.error ?? []).map((e) => [e.line, e.column, e.severity, e.source]),
      ]),
    ).toEqual([
      [
        'conf/flink-conf.yaml',
        [
          ['2', '1', 'error', 'flink-mem.demo-rule'],
          ['5', '1', 'warning', 'flink-mem.other-rule'],
        ],
      ],
      ['k8s/clean.yaml', []],
      ['/repo/k8s/deploy.yaml', [['3', '1', 'info', 'flink-mem.demo-rule']]],
    ]);
    expect(doc.checkstyle.file[0]!.error![0]!.message).toContain(
      '(fix: taskmanager.memory.network.max: 512m)',
    );
  });
});

describe('lint on GitHub Actions and from standard input', () => {
  const conf = 'taskmanager.memory.network.min: 512m\ntaskmanager.memory.network.max: 256m\n';

  it('writes annotations by default when GITHUB_ACTIONS is true, text otherwise, and --format wins', async () => {
    const onActions = await cli(['lint', '-', '--stdin-filename', 'conf/flink-conf.yaml'], {
      stdin: conf,
      env: { GITHUB_ACTIONS: 'true' },
    });
    expect(onActions.stdout).toMatch(
      /^::error file=conf\/flink-conf.yaml,line=1,col=1,endLine=1,endColumn=31,title=range-min-above-max::/m,
    );
    const plain = await cli(['lint', '-'], { stdin: conf });
    expect(plain.stdout).toContain('<stdin>:1:1: error:');
    const asked = await cli(['lint', '-', '--format', 'text'], {
      stdin: conf,
      env: { GITHUB_ACTIONS: 'true' },
    });
    expect(asked.stdout).not.toContain('::error');
  });

  it('names standard input by --stdin-filename and rejects an empty one', async () => {
    const named = await cli(
      ['lint', '-', '--stdin-filename', 'conf/flink-conf.yaml', '--format', 'checkstyle'],
      { stdin: conf },
    );
    expect(named.stdout).toContain('<file name="conf/flink-conf.yaml">');
    const empty = await cli(['lint', '-', '--stdin-filename', ' '], { stdin: conf });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe(
      'flink-mem: error: --stdin-filename is empty; give the path standard input stands for\n',
    );
  });
});
