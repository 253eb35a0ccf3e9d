/** Cue lexicons in English and Chinese: a process named in words, the job's work, the outside. */
import type { Process } from './types.js';

/** Someone's own words naming a process; weaker than anything Flink prints. */
export const WORDS: readonly { re: RegExp; process: Process }[] = [
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
export const WORK =
  /\b(?:sinks?|sink(?:Function|Writer|Operator)|(?:source|split) ?read(?:er|ers|ing)?|writers?|committers?|writ(?:e|es|ing) (?:in)?to|insert(?:s|ing)? into|bulk[_ ]insert|operators?|windows?|windowing|tumbling|sliding|state ?backends?|keyed state|state on the heap|subtasks?|task threads|(?:each|per|every) task|task slots?|SourceFunction|RichSourceFunction|connectors?|back ?pressure|in parallel)\b|-ytm\b|\bjoins?\b|aggregat(?:e|es|ion|ions|ing)\b|\budfs?\b|\brocksdb\b|\bkafka (?:consumers?|producers?)\b|\b(?:large|big|huge) (?:splits?|chunks?)\b|\b(?:splits?|chunks?) (?:is |are |was |were )?too (?:large|big)\b|(?:单个)?分片(?:容量|数据量|数据)?(?:过大|太大)|写入|写\s?(?:到\s?)?(?=[A-Za-z])|读取|算子|窗口|状态后端|状态(?:过大|太大|很大)|大状态|子任务|反压|背压|消费(?:延迟|积压|速度)|消费者|生产者|关联|聚合|并行度/i;

/** The program that submits the job (CLI, client library), a test or an IDE: no cluster process. */
export const OUTSIDE =
  /\b(?:JobClient|CliFrontend|ClusterClient|RestClusterClient)\b|\bflink (?:client|cli)\b|\b(?:in|inside|from) (?:the |my |an? )?IDE\b|\bIntelliJ\b|\b(?:unit |integration |the |our |flink )?tests? (?:are |is |were |was )?fail(?:s|ing|ed)?\b|\bbuild machine\b|\btest JVM\b|(?:本地|idea ?中?)(?:运行|调试|启动)|客户端(?:提交|内存|报错)/i;
