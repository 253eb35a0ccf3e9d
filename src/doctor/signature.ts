/**
 * `defineSignature`: declares a symptom signature the way rules are declared, and checks the
 * declaration once, when the registry loads, so a broken signature fails every test at once.
 */
import type { SignatureDefinition } from './types.js';

const ID = /^[a-z]+(-[a-z]+)*$/;

export function defineSignature(def: SignatureDefinition): SignatureDefinition {
  const problems: string[] = [];
  if (!ID.test(def.id)) problems.push('the id must be kebab-case');
  if (def.patterns.length === 0) problems.push('at least one pattern is needed');
  if (def.keywords.length === 0) problems.push('at least one keyword is needed');
  for (const k of def.keywords)
    if (k !== k.toLowerCase() || k.trim() === '')
      problems.push(`keyword "${k}" must be lower-case text`);
  for (const p of def.patterns)
    if (p.re.global || p.re.sticky) problems.push(`pattern ${p.re} must not be global or sticky`);
  if (def.docs.length === 0) problems.push('at least one docs link is needed');
  if (problems.length > 0)
    throw new Error(`flink-mem internal error: signature ${def.id}: ${problems.join('; ')}`);
  return def;
}
