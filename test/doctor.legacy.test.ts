/**
 * Reports from Flink 1.9 and older get that version's keys, each with its modern equivalent;
 * a version from 1.10 on, or a version the caller names, keeps the modern keys.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../src/doctor/advisor.js';
import { parseVersion } from '../src/primitives/version.js';

const OOM = 'java.lang.OutOfMemoryError: Java heap space';
const keys = (text: string, version?: string) =>
  diagnose({
    text,
    ...(version ? { version: parseVersion(version)! } : {}),
  }).diagnoses[0]?.suggestions.map((s) => s.key) ?? [];

describe('old Flink versions', () => {
  it.each([
    [
      'a stated version',
      `We run Flink 1.9.1 on a standalone cluster and the TaskManager fails: ${OOM}`,
    ],
    ['a version in Chinese', `Flink版本1.8，TM 报 ${OOM}`],
    ['a distribution folder', `/opt/flink-1.7.2/bin/taskmanager.sh start\n${OOM}`],
    [
      "the TaskManager's start-up line",
      `2019-10-01 10:00:00,000 INFO  org.apache.flink.runtime.taskexecutor.TaskManagerRunner - Starting TaskManager (Version: 1.9.1, Rev:4d56de8, Date:30.09.2019 @ 11:32:19 CST)\n${OOM}`,
    ],
    ['a key only old versions read', `containerized.heap-cutoff-ratio: 0.25\n${OOM}`],
  ])('%s', (_name, text) => {
    const k = keys(text);
    expect(k).toContain('taskmanager.heap.size');
    expect(
      k.some(
        (x) => x.startsWith('taskmanager.memory.process') || x.startsWith('jobmanager.memory.'),
      ),
    ).toBe(false);
  });

  it.each([
    ['Flink 1.19', `We run Flink 1.19 and the TaskManager fails: ${OOM}`],
    ['Flink 1.10', `Flink 1.10.0, TaskManager: ${OOM}`],
    [
      'a deprecated key with a modern version',
      `Flink 1.17 with taskmanager.heap.size: 2g in the file, TaskManager: ${OOM}`,
    ],
  ])('keeps the modern keys for %s', (_name, text) => {
    const k = keys(text);
    expect(k).toContain('taskmanager.memory.process.size');
    expect(k).not.toContain('taskmanager.heap.size');
  });

  it('keeps the modern keys when the caller names the version', () => {
    expect(keys(`Flink 1.9.1, TaskManager: ${OOM}`, '1.17')).toContain(
      'taskmanager.memory.process.size',
    );
  });

  it('names the modern equivalent in every reason', () => {
    const d = diagnose({
      text: `Flink 1.8 on YARN, TaskManager: Container [pid=1,containerID=container_e01_1500000000000_0001_01_000002] is running beyond physical memory limits. Current usage: 4.1 GB of 4 GB physical memory used; 6.3 GB of 8.4 GB virtual memory used. Killing container.`,
    }).diagnoses[0]!;
    expect(d.suggestions.map((s) => s.key)).toEqual(['containerized.heap-cutoff-ratio']);
    for (const s of d.suggestions) expect(s.why).toMatch(/from Flink 1\.10 on/);
  });
});
