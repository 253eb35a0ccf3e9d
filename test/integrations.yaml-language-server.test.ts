/**
 * The editor schema in the real YAML language server (the yaml-language-server npm package, the
 * server behind VS Code's YAML extension), started over stdio: a config.yaml with a
 * `# yaml-language-server: $schema=` line gets the schema's diagnostics, hover and completion.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorSchema } from '../src/options/editor-schema.js';
import { LspClient } from './lsp-client.js';
import { ROOT } from './pack.helpers.js';

interface Diagnostic {
  range: { start: { line: number; character: number } };
  message: string;
  severity?: number;
}

const SETTINGS = {
  yaml: {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemaStore: { enable: false },
    schemas: {},
  },
};

describe('the editor schema in yaml-language-server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flink-mem-yamlls-'));
  const schemaFile = join(dir, 'flink-config.schema.json');
  const manifestSchemaFile = join(dir, 'flink-deployment.schema.json');
  let server: LspClient;

  beforeAll(async () => {
    writeFileSync(schemaFile, JSON.stringify(editorSchema(), null, 2));
    writeFileSync(
      manifestSchemaFile,
      JSON.stringify(editorSchema({ kind: 'flink-deployment' }), null, 2),
    );
    server = new LspClient(
      process.execPath,
      [join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
      (method) => (method === 'workspace/configuration' ? [SETTINGS.yaml, {}, {}, {}] : null),
    );
    await server.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      capabilities: {
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false } },
          publishDiagnostics: {},
        },
        workspace: { configuration: true },
      },
    });
    server.notify('initialized', {});
    server.notify('workspace/didChangeConfiguration', { settings: SETTINGS });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (name: string, text: string) => {
    const uri = pathToFileURL(join(dir, name)).href;
    writeFileSync(join(dir, name), text);
    server.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    return uri;
  };
  const diagnosticsOf = (uri: string) =>
    server.waitFor<{ uri: string; diagnostics: Diagnostic[] }>(
      'textDocument/publishDiagnostics',
      (p) => p.uri === uri && p.diagnostics.length > 0,
    );

  it('reports a bad size in nested and flat keys with the readable message, at the value', async () => {
    const uri = open(
      'config.yaml',
      `# yaml-language-server: $schema=${pathToFileURL(schemaFile).href}\ntaskmanager:\n  memory:\n    process.size: 1.5g\n    managed:\n      fraction: 0.4\njobmanager.memory.process.size: 1600 megs\n`,
    );
    const { diagnostics } = await diagnosticsOf(uri);
    const shown = diagnostics
      .map((d) => [d.range.start.line, d.message] as const)
      .sort((a, b) => a[0] - b[0]);
    expect(shown).toHaveLength(2);
    expect(shown[0]).toEqual([
      3,
      expect.stringMatching(
        /^"taskmanager\.memory\.process\.size" must be a memory size: a whole number followed by an optional unit b, k, m, g or t/,
      ),
    ]);
    expect(shown[1]).toEqual([
      6,
      expect.stringMatching(/^"jobmanager\.memory\.process\.size" must be a memory size/),
    ]);
    expect(JSON.stringify(shown)).not.toContain('pattern');
  }, 60_000);

  it('shows the option description on hover and offers nested and dotted keys on completion', async () => {
    const text = `# yaml-language-server: $schema=${pathToFileURL(schemaFile).href}\ntaskmanager:\n  memory:\n    managed:\n      fraction: 0.4\n    \n`;
    const uri = open('hover.yaml', text);
    const hover = await server.request<{ contents: { value?: string } | string }>(
      'textDocument/hover',
      { textDocument: { uri }, position: { line: 4, character: 8 } },
    );
    const hoverText =
      typeof hover.contents === 'string' ? hover.contents : (hover.contents.value ?? '');
    expect(hoverText).toContain(
      'Managed memory as a fraction of total Flink memory, used when no managed size is set.',
    );
    const completion = await server.request<{ items: { label: string }[] } | { label: string }[]>(
      'textDocument/completion',
      { textDocument: { uri }, position: { line: 5, character: 4 } },
    );
    const labels = (Array.isArray(completion) ? completion : completion.items).map((i) => i.label);
    expect(labels).toEqual(
      expect.arrayContaining(['process.size', 'process', 'network.max', 'jvm-metaspace.size']),
    );
  }, 60_000);

  it("checks a FlinkDeployment's spec.flinkConfiguration", async () => {
    const uri = open(
      'deployment.yaml',
      `# yaml-language-server: $schema=${pathToFileURL(manifestSchemaFile).href}\napiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: orders\nspec:\n  flinkConfiguration:\n    taskmanager.memory.network.max: "1 gig"\n    taskmanager.numberOfTaskSlots: "2"\n`,
    );
    const { diagnostics } = await diagnosticsOf(uri);
    expect(diagnostics.map((d) => [d.range.start.line, d.message])).toEqual([
      [7, expect.stringMatching(/^"taskmanager\.memory\.network\.max" must be a memory size/)],
    ]);
  }, 60_000);
});
