/** Keys set twice in a legacy `flink-conf.yaml`: Flink keeps the last value. */
import { clip } from './messages.js';
import type { ConfigEntry, ConfigProblem } from './types.js';

/** Each overridden line names the line whose value Flink keeps. */
export function reportDuplicates(entries: readonly ConfigEntry[], problems: ConfigProblem[]): void {
  const winner = new Map<string, ConfigEntry>();
  for (const e of entries) winner.set(e.key, e);
  for (const e of entries) {
    const w = winner.get(e.key);
    if (!w || w === e || !e.keySpan || !w.keySpan) continue;
    problems.push({
      kind: 'legacy-duplicate',
      key: e.key,
      span: e.keySpan,
      message: `"${clip(e.key)}" (${clip(e.text)}) is set again on line ${w.keySpan.line} (${clip(w.text)}), and Flink keeps the later value`,
    });
  }
}
