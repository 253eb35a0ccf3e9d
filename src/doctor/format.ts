/**
 * The doctor's two output formats, as pure functions returning the whole text.
 */
import type { Diagnosis, DoctorResult } from './types.js';

/** The text format's own words; the CLI passes them in the output language. */
export interface DoctorWords {
  readonly none: string;
  readonly one: string;
  many(n: number): string;
  line(n: number): string;
  readonly change: string;
  readonly noChange: string;
  readonly effect: string;
  readonly docs: string;
  readonly process: Readonly<Record<Diagnosis['component'], string>>;
  /** Columns a text takes on a terminal (East Asian wide characters take two). */
  width(text: string): number;
}

export const ENGLISH_WORDS: DoctorWords = {
  none: 'flink-mem doctor: no memory failure recognised.',
  one: 'flink-mem doctor: 1 diagnosis, most likely first.',
  many: (n) => `flink-mem doctor: ${n} diagnoses, most likely first.`,
  line: (n) => `line ${n}:`,
  change: 'change:',
  noChange: 'change: no option change to suggest from this text; see above.',
  effect: 'effect:',
  docs: 'docs:',
  process: {
    taskmanager: 'TaskManager',
    jobmanager: 'JobManager',
    unknown: 'process not named in the text',
  },
  width: (text) => text.length,
};

/**
 * The JSON document of `--format json`: `{ diagnoses: [...] }`, plus `lookedAt` when there is none.
 */
export function formatJson(result: DoctorResult): string {
  const doc: Record<string, unknown> = {
    diagnoses: result.diagnoses.map((d) => ({
      id: d.id,
      component: d.component,
      summary: d.summary,
      explanation: d.explanation,
      evidence: { line: d.evidence.line, text: d.evidence.text },
      suggestions: d.suggestions.map((s) => ({
        key: s.key,
        current: s.current,
        suggested: s.suggested,
        why: s.why,
        ...(s.effect ? { effect: s.effect } : {}),
      })),
      docs: [...d.docs],
    })),
  };
  if (result.diagnoses.length === 0 && result.lookedAt) doc.lookedAt = result.lookedAt;
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/**
 * Splits text into the pieces a line may break between: words at spaces, and also between two
 * East Asian characters (Chinese has no spaces; a break there needs no space when joined).
 */
function pieces(text: string, breakWide: boolean): { text: string; space: boolean }[] {
  const out: { text: string; space: boolean }[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!breakWide) {
      out.push({ text: word, space: true });
      continue;
    }
    // Runs of wide characters break anywhere; each other run stays whole.
    const parts = word.match(
      /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+/g,
    ) ?? [word];
    parts.forEach((p, i) => out.push({ text: p, space: i === 0 }));
  }
  return out;
}

/** Wraps text at `width` display columns with a hanging indent. */
function wrap(
  text: string,
  indent: string,
  words: Pick<DoctorWords, 'width'> = ENGLISH_WORDS,
  width = 100,
): string[] {
  const out: string[] = [];
  let line = '';
  let used = 0;
  // English output keeps its layout: words only, measured by length (as before Chinese output
  // existed).
  for (const piece of pieces(text, words !== ENGLISH_WORDS)) {
    const w = words.width(piece.text);
    const sep = line && piece.space ? 1 : 0;
    if (line && indent.length + used + sep + w > width) {
      out.push(indent + line);
      line = piece.text;
      used = w;
    } else {
      line = line ? `${line}${sep ? ' ' : ''}${piece.text}` : piece.text;
      used += sep + w;
    }
  }
  if (line) out.push(indent + line);
  return out;
}

/** Readable text: one numbered section per diagnosis, evidence quoted with its line number. */
export function formatText(result: DoctorResult, words: DoctorWords = ENGLISH_WORDS): string {
  const w = words;
  const sep = (label: string) => (label.endsWith('：') ? '' : ' ');
  if (result.diagnoses.length === 0) {
    return [w.none, ...wrap(result.lookedAt ?? '', '', w)].join('\n') + '\n';
  }
  const n = result.diagnoses.length;
  const out = [n === 1 ? w.one : w.many(n), ''];
  result.diagnoses.forEach((d, i) => {
    out.push(`${i + 1}. ${d.summary} [${d.id}, ${w.process[d.component]}]`);
    const at = w.line(d.evidence.line);
    out.push(`   ${at}${sep(at)}${d.evidence.text}`);
    out.push(...wrap(d.explanation, '   ', w));
    if (d.suggestions.length > 0) {
      out.push(`   ${w.change}`);
      let lastEffect: string | undefined;
      for (const s of d.suggestions) {
        out.push(
          ...wrap(`${s.key}: ${s.current} -> ${s.suggested} (${s.why})`, '     ', w).map((l, j) =>
            j === 0 ? l : `  ${l}`,
          ),
        );
        if (s.effect && s.effect !== lastEffect)
          out.push(...wrap(`${w.effect}${sep(w.effect)}${s.effect}`, '       ', w));
        lastEffect = s.effect;
      }
    } else {
      out.push(`   ${w.noChange}`);
    }
    for (const url of d.docs) out.push(`   ${w.docs}${sep(w.docs)}${url}`);
    out.push('');
  });
  return out.join('\n');
}
