/**
 * Files that are not a Flink cluster configuration (templates, values, compose, Terraform), the
 * operator's own configuration, and the Flink version a file says it runs.
 */
import { describe, expect, it } from 'vitest';
import { loadText } from '../src/config/index.js';
import { recogniseForeign, templateLine } from '../src/config/foreign.js';
import { lintLoadedFile } from '../src/engine/runner.js';
import { inferredChoice } from '../src/engine/version-target.js';
import { imageVersion, versionLabel } from '../src/primitives/version.js';
import { ALL_RULES } from '../rules/index.js';

const settings = { rules: {}, target: 'standalone' as const };

describe('files that are not a cluster configuration', () => {
  it('an unrendered Helm template is one notice at its first template action, whatever else the file holds', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\ndata:\n  flink-conf.yaml: |\n    taskmanager.memory.process.size: {{ .Values.tm }}\n';
    const file = loadText(text, 'templates/configmap.yaml');
    expect(file.documents).toEqual([]);
    const findings = lintLoadedFile(file, ALL_RULES, settings);
    expect(findings.map((f) => [f.line, f.ruleId, f.severity])).toEqual([
      [4, 'config-syntax', 'info'],
    ]);
    expect(findings[0]!.message).toContain('unrendered Helm template');
  });

  it('template actions are told from text that only looks like one', () => {
    expect(templateLine('a: "{{name}}.{{namespace}}.svc"\n')).toBe(0);
    expect(templateLine('# {{ .Values.x }} in a comment\nb: 1\n')).toBe(0);
    expect(templateLine('env.java.opts: -Dx=${FOO}\n')).toBe(0);
    expect(templateLine('a: 1\n{{- if .Values.ha }}\n')).toBe(2);
    expect(templateLine('b: {{ include "x" . }}\n')).toBe(1);
    expect(templateLine(`${'{{'.repeat(50_000)}\n`)).toBe(0);
  });

  it('Helm values, docker-compose and Terraform files are recognised by name or shape, Flink files never', () => {
    expect(recogniseForeign('replicaCount: 1\n', 'chart/values.yaml')?.kind).toBe('helm-values');
    expect(
      recogniseForeign('image: x\nflinkConfiguration:\n  a: b\n', 'deploy/app.yaml')?.kind,
    ).toBe('helm-values');
    expect(recogniseForeign('services:\n  jm:\n    image: flink:1.18\n', 'stack.yaml')?.kind).toBe(
      'docker-compose',
    );
    expect(recogniseForeign('resource "x" "y" {}\n', 'main.tf')?.kind).toBe('terraform');
    expect(
      recogniseForeign('services:\n  jm:\n    image: flink:1.18\n', 'conf/config.yaml'),
    ).toBeNull();
    expect(
      recogniseForeign(
        'apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  flinkConfiguration:\n    a: b\n',
        'app.yaml',
      ),
    ).toBeNull();
    expect(
      recogniseForeign(
        'kind: FlinkDeployment\nspec:\n  flinkConfiguration:\n    a: b\n',
        'app.yaml',
      ),
    ).toBeNull();
  });

  it('a values file gets one notice and no memory-missing error', () => {
    const findings = lintLoadedFile(
      loadText('flink:\n  jobmanager_heap_mb: 1024\n', 'values.yaml'),
      ALL_RULES,
      settings,
    );
    expect(findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['config-syntax info']);
  });

  it("the operator's own configuration gets no memory-missing error; a cluster file without memory still does", () => {
    const operator = loadText('kubernetes.operator.watched.namespaces: a,b\n', 'flink-conf.yaml');
    expect(operator.documents[0]!.operatorDefaults).toBe(true);
    expect(
      lintLoadedFile(operator, ALL_RULES, settings).filter(
        (f) => f.ruleId === 'no-total-memory-configured',
      ),
    ).toEqual([]);
    const cluster = loadText('jobmanager.rpc.address: jm\n', 'flink-conf.yaml');
    expect(
      lintLoadedFile(cluster, ALL_RULES, settings).filter(
        (f) => f.ruleId === 'no-total-memory-configured',
      ),
    ).toHaveLength(2);
  });
});

describe('the Flink version a file says it runs', () => {
  it('reads the official image tag, and nothing from other images', () => {
    const label = (s: string) => {
      const v = imageVersion(s);
      return v ? versionLabel(v) : null;
    };
    expect(label('flink:1.17-java11')).toBe('1.17');
    expect(label('flink:1.17.2-scala_2.12')).toBe('1.17.2');
    expect(label('apache/flink:1.12.1-scala_2.11-java8')).toBe('1.12.1');
    expect(label('docker.io/library/flink:2.0.0-java17')).toBe('2.0.0');
    expect(label('flink:latest')).toBeNull();
    expect(label('my-registry/flink-job:1.17')).toBeNull();
    expect(label('flink:1.99')).toBeNull();
  });

  it('a FlinkDeployment without spec.flinkVersion is checked against its image; a ConfigMap with a flink-conf.yaml against 1.x', () => {
    const fd = loadText(
      'apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nspec:\n  image: flink:1.16.2-scala_2.12\n',
      'fd.yaml',
    );
    const fdChoice = inferredChoice(fd.documents[0]!);
    expect([versionLabel(fdChoice.version), fdChoice.known]).toEqual(['1.16.2', true]);
    const cm = loadText(
      'apiVersion: v1\nkind: ConfigMap\ndata:\n  flink-conf.yaml: |\n    a: b\n',
      'cm.yaml',
    );
    const cmChoice = inferredChoice(cm.documents[0]!);
    expect([versionLabel(cmChoice.version), cmChoice.known]).toEqual(['1.20', false]);
  });

  it('a ConfigMap next to Deployments running an official image takes its version from them', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\ndata:\n  flink-conf.yaml: |\n    state.backend: rocksdb\n---\napiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: taskmanager\n          image: flink:1.16-java11\n';
    const doc = loadText(text, 'cm.yaml').documents[0]!;
    expect(versionLabel(inferredChoice(doc).version)).toBe('1.16');
    // state.backend is deprecated only from 1.17 on: nothing to say on 1.16.
    expect(
      lintLoadedFile(loadText(text, 'cm.yaml'), ALL_RULES, settings).filter(
        (f) => f.ruleId === 'deprecated-key',
      ),
    ).toEqual([]);
  });
});
