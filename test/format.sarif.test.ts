/**
 * The SARIF output is checked against the SARIF 2.1.0 JSON schema that ships with Microsoft's SARIF
 * Multitool (installed by .ci/run, see test/sarif-multitool.ts; the schema checks are skipped,
 * saying
 * so, where it is not installed), with ajv; the Multitool itself validates a log the CLI wrote,
 * with
 * its GitHub rules, in test/integrations.sarif-multitool.test.ts.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import { FINGERPRINT_KEY, ruleName, sarifLog, SRCROOT } from '../src/cli/format/sarif.js';
import { ruleDocsUrl } from '../src/engine/types.js';
import { RULES, demoRule, finding, otherRule, render } from './format.helpers.js';
import { NO_MULTITOOL, SARIF_SCHEMA } from './sarif-multitool.js';

let compiled: ReturnType<Ajv2020['compile']> | undefined;
function sarifValidator() {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(SARIF_SCHEMA!, 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat(
    'uri-reference',
    (s: string) => URL.canParse(s, 'https://example.invalid/') && !/[\s\\]/.test(s),
  );
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return (compiled = ajv.compile(schema));
}

describe('sarif format', () => {
  const reports = [
    {
      file: 'conf/flink-conf.yaml',
      lines: [],
      findings: [
        finding({ fix: { 'taskmanager.memory.flink.size': null } }),
        finding({
          ruleId: 'other-rule',
          severity: 'warning',
          line: 5,
          endLine: undefined,
          endColumn: undefined,
        }),
      ],
    },
    {
      file: '/repo/k8s/my deployment.yaml',
      lines: [],
      findings: [
        finding({
          file: '/repo/k8s/my deployment.yaml',
          severity: 'info',
          line: 3,
          endLine: 5,
          endColumn: 2,
        }),
      ],
    },
  ];
  const log = JSON.parse(render('sarif', reports, { cwd: '/repo' })) as Log;

  /**
   * The schema checks, which need the Multitool's copy of the schema; named with what is missing
   * when skipped.
   */
  const withSchema = (name: string) => (SARIF_SCHEMA ? name : `${name} (${NO_MULTITOOL})`);

  it.skipIf(!SARIF_SCHEMA)(withSchema('is valid against the SARIF 2.1.0 schema'), () => {
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it.skipIf(!SARIF_SCHEMA)(
    withSchema('rejects what SARIF forbids (the schema check can fail)'),
    () => {
      const validate = sarifValidator();
      const broken = JSON.parse(JSON.stringify(log)) as {
        runs: {
          results: { locations: { physicalLocation: { region: Record<string, number> } }[] }[];
        }[];
      };
      broken.runs[0]!.results[0]!.locations[0]!.physicalLocation.region['startColumn'] = 0;
      expect(validate(broken)).toBe(false);
      expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    },
  );

  it('describes every rule with its metadata and docs link', () => {
    const driver = log.runs[0]!.tool.driver;
    expect(driver.name).toBe('flink-mem');
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(driver.rules!.map((r) => r.id)).toEqual([demoRule.id, otherRule.id]);
    const rule = driver.rules![0]!;
    expect(rule.shortDescription!.text).toBe(demoRule.description);
    expect(rule.fullDescription!.text).toBe(demoRule.rationale);
    expect(rule.help!.text).toContain(demoRule.remediation);
    expect(rule.help!.markdown).toContain(demoRule.remediation);
    expect(rule.helpUri).toBe(ruleDocsUrl('demo-rule'));
    expect(driver.rules!.map((r) => r.defaultConfiguration!.level)).toEqual(['error', 'warning']);
  });

  it('points each result at its rule, file and region with relative forward-slash URIs', () => {
    const run = log.runs[0]!;
    const results = run.results!;
    for (const r of results) expect(run.tool.driver.rules![r.ruleIndex!]!.id).toBe(r.ruleId);
    expect(results.map((r) => r.level)).toEqual(['error', 'warning', 'note']);
    const locations = results.map((r) => r.locations![0]!.physicalLocation!);
    expect(locations.map((l) => l.artifactLocation!.uri)).toEqual([
      'conf/flink-conf.yaml',
      'conf/flink-conf.yaml',
      'k8s/my%20deployment.yaml',
    ]);
    expect(locations[0]!.region).toEqual({
      startLine: 2,
      startColumn: 1,
      endLine: 2,
      endColumn: 32,
    });
    expect(locations[1]!.region).toEqual({ startLine: 5, startColumn: 1 });
    expect(locations[2]!.region).toEqual({
      startLine: 3,
      startColumn: 1,
      endLine: 5,
      endColumn: 2,
    });
    expect(results[0]!.message.text).toContain('Fix: remove taskmanager.memory.flink.size');
    expect(results[0]!.properties).toEqual({
      key: 'taskmanager.memory.process.size',
      fix: { 'taskmanager.memory.flink.size': null },
    });
  });

  it('writes, result by result, exactly the document it describes (with and without results)', () => {
    expect(render('sarif', reports, { cwd: '/repo' })).toBe(
      `${JSON.stringify(sarifLog(RULES.values(), reports, '/repo'), null, 2)}\n`,
    );
    const clean = [{ file: 'a.yaml', lines: [], findings: [] }];
    expect(render('sarif', clean, { cwd: '/repo' })).toBe(
      `${JSON.stringify(sarifLog(RULES.values(), [], '/repo'), null, 2)}\n`,
    );
    const failures = ['"missing.yaml" does not exist'];
    expect(render('sarif', reports, { cwd: '/repo', failures })).toBe(
      `${JSON.stringify(sarifLog(RULES.values(), reports, '/repo', failures), null, 2)}\n`,
    );
  });

  it('leaves out the rule index of a rule it does not know', () => {
    const one = sarifLog(
      [demoRule],
      [{ file: 'conf/flink-conf.yaml', findings: [finding({ ruleId: 'not-registered' })] }],
      '/repo',
    );
    expect(one.runs[0]!.results![0]!.ruleIndex).toBeUndefined();
  });

  it('names each rule readably and resolves paths against %SRCROOT%, the working directory', () => {
    const run = log.runs[0]!;
    expect(run.tool.driver.rules!.map((r) => r.name)).toEqual(['DemoRule', 'OtherRule']);
    expect(ruleName('network-min-above-max')).toBe('NetworkMinAboveMax');
    expect(run.originalUriBaseIds).toEqual({ [SRCROOT]: { uri: 'file:///repo/' } });
    for (const r of run.results!)
      expect(r.locations![0]!.physicalLocation!.artifactLocation!.uriBaseId).toBe(SRCROOT);
    const outside = JSON.parse(
      render(
        'sarif',
        [
          {
            file: '/elsewhere/flink-conf.yaml',
            lines: [],
            findings: [finding({ file: '/elsewhere/flink-conf.yaml' })],
          },
        ],
        { cwd: '/repo' },
      ),
    ) as Log;
    const location =
      outside.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!;
    expect(location).toEqual({ uri: 'file:///elsewhere/flink-conf.yaml' });
  });

  it('gives the same fingerprint after lines move and different ones to different findings', () => {
    const before = JSON.parse(render('sarif', reports, { cwd: '/repo' })) as Log;
    const moved = reports.map((r) => ({
      ...r,
      findings: r.findings.map((f) => ({
        ...f,
        line: f.line + 7,
        ...(f.endLine ? { endLine: f.endLine + 7 } : {}),
      })),
    }));
    const after = JSON.parse(render('sarif', moved, { cwd: '/repo' })) as Log;
    const prints = (l: Log) =>
      l.runs[0]!.results!.map((r) => r.partialFingerprints![FINGERPRINT_KEY]);
    expect(prints(after)).toEqual(prints(before));
    expect(new Set(prints(before)).size).toBe(3);
    expect(prints(before)[0]).toMatch(/^[0-9a-f]{64}$/);
    // Two findings alike in everything but position stay apart.
    const twice = JSON.parse(
      render('sarif', [
        {
          file: 'a.yaml',
          lines: [],
          findings: [finding({ file: 'a.yaml' }), finding({ file: 'a.yaml', line: 9 })],
        },
      ]),
    ) as Log;
    expect(new Set(prints(twice)).size).toBe(2);
  });

  it('lists suppressed findings as suppressed results with their reason', () => {
    const suppressed = [{ ...finding({ line: 4 }), justification: 'sized by the platform team' }];
    const withSuppressed = JSON.parse(
      render('sarif', [{ file: 'conf/flink-conf.yaml', lines: [], findings: [], suppressed }], {
        cwd: '/repo',
      }),
    ) as Log;
    expect(withSuppressed.runs[0]!.results![0]!.suppressions).toEqual([
      { kind: 'inSource', status: 'accepted', justification: 'sized by the platform team' },
    ]);
  });

  it('says in the invocation whether every input could be linted', () => {
    expect(log.runs[0]!.invocations).toEqual([{ executionSuccessful: true }]);
    const failed = JSON.parse(
      render('sarif', reports, { cwd: '/repo', failures: ['"gone.yaml" does not exist'] }),
    ) as Log;
    expect(failed.runs[0]!.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          { level: 'error', message: { text: '"gone.yaml" does not exist' } },
        ],
      },
    ]);
  });

  it.skipIf(!SARIF_SCHEMA)(
    withSchema(
      'is valid against the schema with suppressed findings and with an input that could not be linted',
    ),
    () => {
      const suppressed = [{ ...finding({ line: 4 }), justification: 'sized by the platform team' }];
      const withSuppressed = JSON.parse(
        render('sarif', [{ file: 'conf/flink-conf.yaml', lines: [], findings: [], suppressed }], {
          cwd: '/repo',
        }),
      ) as Log;
      const failed = JSON.parse(
        render('sarif', reports, { cwd: '/repo', failures: ['"gone.yaml" does not exist'] }),
      ) as Log;
      const validate = sarifValidator();
      expect(validate(withSuppressed), JSON.stringify(validate.errors)).toBe(true);
      expect(validate(failed), JSON.stringify(validate.errors)).toBe(true);
    },
  );
});
