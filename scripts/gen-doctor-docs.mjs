// Regenerates docs/doctor.md from the doctor's signature declarations and their fixtures
// (`npm run docs:doctor`). `--check` only compares and exits 1 when the file is stale;
// test/doctor.docs.test.ts runs the same renderer and fails when docs/doctor.md is stale.
import { join } from 'node:path';
import { importSources, root, writeOrCheck } from './generated-doc.mjs';

// `--lang zh` writes only docs/zh/doctor.md; without --lang both languages are written (or
// checked).
const {
  SIGNATURES,
  loadDoctorExamples,
  renderDoctorMarkdown,
  renderDoctorMarkdownZh,
  doctorLanguage,
} = await importSources(
  "export { SIGNATURES } from './src/doctor/signatures/index.ts'; export { loadDoctorExamples, renderDoctorMarkdown } from './src/doctor/reference.ts'; export { renderDoctorMarkdownZh, doctorLanguage } from './src/i18n/doctor.ts';",
);
const at = process.argv.indexOf('--lang');
const langs = at > 0 ? [process.argv[at + 1]] : ['en', 'zh'];
const ids = SIGNATURES.map((s) => s.id);
const fixtures = join(root, 'fixtures', 'doctor');
if (langs.includes('en'))
  writeOrCheck(
    join(root, 'docs', 'doctor.md'),
    renderDoctorMarkdown(SIGNATURES, loadDoctorExamples(fixtures, ids)),
    'npm run docs:doctor',
  );
if (langs.includes('zh')) {
  const markdown = renderDoctorMarkdownZh(
    SIGNATURES,
    loadDoctorExamples(fixtures, ids, { language: doctorLanguage('zh') }),
  );
  writeOrCheck(join(root, 'docs', 'zh', 'doctor.md'), markdown, 'npm run docs:doctor');
}
