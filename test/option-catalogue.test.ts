/**
 * The catalogue of real Flink keys generated from Flink's option docs
 * (scripts/gen-option-catalogue.mjs,
 * src/options/known-keys.ts): it is up to date with its inputs, it knows real keys of several
 * versions (issue 11: "classloader.fail-on-metaspace-oom-error" was called "not a Flink option in
 * any version"), and it does not make invented memory keys real.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  flinkKeyCount,
  flinkKeyInfo,
  isDocumentedKey,
  matchesKeyPattern,
} from '../src/options/known-keys.js';
import { isKnownKey } from '../src/options/key-suggestions.js';

describe('generated option catalogue', () => {
  it('is what scripts/gen-option-catalogue.mjs makes of scripts/flink-options-src (run it when this fails)', () => {
    expect(() =>
      execFileSync(process.execPath, ['scripts/gen-option-catalogue.mjs', '--check'], {
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });

  it('knows classloader.fail-on-metaspace-oom-error', () => {
    expect(isKnownKey('classloader.fail-on-metaspace-oom-error')).toBe(true);
    expect(flinkKeyInfo('classloader.fail-on-metaspace-oom-error')).toMatchObject({ type: 'b' });
  });

  it.each([
    // Hugo docs tables (Flink 1.13 on)
    'taskmanager.memory.framework.off-heap.batch-shuffle.size',
    'taskmanager.network.memory.buffer-debloat.enabled',
    'taskmanager.system-out.log.cache-upper-size',
    'state.backend.forst.memory.fixed-per-tm',
    'state.backend.rocksdb.memory.partitioned-index-filters',
    'python.fn-execution.memory.managed',
    'state.storage.fs.memory-threshold',
    // removed in 2.0 (release notes)
    'taskmanager.network.memory.max-overdraft-buffers-per-gate',
    'taskmanager.network.hybrid-shuffle.num-retained-in-memory-regions-max',
  ])('knows the real key %s', (key) => expect(isKnownKey(key)).toBe(true));

  it('says which keys the 2.0 release notes list as removed', () => {
    expect(
      flinkKeyInfo('taskmanager.network.memory.max-overdraft-buffers-per-gate')?.removedIn,
    ).toBe('2.0');
    // The notes write "jobmanager.web.port;": the stray semicolon is not part of the key.
    expect(flinkKeyInfo('jobmanager.web.port')?.removedIn).toBe('2.0');
    expect(flinkKeyInfo('classloader.fail-on-metaspace-oom-error')?.removedIn).toBeUndefined();
  });

  it('says which release added or deprecated a key where the release notes name it', () => {
    expect(flinkKeyInfo('slotmanager.min-total-resource.memory')).toMatchObject({
      addedIn: '1.19',
    });
    expect(flinkKeyInfo('jobmanager.adaptive-scheduler.min-parallelism-increase')).toMatchObject({
      deprecatedIn: '2.0',
    });
    expect(isKnownKey('slotmanager.min-total-resource.memory')).toBe(true);
  });

  it.each([
    'taskmanager.memory.heap.size',
    'flink.memory.managed.fraction',
    'jobmanager.memory.managed.fraction',
    'flink.memory.heap.size',
    'classloader.metaspace.size',
    'taskmanager.memory.task.heap.size.',
  ])('does not make the invented key %s real', (key) => {
    expect(isDocumentedKey(key)).toBe(false);
    expect(isKnownKey(key)).toBe(false);
  });

  it('leaves the memory model namespaces to the curated catalogue (a pre-1.10 development table named keys no release has)', () => {
    expect(flinkKeyInfo('taskmanager.memory.shuffle.min')?.seenIn).toEqual(['1.10-1.12']);
    expect(isKnownKey('taskmanager.memory.shuffle.min')).toBe(false);
    expect(isKnownKey('taskmanager.memory.total-process.size')).toBe(false);
    // real ones are still known, through the curated catalogue
    expect(isKnownKey('taskmanager.memory.framework.off-heap.batch-shuffle.size')).toBe(true);
  });

  it('knows keys of the Jekyll docs (Flink 1.10 to 1.12) that later versions dropped', () => {
    for (const key of [
      'mesos.resourcemanager.tasks.cpus',
      'python.fn-execution.buffer.memory.size',
      'taskmanager.network.max-buffers-per-channel',
    ]) {
      expect(isKnownKey(key), key).toBe(true);
      expect(flinkKeyInfo(key)?.seenIn, key).toContain('1.10-1.12');
    }
  });

  it('accepts key families with a user-chosen name, part by part', () => {
    expect(matchesKeyPattern('metrics.reporter.prom.factory.class')).toBe(true);
    expect(matchesKeyPattern('metrics.reporter.my_jmx.port')).toBe(true);
    expect(matchesKeyPattern('external-resource.gpu.amount')).toBe(true);
    expect(matchesKeyPattern('containerized.taskmanager.env.JAVA_HOME')).toBe(true);
    expect(matchesKeyPattern('s3.access-key')).toBe(true);
    // the name and the rest must both be there
    expect(matchesKeyPattern('metrics.reporter.prom')).toBe(false);
    expect(matchesKeyPattern('metrics.reporter..port')).toBe(false);
    expect(matchesKeyPattern('metrics.reporters.prom.port')).toBe(false);
    expect(matchesKeyPattern('s3.')).toBe(false);
  });

  it('accepts one entry of a Map option written as its own key', () => {
    expect(isDocumentedKey('kubernetes.jobmanager.annotations.prometheus.io/scrape')).toBe(true);
    expect(isDocumentedKey('pipeline.global-job-parameters.heap_watch')).toBe(true);
    expect(isDocumentedKey('kubernetes.jobmanager.annotations.')).toBe(false);
    expect(isDocumentedKey('kubernetes.jobmanager.cpu.heap')).toBe(false);
  });

  it('answers for a long key of many dots as quickly as for a short one (the prefix search is bounded)', () => {
    const long = `kubernetes.jobmanager.annotations${'.a'.repeat(200_000)}`;
    const hostile = `x${'.heap'.repeat(200_000)}`;
    expect(isDocumentedKey(long)).toBe(true);
    expect(isDocumentedKey(hostile)).toBe(false);
  });

  it('holds hundreds of keys', () => expect(flinkKeyCount()).toBeGreaterThan(200));
});
