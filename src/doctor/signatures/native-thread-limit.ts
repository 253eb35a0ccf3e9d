import { defineSignature } from '../signature.js';
import { docs } from '../docs.js';
import { whichProcessAtStart } from '../suggest.js';

export default defineSignature({
  id: 'native-thread-limit',
  title: 'No new native thread could be created',
  recognises: [
    '`OutOfMemoryError: unable to create new native thread` and `unable to create native thread: possibly out of memory or process/resource limits reached`',
    '`pthread_create failed (EAGAIN)`',
    "no Flink memory option helps: the host's or container's thread limit, or a thread leak",
  ],
  rank: 20,
  keywords: ['native thread', 'pthread_create', '线程', 'threads', 'thread creation'],
  patterns: [
    { re: /unable to create (?:a )?(?:new )?native thread/i },
    { re: /pthread_create failed \(EAGAIN\)/i },
    { re: /无法创建.{0,4}(?:本地)?线程|线程数.{0,6}(?:上限|超限|耗尽)/i, strength: 'weak' },
    {
      re: /\b(?:cannot|can't|can ?not|could not|couldn't|unable to|failed to) (?:create|start|spawn) (?:enough |new |more |any )?(?:task |native |worker )?threads\b|\b(?:OOM|out[- ]of[- ]memory(?: error)?)\b.{0,20}\bthread creation\b/i,
      strength: 'weak',
    },
  ],
  component: 'infer',
  options: ['taskmanager.memory.jvm-overhead.min'],
  docs: [docs.tuning('configure-memory-for-containers')],
  summary: (ctx) => `${whichProcessAtStart(ctx)} could not start another thread`,
  explain: () =>
    'The operating system refused a new thread. This is almost never Flink memory: the limit on processes and threads was reached (ulimit -u of the user, the pids limit of the container or Kubernetes pod, kernel.threads-max), or user code leaks threads (a thread dump with jstack shows thousands of similar threads). No Flink memory option helps: raise the limit or fix the leak. Only if the container is also at its memory limit does JVM overhead matter, since every thread stack lives outside the heap.',
  suggest: () => [],
});
