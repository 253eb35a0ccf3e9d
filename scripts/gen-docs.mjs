// Regenerates docs/rules.md from the rules' metadata and their fixtures (`npm run docs`).
// `--check` only compares and exits 1 when the file is stale; test/parity.test.ts runs the same
// renderer and fails when docs/rules.md is stale.
import { join } from 'node:path';
import { importSources, root, writeOrCheck } from './generated-doc.mjs';

// `--lang zh` writes only docs/zh/rules.md; without --lang both languages are written (or checked).
const { ALL_RULES, loadRuleExamples, renderRulesMarkdown, localizeRules } = await importSources(
  "export { ALL_RULES } from './rules/index.ts'; export { loadRuleExamples, renderRulesMarkdown } from './src/cli/rules-cmd.ts'; export { localizeRules } from './src/i18n/rules.ts';",
);
const at = process.argv.indexOf('--lang');
const langs = at > 0 ? [process.argv[at + 1]] : ['en', 'zh'];
const examples = loadRuleExamples(join(root, 'fixtures', 'rules'), ALL_RULES.map((r) => r.id));
for (const lang of langs) {
  const markdown = renderRulesMarkdown(localizeRules(ALL_RULES, lang), examples, lang);
  writeOrCheck(join(root, 'docs', ...(lang === 'en' ? [] : [lang]), 'rules.md'), markdown, 'npm run docs');
}
