/**
 * The table of hints that tell which process a line comes from: its types, the thread names, and
 * the entries for Flink's enriched messages, entry points, pods and YARN containers.
 */
import type { Process } from './types.js';

/** Where a hint counts: on its own line, in its error block, and/or for the whole input. */
export type Scope = 'line' | 'block' | 'global';

export interface Hint {
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

export const ALL: readonly Scope[] = ['line', 'block', 'global'];
export const LOCAL: readonly Scope[] = ['line', 'block'];

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

export const ENTRY_HINTS: readonly Hint[] = [
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
];
