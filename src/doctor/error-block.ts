/**
 * One error block of the input (a message with the trace or wrapped lines below it): the signature
 * matches in it, the details read from the lines below a match, and the match kept per failure
 * when the block ends.
 */
import type { Score } from './hints.js';
import { evidenceText } from './lines.js';
import type { Component, SignatureDefinition, Strength } from './types.js';

export interface Pending {
  signature: SignatureDefinition;
  patternIndex: number;
  strength: Strength;
  variant: string;
  fixed: Component | undefined;
  line: number;
  text: string;
  facts: Record<string, string>;
  own: Score;
  hedged: boolean;
}

export interface Block {
  size: number;
  headerIsException: boolean;
  score: Score;
  matches: Pending[];
  /** Signatures that read details from the following lines, until the given line. */
  details: Map<SignatureDefinition, number>;
}

/** How far below a match its details are looked for (wrapped messages, `Caused by:` below it). */
const DETAIL_LINES = 40;
const MAX_BLOCK_MATCHES = 64;
/**
 * A cause only asked about, just before it on the line: "是不是由于", "is it because of", "could it be".
 */
const HEDGE =
  /是不是(?:由于|因为)?|是否(?:由于|因为)|会不会是|难道是|\b(?:is|was|could|might) (?:it|this|that) (?:be )?(?:because of|due to|caused by)\b|\bcould (?:it|this|that) be\b/i;
/** Stronger evidence ranks lower. */
export const rank: Readonly<Record<Strength, number>> = { strong: 0, weak: 1, vague: 2 };

/** Records the first pattern of each signature that matches the line. */
export function matchLine(
  signatures: readonly SignatureDefinition[],
  sigFilters: ReadonlyMap<SignatureDefinition, RegExp>,
  lineNo: number,
  line: string,
  lower: string,
  own: Score,
  block: Block,
): void {
  for (const signature of signatures) {
    if (!sigFilters.get(signature)!.test(lower)) continue;
    if (signature.excludes?.some((re) => re.test(line))) continue;
    for (let i = 0; i < signature.patterns.length; i++) {
      const pattern = signature.patterns[i]!;
      const m = pattern.re.exec(line);
      if (!m) continue;
      const facts: Record<string, string> = {};
      for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) facts[k] = v;
      if (block.matches.length >= MAX_BLOCK_MATCHES) {
        // A huge block (thousands of indented lines) keeps one entry per signature at most.
        if (block.matches.some((x) => x.signature === signature)) break;
        block.matches.shift();
      }
      block.matches.push({
        signature,
        patternIndex: i,
        strength: pattern.strength ?? 'strong',
        variant: pattern.variant ?? '',
        fixed: pattern.component,
        line: lineNo,
        text: evidenceText(line),
        facts,
        own: { ...own },
        hedged: (pattern.strength ?? 'strong') !== 'strong' && HEDGE.test(line.slice(0, m.index)),
      });
      if (signature.details) block.details.set(signature, lineNo + DETAIL_LINES);
      break;
    }
  }
}

/** Adds what a signature's detail patterns capture on a line below its match. */
export function readDetails(lineNo: number, line: string, block: Block): void {
  for (const [signature, until] of block.details) {
    if (lineNo > until) {
      block.details.delete(signature);
      continue;
    }
    const target = [...block.matches].reverse().find((m) => m.signature === signature);
    if (!target) continue;
    for (const re of signature.details ?? []) {
      const m = re.exec(line);
      if (!m) continue;
      for (const [k, v] of Object.entries(m.groups ?? {}))
        if (v !== undefined && !(k in target.facts)) target.facts[k] = v;
    }
  }
}

/**
 * The root cause wins: among the failure texts of one error block the deepest (last) decides;
 * several lines of the same failure merge their facts. Descriptions in own words all stay.
 */
export function keptPerSignature(block: Block): Map<SignatureDefinition, Pending> {
  const strong = block.matches.filter((m) => m.strength === 'strong');
  const deepest = strong.length > 0 ? strong[strong.length - 1]! : null;
  const kept = new Map<SignatureDefinition, Pending>();
  for (const m of block.matches) {
    if (m.strength === 'strong' && m.signature !== deepest?.signature) continue;
    const prev = kept.get(m.signature);
    if (!prev) {
      kept.set(m.signature, { ...m, facts: { ...m.facts } });
      continue;
    }
    const better =
      rank[m.strength] < rank[prev.strength] ||
      (m.strength === prev.strength && m.patternIndex < prev.patternIndex);
    const facts = better ? { ...prev.facts, ...m.facts } : { ...m.facts, ...prev.facts };
    kept.set(
      m.signature,
      better
        ? { ...m, facts, own: sum(prev.own, m.own) }
        : { ...prev, facts, own: sum(prev.own, m.own) },
    );
  }
  return kept;
}

function sum(a: Score, b: Score): Score {
  return { jobmanager: a.jobmanager + b.jobmanager, taskmanager: a.taskmanager + b.taskmanager };
}
