// The README's SARIF example shows a result's `ruleIndex`: the rule's position in the registry
// (rules/index.ts), which changes whenever a rule is added before it. `npm run docs` writes it from
// the rule list; test/readme.test.ts fails when README.md holds another number.

const RESULT = /"ruleId": "([a-z0-9-]+)",(\s+)"ruleIndex": \d+/g;

/** `readme` with every `"ruleId": "<id>", "ruleIndex": N` pair set to the id's index in `ids`. */
export function withRuleIndexes(readme, ids) {
  return readme.replace(RESULT, (whole, id, space) => {
    const index = ids.indexOf(id);
    if (index < 0)
      throw new Error(
        `README.md shows a SARIF result of rule "${id}", which is not in rules/index.ts`,
      );
    return `"ruleId": "${id}",${space}"ruleIndex": ${index}`;
  });
}
