/**
 * The doctor in an output language: the advisor's words (signature summaries and explanations),
 * the suggestions' phrases and the links to Flink's documentation in its Chinese edition.
 */
import { docs } from '../doctor/docs.js';
import type { DoctorExample } from '../doctor/reference.js';
import type {
  Diagnosis,
  DoctorLanguage,
  DoctorResult,
  SignatureDefinition,
} from '../doctor/types.js';
import type { Lang } from './lang.js';
import { ZH_DOCTOR_PHRASES, ZH_DOCTOR_WORDS, ZH_SIGNATURES } from './zh/doctor.js';

export function doctorLanguage(lang: Lang): DoctorLanguage | undefined {
  return lang === 'zh' ? { signatures: ZH_SIGNATURES, ...ZH_DOCTOR_WORDS } : undefined;
}

/**
 * Longest first; sorted on first use (the CLI loads the Chinese catalogues only when they are
 * used).
 */
let sortedPhrases: (typeof ZH_DOCTOR_PHRASES)[number][] | undefined;

function phrases(text: string): string {
  let out = text;
  for (const [en, zh] of (sortedPhrases ??= [...ZH_DOCTOR_PHRASES].sort(
    (a, b) => b[0].length - a[0].length,
  )))
    if (out.includes(en)) out = out.split(en).join(zh);
  return out;
}

/** Flink's documentation has a Chinese edition under /zh/ with the same pages. */
export function chineseDocsUrl(url: string): string {
  return url.replace(
    '//nightlies.apache.org/flink/flink-docs-stable/docs/',
    '//nightlies.apache.org/flink/flink-docs-stable/zh/docs/',
  );
}

/**
 * The parts of a result the advisor does not word itself: suggestions' reasons and effects, links.
 */
export function localizeResult(result: DoctorResult, lang: Lang): DoctorResult {
  if (lang === 'en') return result;
  const diagnoses = result.diagnoses.map((d): Diagnosis => ({
    ...d,
    suggestions: d.suggestions.map((s) => ({
      ...s,
      current: phrases(s.current),
      why: phrases(s.why),
      ...(s.effect ? { effect: phrases(s.effect) } : {}),
    })),
    docs: d.docs.map(chineseDocsUrl),
  }));
  return { ...result, diagnoses };
}

/**
 * docs/zh/doctor.md: the signatures with their Chinese titles and tested examples, linking Flink's
 * Chinese docs.
 */
export function renderDoctorMarkdownZh(
  signatures: readonly SignatureDefinition[],
  examples: ReadonlyMap<string, DoctorExample>,
): string {
  const sorted = [...signatures].sort((a, b) => a.id.localeCompare(b.id));
  const code = (s: string) => (s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``);
  const title = (s: SignatureDefinition) => ZH_SIGNATURES[s.id]?.title ?? s.title;
  const process = (s: SignatureDefinition) =>
    s.component === 'taskmanager'
      ? '总是 TaskManager'
      : s.component === 'jobmanager'
        ? '总是 JobManager'
        : '从文本推断：TaskManager、JobManager，或者未知（此时对两者都给出建议）';
  const out: string[] = [
    '# flink-mem doctor：故障特征',
    '',
    '<!-- 由 `npm run docs:doctor` 根据 src/doctor/signatures/、src/i18n/zh/doctor.ts 和 fixtures/doctor/ 生成；请勿手工编辑。 -->',
    '',
    '`flink-mem doctor` 读取一条错误信息（`--error`）、任意大小的日志（`--log`，以流的方式读取）或标准输入，识别下列内存故障，',
    '并给出配置项的修改建议。指定 `--config` 时，建议值按该配置计算并用内存模型验证；否则以 Flink 的默认值为起点。',
    '退出码：0 至少有一条诊断，1 没有诊断，2 用法或输入错误。',
    '',
    '输出语言：`--lang zh`、以中文为主写成的报告、`.flink-mem.yaml` 中的 `lang: zh` 或中文 locale（如 `LANG=zh_CN.UTF-8`）。',
    '每种故障能识别的具体文本见英文版 [../doctor.md](../doctor.md)。',
    '',
    '| id | 故障 | 排序 | 进程 |',
    '| --- | --- | --- | --- |',
    ...sorted.map(
      (s) =>
        `| [${s.id}](#${s.id}) | ${title(s)} | ${s.rank} | ${s.component === 'infer' ? '推断' : s.component} |`,
    ),
    '',
  ];
  for (const s of sorted) {
    out.push(`## ${s.id}`, '', `${title(s)}。`, '', `进程：${process(s)}。`, '');
    out.push(
      '涉及的配置项：',
      '',
      ...s.options.map((k) => `- [${code(k)}](${chineseDocsUrl(docs.option(k))})`),
      '',
    );
    const ex = examples.get(s.id);
    if (ex) {
      out.push(
        `示例（\`fixtures/doctor/${ex.fixture}\`）：证据行`,
        '',
        '```text',
        ex.evidence,
        '```',
        '',
      );
      out.push(
        `得到"${ex.summary}"${ex.changes.length > 0 ? `，建议（以 Flink 默认值为起点）${ex.changes.map(code).join('、')}` : '，没有可建议的配置修改'}。`,
        '',
      );
    }
    out.push('参考：', '', ...s.docs.map((u) => `- <${chineseDocsUrl(u)}>`), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
