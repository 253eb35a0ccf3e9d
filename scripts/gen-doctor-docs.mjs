// Regenerates docs/doctor.md from the doctor's signature declarations and their fixtures
// (`npm run docs:doctor`). `--check` only compares and exits 1 when the file is stale;
// test/doctor.docs.test.ts runs the same renderer and fails when docs/doctor.md is stale.
import { join } from 'node:path';
import { importSources, root, writeOrCheck } from './generated-doc.mjs';

const { SIGNATURES, loadDoctorExamples, renderDoctorMarkdown } = await importSources(
  "export { SIGNATURES } from './src/doctor/signatures/index.ts'; export { loadDoctorExamples, renderDoctorMarkdown } from './src/doctor/reference.ts';",
);
const markdown = renderDoctorMarkdown(SIGNATURES, loadDoctorExamples(join(root, 'fixtures', 'doctor'), SIGNATURES.map((s) => s.id)));
writeOrCheck(join(root, 'docs', 'doctor.md'), markdown, 'npm run docs:doctor');
