import { defineSignature } from '../signature.js';
import { docs } from '../docs.js';
import { fmt } from '../quantities.js';
import { num, whichProcess } from '../suggest.js';

export default defineSignature({
  id: 'host-memory-insufficient',
  title: 'The host has no memory left for the JVM',
  recognises: [
    '`There is insufficient memory for the Java Runtime Environment to continue`',
    "`Native memory allocation (mmap) failed to map N bytes`, `os::commit_memory ... 'Cannot allocate memory'`",
    'no Flink memory option helps: the machine has no free memory',
  ],
  rank: 15,
  keywords: [
    'insufficient memory for the java runtime',
    'native memory allocation',
    'commit_memory',
    'cannot allocate memory',
    '内存不足',
    '内存不够',
    'out of memory',
    'enough memory',
  ],
  patterns: [
    { re: /There is insufficient memory for the Java Runtime Environment to continue/i },
    {
      re: /Native memory allocation \((?:mmap|malloc)\) failed to (?:map|allocate) (?<bytes>\d+) bytes/i,
    },
    {
      re: /os::commit_memory\(.{0,80}\) failed;\s*error='(?:Cannot allocate memory|Out of memory)'/i,
    },
    { re: /Cannot allocate memory/i },
    {
      re: /(?:机器|主机|物理机|节点|服务器).{0,6}内存(?:不足|不够)|\bhost (?:is |was |ran )?out of memory|not enough (?:free )?memory on the (?:host|machine|node)|\b(?:host|machine|node|server) (?:does ?n[o']t|did ?n[o']t|do(?:es)? not) have enough (?:free |physical )?memory\b/i,
      strength: 'weak',
    },
  ],
  details: [
    /Native memory allocation \((?:mmap|malloc)\) failed to (?:map|allocate) (?<bytes>\d+) bytes/i,
  ],
  component: 'infer',
  options: ['taskmanager.memory.process.size', 'jobmanager.memory.process.size'],
  docs: [docs.setupTm('configure-total-memory'), docs.tuning('configure-memory-for-containers')],
  summary: (ctx) => `The machine could not give ${whichProcess(ctx)} the memory it asked for`,
  explain(ctx) {
    const bytes = num(ctx, 'bytes');
    const failed = bytes !== null ? ` (a request of ${fmt(bytes)} failed)` : '';
    return `The operating system itself refused memory${failed}: the machine or its memory cgroup has less free memory than the processes on it asked for. Flink's options only decide how much the JVM asks for; redistributing them does not create free memory, so no Flink memory option fixes this. Run fewer TaskManagers (or other processes) per machine, give the machine more memory, or make the process size fit what the machine really has free; strict overcommit settings (vm.overcommit_memory=2) make this happen earlier.`;
  },
  suggest: () => [],
});
