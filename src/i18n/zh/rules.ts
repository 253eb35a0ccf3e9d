/**
 * 规则的中文文本 (Chinese text of the lint rules), looked up at render time by rule id.
 *
 * How to add an entry (a new rule, or a new message of an existing rule):
 *   1. Find the rule's English text in rules/<id>.ts (description, rationale, remediation,
 * messages).
 *   2. Add or extend the entry below under the same rule id, with the same message ids as
 * `messages`.
 *   3. Keep every `{placeholder}` of the English text, spelled the same (the values are filled in
 *      at render time; their order may change). Option keys, values and units stay as written.
 *   4. Use the terms of Flink's Chinese documentation: 进程总内存, Flink 总内存, 框架堆内存, 任务堆内存,
 *      托管内存, 框架堆外内存, 任务堆外内存, 网络内存, JVM 元空间, JVM 开销 (README.md, "Chinese
 *      output", lists them with their English names).
 *   5. Run `npx vitest run test/i18n.test.ts` (a missing entry, an entry without an English text,
 *      or a placeholder that differs fails) and `npm run docs` (regenerates docs/zh/rules.md).
 */
export interface RuleText {
  readonly description: string;
  readonly rationale: string;
  readonly remediation: string;
  readonly messages: Readonly<Record<string, string>>;
}

export const ZH_RULES: Readonly<Record<string, RuleText>> = {
  'config-file-not-read': {
    description:
      '所选 Flink 版本根本不会读取的配置文件（1.19 之前的 config.yaml、与 flink-conf.yaml 并存的 config.yaml、2.0 起的 flink-conf.yaml）',
    rationale:
      'Flink 按文件名查找唯一的配置文件：1.18 及以前是 conf/flink-conf.yaml（扁平的 "key: value" 行），2.0 起是 conf/config.yaml（标准 YAML），' +
      '1.19 和 1.20 两者皆可，但优先读 flink-conf.yaml（此时与之并存的 config.yaml 会被忽略）。另一种格式的文件根本不会被打开：其中的配置全部悄无声息地丢失，' +
      '进程要么以默认值启动，要么因缺少内存大小而启动失败。升级到 Flink 2 后仍保留旧文件，或把按最新文档写的 config.yaml 部署到旧版 Flink 上时，都会出现这种情况。',
    remediation:
      '使用所部署 Flink 会读取的文件：Flink 2.0 起用 config.yaml（可用 bin/migrate-config-file.sh 转换 flink-conf.yaml），1.19 之前用 flink-conf.yaml；' +
      '并按该版本进行检查（--flink-version、spec.flinkVersion 或 .flink-mem.yaml 中的 flinkVersion）。',
    messages: {
      flinkConfWithFlink2:
        'Flink {version} 只读取 conf/config.yaml，不会读取 "flink-conf.yaml"，因此该文件中的配置全部不生效：请用 Flink 自带的 bin/migrate-config-file.sh 转换（它读取 conf/flink-conf.yaml 并写出 conf/config.yaml）',
      legacyFormatWithFlink2:
        '该文件是旧版 flink-conf.yaml 格式，Flink {version} 已不再读取（只读取标准 YAML 格式的 conf/config.yaml）：请用 Flink 自带的 bin/migrate-config-file.sh 转换；如果它本来就是 config.yaml，请用 --input-format config-yaml 检查',
      configYamlBefore119:
        'Flink {version} 只读取 conf/flink-conf.yaml（config.yaml 从 Flink 1.19 起才被读取），不会读取 "config.yaml"，因此该文件中的配置全部不生效：请把它们写成扁平的 "key: value" 行放入 flink-conf.yaml',
      yamlFormatBefore119:
        '该文件是 config.yaml 的标准 YAML 格式，Flink {version} 不会读取（它读取 conf/flink-conf.yaml 的扁平 "key: value" 行，并跳过嵌套的 YAML）：请把配置写成扁平的行放入 flink-conf.yaml',
      embeddedFlinkConfWithFlink2:
        'Flink {version} 只读取 conf/config.yaml，不会读取 ConfigMap 中的 "flink-conf.yaml"，因此其中的配置全部不生效：请用 Flink 自带的 bin/migrate-config-file.sh 转换，并以 "config.yaml" 为键存入 ConfigMap',
      embeddedConfigYamlBefore119:
        'Flink {version} 只读取 conf/flink-conf.yaml（config.yaml 从 Flink 1.19 起才被读取），不会读取 ConfigMap 中的 "config.yaml"，因此其中的配置全部不生效：请把配置写成扁平的 "key: value" 行，以 "flink-conf.yaml" 为键存入',
      configYamlBesideFlinkConf:
        '同一目录下存在 "{other}" 时，Flink {version} 不会读取 "config.yaml"（Flink 1.19 和 1.20 优先读取 flink-conf.yaml），因此该文件中的配置全部不生效：把 {other} 的配置迁入本文件后，删除或重命名 {other}',
    },
  },
  'config-syntax': {
    description: 'Flink 无法加载的配置文件：YAML 格式错误、重复的 key、顶层不是映射或值为空',
    rationale:
      'Flink 1.19 起用严格的 YAML 1.2 解析器读取 config.yaml：YAML 格式错误、顶层不是映射（mapping）、同一映射中 key 重复出现、或 key 没有值，' +
      '都会导致整个文件加载失败，JobManager 和 TaskManager 都无法启动。完全不含 Flink 配置的文件通常是拿错了文件。',
    remediation: '修正 YAML，使文件是一个由配置项 key 到值的映射，每个 key 只出现一次且都有值。',
    messages: {
      yamlSyntax: '{detail}',
      duplicateKey: '{detail}',
      nonMappingRoot: '{detail}',
      nullValue: '{detail}',
      notFlinkConfig: '{detail}',
    },
  },
  'container-memory-exceeded': {
    description: '进程总内存超过容器或 Pod 的内存限制',
    rationale:
      'Flink 根据自身的进程总内存来设置 JVM（堆内存、直接内存、元空间）并预留本地内存，并不关心容器的限制。当进程总内存超过内核强制执行的限制时，' +
      '进程一旦真正用到 Flink 分配给它的内存（通常在负载高时）就会被 OOM Kill。',
    remediation: '把进程总内存降到容器限制以内，或把容器限制提高到进程总内存。',
    messages: {
      exceeded:
        '{what}（{process}）超过了 {limit} 的内存限制 {source}：{name} 一旦用到 Flink 分配给它的内存就会被 OOM Kill',
    },
  },
  'deprecated-key': {
    description: '在所选 Flink 版本中已废弃的配置项及其替代项',
    rationale:
      '废弃的配置项仍然可用，但只会打印一条警告日志，而下一个版本就会删除它；其中一些（旧版堆内存配置项）会被悄悄映射到一个取决于部署目标的总内存配置项上，常常出人意料。',
    remediation: '用替代配置项及换算后的值替换已废弃的配置项。',
    messages: {
      convert:
        '"{key}"（{value}）自 Flink {since} 起已废弃{removal}：{ifRun}请改写为 {replacement}{mapping}',
      ignored: '"{key}"（{value}）自 Flink {since} 起已废弃，在这里不起作用：{note}',
      noEquivalent:
        '"{key}"（{value}）自 Flink {since} 起已废弃{removal}，且没有替代项：{ifRun}{note}',
    },
  },
  'fine-grained-with-total-size': {
    description: '任务堆内存和托管内存（或 JobManager 堆内存）与某个总内存大小同时设置',
    rationale:
      '一旦设置了细粒度的内存大小，Flink 就从它们推导出进程内存，总内存大小只会约束其余部分：网络内存或 JVM 开销变成剩下的部分，而且仍必须落在各自的范围内。' +
      '这样的配置是过度约束的，任何一个大小变化都会导致启动失败。Flink 文档建议要么设置细粒度的大小，要么设置总内存，不要同时设置。',
    remediation: '删除总内存大小、保留细粒度的大小，或者删除细粒度的大小、只保留一个总内存。',
    messages: {
      taskmanager:
        '{fine} 与 {totals} 同时设置：网络内存和 JVM 开销成了剩余部分，却仍必须落在各自的范围内；请只设置细粒度的大小或只设置总内存',
      jobmanager:
        '{fine} 与 {totals} 同时设置：堆外内存和 JVM 开销成了剩余部分，却仍必须放得下；请只设置堆内存或只设置总内存',
    },
  },
  'fraction-out-of-range': {
    description: '内存占比不在 [0, 1) 范围内',
    rationale:
      'Flink 用托管内存、网络内存或 JVM 开销的占比乘以总内存；每当推导或检查这些内存部分时都会校验占比，即使该占比最终没有被用到：' +
      '小于 0、大于等于 1、NaN 或不是数字的文本，都会让 TaskManager 或 JobManager 在启动时失败。',
    remediation: '把占比设为大于等于 0 且小于 1 的小数，或删除该配置以使用默认值。',
    messages: {
      notANumber: '"{key}"（{value}）不是数字：占比是大于等于 0 且小于 1 的小数，例如 {default}',
      outOfRange: '"{key}"（{value}）不在 [0, 1) 范围内：占比必须大于等于 0 且小于 1',
      unusedNotANumber:
        '"{key}"（{value}）不是数字；由于设置了 "{sizeKey}"，Flink 目前不会读取它，但一旦删除该大小就会启动失败',
      unusedOutOfRange:
        '"{key}"（{value}）不在 [0, 1) 范围内；由于设置了 "{sizeKey}"，Flink 目前不会读取它，但一旦删除该大小就会启动失败',
    },
  },
  'invalid-memory-size': {
    description: 'Flink 无法解析为内存大小的内存配置值',
    rationale:
      'Flink 把内存大小读作整数加一个单位（b、k、m、g、t 及其完整写法，均为二进制单位）。1.5g 这样的小数、512Mi 或 2Gi 这样的 Kubernetes 单位、' +
      '正负号以及 YAML 浮点数都会被拒绝，读取该配置项的 TaskManager 或 JobManager 无法启动。',
    remediation: '把大小写成整数加 b、k、m、g 或 t，例如用 1536m 代替 1.5g，用 512m 代替 512Mi。',
    messages: {
      empty: '"{key}" 为空：内存大小是整数加单位，例如 1728m 或 2g',
      negative: '"{key}"（{value}）是负数：内存大小是大于等于 0 的整数加单位，例如 1728m',
      notANumber: '"{key}"（{value}）不是以数字开头：内存大小是整数加单位，例如 1728m 或 2g',
      fractional:
        '"{key}"（{value}）不是整数：Flink 读到 "{digits}"，并拒绝把 "{unit}" 当作单位，请换用更小的单位{hint}',
      yamlFloat:
        '"{key}"（{value}）是带小数点的 YAML 数字，Flink 会把它当作文本读取，而它不是整数字节数；请写成整数加单位{hint}',
      unknownUnit:
        '"{key}"（{value}）的单位 "{unit}" Flink 不认识：请使用 b、k、m、g 或 t（或 kb、mb、gb、tb；均为二进制单位，1k = 1024 字节）{hint}',
      tooLarge:
        '"{key}"（{value}）超出了 Flink 能表示的范围：内存大小必须小于 2^63 字节（最多 8388607t）',
    },
  },
  'invalid-option-value': {
    description: '非内存大小的配置项，其值类型错误或超出范围',
    rationale:
      'Flink 在读取配置项时进行类型转换：slot 数不是整数、布尔值不是 true 或 false、RocksDB 比例不在 (0, 1) 之内、未知的托管内存消费者、' +
      '不是 2 的幂的内存段大小或未知的 State Backend，都会让 TaskManager 或作业在启动时失败，而这往往发生在文件修改很久之后。',
    remediation: '按消息所述，把配置项设为其类型和范围内的值。',
    messages: {
      notAnInteger: '"{key}"（{value}）不是整数：Flink 把该配置项读作整数',
      notANumber: '"{key}"（{value}）不是数字：Flink 把该配置项读作小数',
      outOfRange: '"{key}"（{value}）超出范围：它必须{constraint}',
      notABoolean: '"{key}"（{value}）不是布尔值：Flink 只接受 true 或 false（不区分大小写）',
      notADuration: '"{key}"（{value}）不是时长：Flink 读取整数加单位，例如 ms、s、min、h 或 d',
      unknownBackend:
        '"{key}"（{value}）不是 Flink {version} 认识的 State Backend：请使用 {allowed}，或某个 State Backend 工厂类的类名',
      badWeight: '"{key}"（{value}）："{item}" 不是 NAME:weight 的形式（weight 为整数）',
      negativeWeight: '"{key}"（{value}）给 {name} 的权重是 {weight}：权重是大于等于 0 的整数',
      unknownConsumer:
        '"{key}"（{value}）中的消费者 "{name}" Flink {version} 不认识：请使用 {allowed}（区分大小写）',
      segmentTooSmall:
        '"{key}"（{value}）小于 4096 字节：内存段大小是不小于 4096 字节的 2 的幂，例如 32kb',
      segmentNotPowerOfTwo:
        '"{key}"（{value}）不是 2 的幂：内存段大小是不小于 4096 字节的 2 的幂，例如 32kb',
      segmentTooLarge:
        '"{key}"（{value}）超出了 int 的范围：内存段大小是 4096 字节到 1g 之间的 2 的幂',
      rocksdbRatios:
        '"{wKey}"（{w}）和 "{hKey}"（{h}）没有给 block cache 留下空间：2 x w / (3 - w) + h 必须小于 1，这里是 {sum}',
    },
  },
  'invalid-flink-version': {
    description: 'FlinkDeployment 的 spec.flinkVersion 不是 Operator 接受的取值',
    rationale:
      'Flink Kubernetes Operator 把 spec.flinkVersion 读作一个下划线形式的枚举（v1_17、v1_20、v2_0）。它的 CRD 会让 Kubernetes 在应用清单时拒绝其他任何写法，' +
      '因此 "1.17"、"v1.17" 或 "V1_17" 永远部署不上去。flink-mem 仍会按值中能读出的版本检查这样的清单。',
    remediation:
      '按 Operator 枚举的写法书写版本："v" 加上用 "_" 连接的主版本号和次版本号，例如 v1_20。',
    messages: {
      misspelt: '"spec.flinkVersion"（{value}）不是 Operator 接受的取值：请写成 {suggestion}',
      unknown: '"spec.flinkVersion"（{value}）不是 Operator 认识的 Flink 版本（{first} 到 {last}）',
    },
  },
  'jobmanager-heap-below-minimum': {
    description: 'JobManager 的 JVM 堆内存低于建议的 128 MiB',
    rationale:
      'JobManager 在堆上保存作业图、Checkpoint 元数据和 Web UI 的状态。堆内存小于 128 MiB 时 Flink 仍会启动，但会打印警告，' +
      '这样的 JobManager 通常在提交作业后因 OutOfMemoryError 或长时间 GC 停顿而失败。总内存设得小时堆内存所剩无几，因为堆外内存、JVM 元空间和 JVM 开销优先分配。',
    remediation:
      '调大 jobmanager.memory.heap.size 或推导出堆内存的总内存大小，让 JobManager 至少有 128 MiB 堆内存。',
    messages: {
      configured: '"{key}"（{value}）低于建议的 JobManager 堆内存下限 128 MiB',
      derived: '"{key}"（{value}）只给 JobManager 留下 {heap} 的堆内存，低于建议的 128 MiB',
    },
  },
  'legacy-syntax': {
    description: 'Flink 会跳过或与字面意思读法不同的 flink-conf.yaml 行',
    rationale:
      '旧版 flink-conf.yaml 的读取器并不是 YAML 解析器：它在每行第一个 "#" 处截断，在第一个 ": " 处拆分，其余内容原样保留。没有分隔符或某一侧为空的行' +
      '只打印一条警告日志就被跳过，引号会成为值的一部分，缩进被忽略，后面的行会悄悄覆盖前面的行。于是该配置项保持默认值或解析失败，而文件里看不出任何迹象。',
    remediation:
      '每个配置项单独写一行、不缩进，格式为 "key: value"，冒号后有一个空格，不加引号，值中不含 "#"。',
    messages: {
      missingSpace: '{detail}',
      emptyKeyOrValue: '{detail}',
      nested: '{detail}',
      quoted: '{detail}',
      commentCut: '{detail}',
      duplicate: '{detail}',
      yamlOnly: '{detail}',
      quotedJvmOptions:
        '"{key}" 的值 {value} {when}会留下一个双引号：启动脚本先用空格把 "env.java.default-opts" 和 "env.java.opts" 的值拼接起来，再去掉引号，' +
        "于是只有一端的引号被去掉，JVM 收到一个带多余 '\"' 的参数而无法启动",
    },
  },
  'managed-memory-unused': {
    description: '使用堆上 State Backend 的流作业仍然预留了托管内存',
    rationale:
      '托管内存供 RocksDB/ForSt、批处理算子和 Python worker 使用。使用 hashmap（或 jobmanager/filesystem）State Backend 的流作业完全用不到它，' +
      '但 Flink 仍然预留它（默认占 Flink 总内存的 40%），并从任务堆内存中挤占，而这种 State Backend 恰恰把所有状态都放在任务堆内存中。',
    remediation:
      '把 taskmanager.memory.managed.fraction 设为 0（并删除 taskmanager.memory.managed.size），让这部分内存归入任务堆内存。',
    messages: {
      unused:
        '"{key}"（{value}）把状态保存在 JVM 堆上，但这个流作业仍预留了 {size}（{bytes} 字节）的托管内存而从不使用{unlessCode}',
    },
  },
  'memory-derivation-fails': {
    description: '按此内存配置，Flink 会拒绝启动 TaskManager 或 JobManager',
    rationale:
      'TaskManager 或 JobManager 启动前，Flink 会根据配置的大小、占比和范围推导出每个内存部分；如果它们无法相容——某些部分之和超过了总内存、' +
      '剩余部分超出其范围、总内存小得放不下 JVM 元空间和 JVM 开销——就会抛出 IllegalConfigurationException 并停止。这里运行的是同样的推导，因此部署前就能知道原因。',
    remediation: '采用建议的修改，或调整消息中提到的配置项，使各内存部分能放进各自的总内存和范围。',
    messages: {
      taskmanager: 'TaskManager 无法启动：{reason}（Flink："{flinkMessage}"）',
      jobmanager: 'JobManager 无法启动：{reason}（Flink："{flinkMessage}"）',
    },
  },
  'network-buffers-exceed-pool': {
    description: '单个输入通道申请的网络缓冲区超过了整个网络内存所能容纳的数量',
    rationale:
      '网络内存被切分成大小为 "taskmanager.memory.segment-size" 的缓冲区。任务的每个远程输入通道在任务启动时从缓冲池中取走 "taskmanager.network.memory.buffers-per-channel" 个独占缓冲区，' +
      '其所在的 input gate 还会再申请最多 "taskmanager.network.memory.floating-buffers-per-gate" 个浮动缓冲区。当一个通道的独占缓冲区就超过了整个缓冲池时，' +
      '所有从其他 TaskManager 读取数据的任务都会以 "Insufficient number of network buffers" 失败，尽管 TaskManager 能够启动；如果只是浮动缓冲区放不下，' +
      '该通道永远拿不到它应得的全部份额（一个警告）。Flink 2.0 固定了这些数量，不再读取这些配置项。',
    remediation:
      '增大网络内存（taskmanager.memory.network.min 或占比）以容纳这些缓冲区，或者调小缓冲区数量或内存段大小。',
    messages: {
      exclusive:
        '一个远程输入通道要占用 {perChannel} 个独占网络缓冲区，但整个网络内存（{network}）只能容纳 {total} 个 {segment} 的缓冲区',
      floating:
        '只有一个远程通道的 input gate 要申请 {perChannel} 个独占加 {floating} 个浮动网络缓冲区，但整个网络内存（{network}）只能容纳 {total} 个 {segment} 的缓冲区',
    },
  },
  'no-total-memory-configured': {
    description: 'TaskManager 或 JobManager 既没有设置总内存大小，也没有设置所需的细粒度内存大小',
    rationale:
      'Flink 从三种起点之一确定进程内存：进程总内存、Flink 总内存，或细粒度的大小（TaskManager 为任务堆内存和托管内存，JobManager 为堆内存）。' +
      '它们都没有默认值，因此一个都没设置的配置会让进程在启动时失败。Flink 自带的配置文件设置了进程总内存，从零开始写配置文件时很容易漏掉。',
    remediation:
      '设置 taskmanager.memory.process.size 和 jobmanager.memory.process.size（Flink 自带配置分别为 1728m 和 1600m）。',
    messages: {
      taskmanager:
        '没有设置 TaskManager 的内存大小：请设置 "taskmanager.memory.process.size"、"taskmanager.memory.flink.size"，或同时设置 "taskmanager.memory.task.heap.size" 和 "taskmanager.memory.managed.size"',
      jobmanager:
        '没有设置 JobManager 的内存大小：请设置 "jobmanager.memory.process.size"、"jobmanager.memory.flink.size" 或 "jobmanager.memory.heap.size"',
    },
  },
  'operator-memory-override': {
    description: 'FlinkDeployment 的 flinkConfiguration 中被资源配置悄悄覆盖或与之冲突的内存配置',
    rationale:
      'Flink Kubernetes Operator 在复制 flinkConfiguration 之后，把 spec 中资源的 memory 写入进程总内存，因此 flinkConfiguration 中的进程总内存会被悄悄替换。' +
      '而其中的 Flink 总内存会被保留，于是 Pod 启动时两个总内存都已设置：JVM 开销变成两者之差，超出 JVM 开销的范围时 Flink 拒绝启动。',
    remediation:
      '只用 spec.jobManager/taskManager 的资源 memory 确定进程内存，并从 flinkConfiguration 中删除内存总量配置。',
    messages: {
      overridden:
        'flinkConfiguration 中的 "{key}"（{value}）被 "{field}"（{resource}）替换，{name} 实际以 {size} 运行',
      bothTotals:
        'flinkConfiguration 中的 "{key}"（{value}）与 Operator 根据 "{field}"（{resource}）设置的进程总内存并存，两个总内存都被设置{outcome}',
    },
  },
  'operator-memory-units': {
    description:
      'Operator 与 Kubernetes 理解不同、或 Operator 无法传给 Flink 的 FlinkDeployment 资源 memory',
    rationale:
      'Operator 先按 Flink 的内存大小语法读取资源 memory，其中所有单位都是二进制的（2G 和 2000M 表示 GiB 和 MiB），失败时才按 Kubernetes quantity 读取。' +
      'Kubernetes、配额工具和大多数平台把 G 和 M 读作 10 的幂（m 则是千分之一），同一段文本对它们表示不同的大小。1.5g 这样的小数不符合 Flink 语法，' +
      'Operator 会把 "1500000000.0" 这样的小数字符串写入进程总内存，而 Flink 会拒绝它。',
    remediation:
      '资源 memory 使用二进制的 Kubernetes 单位（Gi、Mi），它们对 Operator、Flink 和 Kubernetes 含义相同。',
    messages: {
      differs:
        '"{field}"（{text}）对 Operator 而言是 {operator}，但对 Kubernetes 和大多数平台而言是 {kubernetes} 字节',
      notQuantity: '"{field}"（{text}）不是 Kubernetes quantity；Operator 把它读作 {operator}',
      unusable:
        '"{field}"（{text}）无法传给 Flink：Operator 会把 {written} 写入 "{processKey}"，而这不是 Flink 能读取的内存大小',
    },
  },
  'process-and-flink-size-both-set': {
    description: '同时配置了进程总内存和 Flink 总内存',
    rationale:
      '两个总内存都设置时，JVM 开销不再按占比推导，而是两者之间的差值，并且仍必须落在 JVM 开销的范围内。之后对任一总内存、JVM 元空间或 JVM 开销上下限的修改都会导致启动失败。' +
      'Flink 文档建议只设置其中一个。',
    remediation: '删除 Flink 总内存，保留进程总内存。',
    messages: {
      bothSet:
        '"{flinkKey}"（{flink}）与 "{processKey}"（{process}）同时设置：JVM 开销变成两者之差，任何一方改变都会出错；请只保留进程总内存',
    },
  },
  'range-min-above-max': {
    description: '网络内存或 JVM 开销的最小值大于最大值',
    rationale:
      'Flink 在推导或检查网络内存和 JVM 开销时都会构造 min/max 范围，最小值超过最大值时拒绝启动。最大值可能是默认值：Flink 1.17 之前，' +
      '除非设置了 "taskmanager.memory.network.max"，网络内存上限为 1g，因此单独设置更大的最小值也会失败。',
    remediation: '把最大值调到不小于最小值，或调小最小值；要固定大小，就把两者设为相同的值。',
    messages: {
      minAboveMax: '"{minKey}"（{min}）大于 "{maxKey}"（{max}）：该范围（{what}）为空',
    },
  },
  'removed-key': {
    description: '所选 Flink 版本已不再读取的配置项及其替代项',
    rationale:
      'Flink 停止读取某个配置项时不会给出任何警告：该值悄无声息地失效。对 2.0 上的旧版堆内存配置项而言，这意味着进程失去了唯一的总内存大小；' +
      '对 1.10 之前的内存配置项而言，这意味着人们仍在调整的配置其实毫无作用。',
    remediation: '用替代配置项及换算后的值替换已删除的配置项，或直接删除它。',
    messages: {
      convert:
        '"{key}"（{value}）自 Flink {removedIn} 起被忽略{ifRun}，因此不再{effect}：请改写为 {replacement}',
      ignored: '"{key}"（{value}）自 Flink {removedIn} 起被忽略{ifRun}，而且此前也不起作用：{note}',
      noEquivalent: '"{key}"（{value}）自 Flink {removedIn} 起被忽略{ifRun}：{note}',
    },
  },
  'rocksdb-without-managed-memory': {
    description: 'RocksDB 或 ForSt State Backend 没有可用的托管内存',
    rationale:
      'RocksDB（以及 ForSt）从 slot 的托管内存中分配 block cache 和 write buffer。没有托管内存时（大小或占比为 0，或 State Backend 消费者权重为 0），' +
      '作业在 State Backend 申请内存时失败；state.backend.rocksdb.memory.managed 为 false 且没有固定大小时，RocksDB 的内存不受限制，容器最终被 OOM Kill。',
    remediation:
      '给 RocksDB（或 ForSt）托管内存：非零的托管内存占比、memory.managed 为 true，以及 State Backend 消费者的权重。',
    messages: {
      zero: '"{key}"（{value}）没有给 TaskManager 留下托管内存，但 {backend} State Backend（"{backendKey}"）从托管内存中分配缓存和 write buffer',
      unbounded:
        '"{key}"（{value}）且没有固定大小（{fixed}），{backend} 的内存不受限制：它会在 Flink 的内存预算之外增长，直到容器被 Kill',
      weight:
        '"{key}"（{value}）没有给 State Backend（{consumer}）分配权重，因此 {backend} State Backend 得不到托管内存，作业在申请时失败',
    },
  },
  'size-and-fraction-both-set': {
    description: '由于同一内存部分配置了固定大小而被 Flink 忽略的内存占比',
    rationale:
      '设置了 "taskmanager.memory.managed.size" 时，托管内存取该大小，只有在未设置时才读取占比；网络内存和 JVM 开销被限制在其 min 和 max 之间，' +
      '因此上下限相等时无论占比是多少大小都是固定的。这时占比不起任何作用：以后有人调大占比想给该内存部分更多内存，会发现什么都没变。' +
      '（占比仍然必须合法：Flink 构造 min/max 范围时总会检查它的取值范围。）',
    remediation: '删除占比；如果该内存部分应当按占比计算，则删除固定大小（或相等的上下限）。',
    messages: {
      sizeWins:
        '"{fractionKey}"（{fraction}）不起作用："{sizeKey}"（{size}）把{what}设成了固定大小',
      boundsWin:
        '"{fractionKey}"（{fraction}）不起作用："{minKey}" 和 "{maxKey}" 都是 {size}，{what}就固定为这个大小',
    },
  },
  'task-heap-too-small-for-slots': {
    description: '每个 slot 分到的任务堆内存太小，不够该 slot 中运行的任务使用',
    rationale:
      'TaskManager 的所有 slot 共享其任务堆内存。每个任务在堆上反序列化输入记录，跨越多个网络缓冲区的记录会先在每个输入通道最多 5 MiB 的堆上缓冲区中拼装，' +
      '然后 Flink 才把它溢写到磁盘；用户函数、堆上状态、定时器和窗口内容还要另算。每个 slot 低于 16 MiB（三个这样的缓冲区之外所剩无几）时，' +
      '有几个输入通道或记录稍大的作业就会以 "OutOfMemoryError: Java heap space" 失败，或者把时间都花在垃圾回收上，尽管 TaskManager 能够启动。' +
      '1 GiB 的 TaskManager 大约只有 25 MiB 任务堆内存：一个 slot 够用，两个就不够了。阈值是规则选项 minTaskHeapPerSlot。',
    remediation:
      '给 TaskManager 更多内存（进程总内存或任务堆内存），或者减少每个 TaskManager 的 slot 数。',
    messages: {
      shared:
        '{slots} 个 slot 共享 {taskHeap} 的任务堆内存（每个 {perSlot}，低于每个 slot {min} 的下限）{from}',
      single: '唯一的 slot 只分到 {taskHeap} 的任务堆内存，低于 {min}{from}',
    },
  },
  'unknown-key': {
    description: '任何 Flink 版本都不认识的疑似内存配置项，以及比所选 Flink 版本更新的内存配置项',
    rationale:
      'Flink 会不声不响地忽略它不认识的配置项，因此编造或拼错的内存配置项（常常抄自某篇文章）会让它本想设置的内存保持默认值。' +
      '比所部署版本更新的 Flink 配置项也是如此：最新版本的文档里有它，旧集群却从不读取。',
    remediation:
      '把配置项改名为本来想用的 Flink 配置项，或删除它；对于更新版本 Flink 的配置项，请按所部署的版本检查（--flink-version 或 spec.flinkVersion），并使用该版本读取的配置项。',
    messages: {
      alias:
        '"{key}"（{value}）在任何版本中都不是 Flink 配置项，Flink 会忽略它：请改用 {suggestion}{note}{already}',
      spelling:
        '"{key}"（{value}）在任何版本中都不是 Flink 配置项，Flink 会忽略它：是不是想写 {suggestion}{already}？',
      ambiguous:
        '"{key}"（{value}）在任何版本中都不是 Flink 配置项，Flink 会忽略它：是不是想写 {suggestion} 之一？',
      noEquivalent: '"{key}"（{value}）在任何版本中都不是 Flink 配置项，Flink 会忽略它：{note}',
      unknown: '"{key}"（{value}）在任何版本中都不是 Flink 配置项，Flink 会忽略它',
      newer: '"{key}"（{value}）是 Flink {since} 新增的，因此 Flink {version} 会忽略它{instead}',
    },
  },
  'unused-suppression': {
    description: '没有抑制任何内容、引用了未知规则或没有给出理由的抑制注释',
    rationale:
      '抑制注释比它所针对的问题活得更久：配置修好或那一行移动之后，它会悄悄掩盖该行或整个文件中下一个真正的问题。没有理由的抑制无法评审，规则 id 拼错的抑制则从来没起过作用。',
    remediation:
      '删除不再抑制任何内容的抑制注释，修正拼错的规则 id，并在 " -- " 之后为每个抑制写明理由。',
    messages: {
      unusedNextLine: '对下一行 {ids} 的抑制没有抑制任何内容：那里并没有报告这样的问题',
      unusedFile: '对本文件 {ids} 的抑制没有抑制任何内容：文件中并没有报告这样的问题',
      unknownRule: '抑制注释引用了 flink-mem 不认识的 {ids}："flink-mem rules" 会列出所有规则 id',
      noRule: '抑制注释没有指明规则：请在指令后写上规则 id，再写 " -- " 和理由',
      missingReason: '对 {ids} 的抑制没有给出理由：请加上 " -- " 并说明为什么该问题在这里不适用',
    },
  },
};

/**
 * Some message values are English fragments the rules compute (a hint, the name of a range, a
 * default); in Chinese they are rewritten by field name with these replacements (strings replaced
 * everywhere, anchored bounded patterns once). A fragment without a rule here stays English.
 * The user's own keys and values are never in these fields.
 */
export const ZH_DATA: Readonly<Record<string, readonly (readonly [string | RegExp, string])[]>> = {
  hint: [[/^; (\S{1,40}) is exactly the same size$/, '；$1 是完全相同的大小']],
  what: [
    ['TaskManager JVM overhead', 'TaskManager 的 JVM 开销'],
    ['JobManager JVM overhead', 'JobManager 的 JVM 开销'],
    ['network memory', '网络内存'],
    ['managed memory', '托管内存'],
  ],
  min: [
    [/^default (\S{1,40})$/, '默认值 $1'],
    ['unlimited', '无上限'],
  ],
  max: [
    [/^default (\S{1,40})$/, '默认值 $1'],
    ['unlimited', '无上限'],
  ],
  removal: [[/^ and ignored from Flink (\S{1,20}) on$/, '，并从 Flink $1 起被忽略']],
  unlessCode: [
    [
      ' (unless the job sets another state backend in code)',
      '（除非作业在代码中设置了其他 State Backend）',
    ],
  ],
  outcome: [
    [', and JVM overhead becomes their difference', '，JVM 开销变成两者之差'],
    [/^, and Flink refuses to start the (\S{1,20})$/, '，Flink 会拒绝启动 $1'],
  ],
  already: [[/^ \(already set to (.{1,300})\)$/, '（已设置为 $1）']],
  ifRun: [
    [/^if you run Flink (\S{1,20}) or newer, $/, '如果运行的是 Flink $1 或更新的版本，'],
    [
      /^ \(if you run Flink (\S{1,20}) or newer; the file does not say which version it is for\)$/,
      '（如果运行的是 Flink $1 或更新的版本；文件没有说明它针对哪个版本）',
    ],
  ],
  when: [
    [/^in Flink (\S{1,20})$/, '在 Flink $1 中'],
    [
      'if you run Flink 1.19 or 1.20 (the file does not say its version)',
      '如果运行的是 Flink 1.19 或 1.20（文件没有说明它的版本）',
    ],
  ],
};
