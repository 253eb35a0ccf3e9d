/**
 * Files that are not a Flink cluster configuration although they are YAML and may hold Flink
 * keys: unrendered Helm templates, Helm values files, docker-compose files, Terraform. Linting
 * them as a cluster configuration turns every template action into a syntax error and every
 * missing size into "memory missing", so they are recognised and skipped with one notice.
 * Checks are line by line with indexOf and short anchored patterns: linear on any input.
 */

/** Enough lines to see what a file is; a template or a values file shows it near the top. */
const SCAN_LINES = 20_000;

/**
 * A Go template action as Helm writes it: `{{ .Values.x }}`, `{{- if ... }}`, `{{ include "x" .
 * }}`.
 */
const TEMPLATE_ACTION =
  /^-?\s{0,20}(?:[.$(]|\/\*|(?:if|else|end|range|with|include|template|define|block|toYaml|tpl|printf|default|required|index|quote|nindent|indent|lookup|not|and|or|eq|ne)\b)/;

function baseName(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return file.slice(cut + 1);
}

/** The first line (1-based) holding a Helm template action outside a comment, or 0. */
export function templateLine(text: string): number {
  // Most files have no "{{" at all: one scan, no line slicing.
  if (text.indexOf('{{') < 0) return 0;
  let start = 0;
  for (let n = 1; n <= SCAN_LINES && start < text.length; n++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    let at = line.indexOf('{{');
    if (at < 0 || line.trimStart().startsWith('#')) continue;
    while (at >= 0) {
      const close = line.indexOf('}}', at + 2);
      if (close < 0) break;
      if (TEMPLATE_ACTION.test(line.slice(at + 2, Math.min(close, at + 60)))) return n;
      at = line.indexOf('{{', close + 2);
    }
  }
  return 0;
}

/**
 * True when a top-level `services:` mapping holds entries with an `image:` or `build:`
 * (docker-compose).
 */
function isCompose(text: string): boolean {
  if (!/(?:^|\n)services:[ \t]{0,200}(?:#[^\n]{0,2000})?\r?\n/.test(text)) return false;
  return /\n[ \t]{2,12}(?:image|build):[ \t]/.test(text);
}

export type ForeignKind = 'helm-template' | 'helm-values' | 'docker-compose' | 'terraform';

export interface Foreign {
  readonly kind: ForeignKind;
  /** One line, our words: what the file is and how to check its Flink configuration instead. */
  readonly message: string;
  /** 1-based line the notice points at. */
  readonly line: number;
}

/**
 * What the file is when it is not a Flink configuration, or null. `k8s` says the content is a
 * Kubernetes manifest (an unrendered template can still look like one); a flink-conf.yaml or
 * config.yaml by name is never a values or compose file.
 */
export function recogniseForeign(text: string, file: string): Foreign | null {
  const name = baseName(file).toLowerCase();
  const line = templateLine(text);
  if (line > 0) {
    return {
      kind: 'helm-template',
      line,
      message: `this file is an unrendered Helm template ("{{ ... }}" on line ${line}), not checked: render it first (helm template) and lint the output`,
    };
  }
  if (/\.(?:tf|tfvars|hcl)$/.test(name)) {
    return {
      kind: 'terraform',
      line: 1,
      message: `this file is a Terraform file, not a Flink configuration, not checked: lint the Flink configuration it writes`,
    };
  }
  if (name === 'flink-conf.yaml' || name === 'config.yaml' || file === '-') return null;
  const manifest =
    /(?:^|\n)kind:/.test(text) &&
    (/(?:^|\n)apiVersion:/.test(text) || /(?:^|\n)kind:[ \t]*FlinkDeployment\b/.test(text));
  // A FlinkDeployment's parts as chart values (`flinkConfiguration:` without a manifest around it).
  if (
    /^values(?:[.-][^/]*)?\.ya?ml$/.test(name) ||
    (!manifest && /(?:^|\n)[ \t]{0,40}flinkConfiguration:/.test(text))
  ) {
    return {
      kind: 'helm-values',
      line: 1,
      message: `this file is a Helm values file, not a Flink configuration, not checked: lint the manifests the chart renders (helm template)`,
    };
  }
  if (/^(?:docker-)?compose(?:[.-][^/]*)?\.ya?ml$/.test(name) || isCompose(text)) {
    return {
      kind: 'docker-compose',
      line: 1,
      message: `this file is a docker-compose file, not a Flink configuration, not checked: its FLINK_PROPERTIES are added to the image's own flink-conf.yaml or config.yaml, so lint that file with them`,
    };
  }
  return null;
}

const OPERATOR_PREFIX = 'kubernetes.operator.';

/**
 * True for the Flink Kubernetes Operator's own configuration: its keys are `kubernetes.operator.*`
 * (set or shown commented out), and it sets no memory. The operator lays these defaults under
 * every deployment, whose spec sets the memory, so "no memory size" does not apply to it.
 */
export function isOperatorConfig(keys: Iterable<string>, text: string): boolean {
  let operator = false;
  for (const k of keys) {
    if (k.startsWith(OPERATOR_PREFIX)) operator = true;
    else if (k.includes('.memory.') || k.includes('.heap.')) return false;
  }
  return operator || /(?:^|\n)[ \t]{0,200}#[ \t]?kubernetes\.operator\.[\w.-]{1,200}:/.test(text);
}
