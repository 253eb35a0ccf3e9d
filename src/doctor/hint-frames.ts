/** Hints from configuration keys, stack frames, coordinators and failing tasks. */
import { ALL, LOCAL, type Hint } from './hint-table.js';

export const KEY_AND_FRAME_HINTS: readonly Hint[] = [
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
