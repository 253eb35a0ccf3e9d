/**
 * The SARIF output is checked against a hand-written subset of the SARIF 2.1.0 JSON schema
 * (the objects and properties flink-mem emits, with the spec's required fields, enums, minimums
 * and closed property lists), so no schema is downloaded at test time.
 */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import { sarifLog } from '../src/cli/format/sarif.js';
import { ruleDocsUrl } from '../src/engine/types.js';
import { RULES, demoRule, finding, otherRule, render } from './format.helpers.js';

const text = { type: 'object', required: ['text'], additionalProperties: false, properties: { text: { type: 'string' }, markdown: { type: 'string' } } };
const closed = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', additionalProperties: false, required, properties });
const positive = { type: 'integer', minimum: 1 };
const level = { enum: ['none', 'note', 'warning', 'error'] };

const SARIF_SUBSET = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  definitions: {
    reportingDescriptor: closed(
      {
        id: { type: 'string' },
        name: { type: 'string' },
        shortDescription: text,
        fullDescription: text,
        help: text,
        helpUri: { type: 'string', format: 'uri' },
        defaultConfiguration: closed({ enabled: { type: 'boolean' }, level, rank: { type: 'number' } }),
        properties: { type: 'object', properties: { tags: { type: 'array', items: { type: 'string' }, uniqueItems: true } } },
      },
      ['id'],
    ),
    result: closed(
      {
        ruleId: { type: 'string' },
        ruleIndex: { type: 'integer', minimum: -1 },
        level,
        message: closed({ text: { type: 'string' }, markdown: { type: 'string' }, id: { type: 'string' } }, ['text']),
        locations: {
          type: 'array',
          items: closed({
            physicalLocation: closed(
              {
                artifactLocation: closed({ uri: { type: 'string', format: 'uri-reference' }, uriBaseId: { type: 'string' }, index: { type: 'integer' } }, ['uri']),
                region: closed({ startLine: positive, startColumn: positive, endLine: positive, endColumn: positive }, ['startLine']),
              },
              ['artifactLocation'],
            ),
          }),
        },
        properties: { type: 'object' },
      },
      ['message'],
    ),
  },
  ...closed(
    {
      $schema: { type: 'string', format: 'uri' },
      version: { enum: ['2.1.0'] },
      runs: {
        type: 'array',
        minItems: 1,
        items: closed(
          {
            tool: closed(
              {
                driver: closed(
                  {
                    name: { type: 'string' },
                    version: { type: 'string' },
                    semanticVersion: { type: 'string' },
                    informationUri: { type: 'string', format: 'uri' },
                    rules: { type: 'array', uniqueItems: true, items: { $ref: '#/definitions/reportingDescriptor' } },
                  },
                  ['name'],
                ),
              },
              ['driver'],
            ),
            columnKind: { enum: ['utf16CodeUnits', 'unicodeCodePoints'] },
            results: { type: 'array', items: { $ref: '#/definitions/result' } },
          },
          ['tool'],
        ),
      },
    },
    ['version', 'runs'],
  ),
};

function validator() {
  const ajv = new Ajv({ allErrors: true });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'https://example.invalid/') && !/[\s\\]/.test(s));
  return ajv.compile(SARIF_SUBSET);
}

describe('sarif format', () => {
  const reports = [
    { file: 'conf/flink-conf.yaml', lines: [], findings: [finding({ fix: { 'taskmanager.memory.flink.size': null } }), finding({ ruleId: 'other-rule', severity: 'warning', line: 5, endLine: undefined, endColumn: undefined })] },
    { file: '/repo/k8s/my deployment.yaml', lines: [], findings: [finding({ file: '/repo/k8s/my deployment.yaml', severity: 'info', line: 3, endLine: 5, endColumn: 2 })] },
  ];
  const log = JSON.parse(render('sarif', reports, { cwd: '/repo' })) as Log;

  it('is valid against the SARIF 2.1.0 subset schema', () => {
    const validate = validator();
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('rejects what SARIF forbids (the schema check can fail)', () => {
    const validate = validator();
    const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: { locations: { physicalLocation: { region: Record<string, number> } }[] }[] }[] };
    broken.runs[0]!.results[0]!.locations[0]!.physicalLocation.region['startColumn'] = 0;
    expect(validate(broken)).toBe(false);
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
  });

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
    expect(locations.map((l) => l.artifactLocation!.uri)).toEqual(['conf/flink-conf.yaml', 'conf/flink-conf.yaml', 'k8s/my%20deployment.yaml']);
    expect(locations[0]!.region).toEqual({ startLine: 2, startColumn: 1, endLine: 2, endColumn: 32 });
    expect(locations[1]!.region).toEqual({ startLine: 5, startColumn: 1 });
    expect(locations[2]!.region).toEqual({ startLine: 3, startColumn: 1, endLine: 5, endColumn: 2 });
    expect(results[0]!.message.text).toContain('Fix: remove taskmanager.memory.flink.size');
    expect(results[0]!.properties).toEqual({ key: 'taskmanager.memory.process.size', fix: { 'taskmanager.memory.flink.size': null } });
  });

  it('writes, result by result, exactly the document it describes (with and without results)', () => {
    const all = reports.flatMap((r) => r.findings);
    expect(render('sarif', reports, { cwd: '/repo' })).toBe(`${JSON.stringify(sarifLog(RULES.values(), all, '/repo'), null, 2)}\n`);
    const clean = [{ file: 'a.yaml', lines: [], findings: [] }];
    expect(render('sarif', clean, { cwd: '/repo' })).toBe(`${JSON.stringify(sarifLog(RULES.values(), [], '/repo'), null, 2)}\n`);
  });

  it('leaves out the rule index of a rule it does not know', () => {
    const one = sarifLog([demoRule], [finding({ ruleId: 'not-registered' })], '/repo');
    expect(one.runs[0]!.results![0]!.ruleIndex).toBeUndefined();
  });
});
