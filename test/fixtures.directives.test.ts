/**
 * The one reader of fixture directives (src/fixtures/directives.ts, syntax in fixtures/README.md):
 * what a fixture author sees when a header is wrong, in every family.
 */
import { describe, expect, it } from 'vitest';
import {
  DATASET_FAMILY,
  DOCTOR_FAMILY,
  expectMarkers,
  FIX_FAMILY,
  lintFlags,
  lintSettings,
  readHeader,
  RULES_FAMILY,
} from '../src/fixtures/directives.js';
import { parseItem } from './doctor-dataset.js';

describe('fixture headers', () => {
  it('reads `# name: value` lines at the top until the first other line', () => {
    const h = readHeader(
      DOCTOR_FAMILY,
      'x.txt',
      '# expect: heap-oom@taskmanager\n# expect-explain: a\n# expect-explain: b\nCaused by: java.lang.OutOfMemoryError\n# source: not a header line any more\n',
    );
    expect(h.lineCount).toBe(3);
    expect(h.get('expect')).toBe('heap-oom@taskmanager');
    expect(h.all('expect-explain')).toEqual(['a', 'b']);
    expect(h.get('source')).toBeUndefined();
  });

  it.each([
    [
      DOCTOR_FAMILY,
      '# expect: none\n# expected-keys: a\ntext',
      'f.txt:2: unknown directive "# expected-keys:" (fixtures/doctor/ accepts',
    ],
    [
      DATASET_FAMILY,
      '# expect: none\n# expect-explain: x\ntext',
      'f.txt:2: unknown directive "# expect-explain:" (fixtures/doctor-real/ accepts',
    ],
    [
      RULES_FAMILY,
      '# flink-mem-fixtures: version=1.20\na: 1\n',
      'f.txt:1: unknown directive "# flink-mem-fixtures:" (fixtures/rules/ accepts',
    ],
    [
      FIX_FAMILY,
      '\uFEFF# version: 1.20\na: 1\n',
      'f.txt:1: unknown directive "# version:" (fixtures/fix/ accepts',
    ],
  ])('rejects a directive its family does not know, at file:line (%#)', (family, text, message) => {
    expect(() => readHeader(family, 'f.txt', text)).toThrow(message);
  });

  it('rejects a directive given twice unless it may repeat', () => {
    expect(() =>
      readHeader(DOCTOR_FAMILY, 'f.txt', '# expect: none\n# expect: none\ntext'),
    ).toThrow('f.txt:2: "# expect:" is given twice');
  });

  it('leaves the comments of a config fixture below its first line alone', () => {
    const h = readHeader(
      RULES_FAMILY,
      'f.yaml',
      '# flink-mem-fixture: version=1.20\n# note: a comment of the config\na: 1\n',
    );
    expect(h.directives.map((d) => d.name)).toEqual(['flink-mem-fixture']);
  });

  it('reports a bad header of a development-set report as a problem of that report', () => {
    expect(
      parseItem(
        'x.txt',
        '# expect: none\n# expect-option: none\n# source: https://x\ntext',
        'dir/x.txt',
      ).problems,
    ).toContain(
      'dir/x.txt:2: unknown directive "# expect-option:" (fixtures/doctor-real/ accepts "# expect:", "# expect-options:", "# expect-keys:", "# source:", "# kind:", "# lang:", "# why:")',
    );
  });
});

describe('lint settings of config fixtures', () => {
  const settings = (text: string) =>
    lintSettings('f.yaml', readHeader(RULES_FAMILY, 'f.yaml', text));

  it('become the flags `flink-mem lint` takes, in the order written, before a trailing # expect: marker', () => {
    expect(
      lintFlags(
        settings(
          '# flink-mem-fixture: format=config-yaml version=2.0   # expect: no-total-memory-configured\n',
        ),
      ),
    ).toEqual(['--input-format', 'config-yaml', '--flink-version', '2.0']);
  });

  it('rejects an unknown setting, one without a value, or one given twice', () => {
    expect(() => settings('# flink-mem-fixture: flink-version=1.20\n')).toThrow(
      'f.yaml:1: unknown setting "flink-version" in "# flink-mem-fixture:" (settings: format, version, target, container-memory)',
    );
    expect(() => settings('# flink-mem-fixture: version\n')).toThrow(
      'f.yaml:1: setting "version" in "# flink-mem-fixture:" has no value',
    );
    expect(() => settings('# flink-mem-fixture: target=yarn target=local\n')).toThrow(
      'f.yaml:1: setting "target" is given twice',
    );
  });
});

describe('# expect: markers of rule fixtures', () => {
  it('place each expected finding on its line, or at an offset', () => {
    expect(
      expectMarkers(
        'f.yaml',
        'a: 1   # expect: unknown-key\n# x\nb: 2   # expect: b-rule@-1, a-rule\n',
      ),
    ).toEqual(['1:unknown-key', '2:b-rule', '3:a-rule']);
  });

  it('rejects a marker that is not <rule-id>[@<offset>], at file:line', () => {
    expect(() => expectMarkers('f.yaml', 'a: 1\nb: 2   # expect: unknown-key@up\n')).toThrow(
      'f.yaml:2: "# expect:" marker "unknown-key@up" is not <rule-id> or <rule-id>@<line offset>',
    );
    expect(() => expectMarkers('f.yaml', 'a: 1   # expect:\n')).toThrow(
      'f.yaml:1: "# expect:" marker "" is not',
    );
  });
});
