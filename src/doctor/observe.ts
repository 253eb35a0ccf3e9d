/**
 * Whole-input observations (see `Observations`), gathered line by line into a few counters.
 */
import { ELSEWHERE_ANCHORS, NOT_MEMORY, OTHER_SYSTEMS, cueOf } from './elsewhere.js';
import type { Observations } from './types.js';
import { OLD_ANCHORS, emptyOldFlink, observeOld } from './legacy-keys.js';

interface Observer {
  readonly anchors: readonly string[];
  readonly re: RegExp;
  apply(state: MutableObservations, m: RegExpExecArray, line: string): void;
}

export type MutableObservations = { -readonly [K in keyof Observations]: Observations[K] };

export const emptyObservations = (): MutableObservations => ({
  local: false,
  rocksdb: false,
  python: false,
  leakWording: false,
  resubmitWording: false,
  submissions: 0,
  longestGcPauseMs: 0,
  rpcAddress: null,
  oldFlink: emptyOldFlink(),
  otherSystem: null,
  flinkNamed: false,
  notMemory: null,
});

/**
 * Flink's own OOM texts mention leaks as a possibility; only other wording counts as evidence of
 * one.
 */
const FLINK_LEAK_TEXT =
  /This can mean two things|memory leak in (?:the )?user code|leak in user code|class loading leak/i;

const OBSERVERS: readonly Observer[] = [
  {
    // Processes that cannot reach each other at the addresses they advertise (Akka or Pekko).
    anchors: [
      'non-local recipient',
      'resolve resourcemanager address',
      'association with remote system',
      'unreachable remote address',
    ],
    re: /for non-local recipient|Could not resolve ResourceManager address|Association with remote system \[[^\]]{0,200}\] has failed|associate with unreachable remote address/i,
    apply: (s, _m, line) => {
      s.rpcAddress ??= line.trim().slice(0, 200);
    },
  },
  {
    anchors: [
      'minicluster',
      'localexecutor',
      'localstreamenvironment',
      'localenvironment',
      'teststreamenvironment',
      'executelocally',
    ],
    re: /\b(?:MiniCluster\w{0,100}|LocalExecutor\w{0,100}|LocalStreamEnvironment|LocalEnvironment|TestStreamEnvironment|createLocalEnvironment|executeLocally)\b/,
    apply: (s) => (s.local = true),
  },
  { anchors: ['rocksdb'], re: /rocksdb/i, apply: (s) => (s.rocksdb = true) },
  {
    anchors: [
      'pyflink',
      'apache_beam',
      'sdk_worker',
      'python',
      'traceback (most recent call last)',
    ],
    re: /pyflink|apache_beam|sdk_worker|\bpython\b|PythonFunctionRunner|Traceback \(most recent call last\)/i,
    apply: (s) => (s.python = true),
  },
  {
    anchors: ['leak', 'grow', 'increas', 'rising', '泄', '增长', '上涨'],
    re: /\bleak(?:s|ing|ed)?\b|\b(?:memory|heap|direct|metaspace|rss|usage)\b[^.]{0,40}\b(?:grow(?:s|ing)?|grew|increas(?:es|ing|ed)|keeps? rising|climb(?:s|ing)?)\b|内存.{0,8}(?:泄漏|泄露|持续增长|一直增长|不断增长|一直上涨)|(?:泄漏|泄露)/i,
    apply: (s, _m, line) => {
      if (!FLINK_LEAK_TEXT.test(line)) s.leakWording = true;
    },
  },
  {
    anchors: ['submi', 'deploy', '提交', '部署'],
    re: /\b(?:repeated(?:ly)?|every|each|multiple|many|several|dozens of|after (?:a few|\d{1,6}))\b[^.]{0,30}\b(?:submi(?:t|ts|tted|tting|ssions?)|re-?deploy\w{0,40})\b|\bre-?submi(?:t|ts|tted|tting|ssions?)\b|(?:反复|多次|重复|频繁|不断)地?(?:提交|部署)|提交了?.{0,4}(?:多次|很多|几十个|二十多个|多个作业)/i,
    apply: (s) => (s.resubmitWording = true),
  },
  {
    anchors: [
      'jobgraph',
      'submitting job',
      'job leader monitoring',
      'establish jobmanager connection',
      'is submitted',
    ],
    re: /Received JobGraph submission|Submitting job\b|Submitting Job with JobId|for job leader monitoring|Establish JobManager connection for job|Job \S+ is submitted/i,
    apply: (s) => s.submissions++,
  },
  {
    anchors: ['secs]', 'pause'],
    // The pause marker, then the first duration after it (found by a second search from there: one
    // lazy run up to the number backtracked over every digit of a line of `GC pause 999...`).
    re: /Full GC|GC pause|\bGC\(\d{1,12}\)\s{1,20}Pause|Pause (?:Full|Young|Remark|Cleanup|Mixed)|pause of approximately (\d{1,12})ms/i,
    apply: (s, m, line) => {
      let ms: number;
      if (m[1] !== undefined) ms = Number(m[1]);
      else {
        const d = firstDuration(line, m.index + m[0].length);
        if (!d) return;
        ms = d[2] === 'ms' ? Number(d[1]) : Number(d[1]) * 1000;
      }
      if (Number.isFinite(ms) && ms > s.longestGcPauseMs) s.longestGcPauseMs = ms;
    },
  },
];

const DURATION = /(\d{1,12}(?:\.\d{1,12})?)\s{0,20}(secs\]|ms\b)/gi;

/** The first `1.5 secs]` or `120ms` at or after `from`. */
function firstDuration(line: string, from: number): RegExpExecArray | null {
  DURATION.lastIndex = from;
  return DURATION.exec(line);
}

export const OBSERVER_ANCHORS: readonly string[] = [
  ...OBSERVERS.flatMap((o) => o.anchors),
  ...ELSEWHERE_ANCHORS,
  ...OLD_ANCHORS,
];

/** Updates the observations from one line (its lower-cased copy given for the anchor test). */
export function observe(state: MutableObservations, line: string, lower: string): void {
  if (OLD_ANCHORS.some((a) => lower.includes(a))) observeOld(state.oldFlink, line, lower);
  for (const o of OBSERVERS) {
    if (!o.anchors.some((a) => lower.includes(a))) continue;
    const m = o.re.exec(line);
    if (m) o.apply(state, m, line);
  }
  state.otherSystem ??= cueOf(OTHER_SYSTEMS, line, lower);
  state.notMemory ??= cueOf(NOT_MEMORY, line, lower);
}
