/** Types of readme-rule-index.mjs for the TypeScript tests. */
export function withRuleIndexes(readme: string, ids: readonly string[]): string;
