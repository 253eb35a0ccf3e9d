/**
 * Which reader a file needs. The name decides when it is Flink's own (`flink-conf.yaml`,
 * `config.yaml`); otherwise the content: a Kubernetes object, real YAML, or legacy lines.
 */
import { LineIndex } from './positions.js';
import type { InputFormat } from './types.js';

/** Enough to see the shape of any configuration; keeps detection cheap on huge files. */
const SCAN_LIMIT = 1 << 20;

function baseName(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return file.slice(cut + 1);
}

/** A line that only YAML gives a meaning to (the legacy reader would skip or misread it). */
function yamlOnly(trimmed: string, indented: boolean): boolean {
  if (indented && /^[^\s#][^:#]*:(?:\s|$)/.test(trimmed)) return true;
  if (
    trimmed === '-' ||
    trimmed.startsWith('- ') ||
    trimmed === '---' ||
    trimmed.startsWith('--- ')
  )
    return true;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return true;
  return /:\s+[|>][-+1-9]*(?:\s+#.*)?$/.test(trimmed);
}

export function detectFormat(text: string, file: string, explicit?: InputFormat): InputFormat {
  if (explicit) return explicit;
  const byContent = detectByContent(text);
  // A manifest named config.yaml (common in Helm charts) is still a manifest: Flink keys are
  // never `apiVersion` and `kind`.
  if (file !== '-' && byContent !== 'k8s') {
    const name = baseName(file);
    if (name === 'flink-conf.yaml') return 'flink-conf';
    if (name === 'config.yaml') return 'config-yaml';
  }
  return byContent;
}

function detectByContent(text: string): InputFormat {
  const head = text.length > SCAN_LIMIT ? text.slice(0, SCAN_LIMIT) : text;
  let apiVersion = false;
  let kind = false;
  let flinkDeployment = false;
  let yaml = false;
  // Lines end at LF, CRLF or a lone CR, as for every reader of these files.
  const index = new LineIndex(head);
  for (let n = 1; n <= index.lineCount; n++) {
    const line = index.lineText(n);
    if (line.startsWith('apiVersion:')) apiVersion = true;
    if (line.startsWith('kind:')) {
      kind = true;
      if (/^kind:[ \t]*FlinkDeployment[ \t]*(?:#.*)?$/.test(line)) flinkDeployment = true;
    }
    const trimmed = line.trim();
    if (trimmed.length === 0 || trimmed.startsWith('#')) continue;
    // Long lines are values, not structure; skipping them keeps the regexes cheap.
    if (
      trimmed.length < 4096 &&
      yamlOnly(trimmed, line.length > 0 && line.length !== line.trimStart().length)
    )
      yaml = true;
  }
  // A FlinkDeployment that lost its apiVersion is still one (the loader reports the missing line).
  if ((apiVersion || flinkDeployment) && kind) return 'k8s';
  return yaml ? 'config-yaml' : 'flink-conf';
}
