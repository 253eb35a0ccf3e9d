/**
 * The doctor in an output language: the advisor's words (signature summaries and explanations),
 * the suggestions' phrases and the links to Flink's documentation in its Chinese edition.
 */
import type { Diagnosis, DoctorLanguage, DoctorResult } from '../doctor/types.js';
import type { Lang } from './lang.js';
import { ZH_DOCTOR_PHRASES, ZH_DOCTOR_WORDS, ZH_SIGNATURES } from './zh/doctor.js';

export function doctorLanguage(lang: Lang): DoctorLanguage | undefined {
  return lang === 'zh' ? { signatures: ZH_SIGNATURES, ...ZH_DOCTOR_WORDS } : undefined;
}

const PHRASES = [...ZH_DOCTOR_PHRASES].sort((a, b) => b[0].length - a[0].length);

function phrases(text: string): string {
  let out = text;
  for (const [en, zh] of PHRASES) if (out.includes(en)) out = out.split(en).join(zh);
  return out;
}

/** Flink's documentation has a Chinese edition under /zh/ with the same pages. */
export function chineseDocsUrl(url: string): string {
  return url.replace('//nightlies.apache.org/flink/flink-docs-stable/docs/', '//nightlies.apache.org/flink/flink-docs-stable/zh/docs/');
}

/** The parts of a result the advisor does not word itself: suggestions' reasons and effects, links. */
export function localizeResult(result: DoctorResult, lang: Lang): DoctorResult {
  if (lang === 'en') return result;
  const diagnoses = result.diagnoses.map(
    (d): Diagnosis => ({
      ...d,
      suggestions: d.suggestions.map((s) => ({ ...s, current: phrases(s.current), why: phrases(s.why), ...(s.effect ? { effect: phrases(s.effect) } : {}) })),
      docs: d.docs.map(chineseDocsUrl),
    }),
  );
  return { ...result, diagnoses };
}
