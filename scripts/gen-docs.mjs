// Regenerates docs/rules.md from the rules' metadata and their fixtures (`npm run docs`), and the
// rule indexes of README.md's SARIF example. `--check` only compares and exits 1 when a file is
// stale; test/parity.test.ts runs the same renderer and fails when docs/rules.md is stale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importSources, root, writeOrCheck } from './generated-doc.mjs';
import { withRuleIndexes } from './readme-rule-index.mjs';

// `--lang zh` writes only docs/zh/rules.md; without --lang both languages are written (or checked).
const { ALL_RULES, loadRuleExamples, renderRulesMarkdown, localizeRules } = await importSources(
  "export { ALL_RULES } from './rules/index.ts'; export { loadRuleExamples, renderRulesMarkdown } from './src/cli/rules-cmd.ts'; export { localizeRules } from './src/i18n/rules.ts';",
);
const at = process.argv.indexOf('--lang');
const langs = at > 0 ? [process.argv[at + 1]] : ['en', 'zh'];
const examples = loadRuleExamples(
  join(root, 'fixtures', 'rules'),
  ALL_RULES.map((r) => r.id),
);
for (const lang of langs) {
  const markdown = renderRulesMarkdown(localizeRules(ALL_RULES, lang), examples, lang);
  writeOrCheck(
    join(root, 'docs', ...(lang === 'en' ? [] : [lang]), 'rules.md'),
    markdown,
    'npm run docs',
  );
}
if (at < 0) {
  const readme = join(root, 'README.md');
  writeOrCheck(
    readme,
    withRuleIndexes(
      readFileSync(readme, 'utf8'),
      ALL_RULES.map((r) => r.id),
    ),
    'npm run docs',
  );
}
