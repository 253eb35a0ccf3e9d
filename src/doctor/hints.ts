/**
 * Which process a failure happened in, and other facts about the whole input. Users rarely say
 * whether the JobManager or a TaskManager died, so the text has to: Flink's enriched messages,
 * entry points, thread and pod names, YARN container ids, and the log's own logger classes.
 */
import type { Process } from './types.js';
import { OUTSIDE, WORDS, WORK } from './hint-cues.js';
import { KEY_AND_FRAME_HINTS } from './hint-frames.js';
import { ENTRY_HINTS, FRAME_ANCHOR, type Hint } from './hint-table.js';

export { FRAME_ANCHOR };

const HINTS: readonly Hint[] = [...ENTRY_HINTS, ...KEY_AND_FRAME_HINTS];

export interface Score {
  jobmanager: number;
  taskmanager: number;
}

export const emptyScore = (): Score => ({ jobmanager: 0, taskmanager: 0 });

export function decide(score: Score): Process | null {
  if (score.jobmanager > score.taskmanager) return 'jobmanager';
  if (score.taskmanager > score.jobmanager) return 'taskmanager';
  return null;
}

const LOGGER_CAP = 30;
const LOGGER_LINES = 5_000;

/** Counts hints line by line; keeps only numbers. */
export class HintCounter {
  readonly global = emptyScore();
  readonly words = emptyScore();
  /** The first line that shows the job's data work (see WORK), or null. */
  workLine: string | null = null;
  /** The first line that shows the client, a test or an IDE (see OUTSIDE), or null. */
  outsideLine: string | null = null;
  private loggerCounts = emptyScore();
  private loggersDone = false;

  /**
   * The hints of one line (lower-cased copy given), added to the block and global scores.
   * `framesOnly` tries only the stack-frame hints, for lines that hold no other anchor.
   */
  scan(line: string, lower: string, lineNo: number, block: Score, framesOnly = false): Score {
    const own = emptyScore();
    if (!this.loggersDone && lineNo > LOGGER_LINES) this.loggersDone = true;
    for (const h of HINTS) {
      if (h.logger && this.loggersDone) continue;
      if (framesOnly && !h.anchor.startsWith(FRAME_ANCHOR)) continue;
      if (!lower.includes(h.anchor)) continue;
      const m = h.re.exec(line);
      if (!m) continue;
      const p = typeof h.process === 'function' ? h.process(m) : h.process;
      if (!p) continue;
      if (h.logger) {
        if (this.loggerCounts[p] >= LOGGER_CAP) continue;
        this.loggerCounts[p]++;
        if (
          this.loggerCounts.jobmanager >= LOGGER_CAP &&
          this.loggerCounts.taskmanager >= LOGGER_CAP
        )
          this.loggersDone = true;
      }
      if (h.scopes.includes('line')) own[p] += h.weight;
      if (h.scopes.includes('block')) block[p] += h.weight;
      if (h.scopes.includes('global')) this.global[p] += h.weight;
    }
    return own;
  }

  /** Words like "JobManager" count only for short free-text inputs, where nothing else says. */
  scanWords(line: string, own: Score): void {
    if (this.workLine === null && WORK.test(line)) this.workLine = line.trim().slice(0, 200);
    if (this.outsideLine === null && OUTSIDE.test(line))
      this.outsideLine = line.trim().slice(0, 200);
    for (const w of WORDS) {
      if (w.re.test(line)) {
        this.words[w.process]++;
        own[w.process] += 1;
      }
    }
  }

  /**
   * Hint anchors, for the cheap test every line goes through first; stack-frame anchors apart when
   * asked.
   */
  anchors(withoutFrames = false): string[] {
    return HINTS.filter(
      (h) =>
        !(h.logger && this.loggersDone) && !(withoutFrames && h.anchor.startsWith(FRAME_ANCHOR)),
    ).map((h) => h.anchor);
  }

  get loggerCountingDone(): boolean {
    return this.loggersDone;
  }
}
