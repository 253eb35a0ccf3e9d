/**
 * Reads the input one line at a time and keeps only what a diagnosis needs: the matched
 * evidence lines (one per failure and process), a few counters, and the state of the current
 * error block. Memory stays flat however long the log is.
 */
import { FRAME_ANCHOR, HintCounter, decide, emptyScore } from './hints.js';
import {
  MAX_LINE,
  exceptionName,
  isContinuation,
  isExceptionStart,
  isFence,
  stripDecorations,
} from './lines.js';
import type { Block, Pending } from './error-block.js';
import { keptPerSignature, matchLine, rank, readDetails } from './error-block.js';
import { OBSERVER_ANCHORS, emptyObservations, observe } from './observe.js';
import type {
  Component,
  Facts,
  Observations,
  Process,
  SignatureDefinition,
  Strength,
} from './types.js';

/** One piece of evidence: a line a signature's pattern matched, with what it captured. */
export interface Sighting {
  readonly signature: SignatureDefinition;
  readonly patternIndex: number;
  readonly strength: Strength;
  readonly variant: string;
  readonly line: number;
  readonly text: string;
  readonly facts: Facts;
  /**
   * The process, decided as far as the line and its block allow; null leaves it to the whole input.
   */
  readonly process: Component | null;
  /** The pattern itself names the process (e.g. a TaskManager heartbeat). */
  readonly fixed: boolean;
  /** Someone's words that only ask whether this is the cause ("is it because of long GCs?"). */
  readonly hedged: boolean;
  occurrences: number;
}

export interface ScanResult {
  readonly sightings: readonly Sighting[];
  readonly observations: Observations;
  /** The process the whole input is about, when it says. */
  readonly inputProcess: Process | null;
  readonly lines: number;
  /** A few exception classes seen, for the note when nothing matched. */
  readonly exceptions: readonly string[];
  /**
   * A line describing the job's data work (a TaskManager's), when nothing else names the process.
   */
  readonly workLine: string | null;
  /** A line showing the client, a test or an IDE: no cluster process failed. */
  readonly outsideLine: string | null;
}

const WORD_LINES = 500;
const MAX_EXCEPTIONS = 5;

const FLINK_WORD = /flink/i;
/**
 * A stack frame or a logger's line: the text shows a program at work, which may well not be Flink.
 */
const PROGRAM_LINE =
  /^\s{0,40}at [\w$.]{1,300}\(|^\s{0,20}(?:\d{4}-\d{2}-\d{2}[ T])?\d{2}:\d{2}:\d{2}[,.]\d{3}\b.{0,80}?\b(?:INFO|WARN|WARNING|ERROR|DEBUG|FATAL)\b/;
/**
 * Words that name Flink's processes (see hints.ts WORDS) or its vocabulary (checkpoints, operators,
 * parallelism, 作业, 算子): a text with them is about Flink whatever else it shows.
 */
const PROCESS_WORD =
  /task ?manager|job ?manager|(?<![\w.(])(?:TM|JM)s?(?![\w.])|\b(?:checkpoints?|savepoints?|parallelism|watermarks?|DataStream|StreamExecutionEnvironment|job ?graph|keyBy)\b|作业|任务|算子|检查点|并行度|状态后端/i;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** One case-insensitive test for many words: most lines pass none and cost nothing more. */
const anyOf = (words: readonly string[]) =>
  new RegExp([...new Set(words.map((w) => w.toLowerCase()))].map(escape).join('|'), 'i');

export class Scanner {
  private lineNo = 0;
  private block: Block | null = null;
  private readonly hints = new HintCounter();
  private readonly seen = emptyObservations();
  private readonly found = new Map<string, Sighting>();
  private readonly exceptions = new Set<string>();
  private readonly sigWords: readonly string[];
  /**
   * Each signature's keywords as one test (a line of a long log goes through every signature's).
   */
  private readonly sigFilters: ReadonlyMap<SignatureDefinition, RegExp>;
  /**
   * Every word any signature, hint (but the stack-frame one) or observation looks for: most lines
   * contain none.
   */
  private anyFilter: RegExp;
  private hintFilterForLoggers = true;
  /** The first frame or logger line, while nothing names Flink or its processes. */
  private programLine: string | null = null;
  private processNamed = false;

  constructor(private readonly signatures: readonly SignatureDefinition[]) {
    this.sigWords = [...new Set(signatures.flatMap((s) => s.keywords))];
    this.sigFilters = new Map(signatures.map((s) => [s, anyOf(s.keywords)]));
    this.anyFilter = anyOf([...this.sigWords, ...this.hints.anchors(true), ...OBSERVER_ANCHORS]);
  }

  push(input: string): void {
    this.lineNo++;
    let line = input.length > MAX_LINE ? input.slice(0, MAX_LINE) : input;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (isFence(line)) {
      this.endBlock();
      // "```Tried to associate ..." : text pasted right after the fence (more than a language tag)
      // is a line of its own.
      const rest = line.replace(/^\s*(?:```|~~~)/, '');
      if (!/\S\s+\S/.test(rest)) return;
      line = rest;
    }
    if (!this.seen.flinkNamed && FLINK_WORD.test(line)) this.seen.flinkNamed = true;
    if (!this.seen.flinkNamed && !this.processNamed) {
      if (PROCESS_WORD.test(line)) this.processNamed = true;
      else if (this.programLine === null && PROGRAM_LINE.test(line))
        this.programLine = line.trim().slice(0, 200);
    }
    const stripped = stripDecorations(line);
    if (stripped.trim() === '') {
      this.endBlock();
      return;
    }
    if (!isContinuation(stripped)) {
      const exception = isExceptionStart(stripped);
      const joinsHeader =
        exception &&
        this.block !== null &&
        this.block.size === 1 &&
        !this.block.headerIsException &&
        this.block.matches.length === 0;
      if (!joinsHeader) {
        this.endBlock();
        this.block = {
          size: 0,
          headerIsException: exception,
          score: emptyScore(),
          matches: [],
          details: new Map(),
        };
      }
    }
    const block = (this.block ??= {
      size: 0,
      headerIsException: false,
      score: emptyScore(),
      matches: [],
      details: new Map(),
    });
    block.size++;

    let own = emptyScore();
    if (this.anyFilter.test(line)) {
      const lower = line.toLowerCase();
      own = this.hints.scan(line, lower, this.lineNo, block.score);
      observe(this.seen, line, lower);
      if (this.hintFilterForLoggers && this.hints.loggerCountingDone) {
        this.hintFilterForLoggers = false;
        this.anyFilter = anyOf([
          ...this.sigWords,
          ...this.hints.anchors(true),
          ...OBSERVER_ANCHORS,
        ]);
      }
      if (this.lineNo <= WORD_LINES) this.hints.scanWords(line, own);
      matchLine(this.signatures, this.sigFilters, this.lineNo, line, lower, own, block);
    } else {
      // No signature keyword, observation or other hint: at most a stack frame's hint applies.
      if (line.includes(FRAME_ANCHOR))
        own = this.hints.scan(line, line, this.lineNo, block.score, true);
      if (this.lineNo <= WORD_LINES) this.hints.scanWords(line, own);
    }
    if (block.details.size > 0) readDetails(this.lineNo, line, block);
    if (this.exceptions.size < MAX_EXCEPTIONS) {
      const name = exceptionName(line);
      if (name) this.exceptions.add(name);
    }
  }

  private endBlock(): void {
    const block = this.block;
    this.block = null;
    if (!block || block.matches.length === 0) return;
    const kept = keptPerSignature(block);
    const blockProcess = decide(block.score);
    for (const m of kept.values()) this.record(m, blockProcess);
  }

  private record(m: Pending, blockProcess: Process | null): void {
    const process: Component | null =
      m.fixed ??
      (m.signature.component !== 'infer' ? m.signature.component : (decide(m.own) ?? blockProcess));
    const key = `${m.signature.id}|${process ?? '?'}`;
    const prev = this.found.get(key);
    if (prev) {
      // A description of the same failure in weaker words is not another occurrence of it.
      if (rank[m.strength] > rank[prev.strength]) return;
      // Flink's own text after someone's description of it: the description was not an occurrence.
      if (rank[m.strength] < rank[prev.strength]) {
        this.found.set(key, this.sighting(m, process));
        return;
      }
      prev.occurrences++;
      const better =
        rank[m.strength] < rank[prev.strength] ||
        (m.strength === prev.strength && m.patternIndex < prev.patternIndex);
      if (!better) return;
      this.found.set(key, { ...this.sighting(m, process), occurrences: prev.occurrences });
      return;
    }
    this.found.set(key, this.sighting(m, process));
  }

  private sighting(m: Pending, process: Component | null): Sighting {
    return {
      signature: m.signature,
      patternIndex: m.patternIndex,
      strength: m.strength,
      variant: m.variant,
      line: m.line,
      text: m.text,
      facts: m.facts,
      process,
      fixed: m.fixed !== undefined,
      hedged: m.hedged,
      occurrences: 1,
    };
  }

  finish(): ScanResult {
    this.endBlock();
    const inputProcess =
      decide(this.hints.global) ?? (this.lineNo <= WORD_LINES ? decide(this.hints.words) : null);
    // Frames or log lines of a program, and not one word of Flink or its processes: another Java
    // program failed.
    if (
      this.programLine !== null &&
      !this.seen.flinkNamed &&
      !this.processNamed &&
      this.seen.notMemory === null
    ) {
      this.seen.otherSystem ??= {
        what: 'a Java program that is not Flink (its frames and log lines never name Flink or its processes)',
        advice: "size that program's own JVM or container. No Flink memory option applies to it.",
        line: this.programLine,
      };
    }
    return {
      sightings: [...this.found.values()],
      // The client, a test or an IDE run sizes its JVM itself, as a MiniCluster does (unless the
      // text names a cluster process).
      observations: {
        ...this.seen,
        local: this.seen.local || (this.hints.outsideLine !== null && inputProcess === null),
      },
      inputProcess,
      lines: this.lineNo,
      exceptions: [...this.exceptions],
      workLine: this.hints.workLine,
      outsideLine: this.hints.outsideLine,
    };
  }
}
