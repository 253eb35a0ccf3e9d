import { defineSignature } from '../signature.js';
import { docs } from '../docs.js';
import { fmt, parseLooseSize, roundUp, stepUp } from '../quantities.js';
import { NAME, raise, whichProcess } from '../suggest.js';
import type { Process, SuggestContext, Suggestion } from '../types.js';

/**
 * Bytes over the container limit, from YARN's "Current usage: 4.1 GB of 4 GB physical memory used".
 */
export function overLimit(ctx: SuggestContext): bigint | null {
  const used = ctx.facts.used ? parseLooseSize(ctx.facts.used) : null;
  const limit = ctx.facts.limit ? parseLooseSize(ctx.facts.limit) : null;
  return used !== null && limit !== null && used > limit ? used - limit : null;
}

function vmemAdvice(ctx: SuggestContext): Suggestion[] {
  const used = ctx.facts.vused ? parseLooseSize(ctx.facts.vused) : null;
  const physical = ctx.facts.limit ? parseLooseSize(ctx.facts.limit) : null;
  const out = [
    ctx.plan.advise(
      'yarn.nodemanager.vmem-check-enabled',
      'true (YARN default)',
      'false',
      'in yarn-site.xml of the NodeManagers: the JVM reserves much more virtual memory than it uses, so this check kills healthy containers',
    ),
  ];
  if (used !== null && physical !== null && physical > 0n) {
    const ratio = Math.ceil((Number(used) / Number(physical)) * 2 + 1) / 2;
    out.push(
      ctx.plan.advise(
        'yarn.nodemanager.vmem-pmem-ratio',
        '2.1 (YARN default)',
        String(Math.max(ratio, 3)),
        `or keep the check and allow ${fmt(used)} of virtual memory for ${fmt(physical)} of physical memory (yarn-site.xml)`,
      ),
    );
  }
  return out;
}

function rocksdbUnmanaged(ctx: SuggestContext): Suggestion[] {
  const key = 'state.backend.rocksdb.memory.managed';
  if (
    ctx.plan.valueText('taskmanager', key) !== 'false' ||
    ctx.plan.isSet('taskmanager', 'state.backend.rocksdb.memory.fixed-per-slot')
  )
    return [];
  return ctx.plan.set(
    'taskmanager',
    { [key]: 'true' },
    {
      why: {
        [key]:
          'RocksDB then keeps its block cache and write buffers inside managed memory instead of growing without a bound',
      },
    },
  );
}

function overhead(ctx: SuggestContext, p: Process): Suggestion[] {
  const now = ctx.plan.size(p, 'jvmOverhead');
  if (now === null) return [];
  const over = overLimit(ctx);
  const step = stepUp(now);
  const target = over !== null && roundUp(now + over) > step ? roundUp(now + over) : step;
  const why =
    over !== null
      ? `reserve ${fmt(target)} of native memory outside the JVM's limits instead of ${fmt(now)} (the container was ${fmt(over)} over its limit)`
      : `reserve ${fmt(target)} of native memory outside the JVM's limits instead of ${fmt(now)}`;
  return raise(ctx, p, `${p}.memory.jvm-overhead.min`, target, why, {
    tolerance: 0.3,
    processOnly: true,
    alsoMax: `${p}.memory.jvm-overhead.max`,
  });
}

export default defineSignature({
  id: 'container-memory-exceeded',
  title: 'Container killed for exceeding its memory limit',
  recognises: [
    "Kubernetes `OOMKilled` and exit code 137 (`kubectl describe pod`, `kubectl get pods`, Flink's own pod-terminated message, `docker compose`)",
    'YARN `is running beyond physical memory limits` and `Container killed ... exceeding memory limits`, with the usage and limit it reports',
    "YARN `is running beyond virtual memory limits`: no Flink memory option helps, the remedy is YARN's virtual-memory check",
    "the kernel's `Memory cgroup out of memory: Killed process`",
    "the Flink Kubernetes Operator's own pod killed: not a Flink process, so no diagnosis; the note says what to raise instead",
    "descriptions in English or Chinese: a TaskManager or container killed by YARN, Kubernetes or the kernel's OOM killer (容器被杀, 被 yarn kill 掉, 超出内存限制), exit code 137 or 143 in words",
  ],
  rank: 30,
  keywords: [
    'oomkilled',
    'memory limit',
    'exit code',
    'exitcode',
    'code 137',
    'memory cgroup',
    '容器',
    'kill',
    '内存限制',
    '杀',
    'exit status',
    '退出码',
    'memory overflow',
    'memory exceeded',
    '进程',
    'disappear',
    'vanish',
    'silently',
    'exceed',
    'kills it',
    'pod',
  ],
  patterns: [
    {
      re: /flink-kubernetes-operator.{0,260}\bOOMKilled\b|\bOOMKilled\b.{0,200}flink-kubernetes-operator/i,
      variant: 'operator',
      component: 'unknown',
    },
    { re: /\bOOMKilled\b/ },
    {
      re: /is running (?:beyond physical memory limits|\d+B beyond the 'PHYSICAL' memory limit)/i,
      variant: 'yarn',
    },
    {
      re: /is running (?:beyond virtual memory limits|\d+B beyond the 'VIRTUAL' memory limit)/i,
      variant: 'vmem',
    },
    {
      re: /Container killed (?:by YARN )?.{0,60}exceeding (?:physical )?memory limits/i,
      variant: 'yarn',
    },
    { re: /Memory cgroup out of memory: Kill(?:ed)? process/i },
    {
      re: /Exit Code:\s*137\b|exit ?code[=: ]+137\b|exited with (?:exit )?code 137\b|退出码\s{0,2}(?:是|为|:|：|=)?\s{0,2}137\b/i,
      variant: 'exit137',
    },
    {
      re: /容器.{0,8}(?:被杀|被\s*kill|内存超|超出内存|超内存)|超[出过].{0,6}(?:内存|容器|pod)限制|OOM ?killer|killed by (?:the )?(?:OOM|kernel)/i,
      strength: 'weak',
    },
    {
      re: /\b(?:killed|kill(?:s|ing)?)\b[^。.;]{0,30}?\b(?:by|from)\s(?:the\s)?(?:yarn|kubernetes|k8s|container manager|node ?manager|resource ?manager|oom[- ]?killer|kernel|cgroups?)\b|\bOOM[- ]kill(?:ed|s|ing)?\b|(?:taskmanager|\bTM\b|jobmanager|\bJM\b|container|容器|进程|\bpod\b|节点)[^。，,]{0,20}被\s{0,2}(?:yarn|k8s|kubernetes|系统|操作系统|nodemanager|NM|RM)?\s{0,2}(?:kill|杀)|被\s{0,2}(?:yarn|k8s|kubernetes|操作系统|nodemanager|内核|oom ?killer)\s{0,2}(?:kill|杀)|内存[^。\n]{0,30}?被\s{0,2}(?:kill|杀)/i,
      strength: 'weak',
    },
    {
      re: /(?<![\w.])(?:task ?managers?|TMs?|job ?managers?|JMs?|containers?|pods?)(?![\w.])[^。.;]{0,40}?\b(?:is|are|was|were|gets?|got|getting|being|been)\b[\w ]{0,25}?\bkilled\b/i,
      strength: 'weak',
    },
    // The killer as the subject: "YARN kills the container", "yarn会kill相应 container"; "container
    // memory overflow".
    {
      re: /\b(?:yarn|kubernetes|k8s|node ?manager|kernel|oom[- ]?killer)\s(?:then\s|will\s|would\s|was\s|were\s|is\s|are\s|keeps\s|kept\s)?kill(?:s|ed|ing)?\s(?:the\s|our\s|my\s|its\s)?(?:containers?|pods?|task ?managers?|job ?managers?|TMs?|JMs?)\b|(?:yarn|k8s|kubernetes|nodemanager|系统|操作系统|内核)\s{0,2}(?:会|就|直接)?把?\s{0,2}(?:kill|杀掉|杀死)\s{0,2}掉?了?\s{0,2}(?:相应的?|对应的?|这个|该)?\s{0,2}(?:container|容器|进程|taskmanager|jobmanager|TM|JM|pod)|\bcontainers?\b[^。.;]{0,10}?\bmemory (?:overflow|exceeded)\b|\b(?:memory|RSS|usage)\b[^.。]{0,40}?\bexceed(?:s|ed|ing)?\b[^.。]{0,20}?\b(?:container|pod|physical)(?:'s)? (?:memory )?limits?\b|\b(?:yarn|kubernetes|k8s|node ?manager)\s(?:then\s)?kills? it\b|\bpods?\b[^。.;,，]{0,10}?\bOOM(?:s|ed)?\b/i,
      strength: 'weak',
    },
    // A process gone with nothing in its own log: killed from outside, most often for memory.
    {
      re: /(?:ps|进程)[^。，,\n]{0,10}(?:已经)?(?:没有了?|不见了|消失了?|没了)[^。，,\n]{0,6}(?:flink|taskmanager|jobmanager)?|(?<![\w.])(?:flink|task ?manager|job ?manager)(?![\w.])[^。，,\n]{0,10}进程[^。，,\n]{0,6}(?:没有了|不见了|消失)|\b(?:flink|task ?manager|job ?manager|JVM)\b[^.\n]{0,20}?\bprocess(?:es)?\b[^.\n]{0,20}?\b(?:disappear(?:s|ed)?|vanish(?:es|ed)?|(?:is|was) gone)\b|\b(?:flink|task ?manager|job ?manager|JVM)\b[^.\n]{0,30}?\b(?:dies|died|exits|exited|stops|stopped) silently\b|\bsilently (?:dies|died|exits|exited)\b/i,
      strength: 'weak',
      variant: 'vanished',
    },
    {
      re: /(?:\bexit(?:ed)?\s(?:with\s)?(?:code|status)|退出码)\s?(?:is\s)?[=: ]{0,3}143\b/i,
      strength: 'vague',
      variant: 'exit143',
    },
  ],
  // A Python worker killed inside the TaskManager's container is its own diagnosis.
  excludes: [/Python (?:UDF )?(?:worker|process|harness)/i],
  details: [
    /Current usage: (?<used>[\d.]{1,30} ?[KMGT]?B) of (?<limit>[\d.]{1,30} ?[KMGT]?B) physical memory used/i,
    /(?<vused>[\d.]{1,30} ?[KMGT]?B) of (?<vlimit>[\d.]{1,30} ?[KMGT]?B) virtual memory used/i,
    // `kubectl describe pod`: the container's memory limit (listed before its request).
    /^\s+memory:\s+(?<podLimit>\d+(?:\.\d+)?[KMGT]i?)\s*$/,
  ],
  component: 'infer',
  // YARN and Flink's native Kubernetes integration size a Flink container at exactly the process
  // size.
  processSize: (facts) =>
    facts.limit
      ? parseLooseSize(facts.limit)
      : facts.podLimit
        ? parseLooseSize(facts.podLimit)
        : null,
  options: [
    'taskmanager.memory.jvm-overhead.min',
    'taskmanager.memory.jvm-overhead.max',
    'taskmanager.memory.jvm-overhead.fraction',
    'state.backend.rocksdb.memory.managed',
    'taskmanager.memory.task.off-heap.size',
    'jobmanager.memory.jvm-overhead.min',
  ],
  docs: [
    docs.trouble('container-memory-exceeded'),
    docs.tuning('configure-memory-for-containers'),
    docs.k8sMemory(),
  ],
  summary(ctx) {
    if (ctx.variant === 'vmem')
      return `YARN killed the container of ${whichProcess(ctx)} for its virtual memory`;
    return `The container of ${whichProcess(ctx)} was killed for using more memory than its limit`;
  },
  explain(ctx) {
    if (ctx.variant === 'vmem') {
      return "YARN's virtual-memory check killed the container. Virtual memory is address space the JVM reserves, not memory it uses, so this is not a Flink sizing problem and no Flink memory option helps: switch the check off or raise YARN's virtual-to-physical ratio on the NodeManagers.";
    }
    const parts: string[] = [];
    if (ctx.variant === 'vanished')
      parts.push(
        'A process that disappears with nothing in its own log was most likely killed from outside, and the usual killer is the kernel or the container runtime enforcing a memory limit: check dmesg or /var/log/messages for the OOM killer, or the pod events.',
      );
    const over = overLimit(ctx);
    if (over !== null)
      parts.push(`The container used ${ctx.facts.used} against a limit of ${ctx.facts.limit}.`);
    if (ctx.variant === 'exit143')
      parts.push(
        'Exit code 143 means the process got SIGTERM: YARN and Kubernetes stop a container this way, also when it went over its memory limit, but the code alone does not say why; the NodeManager log or the pod events name the reason.',
      );
    if (ctx.variant === 'exit137')
      parts.push(
        'Exit code 137 means the process got SIGKILL; in a container that is almost always the kernel enforcing the memory limit (a failed liveness probe also ends this way, so check the pod events).',
      );
    parts.push(
      'The JVM stayed inside its own limits (heap, direct, metaspace) but the process as a whole did not: native memory that Flink does not cap grew past what was reserved for it. Typical sources: RocksDB when it does not use managed memory, native libraries in user code, glibc malloc arenas, many threads. JVM overhead is the reserve for that; raising it keeps the container size and takes the memory from the other components (or grows the container if they cannot spare it).',
    );
    parts.push(
      'JVM overhead is the process size times its fraction, kept between its min and max (192m and 1g by default): a min raised above the max makes Flink refuse to start, so the suggestion raises the max with it when needed (raising the fraction instead also works while the result stays within the max).',
    );
    if (ctx.seen.rocksdb)
      parts.push(
        'The text mentions RocksDB: keep state.backend.rocksdb.memory.managed at true (the default) so RocksDB stays inside managed memory.',
      );
    const env =
      ctx.component === 'jobmanager'
        ? 'containerized.master.env.MALLOC_ARENA_MAX'
        : 'containerized.taskmanager.env.MALLOC_ARENA_MAX';
    parts.push(
      `If memory grows through many malloc arenas, setting MALLOC_ARENA_MAX=1 for the Flink processes (${env}: 1 on YARN and Kubernetes) often stops it.`,
    );
    if (ctx.component !== 'jobmanager')
      parts.push('Native memory of user code belongs in task off-heap memory.');
    return parts.join(' ');
  },
  suggest(ctx) {
    if (ctx.variant === 'vmem') return vmemAdvice(ctx);
    // The process the text names, or each of them when it names none.
    const ps: readonly Process[] = ctx.component === 'unknown' ? ctx.processes : [ctx.component];
    const out: Suggestion[] = [];
    for (const p of ps) {
      const mine = p === 'taskmanager' ? rocksdbUnmanaged(ctx) : [];
      mine.push(...overhead(ctx, p));
      out.push(
        ...mine.map((s) =>
          ctx.component === 'unknown' ? { ...s, why: `if it was a ${NAME[p]}: ${s.why}` } : s,
        ),
      );
    }
    return out;
  },
});
