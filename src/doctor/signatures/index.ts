/** Every symptom signature, sorted by id. A signature that is not listed here does not exist. */
import containerMemoryExceeded from './container-memory-exceeded.js';
import directOom from './direct-oom.js';
import gcOverhead from './gc-overhead.js';
import heapOom from './heap-oom.js';
import heartbeatTimeout from './heartbeat-timeout.js';
import hostMemoryInsufficient from './host-memory-insufficient.js';
import invalidConfiguration from './invalid-configuration.js';
import managedMemoryInsufficient from './managed-memory-insufficient.js';
import metaspaceOom from './metaspace-oom.js';
import nativeThreadLimit from './native-thread-limit.js';
import networkBuffersInsufficient from './network-buffers-insufficient.js';
import pythonWorkerMemory from './python-worker-memory.js';
import type { SignatureDefinition } from '../types.js';

export const SIGNATURES: readonly SignatureDefinition[] = [
  containerMemoryExceeded,
  directOom,
  gcOverhead,
  heapOom,
  heartbeatTimeout,
  hostMemoryInsufficient,
  invalidConfiguration,
  managedMemoryInsufficient,
  metaspaceOom,
  nativeThreadLimit,
  networkBuffersInsufficient,
  pythonWorkerMemory,
];
