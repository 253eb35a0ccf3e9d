/**
 * 诊断的中文文本 (the doctor's diagnoses in Chinese), by signature id (src/doctor/signatures/<id>.ts).
 *
 * How to add an entry (a new signature, or a new variant of one):
 *   1. Add an entry under the signature's id with `title`, `summary(ctx)` and `explain(ctx)`, the
 *      Chinese counterparts of the signature's own `title`, `summary` and `explain`.
 *   2. Read the same context the English text reads (ctx.component, ctx.variant, ctx.seen,
 *      ctx.facts); a variant the Chinese text does not distinguish gets the general explanation.
 *   3. Use the terms of Flink's Chinese documentation (托管内存, 网络内存, 任务堆外内存, JVM 元空间 ...).
 *   4. `npx vitest run test/i18n.test.ts` fails on a signature without an entry or an entry
 *      without a signature, and on an empty summary or explanation for any variant.
 * Suggestions (`why`, `effect`) are translated phrase by phrase: ZH_DOCTOR_PHRASES below.
 */
import type { SignatureText, SuggestContext } from '../../doctor/types.js';
import { fmt } from '../../doctor/quantities.js';
import { explainFailure } from '../../model/reasons.js';
import { ZH_REASONS } from './reasons.js';

/** What each start-up check of invalid-configuration means (its variants), in Chinese. */
const CHECK_SAYS: Readonly<Record<string, string>> = {
  'no-total-memory': '根本没有配置内存大小：Flink 需要进程总内存、Flink 总内存或细粒度的内存大小',
  'components-exceed-flink':
    '显式设置的各内存部分（加上按占比计算的托管内存和网络内存）之和超过了它们必须放入的 Flink 总内存',
  'network-remainder-out-of-range':
    '网络内存是 Flink 总内存减去显式大小后的剩余部分，而它超出了配置的网络内存 min/max 范围',
  'network-remainder-mismatch':
    '旧的 taskmanager.network.numberOfBuffers 把网络内存固定为某个大小，而 Flink 总内存的剩余部分与之不符',
  'invalid-fraction-range': '某个占比不在 [0, 1) 之内，或者其最小值大于最大值',
  'jvm-exceeds-process': '进程总内存连 JVM 元空间和 JVM 开销都放不下',
  'process-below-flink-and-metaspace': '进程总内存小于 Flink 总内存加 JVM 元空间',
  'overhead-out-of-range': 'JVM 开销是进程总内存的剩余部分，而它超出了配置的 JVM 开销 min/max 范围',
  'heap-and-off-heap-mismatch-flink':
    'JobManager 的堆内存加堆外内存必须恰好等于配置的 Flink 总内存',
  'heap-exceeds-flink': 'JobManager 的堆内存大于其 Flink 总内存',
  'flink-not-above-off-heap': 'JobManager 的 Flink 总内存扣除堆外内存后没有剩下堆内存',
  'unparsable-value': '某个内存配置项的值 Flink 无法读取',
  'unparsable-memory-size':
    '某个内存大小使用了 Flink 不认识的单位（只能用 b、k、m、g、t 及其完整写法，均为二进制单位）',
  'invalid-segment-size': '内存段大小必须是不小于 4096 字节的 2 的幂',
  'local-network-not-fixed': '本地执行时网络内存的 min 和 max 必须相等',
  'invalid-cpu-cores': 'TaskManager 得不到任何 CPU：cores（或 slot 数）必须为正数',
};

const NAME = { taskmanager: 'TaskManager', jobmanager: 'JobManager' } as const;

/** "TaskManager", "JobManager", or "某个 Flink 进程" when the text does not say. */
export function whichProcessZh(ctx: Pick<SuggestContext, 'component'>): string {
  return ctx.component === 'unknown' ? '某个 Flink 进程' : NAME[ctx.component];
}

/** The process followed by a space only after a Latin name: "TaskManager 的", "某个 Flink 进程的". */
function spaced(ctx: Pick<SuggestContext, 'component'>): string {
  return ctx.component === 'unknown' ? whichProcessZh(ctx) : `${whichProcessZh(ctx)} `;
}

const LOCAL_RUN_ZH =
  '这是在 Flink 不负责设置内存的 JVM 中运行的（本地或 IDE 中的 MiniCluster、测试，或提交作业的客户端），因此 Flink 的内存配置项在这里不起作用。' +
  '请直接给 JVM 更多内存（在运行配置、MAVEN_OPTS 或测试框架的 JVM 参数中设置 -Xmx、-XX:MaxDirectMemorySize 或 -XX:MaxMetaspaceSize）。';

const LEAK_ZH =
  '文本中提到内存随时间增长：这更像是泄漏而不是内存不足。调大内存只能争取时间，请找出一直持有内存的代码。';

export const ZH_SIGNATURES: Readonly<Record<string, SignatureText>> = {
  'container-memory-exceeded': {
    title: '容器因超出内存限制被 Kill',
    summary(ctx) {
      if (ctx.variant === 'operator')
        return 'Flink Kubernetes Operator 自身的 Pod 因超出内存限制被 Kill';
      if (ctx.variant === 'vmem') return `YARN 因虚拟内存超限 Kill 了 ${spaced(ctx)}的容器`;
      return `${spaced(ctx)}的容器因使用的内存超过限制被 Kill`;
    },
    explain(ctx) {
      if (ctx.variant === 'operator') {
        return '被 Kill 的 Pod 运行的是 Flink Kubernetes Operator 而不是 Flink 作业，任何 Flink 内存配置项都无济于事。请调大 Operator Deployment 的内存限制（Helm values 中 Operator Pod 的 resources）；如果是它自己的 JVM 堆不够，再调整其 JVM 参数（Helm values 中的 jvmArgs.operator）。';
      }
      if (ctx.variant === 'vmem') {
        return 'YARN 的虚拟内存检查（yarn.nodemanager.vmem-check-enabled）按物理内存的倍数（yarn.nodemanager.vmem-pmem-ratio）限制虚拟内存，而 JVM 预留的虚拟地址空间远大于实际使用的内存。这与 Flink 的内存配置无关：请关闭虚拟内存检查，或调大该比例。';
      }
      const parts: string[] = [];
      if (ctx.variant === 'vanished')
        parts.push(
          '进程消失而它自己的日志里没有任何报错，多半是被外部杀掉的，最常见的是内核或容器运行时在执行内存限制：请在 dmesg 或 /var/log/messages 中查找 OOM killer，或查看 Pod 事件。',
        );
      if (ctx.variant === 'exit137')
        parts.push(
          '退出码 137 表示进程收到了 SIGKILL；在容器中这几乎总是内核在执行内存限制（存活探针失败也会这样结束，请查看 Pod 事件）。',
        );
      if (ctx.facts['used'] && ctx.facts['limit'])
        parts.push(`容器使用了 ${ctx.facts['used']}，而限制是 ${ctx.facts['limit']}。`);
      parts.push(
        'Flink 把 JVM 的堆内存、直接内存和元空间限制在进程总内存之内，但本地内存（native memory）不受 JVM 限制：RocksDB、线程栈、glibc 的内存分配区、JNI 库都会用到它。' +
          '超出部分由 JVM 开销兜底；当实际用量超过进程总内存时，容器就会被 Kill。请增大 JVM 开销（taskmanager.memory.jvm-overhead.fraction/min/max），或在容器限制允许的情况下增大进程总内存。',
      );
      if (ctx.seen.rocksdb)
        parts.push(
          '文本中提到了 RocksDB：请确认 state.backend.rocksdb.memory.managed 为 true，使 RocksDB 的内存受托管内存限制。',
        );
      return parts.join('');
    },
  },
  'direct-oom': {
    title: 'JVM 直接内存耗尽',
    summary: (ctx) => `${spaced(ctx)}的 JVM 直接内存耗尽`,
    explain(ctx) {
      if (ctx.seen.local) return LOCAL_RUN_ZH;
      const parts: string[] = [];
      const n = (k: string) =>
        ctx.facts[k] && /^\d+$/.test(ctx.facts[k]) ? BigInt(ctx.facts[k]) : null;
      const request = n('request');
      const allocated = n('allocated');
      const limit = n('limit');
      if (request !== null && allocated !== null && limit !== null)
        parts.push(
          `一块 ${fmt(request)} 的直接内存缓冲区放不下：已使用 ${fmt(allocated)}，上限为 ${fmt(limit)}。`,
        );
      if (ctx.component !== 'jobmanager') {
        parts.push(
          '直接内存受 -XX:MaxDirectMemorySize 限制，Flink 把 TaskManager 的这个值设为框架堆外内存 + 任务堆外内存 + 网络内存。网络缓冲区在启动时就已分配好，' +
            '因此这说明用户代码或某个库（Kafka、Netty、压缩、文件系统客户端）使用的直接内存超出了堆外内存的预算。',
        );
        parts.push(
          ctx.facts['netty']
            ? '堆栈中出现了 Netty，Flink 把它计入框架堆外内存（并行度高时需要更多）。'
            : '用户代码及其依赖库的直接内存计入任务堆外内存（taskmanager.memory.task.off-heap.size，默认为 0）。',
        );
      }
      if (ctx.component !== 'taskmanager') {
        parts.push(
          'JobManager 的预算是 jobmanager.memory.off-heap.size（默认 128m），供 Flink 自身（RPC、Netty）以及在 JobManager 上运行的用户代码使用；' +
            '只有 jobmanager.memory.enable-jvm-direct-memory-limit 为 true 时 JVM 的上限才跟随它，否则 JVM 把直接内存上限设为堆内存大小。',
        );
      }
      if (ctx.seen.leakWording) parts.push(LEAK_ZH);
      return parts.join('');
    },
  },
  'gc-overhead': {
    title: '超出 GC 开销限制',
    summary: (ctx) => `${spaced(ctx)}的 JVM 几乎把所有时间都花在了垃圾回收上`,
    explain(ctx) {
      if (ctx.seen.local) return LOCAL_RUN_ZH;
      return (
        'JVM 连续多次花费 98% 以上的时间做垃圾回收却只回收了不到 2% 的堆内存，于是抛出 "GC overhead limit exceeded"。这和堆内存溢出是同一个问题：堆内存对这个负载来说太小。' +
        (ctx.component === 'jobmanager'
          ? '请调大 jobmanager.memory.heap.size 或 JobManager 的进程总内存。'
          : '请调大任务堆内存（taskmanager.memory.task.heap.size），或调大进程总内存使任务堆内存随之增长。') +
        '如果调大之后堆内存又被占满，就要考虑内存泄漏，请做一次堆转储（heap dump）分析。'
      );
    },
  },
  'heap-oom': {
    title: 'JVM 堆内存耗尽',
    summary: (ctx) =>
      ctx.variant === 'array'
        ? `${spaced(ctx)}中单个数组超出了 JVM 允许的大小`
        : `${spaced(ctx)}的 JVM 堆内存耗尽`,
    explain(ctx) {
      if (ctx.variant === 'array') {
        return '代码申请了一个超出 JVM 所能创建大小的数组（约 2^31 个元素）。增加堆内存没有用：请找出构造这种缓冲区的算子或库（收集一条巨大的记录、一个巨大的 list state 值、序列化一个非常大的对象），并拆分数据。';
      }
      const parts: string[] = [];
      if (ctx.variant === 'history') {
        parts.push(
          ctx.facts['attempts'] !== undefined || ctx.facts['attempts2'] !== undefined
            ? 'JobManager 会为 Web UI 和 REST 保留每个任务之前的执行尝试（execution attempts）；频繁重启的作业会让它们堆满 JobManager 的堆内存。jobmanager.execution.attempts-history-size 限制保留的数量。'
            : 'Session 集群会把每个已完成作业（其归档的执行图）保存在 job store 中，直到 jobstore.expiration-time 过期；作业很多时，这些执行图会占满 JobManager 的堆内存。jobstore.max-capacity 限制保留的数量。',
        );
      }
      if (ctx.variant === 'generic')
        parts.push(
          '文本只说了"内存溢出"而没有说明类型；最常见的是堆内存，但请在完整错误中查找 "Java heap space"、"Direct buffer memory"、"Metaspace" 或容器被 Kill 的信息。',
        );
      if (ctx.seen.local) return parts.join('') + LOCAL_RUN_ZH;
      if (ctx.component === 'jobmanager') {
        parts.push(
          'JobManager 的堆内存存放作业图、执行图、Checkpoint 元数据以及 REST/Web 前端；非常大的作业、Session 集群中的大量作业或很大的 accumulator 都会把它占满。请调大 jobmanager.memory.heap.size，或调大进程总内存使堆内存随之增长。',
        );
      } else {
        parts.push(
          'TaskManager 的堆内存由任务堆内存（用户代码、算子以及 hashmap 等堆上 State Backend 的状态）和框架堆内存（Flink 自身）组成，通常耗尽的是任务堆内存。' +
            '请调大 taskmanager.memory.task.heap.size，或调大进程总内存使任务堆内存随之增长；只有当占满堆内存的是 Flink 自身而不是作业时，才值得调大框架堆内存。',
        );
      }
      if (ctx.seen.leakWording || ctx.occurrences > 2) {
        parts.push(
          '如果调大之后堆内存又被占满，那就是泄漏而不是内存不足：请做一次堆转储（在 env.java.opts.taskmanager 或 env.java.opts.jobmanager 中加 -XX:+HeapDumpOnOutOfMemoryError），看看是什么在持续增长。',
        );
      }
      return parts.join('');
    },
  },
  'heartbeat-timeout': {
    title: '心跳超时（或长时间 GC 停顿）',
    summary: (ctx) =>
      ctx.variant === 'gc-pause'
        ? `${spaced(ctx)}因长时间垃圾回收而停顿`
        : `${spaced(ctx)}不再响应心跳`,
    explain(ctx) {
      const parts: string[] = [];
      if (ctx.seen.longestGcPauseMs > 0)
        parts.push(
          `输入中还有一次 ${ctx.seen.longestGcPauseMs / 1000} 秒的垃圾回收停顿。停顿这么久的进程同样收不到对端的心跳，因此这次超时很可能是停顿的后果。`,
        );
      parts.push(
        '心跳超时（heartbeat.timeout，默认 50 秒）说明对端在这段时间内没有响应：进程已经挂掉（常见原因是容器因内存超限被 Kill），或者被长时间的 Full GC 卡住，或者网络中断。' +
          '请先在对端的日志和容器事件中查找 OutOfMemoryError 或 OOMKilled；如果是 GC 停顿，请增大堆内存；只有在排除这些原因之后，才考虑调大 heartbeat.timeout。',
      );
      return parts.join('');
    },
  },
  'host-memory-insufficient': {
    title: '主机没有剩余内存分配给 JVM',
    summary: (ctx) => `机器无法给 ${spaced(ctx)}分配它申请的内存`,
    explain: () =>
      'JVM 向操作系统申请内存（mmap 或 malloc）时失败了：这不是 Java 堆的限制，而是机器本身的内存（或容器的 overcommit 设置、ulimit）不够。' +
      '同一台主机上的进程总内存之和超过了物理内存。请减少每台主机上的 TaskManager 数量或调小它们的进程总内存，或者给主机更多内存、更多 swap。',
  },
  'invalid-configuration': {
    title: '内存配置错误，Flink 拒绝启动',
    summary: (ctx) =>
      `Flink 拒绝启动${ctx.component === 'unknown' ? '进程' : ` ${NAME[ctx.component]}`}：内存配置未通过 "${ctx.variant}" 检查`,
    explain(ctx) {
      const parts = [
        `Flink 在进程启动前会检查内存配置；这里${CHECK_SAYS[ctx.variant] ?? '内存配置被拒绝'}。`,
      ];
      if (!ctx.withConfig) {
        parts.push('请用 --config 加上同一份配置再运行一次，即可得到让进程启动的具体修改。');
        return parts.join('');
      }
      let failing = 0;
      for (const p of ctx.processes) {
        const check = ctx.plan.userCheck(p);
        if (!check || check.ok) continue;
        failing++;
        parts.push(
          `按你的配置，${NAME[p]} 未通过 "${check.failure.check}" 检查：${explainFailure(check.failure, (k) => ctx.plan.userText(k) ?? undefined, p, ZH_REASONS)}。`,
        );
      }
      if (failing === 0) {
        parts.push(
          `给出的配置在 Flink ${ctx.version.major}.${ctx.version.minor} 下能正常推导 ${ctx.processes.map((p) => NAME[p]).join(' 和 ')} 的内存：失败的进程读到的是别的值（-D 动态参数、另一个文件、Operator 的资源配置），或者运行的是另一个 Flink 版本。`,
        );
      }
      return parts.join('');
    },
  },
  'managed-memory-insufficient': {
    title: 'slot 中的托管内存不足',
    summary: (ctx) =>
      ctx.variant === 'weights'
        ? '某个算子因其消费者类型没有权重而得不到托管内存'
        : '某个 slot 的托管内存不足',
    explain(ctx) {
      if (ctx.variant === 'weights') {
        return (
          '托管内存按 taskmanager.memory.managed.consumer-weights 在各类消费者（OPERATOR、STATE_BACKEND、PYTHON）之间分配；权重为 0 的类型一点也分不到，申请时就会失败。' +
          (ctx.seen.python
            ? '文本中提到了 Python：很可能是 PYTHON 的权重。'
            : ctx.seen.rocksdb
              ? '文本中提到了 RocksDB：很可能是 STATE_BACKEND 的权重。'
              : '') +
          '请给该类型一个正的权重。'
        );
      }
      return (
        '每个 slot 从 TaskManager 的托管内存中分得相同的一份，RocksDB、批处理算子（排序、哈希表）和 Python worker 从这一份中申请内存；这一份不够时申请就会失败。' +
        '请增大托管内存（taskmanager.memory.managed.size 或 taskmanager.memory.managed.fraction）。减少每个 TaskManager 的 slot 数也能让每个 slot 分得更多。'
      );
    },
  },
  'metaspace-oom': {
    title: 'JVM 元空间耗尽',
    summary: (ctx) => `${spaced(ctx)}的 JVM 元空间耗尽`,
    explain(ctx) {
      if (ctx.seen.local) return LOCAL_RUN_ZH;
      const key =
        ctx.component === 'jobmanager'
          ? 'jobmanager.memory.jvm-metaspace.size'
          : 'taskmanager.memory.jvm-metaspace.size';
      const parts = [
        `JVM 元空间存放已加载类的元数据，Flink 用 -XX:MaxMetaspaceSize 把它限制为 ${key}。`,
      ];
      if (ctx.variant === 'class-space')
        parts.push(
          '压缩类空间（compressed class space）是元空间中存放类元数据的部分，适用同样的限制和解决办法。',
        );
      if (ctx.seen.submissions >= 5 || ctx.seen.leakWording) {
        parts.push(
          '作业反复提交或重启之后才失败，通常是类加载器泄漏：每次提交都加载一套新的用户类，而旧的类因为还被线程、静态缓存或 JDBC 驱动引用而无法卸载。调大元空间只能推迟失败，请参考 Flink 文档中关于类加载的调试说明。',
        );
      } else {
        parts.push(`依赖很多的作业需要更多元空间：请调大 ${key}。`);
      }
      return parts.join('');
    },
  },
  'native-thread-limit': {
    title: '无法创建新的本地线程',
    summary: (ctx) => `${spaced(ctx)}无法再启动新线程`,
    explain: () =>
      '"unable to create native thread" 很少是因为内存：通常是达到了进程或用户的线程数上限（ulimit -u、容器的 pids 限制）。请检查线程数是否在持续增长（线程泄漏，例如每条记录都新建客户端），' +
      '并调高对应的限制；只有当线程栈确实占满了本地内存时，增大 JVM 开销才有帮助。',
  },
  'network-buffers-insufficient': {
    title: '网络缓冲区不足',
    summary: (ctx) =>
      ctx.variant === 'pool'
        ? 'TaskManager 无法分配其网络缓冲池'
        : '某个 TaskManager 的网络缓冲区不够任务使用',
    explain(ctx) {
      if (ctx.variant === 'pool') {
        return (
          'TaskManager 在启动时一次性以直接内存分配所有网络缓冲区，而 JVM 拒绝了其中一部分。' +
          (ctx.seen.local
            ? LOCAL_RUN_ZH
            : 'Flink 把网络内存计入 -XX:MaxDirectMemorySize，因此在集群上这说明该限制被覆盖了（检查 env.java.opts 中的 -XX:MaxDirectMemorySize），或者主机本身内存不足。')
        );
      }
      const parts: string[] = [];
      const { total, required, available } = ctx.facts;
      if (required && available)
        parts.push(
          `缓冲池共有 ${total ?? '若干'} 个缓冲区，某个任务申请 ${required} 个时只剩 ${available} 个空闲。`,
        );
      parts.push(
        '每个任务按并行度和 shuffle 连接数需要一定数量的网络缓冲区；并行度越高、slot 越多，需要的越多。' +
          (ctx.seen.local
            ? '本地运行时网络内存是固定的：请把 taskmanager.memory.network.min 和 max 设为同一个更大的值。'
            : '请增大网络内存：调大 taskmanager.memory.network.fraction，并相应调高 taskmanager.memory.network.max（以及 min）。'),
      );
      if (ctx.variant === 'timeout')
        parts.push(
          '如果是申请独占缓冲区超时，也可以调大 taskmanager.network.memory.exclusive-buffers-request-timeout-ms。',
        );
      return parts.join('');
    },
  },
  'python-worker-memory': {
    title: 'Python worker 内存不足',
    summary: () => 'TaskManager 的某个 Python worker 内存不足',
    explain: () =>
      'PyFlink 的 Python worker 是 JVM 之外的独立进程，它们的内存来自 TaskManager 的托管内存（消费者类型 PYTHON）。请增大托管内存或 PYTHON 的权重（taskmanager.memory.managed.consumer-weights），' +
      '或调小 python.fn-execution.bundle.size 让每批数据更小。',
  },
};

/**
 * Suggestions are built from shared English sentences with numbers and keys in them; in Chinese
 * their fixed phrases are replaced, longest first (keys, sizes and numbers stay). Add a pair for a
 * new phrase; an untranslated one stays English.
 */
export const ZH_DOCTOR_PHRASES: readonly (readonly [string, string])[] = [
  [
    'make room for it, so that no other component shrinks (the fraction-based ones grow along)',
    '为它腾出空间，使其他内存部分不会缩小（按占比计算的部分也随之增长）',
  ],
  [
    'raise the total so that the change does not take memory from the other components',
    '调大总内存，使这次修改不会占用其他内存部分',
  ],
  [
    "; a starting point from Flink's defaults for a process of ",
    '；以 Flink 默认值为起点，进程总内存取错误中显示的容器大小 ',
  ],
  [', the container size the error shows', ''],
  ["; a starting point from Flink's defaults", '；以 Flink 默认值为起点'],
  [
    'the fraction-based components grow along, nothing shrinks',
    '按占比计算的部分也随之增长，没有部分缩小',
  ],
  ['the maximum must not stay below the new minimum', '最大值不能低于新的最小值'],
  ["(Flink's shipped configuration)", '（Flink 自带配置）'],
  [
    'set only the total and drop the fine-grained sizes that do not fit in it: Flink derives every component from the total (size it to your container or machine)',
    '只设置总内存，并去掉放不进总内存的细粒度大小：Flink 会从总内存推导出每个内存部分（请按容器或机器的大小设置）',
  ],
  ['(the container size the error shows)', '（错误中显示的容器大小）'],
  ['the failed reservation was short by', '失败的申请差了'],
  ['this covers it with room to spare', '这次修改足以覆盖并留有余量'],
  ['raises the direct memory limit by', '把直接内存上限提高'],
  ['more heap for the job', '给作业更多堆内存'],
  ['room on the heap for what it keeps', '给它保留的内容更多堆内存'],
  ['unbounded (default)', '不限（默认）'],
  ['16 (default)', '16（默认）'],
  [
    'keep at most this many finished jobs on the JobManager (the oldest go first), whatever jobstore.expiration-time says',
    'JobManager 最多保留这么多已完成作业（最早的先移除），不论 jobstore.expiration-time 是多少',
  ],
  [
    'keep fewer prior execution attempts per task on the JobManager heap',
    '在 JobManager 堆内存中为每个任务保留更少的历史执行尝试',
  ],
  [
    'make room for the larger heap, so that no other component shrinks',
    '为更大的堆内存腾出空间，使其他内存部分不会缩小',
  ],
  [
    'make room for the larger task heap, so that no other component shrinks',
    '为更大的任务堆内存腾出空间，使其他内存部分不会缩小',
  ],
  ['if it was a TaskManager: ', '如果是 TaskManager：'],
  [
    ' the error shows is the maximum already: raise it (with the fraction or the minimum below) so that the network memory can grow',
    '（错误中显示的缓冲池）已经是最大值：请调大它（同时调大下面的占比或最小值），网络内存才能增长',
  ],
  ['(the default up to Flink 1.14)', '（Flink 1.14 及以前的默认值）'],
  ['the pool of ', '缓冲池 '],
  ["of native memory outside the JVM's limits instead of", '本地内存（JVM 限制之外），原为'],
  ['(the container was ', '（容器超出限制 '],
  [' over its limit)', '）'],
  ['reserve ', '预留 '],
  ['if it was a JobManager: ', '如果是 JobManager：'],
  ['a step up from today', '在现有基础上提高一档'],
  ['total process memory stays at', '进程总内存保持为'],
  ['alternative to the minimum above: ', '上面最小值的替代方案：'],
  [' and grows with the TaskManager', '，并随 TaskManager 一起增长'],
  ['rounded up to a whole MiB', '向上取整到整数 MiB'],
  ['direct memory limit', '直接内存上限'],
  ['JVM heap (-Xmx)', 'JVM 堆内存 (-Xmx)'],
  [' of at least ', '至少 '],
  [' gives at least ', ' 可得到至少 '],
  [' buffers x ', ' 个缓冲区 x '],
  [' bytes = ', ' 字节 = '],
  [', network ', ', 网络内存 '],
  [', managed ', ', 托管内存 '],
  ['total process memory grows by', '进程总内存增加'],
  ['total process memory', '进程总内存'],
  ['total Flink memory', 'Flink 总内存'],
  ['starts with', '启动时为'],
  ['grows to at least', '增长到至少'],
  ['the task heap', '任务堆内存'],
  ['the JobManager heap', 'JobManager 堆内存'],
  ['task heap', '任务堆内存'],
  ['framework heap', '框架堆内存'],
  ['managed memory', '托管内存'],
  ['network memory', '网络内存'],
  ['task off-heap', '任务堆外内存'],
  ['framework off-heap', '框架堆外内存'],
  ['JVM metaspace', 'JVM 元空间'],
  ['JVM overhead', 'JVM 开销'],
  ['metaspace', 'JVM 元空间'],
  ['if it was the ', '如果是 '],
  [' today)', ' 当前值)'],
  ['not set; derived', '未设置；推导值'],
  ['makes the "', '使 "'],
  ['" check pass', '" 检查通过'],
  ['the JobManager ', 'JobManager '],
  ['the TaskManager ', 'TaskManager '],
  ['total Flink ', 'Flink 总内存 '],
  ['JVM heap ', 'JVM 堆内存 '],
  [' off-heap ', ' 堆外内存 '],
  ['not set', '未设置'],
  ['default ', '默认值 '],
  [' bytes)', ' 字节)'],
];

export const ZH_DOCTOR_WORDS = {
  assumed: (workLine: string) =>
    `文本没有说明是哪个进程失败，但它描述的是作业自身的数据处理（"${workLine}"），这部分运行在 TaskManager 上，因此建议针对 TaskManager（如果是 JobManager 的日志出现该错误，对应的配置项在 jobmanager.memory.* 下）。`,
  undecided:
    '文本没有说明是哪个进程失败，也没有说明当时作业在做什么：建议同时覆盖两个进程；请保留日志中出现该错误的那个进程的建议。',
  seen: (n: number) => `（共出现 ${n} 次；证据取第一次。）`,
  consequence: (causes: string) => `这里它很可能是上面列出的 ${causes} 的后果：请先解决那个问题。`,
  lookedAt: (lines: number, kinds: string, exceptions: readonly string[]) =>
    `在 ${lines} 行中查找了 flink-mem 认识的内存故障（${kinds}），没有找到。` +
    (exceptions.length > 0
      ? `文本中出现了 ${exceptions.join(', ')}，这不是本工具认识的内存故障。`
      : ''),
};
