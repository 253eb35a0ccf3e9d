// Regenerates docs/rules.md from the rules' metadata and their fixtures (`npm run docs`).
// `--check` only compares and exits 1 when the file is stale; test/parity.test.ts runs the same
// renderer and fails when docs/rules.md is stale.
import { join } from 'node:path';
import { importSources, root, writeOrCheck } from './generated-doc.mjs';

const { ALL_RULES, loadRuleExamples, renderRulesMarkdown } = await importSources(
  "export { ALL_RULES } from './rules/index.ts'; export { loadRuleExamples, renderRulesMarkdown } from './src/cli/rules-cmd.ts';",
);
const markdown = renderRulesMarkdown(ALL_RULES, loadRuleExamples(join(root, 'fixtures', 'rules'), ALL_RULES.map((r) => r.id)));
writeOrCheck(join(root, 'docs', 'rules.md'), markdown, 'npm run docs');
