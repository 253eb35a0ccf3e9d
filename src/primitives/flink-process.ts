/**
 * The two kinds of Flink JVM process whose memory flink-mem models, spelt as their option keys
 * begin.
 */
export type Process = 'taskmanager' | 'jobmanager';
