/**
 * The doctor's two output formats, as pure functions returning the whole text.
 */
import type { Diagnosis, DoctorResult } from './types.js';

const PROCESS: Readonly<Record<Diagnosis['component'], string>> = {
  taskmanager: 'TaskManager',
  jobmanager: 'JobManager',
  unknown: 'process not named in the text',
};

/** The JSON document of `--format json`: `{ diagnoses: [...] }`, plus `lookedAt` when there is none. */
export function formatJson(result: DoctorResult): string {
  const doc: Record<string, unknown> = {
    diagnoses: result.diagnoses.map((d) => ({
      id: d.id,
      component: d.component,
      summary: d.summary,
      explanation: d.explanation,
      evidence: { line: d.evidence.line, text: d.evidence.text },
      suggestions: d.suggestions.map((s) => ({ key: s.key, current: s.current, suggested: s.suggested, why: s.why, ...(s.effect ? { effect: s.effect } : {}) })),
      docs: [...d.docs],
    })),
  };
  if (result.diagnoses.length === 0 && result.lookedAt) doc.lookedAt = result.lookedAt;
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** Wraps text at `width` columns with a hanging indent. */
function wrap(text: string, indent: string, width = 100): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      out.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(indent + line);
  return out;
}

/** Readable text: one numbered section per diagnosis, evidence quoted with its line number. */
export function formatText(result: DoctorResult): string {
  if (result.diagnoses.length === 0) {
    return [`flink-mem doctor: no memory failure recognised.`, ...wrap(result.lookedAt ?? '', '')].join('\n') + '\n';
  }
  const n = result.diagnoses.length;
  const out = [`flink-mem doctor: ${n} diagnos${n === 1 ? 'is' : 'es'}, most likely first.`, ''];
  result.diagnoses.forEach((d, i) => {
    out.push(`${i + 1}. ${d.summary} [${d.id}, ${PROCESS[d.component]}]`);
    out.push(`   line ${d.evidence.line}: ${d.evidence.text}`);
    out.push(...wrap(d.explanation, '   '));
    if (d.suggestions.length > 0) {
      out.push('   change:');
      let lastEffect: string | undefined;
      for (const s of d.suggestions) {
        out.push(...wrap(`${s.key}: ${s.current} -> ${s.suggested} (${s.why})`, '     ').map((l, j) => (j === 0 ? l : `  ${l}`)));
        if (s.effect && s.effect !== lastEffect) out.push(...wrap(`effect: ${s.effect}`, '       '));
        lastEffect = s.effect;
      }
    } else {
      out.push('   change: no option change to suggest from this text; see above.');
    }
    for (const url of d.docs) out.push(`   docs: ${url}`);
    out.push('');
  });
  return out.join('\n');
}
