/**
 * Which process a failure happened in, and other facts about the whole input. Users rarely say
 * whether the JobManager or a TaskManager died, so the text has to: Flink's enriched messages,
 * entry points, thread and pod names, YARN container ids, and the log's own logger classes.
 */
import type { Process } from './types.js';

/** Where a hint counts: on its own line, in its error block, and/or for the whole input. */
type Scope = 'line' | 'block' | 'global';

interface Hint {
  /** Lower-case text the line must contain before the regex is tried. */
  readonly anchor: string;
  readonly re: RegExp;
  readonly process: Process | ((m: RegExpExecArray) => Process | null);
  readonly weight: number;
  readonly scopes: readonly Scope[];
  /** Logger-class hints stop counting early: a few hundred lines tell as much as the whole log. */
  readonly logger?: boolean;
}

/**
 * Stack frames of Flink's classes: the commonest lines of a long log. Their hints are tried on
 * their own so that a frame does not go through every other test.
 */
export const FRAME_ANCHOR = 'at org.apache.flink.';

const ALL: readonly Scope[] = ['line', 'block', 'global'];
const LOCAL: readonly Scope[] = ['line', 'block'];

/** YARN container 000001 is the application master, where the JobManager runs. */
const yarnContainer = (m: RegExpExecArray): Process =>
  Number(m[1]) === 1 ? 'jobmanager' : 'taskmanager';

/**
 * The thread an exception was thrown in, as the JVM (`Exception in thread "..."`) or Flink's
 * uncaught-exception handlers (`Thread '...' produced an uncaught exception`) print it: task
 * threads carry a subtask index ("Map (1/4)#0") and run only on TaskManagers; coordinators,
 * the REST endpoint, the dispatcher and the resource manager run only on the JobManager.
 */
const THREAD_NAME = /(?:in thread "([^"]{1,300})"|Thread '([^']{1,300})')/;
const JM_THREAD =
  /SourceCoordinator|SplitEnumerator|jobmanager|cluster-io|Dispatcher|flink-rest|RestEndpoint|resourcemanager|CheckpointCoordinator|JobMaster|OperatorCoordinator/i;
const TM_THREAD =
  /\(\d{1,5}\/\d{1,5}\)(?:#\d{1,5})?|^Source: |^Legacy Source Thread|OutputFlusher|Flink Netty (?:Server|Client)|^Sink: |-> |taskmanager|TaskExecutor|AsyncOperations|pool-\d{1,5}-thread-\d{1,5} \(|^grpc-default-executor/;
const threadProcess = (m: RegExpExecArray): Process | null => {
  const name = m[1] ?? m[2] ?? '';
  if (JM_THREAD.test(name)) return 'jobmanager';
  return TM_THREAD.test(name) ? 'taskmanager' : null;
};

const HINTS: readonly Hint[] = [
  { anchor: 'in thread "', re: THREAD_NAME, process: threadProcess, weight: 10, scopes: LOCAL },
  { anchor: "thread '", re: THREAD_NAME, process: threadProcess, weight: 10, scopes: LOCAL },
  // A thread dump (hs_err, jstack) lists the threads of one process: their names tell which.
  {
    anchor: 'javathread "',
    re: /JavaThread "([^"]{1,300})"/,
    process: threadProcess,
    weight: 3,
    scopes: ALL,
  },
  // Split enumerators and source coordinators run in the JobManager (FLIP-27 sources).
  {
    anchor: 'enumerator',
    re: /\b(?:at )?[\w.$]{0,200}(?:SplitEnumerator|SourceEnumerator|\.enumerator\.)/,
    process: 'jobmanager',
    weight: 5,
    scopes: LOCAL,
  },
  {
    anchor: 'sourcecoordinator',
    re: /\bSourceCoordinator(?:Context|Provider)?\b/,
    process: 'jobmanager',
    weight: 5,
    scopes: LOCAL,
  },
  // Job submission through the REST API lands in the JobManager (the Dispatcher).
  {
    anchor: 'handler',
    re: /\b(?:JarRunHandler|JarUploadHandler|JarPlanHandler|JobSubmitHandler)\b/,
    process: 'jobmanager',
    weight: 5,
    scopes: LOCAL,
  },
  { anchor: 'flink master', re: /Flink Master/i, process: 'jobmanager', weight: 10, scopes: ALL },
  {
    anchor: 'jobmanager.memory.',
    re: /\bjobmanager\.memory\./i,
    process: 'jobmanager',
    weight: 10,
    scopes: ALL,
  },
  {
    anchor: 'entrypoint',
    re: /\b(?:\w*Cluster(?:Entrypoint|EntryPoint))\b/,
    process: 'jobmanager',
    weight: 10,
    scopes: ALL,
  },
  {
    anchor: 'cluster entrypoint',
    re: /error occurred in the cluster entrypoint/i,
    process: 'jobmanager',
    weight: 10,
    scopes: ALL,
  },
  {
    anchor: 'jobmanager-',
    re: /\bjobmanager-(?:io|future)-thread|Thread '?jobmanager-/i,
    process: 'jobmanager',
    weight: 5,
    scopes: ALL,
  },
  {
    anchor: 'standalonesession',
    re: /\bstandalonesession\b/i,
    process: 'jobmanager',
    weight: 5,
    scopes: ALL,
  },
  {
    anchor: 'application master',
    re: /\bapplication master\b|\bApplicationMaster\b/i,
    process: 'jobmanager',
    weight: 5,
    scopes: LOCAL,
  },
  {
    anchor: 'container_',
    re: /\bcontainer_(?:e\d+_)?\d+_\d+_\d+_(\d+)\b/,
    process: yarnContainer,
    weight: 10,
    scopes: LOCAL,
  },
  // The same id (digits masked as **** too) on a line about that container's exit, kill or memory
  // use decides for the whole input.
  {
    anchor: 'container_',
    re: /\bcontainer_(?:[\w*]{1,60}_)?(\d{6})\b[^\n]{0,200}?(?:\bexit|\bkill|\bterminat|\bmemory\b|内存)/i,
    process: yarnContainer,
    weight: 10,
    scopes: ['global'],
  },
  {
    anchor: 'container-id ',
    re: /\bcontainer-id (?:[\w*]{1,60}_)?(\d{6})\b[^\n]{0,200}?(?:\bexit|\bkill|\bterminat|\bmemory\b|内存)/i,
    process: yarnContainer,
    weight: 10,
    scopes: ['global'],
  },
  {
    anchor: '-jobmanager',
    re: /\w-jobmanager\b/i,
    process: 'jobmanager',
    weight: 5,
    scopes: LOCAL,
  },
  {
    anchor: '-taskmanager',
    re: /\w-taskmanager\b/i,
    process: 'taskmanager',
    weight: 5,
    scopes: LOCAL,
  },
  {
    anchor: 'name:',
    re: /^Name:\s+\S*jobmanager/i,
    process: 'jobmanager',
    weight: 20,
    scopes: ALL,
  },
  {
    anchor: 'name:',
    re: /^Name:\s+\S*taskmanager/i,
    process: 'taskmanager',
    weight: 20,
    scopes: ALL,
  },
  {
    anchor: 'component',
    re: /\bcomponent[=:]\s*jobmanager\b/i,
    process: 'jobmanager',
    weight: 20,
    scopes: ALL,
  },
  {
    anchor: 'component',
    re: /\bcomponent[=:]\s*taskmanager\b/i,
    process: 'taskmanager',
    weight: 20,
    scopes: ALL,
  },
  {
    anchor: 'taskmanager.memory.',
    re: /\btaskmanager\.memory\./i,
    process: 'taskmanager',
    weight: 10,
    scopes: ALL,
  },
  // The keys of Flink 1.9 and older.
  {
    anchor: 'taskmanager.heap',
    re: /\btaskmanager\.heap\.(?:size|mb)\b/i,
    process: 'taskmanager',
    weight: 10,
    scopes: ALL,
  },
  {
    anchor: 'jobmanager.heap',
    re: /\bjobmanager\.heap\.(?:size|mb)\b/i,
    process: 'jobmanager',
    weight: 10,
    scopes: ALL,
  },
  {
    anchor: 'task executor has to be shutdown',
    re: /task executor has to be shutdown/i,
    process: 'taskmanager',
    weight: 10,
    scopes: ALL,
  },
  {
    anchor: 'error occurred in taskexecutor',
    re: /Fatal error occurred in TaskExecutor/i,
    process: 'taskmanager',
    weight: 10,
    scopes: ALL,
  },
  {
    anchor: 'executing the taskmanager',
    re: /while executing the TaskManager/i,
    process: 'taskmanager',
    weight: 10,
    scopes: ALL,
  },
  {
    anchor: 'executorrunner',
    re: /\b\w*TaskExecutorRunner\b/,
    process: 'taskmanager',
    weight: 10,
    scopes: ALL,
  },
  {
    anchor: 'taskmanagerrunner',
    re: /\bTaskManagerRunner\b/,
    process: 'taskmanager',
    weight: 10,
    scopes: ALL,
  },
  {
    anchor: 'starting task',
    re: /\bStarting Task(?:Manager|Executor)\b/,
    process: 'taskmanager',
    weight: 10,
    scopes: ALL,
  },
  {
    anchor: 'taskexecutor-',
    re: /\btaskexecutor-\d/i,
    process: 'taskmanager',
    weight: 5,
    scopes: ALL,
  },
  {
    anchor: 'starting taskexecutor',
    re: /\bStarting taskexecutor (?:daemon|as a console application)/i,
    process: 'taskmanager',
    weight: 10,
    scopes: ALL,
  },
  {
    anchor: 'starting standalone',
    re: /\bStarting standalone(?:session|job) (?:daemon|as a console application)/i,
    process: 'jobmanager',
    weight: 10,
    scopes: ALL,
  },
  {
    anchor: 'memory configuration failed',
    re: /TaskManager memory configuration failed/,
    process: 'taskmanager',
    weight: 10,
    scopes: ALL,
  },
  {
    anchor: 'memory configuration failed',
    re: /JobManager memory configuration failed/,
    process: 'jobmanager',
    weight: 10,
    scopes: ALL,
  },
  {
    anchor: 'taskexecutorprocessutils',
    re: /\bTaskExecutorProcessUtils\b/,
    process: 'taskmanager',
    weight: 5,
    scopes: LOCAL,
  },
  {
    anchor: 'taskexecutorresourceutils',
    re: /\bTaskExecutorResourceUtils\b/,
    process: 'taskmanager',
    weight: 5,
    scopes: LOCAL,
  },
  {
    anchor: 'jobmanagerprocessutils',
    re: /\bJobManagerProcessUtils\b/,
    process: 'jobmanager',
    weight: 5,
    scopes: LOCAL,
  },
  // Stack frames of code that runs in only one of the two processes.
  {
    anchor: 'at org.apache.flink.',
    re: /\bat org\.apache\.flink\.(?:runtime\.(?:taskexecutor|io\.network)\.|runtime\.taskmanager\.Task\.|streaming\.runtime\.tasks\.)/,
    process: 'taskmanager',
    weight: 3,
    scopes: LOCAL,
  },
  {
    anchor: 'at org.apache.flink.runtime.',
    re: /\bat org\.apache\.flink\.runtime\.(?:dispatcher|jobmaster|resourcemanager|entrypoint|source\.coordinator|operators\.coordination|scheduler|executiongraph|webmonitor|rest\.handler|checkpoint\.CheckpointCoordinator)\./,
    process: 'jobmanager',
    weight: 3,
    scopes: LOCAL,
  },
  // Operators, state backends and batch drivers run in TaskManagers.
  {
    anchor: 'at org.apache.flink.',
    re: /\bat org\.apache\.flink\.(?:table\.runtime\.operators|streaming\.api\.operators|runtime\.operators\.(?!coordination)|contrib\.streaming\.state|state\.rocksdb|runtime\.state\.heap|streaming\.api\.functions)\./,
    process: 'taskmanager',
    weight: 3,
    scopes: LOCAL,
  },
  // Serializers, formats and connectors' readers and writers run with the records, in TaskManagers
  // (split enumerators are caught above).
  {
    anchor: 'at org.apache.flink.',
    re: /\bat org\.apache\.flink\.(?:api\.common\.typeutils|api\.java\.typeutils|formats\.|streaming\.connectors\.|connector\.[\w.]{1,80}\.(?:reader|writer|sink)\.)/,
    process: 'taskmanager',
    weight: 3,
    scopes: LOCAL,
  },
  // The same frames anywhere in the input, weakly: a trace cut from its error line still tells.
  {
    anchor: 'at org.apache.flink.',
    re: /\bat org\.apache\.flink\.(?:table\.runtime\.operators|streaming\.api\.operators|streaming\.runtime\.tasks|runtime\.taskmanager\.Task\.|runtime\.operators\.(?!coordination)|contrib\.streaming\.state|state\.rocksdb|runtime\.state\.heap|streaming\.api\.functions)/,
    process: 'taskmanager',
    weight: 1,
    scopes: ['global'],
  },
  // Operator coordinators (split enumerators, source coordinators) live only in the JobManager:
  // their frames or Flink's
  // "Global failure triggered by OperatorCoordinator" anywhere in the input point there, weakly,
  // when the failure is told elsewhere.
  {
    anchor: 'at org.apache.flink.runtime.',
    re: /\bat org\.apache\.flink\.runtime\.(?:source\.coordinator|operators\.coordination)\./,
    process: 'jobmanager',
    weight: 1,
    scopes: ['global'],
  },
  {
    anchor: 'triggered by operatorcoordinator',
    re: /Global failure triggered by OperatorCoordinator\b/,
    process: 'jobmanager',
    weight: 3,
    scopes: ['global'],
  },
  // A task failing: even in a JobManager log, the exception below it happened in a TaskManager.
  {
    anchor: 'to failed',
    re: /\) switched from (?!state\b)\w+ to FAILED/,
    process: 'taskmanager',
    weight: 5,
    scopes: LOCAL,
  },
  {
    anchor: 'org.apache.flink.runtime.taskexecutor.',
    re: /\b(?:INFO|WARN|ERROR|DEBUG|FATAL)\s+org\.apache\.flink\.runtime\.taskexecutor\./,
    process: 'taskmanager',
    weight: 1,
    scopes: ['global'],
    logger: true,
  },
  {
    anchor: 'org.apache.flink.runtime.',
    re: /\b(?:INFO|WARN|ERROR|DEBUG|FATAL)\s+org\.apache\.flink\.runtime\.(?:dispatcher|jobmaster|resourcemanager|entrypoint)\./,
    process: 'jobmanager',
    weight: 1,
    scopes: ['global'],
    logger: true,
  },
];

/** Someone's own words naming a process; weaker than anything Flink prints. */
const WORDS: readonly { re: RegExp; process: Process }[] = [
  { re: /(?<![\w.])(?:job ?manager?s?|JMs?)(?!\w|\.\w)/i, process: 'jobmanager' },
  // Not the trade mark of "Java HotSpot(TM)".
  {
    re: /(?<![\w.])(?:task ?managers?|(?<!\()TMs?|task ?mem(?:ory)?|task ?内存)(?!\w|\.\w)/i,
    process: 'taskmanager',
  },
];

/**
 * The job's own data work, in someone's words or a trace: sources and sinks, operators, windows,
 * state, subtasks. It runs in TaskManagers, so a failure described with it is a TaskManager's when
 * nothing else names the process. Only a fallback: a named process or Flink's own text decides
 * first.
 */
const WORK =
  /\b(?:sinks?|sink(?:Function|Writer|Operator)|(?:source|split) ?read(?:er|ers|ing)?|writers?|committers?|writ(?:e|es|ing) (?:in)?to|insert(?:s|ing)? into|bulk[_ ]insert|operators?|windows?|windowing|tumbling|sliding|state ?backends?|keyed state|state on the heap|subtasks?|task threads|(?:each|per|every) task|task slots?|SourceFunction|RichSourceFunction|connectors?|back ?pressure|in parallel)\b|-ytm\b|\bjoins?\b|aggregat(?:e|es|ion|ions|ing)\b|\budfs?\b|\brocksdb\b|\bkafka (?:consumers?|producers?)\b|\b(?:large|big|huge) (?:splits?|chunks?)\b|\b(?:splits?|chunks?) (?:is |are |was |were )?too (?:large|big)\b|(?:单个)?分片(?:容量|数据量|数据)?(?:过大|太大)|写入|写\s?(?:到\s?)?(?=[A-Za-z])|读取|算子|窗口|状态后端|状态(?:过大|太大|很大)|大状态|子任务|反压|背压|消费(?:延迟|积压|速度)|消费者|生产者|关联|聚合|并行度/i;

/** The program that submits the job (CLI, client library), a test or an IDE: no cluster process. */
const OUTSIDE =
  /\b(?:JobClient|CliFrontend|ClusterClient|RestClusterClient)\b|\bflink (?:client|cli)\b|\b(?:in|inside|from) (?:the |my |an? )?IDE\b|\bIntelliJ\b|\b(?:unit |integration |the |our |flink )?tests? (?:are |is |were |was )?fail(?:s|ing|ed)?\b|\bbuild machine\b|\btest JVM\b|(?:本地|idea ?中?)(?:运行|调试|启动)|客户端(?:提交|内存|报错)/i;

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
