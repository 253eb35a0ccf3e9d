/**
 * File-level rules: config-syntax, legacy-syntax (with its fixes) and unused-suppression.
 */
import { describe, expect, it } from 'vitest';
import { loadText } from '../src/config/index.js';
import type { ConfigDocument, InputFormat } from '../src/config/types.js';
import { lintDocument, lintLoadedFile } from '../src/engine/runner.js';
import { parseVersionOrThrow } from '../src/engine/settings.js';
import { readSuppressions } from '../src/engine/suppressions.js';
import type { Report, RuleContext, RuleDefinition } from '../src/engine/types.js';
import configFileNotRead from '../rules/config-file-not-read.js';
import configSyntax from '../rules/config-syntax.js';
import legacySyntax from '../rules/legacy-syntax.js';
import processAndFlinkSizeBothSet from '../rules/process-and-flink-size-both-set.js';
import unusedSuppression from '../rules/unused-suppression.js';

const SETTINGS_118 = {
  rules: {},
  target: 'standalone' as const,
  flinkVersion: parseVersionOrThrow('1.18', 'version'),
};
const SETTINGS_120 = {
  rules: {},
  target: 'standalone' as const,
  flinkVersion: parseVersionOrThrow('1.20', 'version'),
};

function lint(rules: RuleDefinition[], text: string, format: InputFormat) {
  // Flink reads config.yaml from 1.19 on.
  const settings = format === 'config-yaml' ? SETTINGS_120 : SETTINGS_118;
  return lintLoadedFile(
    loadText(text, format === 'flink-conf' ? 'flink-conf.yaml' : 'config.yaml', { format }),
    rules,
    settings,
  );
}

describe('config-syntax', () => {
  it("reports document problems at their spans, in the loader's words", () => {
    const found = lint(
      [configSyntax],
      'taskmanager.memory.process.size: 1728m\ntaskmanager.memory.jvm-metaspace.size: ~\n',
      'config-yaml',
    );
    expect(found.map((f) => [f.line, f.key])).toEqual([
      [2, 'taskmanager.memory.jvm-metaspace.size'],
    ]);
    expect(found[0]?.message).toMatch(/null/);
  });

  it('leaves legacy problems to legacy-syntax', () => {
    expect(lint([configSyntax], 'taskmanager.numberOfTaskSlots:4\n', 'flink-conf')).toEqual([]);
  });

  it('does not repeat a problem of the whole file, which the runner reports under its id', () => {
    const file = loadText('apiVersion: v1\nkind: Service\n', 'svc.yaml', { format: 'k8s' });
    expect(file.documents).toEqual([]);
    const found = lintLoadedFile(file, [configSyntax], SETTINGS_118);
    expect(found.map((f) => f.ruleId)).toEqual(['config-syntax']);
  });
});

describe('config-file-not-read', () => {
  it('reports a flink-conf.yaml used with Flink 2, which reads only config.yaml, once at the top of the file', () => {
    const text = 'jobmanager.memory.process.size: 1600m\ntaskmanager.memory.process.size: 4g\n';
    const settings = (v: string) => ({
      rules: {},
      target: 'standalone' as const,
      flinkVersion: parseVersionOrThrow(v, 'version'),
    });
    const named = lintLoadedFile(
      loadText(text, 'conf/flink-conf.yaml', { format: 'flink-conf' }),
      [configFileNotRead],
      settings('2.1'),
    );
    expect(named.map((f) => [f.line, f.column, f.severity])).toEqual([[1, 1, 'error']]);
    expect(named[0]?.message).toMatch(
      /^"flink-conf\.yaml" is not read by Flink 2\.1, which reads only conf\/config\.yaml.*bin\/migrate-config-file\.sh/,
    );
    const detected = lintLoadedFile(
      loadText(text, 'prod.conf', { format: 'flink-conf' }),
      [configFileNotRead],
      settings('2.0'),
    );
    expect(detected[0]?.message).toContain('--input-format config-yaml');
    expect(
      lintLoadedFile(
        loadText(text, 'conf/flink-conf.yaml', { format: 'flink-conf' }),
        [configFileNotRead],
        settings('1.20'),
      ),
    ).toEqual([]);
    expect(
      lintLoadedFile(
        loadText(text, 'conf/config.yaml', { format: 'config-yaml' }),
        [configFileNotRead],
        settings('2.0'),
      ),
    ).toEqual([]);
  });

  it('reports a config.yaml next to a flink-conf.yaml for Flink 1.19 and 1.20, which read the flink-conf.yaml', () => {
    const text = 'taskmanager:\n  memory:\n    process.size: 4g\n';
    const settings = (v: string) => ({
      rules: {},
      target: 'standalone' as const,
      flinkVersion: parseVersionOrThrow(v, 'version'),
    });
    const beside = loadText(text, 'conf/config.yaml', {
      format: 'config-yaml',
      besideFlinkConf: 'conf/flink-conf.yaml',
    });
    for (const v of ['1.19', '1.20']) {
      const found = lintLoadedFile(beside, [configFileNotRead], settings(v));
      expect(found.map((f) => [f.line, f.column, f.severity])).toEqual([[1, 1, 'error']]);
      expect(found[0]?.message).toBe(
        `"config.yaml" is not read by Flink ${v} while "conf/flink-conf.yaml" exists in the same folder (Flink 1.19 and 1.20 read flink-conf.yaml first), so none of the settings in this file take effect: remove or rename conf/flink-conf.yaml once its settings are in this file`,
      );
    }
    // Flink 2 reads only config.yaml; before 1.19 the older message says why the file is not read.
    expect(lintLoadedFile(beside, [configFileNotRead], settings('2.0'))).toEqual([]);
    expect(lintLoadedFile(beside, [configFileNotRead], settings('1.18'))[0]?.message).toMatch(
      /which reads only conf\/flink-conf\.yaml/,
    );
    expect(
      lintLoadedFile(
        loadText(text, 'conf/config.yaml', { format: 'config-yaml' }),
        [configFileNotRead],
        settings('1.20'),
      ),
    ).toEqual([]);
  });

  it('reports a config.yaml linted for Flink before 1.19, which reads only flink-conf.yaml, once at the top of the file', () => {
    const text = 'taskmanager:\n  memory:\n    process.size: 4g\n';
    const settings = (v: string) => ({
      rules: {},
      target: 'standalone' as const,
      flinkVersion: parseVersionOrThrow(v, 'version'),
    });
    const named = lintLoadedFile(
      loadText(text, 'conf/config.yaml', { format: 'config-yaml' }),
      [configFileNotRead],
      settings('1.18'),
    );
    expect(named.map((f) => [f.line, f.column, f.severity])).toEqual([[1, 1, 'error']]);
    expect(named[0]?.message).toMatch(
      /^"config\.yaml" is not read by Flink 1\.18, which reads only conf\/flink-conf\.yaml/,
    );
    const other = lintLoadedFile(
      loadText(text, 'prod.yaml', { format: 'config-yaml' }),
      [configFileNotRead],
      settings('1.17'),
    );
    expect(other[0]?.message).toMatch(
      /^this file is in the standard YAML format of config\.yaml, which Flink 1\.17 does not read/,
    );
    expect(
      lintLoadedFile(
        loadText(text, 'conf/config.yaml', { format: 'config-yaml' }),
        [configFileNotRead],
        settings('1.19'),
      ),
    ).toEqual([]);
  });

  it('leaves syntax problems to config-syntax and legacy-syntax', () => {
    expect(lint([configFileNotRead], 'taskmanager.numberOfTaskSlots:4\n', 'flink-conf')).toEqual(
      [],
    );
    expect(lint([configFileNotRead], 'a: 1\na: 2\n', 'config-yaml')).toEqual([]);
  });
});

describe('legacy-syntax', () => {
  const legacy = (text: string) => lint([legacySyntax], text, 'flink-conf');

  it('adds the missing space after the colon', () => {
    const [f] = legacy('taskmanager.memory.process.size:1728m   # shipped default\n');
    expect(f?.fix).toEqual({ 'taskmanager.memory.process.size': '1728m' });
    expect(f?.message).toMatch(/skipped/);
  });

  it('drops the quotes of a quoted value, and of a quoted key', () => {
    expect(legacy('taskmanager.memory.process.size: "1728m"\n')[0]?.fix).toEqual({
      'taskmanager.memory.process.size': '1728m',
    });
    expect(legacy("'taskmanager.numberOfTaskSlots': 4\n")[0]?.fix).toEqual({
      "'taskmanager.numberOfTaskSlots'": null,
      'taskmanager.numberOfTaskSlots': '4',
    });
  });

  it.each([
    ['taskmanager.memory.process.size:\n', /skips the line/],
    ['taskmanager.memory.process.size: 1728m#comment\n', /cut at '#'/],
    ['a: 1\na: 2\n', /keeps the later value/],
    ['taskmanager:\n  numberOfTaskSlots: 4\n', /ignores indentation/],
    ['- taskmanager.numberOfTaskSlots: 4\n', /does not support/],
  ])('says what Flink does with %j, without guessing a fix', (text, message) => {
    const [f, ...rest] = legacy(text);
    expect(rest).toEqual([]);
    expect(f?.message).toMatch(message);
    expect(f?.fix).toBeUndefined();
  });

  it('is silent for config.yaml', () => {
    expect(lint([legacySyntax], 'taskmanager.numberOfTaskSlots: "4"\n', 'config-yaml')).toEqual([]);
  });
});

describe('unused-suppression', () => {
  const doc = (text: string): ConfigDocument =>
    loadText(text, 'config.yaml', { format: 'config-yaml' }).documents[0]!;
  const BOTH =
    'taskmanager.memory.process.size: 2g\ntaskmanager.memory.flink.size: 1536m\njobmanager.memory.process.size: 1600m\n';

  it('is quiet when a suppression with a reason suppresses a finding', () => {
    const text = BOTH.replace(
      'taskmanager.memory.flink',
      '# flink-mem-disable-next-line process-and-flink-size-both-set -- pinned overhead\ntaskmanager.memory.flink',
    );
    expect(
      lintDocument(doc(text), [processAndFlinkSizeBothSet, unusedSuppression], SETTINGS_118),
    ).toEqual([]);
  });

  it('reports a used suppression without a reason, at its comment', () => {
    const text = BOTH.replace(
      'taskmanager.memory.flink',
      '  # flink-mem-disable-next-line process-and-flink-size-both-set\ntaskmanager.memory.flink',
    );
    const found = lintDocument(
      doc(text),
      [processAndFlinkSizeBothSet, unusedSuppression],
      SETTINGS_118,
    );
    expect(found.map((f) => [f.ruleId, f.line, f.column])).toEqual([['unused-suppression', 2, 3]]);
    expect(found[0]?.message).toMatch(/gives no reason/);
  });

  it('reports an unused suppression, for the next line and for the file', () => {
    const text =
      '# flink-mem-disable memory-derivation-fails -- was too small once\n# flink-mem-disable-next-line process-and-flink-size-both-set -- old\n' +
      BOTH.replace('taskmanager.memory.flink.size: 1536m\n', '');
    const found = lintDocument(
      doc(text),
      [processAndFlinkSizeBothSet, unusedSuppression],
      SETTINGS_118,
    );
    expect(found.map((f) => [f.line, f.message])).toEqual([
      [
        1,
        'the suppression of "memory-derivation-fails" for this file suppresses nothing: no such finding is reported in it',
      ],
      [
        2,
        'the suppression of "process-and-flink-size-both-set" for the next line suppresses nothing: no such finding is reported there',
      ],
    ]);
  });

  it('is switched off for the whole file by a file-wide suppression of itself', () => {
    const text =
      '# flink-mem-disable unused-suppression -- generated file\n# flink-mem-disable-next-line process-and-flink-size-both-set\n' +
      BOTH;
    expect(lintDocument(doc(text), [unusedSuppression], SETTINGS_118)).toEqual([]);
  });

  /** The rule against a hand-made context, as the runner would call it with the registry's ids. */
  function check(text: string, knownRuleIds: string[]) {
    const d = doc(text);
    const reports: Report[] = [];
    const ctx = {
      doc: d,
      suppressions: { unused: readSuppressions(d), knownRuleIds },
      report: (r: Report) => reports.push(r),
    };
    unusedSuppression.check(ctx as unknown as RuleContext);
    return reports;
  }

  it('names unknown rule ids when the runner provides the registered ids', () => {
    const reports = check(
      '# flink-mem-disable-next-line process-and-flink-size-set, memory-derivation-fails -- typo\na: 1\n',
      ['memory-derivation-fails'],
    );
    expect(reports.map((r) => [r.messageId, r.data?.ids, r.span?.line])).toEqual([
      ['unknownRule', '"process-and-flink-size-set"', 1],
    ]);
  });

  it('reports a suppression that names no rule', () => {
    expect(
      check('a: 1 # flink-mem-disable-next-line  \nb: 2\n', []).map((r) => r.messageId),
    ).toEqual(['noRule']);
  });
});
