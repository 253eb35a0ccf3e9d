/**
 * --fix changes only what a fix is about (issue 10, items 6, 7 and 8): a value shared through a
 * YAML anchor, a manifest with CR-only line endings, a byte order mark that hides the first key of
 * a flink-conf.yaml, and a keep-chomped (`|+`) block at the end of an embedded file.
 */
import { describe, expect, it } from 'vitest';
import { fix, loadConfig } from '../src/index.js';
import { cli } from './cli-harness.js';

const fixed = (text: string, name: string) => fix(loadConfig({ text, name }));

describe('a value shared through a YAML anchor', () => {
  it('is not changed under the keys that alias it: that fix is refused with the reason', () => {
    const text =
      'taskmanager.memory.network.fraction: &frac 1.5\nmy.app.ratio: *frac\ntaskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n';
    const r = fixed(text, 'config.yaml');
    // The anchored value stays, so the key that aliases it keeps its value.
    expect(r.text).toBe(text);
    expect(r.note).toMatch(
      /"taskmanager\.memory\.network\.fraction" holds the YAML anchor &frac, which "\*frac" elsewhere in the file also reads; fixing it would change those keys too/,
    );
  });

  it('a key that reads the anchor through an alias is fixed alone; once no alias is left, the anchored key is fixed too', () => {
    const text =
      'shared: &frac 1.5\ntaskmanager.memory.network.fraction: *frac\ntaskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n';
    const r = fixed(text, 'config.yaml');
    expect(r.text).toBe(
      'shared: &frac 1.5\ntaskmanager.memory.network.fraction: 0.1\ntaskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n',
    );
    const both =
      'taskmanager.memory.network.fraction: &frac 1.5\ntaskmanager.memory.managed.fraction: *frac\ntaskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n';
    expect(fixed(both, 'config.yaml').text).toBe(
      'taskmanager.memory.network.fraction: &frac 0.1\ntaskmanager.memory.managed.fraction: 0.4\ntaskmanager.memory.process.size: 1728m\njobmanager.memory.process.size: 1600m\n',
    );
  });

  it('a fix that would change a key it is not about (an aliased mapping) leaves the file as it was', () => {
    const text = 'taskmanager: &tm\n  memory.process.size: 1.5g\njobmanager: *tm\n';
    const r = fixed(text, 'config.yaml');
    expect(r.text).toBe(text);
    expect(r.note).toBe(
      'not fixed: the fixes would also change "jobmanager.memory.process.size", which no fix is about (a YAML alias?)',
    );
  });
});

describe('CR-only line endings', () => {
  const manifest = [
    'apiVersion: flink.apache.org/v1beta1',
    'kind: FlinkDeployment',
    'metadata:',
    '  name: job',
    'spec:',
    '  flinkVersion: v1_20',
    '  flinkConfiguration:',
    '    taskmanager.memory.managed.fraction: "40"',
    '  jobManager:',
    '    resource:',
    '      memory: "1600m"',
    '  taskManager:',
    '    resource:',
    '      memory: "1728m"',
    '',
  ];

  it('a FlinkDeployment is read as a manifest and fixed in place, keeping its CR line ends', () => {
    const text = manifest.join('\r');
    const file = loadConfig({ text, name: 'deploy.yaml' });
    expect(file.format).toBe('k8s');
    const r = fix(file);
    expect(r.text).toBe(text.replace('fraction: "40"', 'fraction: "0.4"'));
  });

  it('a flink-conf.yaml and a config.yaml are fixed with CR line ends kept, a new key ending in CR too', () => {
    const legacy =
      'taskmanager.memory.process.size: 1.5g\r# a comment\rtaskmanager.memory.managed.fraction: 40\r';
    expect(fixed(legacy, 'flink-conf.yaml').text).toBe(
      'taskmanager.memory.process.size: 1536m\r# a comment\rtaskmanager.memory.managed.fraction: 0.4\rjobmanager.memory.process.size: 1600m\r',
    );
    const yaml = 'taskmanager:\r  memory:\r    process.size: 1.5g\r';
    expect(fixed(yaml, 'config.yaml').text).toBe(
      'taskmanager:\r  memory:\r    process.size: 1536m\rjobmanager:\r  memory:\r    process:\r      size: 1600m\r',
    );
  });

  it('lint finds the same in CR, LF and CRLF files', async () => {
    const runs = await Promise.all(
      ['\r', '\n', '\r\n'].map((eol) =>
        cli(['lint', '-', '--format', 'json'], { stdin: manifest.join(eol) }),
      ),
    );
    expect(runs[0]!.stdout).toBe(runs[1]!.stdout);
    expect(runs[2]!.stdout).toBe(runs[1]!.stdout);
    expect(runs[1]!.stdout).toContain('"ruleId": "fraction-out-of-range"');
  });
});

describe('a byte order mark before the first key of a flink-conf.yaml', () => {
  it('is removed by the fix instead of a second copy of the key being added', () => {
    const text =
      '\ufefftaskmanager.memory.process.size: 1.5g\njobmanager.memory.process.size: 1600m\n';
    const r = fixed(text, 'flink-conf.yaml');
    expect(r.text).toBe(
      'taskmanager.memory.process.size: 1536m\njobmanager.memory.process.size: 1600m\n',
    );
    expect(r.text.match(/taskmanager\.memory\.process\.size/g)).toHaveLength(1);
  });

  it('a config.yaml keeps its byte order mark (YAML ignores it)', () => {
    const text =
      '\ufefftaskmanager.memory.process.size: 1.5g\njobmanager.memory.process.size: 1600m\n';
    expect(fixed(text, 'config.yaml').text).toBe(
      '\ufefftaskmanager.memory.process.size: 1536m\njobmanager.memory.process.size: 1600m\n',
    );
  });
});

describe('a keep-chomped block (|+) at the end of a ConfigMap', () => {
  it.each(['\n', '\n\n'])(
    'gets the new key before its trailing blank lines (%j), indented, and keeps them at the end',
    (blank) => {
      const head =
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flink-config\ndata:\n  flink-conf.yaml: |+\n    taskmanager.memory.process.size: 1728m\n';
      const r = fixed(`${head}    taskmanager.memory.managed.fraction: 40\n${blank}`, 'cm.yaml');
      expect(r.note).toBeUndefined();
      expect(r.text).toBe(
        `${head}    taskmanager.memory.managed.fraction: 0.4\n    jobmanager.memory.process.size: 1600m\n${blank}`,
      );
    },
  );
});
