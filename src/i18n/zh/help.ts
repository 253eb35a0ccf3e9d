/**
 * --help 的中文文本 (the CLI's help in Chinese), keyed by the English description as written in
 * src/cli/main.ts and src/cli/commands/, so that the command definitions keep their English text in
 * one place.
 *
 * How to add an entry: when a command, option or argument gains or changes its English
 * description, add the exact English text here with its Chinese (a description built from
 * values, such as the version range, goes into ZH_HELP_PREFIXES by its fixed start).
 * `npx vitest run test/i18n.test.ts` walks every command and fails on a description without
 * an entry, and on an entry no description uses.
 */
export const ZH_HELP: Readonly<Record<string, string>> = {
  'colour the output even when it is not a terminal (as FORCE_COLOR=1 does)':
    '即使输出不是终端也使用颜色（与 FORCE_COLOR=1 的效果相同）',
  'no colours (as NO_COLOR=1 or TERM=dumb do)':
    '不使用颜色（与 NO_COLOR=1 或 TERM=dumb 的效果相同）',
  'output format: text, json, svg (a picture to scale), html (one self-contained page with the picture, tables and lint findings) or markdown (for pull requests and job summaries)':
    '输出格式：text、json、svg（按比例绘制的图）、html（包含图、表格和检查结果的独立页面）或 markdown（用于 Pull Request 和作业摘要）',
  'text, json, sarif, github, gitlab, junit or checkstyle; repeat with --output to write several reports (default: github when GITHUB_ACTIONS=true, else text)':
    'text、json、sarif、github、gitlab、junit 或 checkstyle；与 --output 一起重复使用可写出多份报告（默认：GITHUB_ACTIONS=true 时为 github，否则为 text）',
  'the path standard input (-) stands for: reports name it and its .flink-mem.yaml is found from it':
    '标准输入（-）所代表的路径：报告中使用这个名字，并从它所在位置查找 .flink-mem.yaml',
  'report errors only: warnings and info are neither shown nor counted':
    '只报告错误：警告和提示既不显示也不计数',
  'also lint inside folders that git ignores (.gitignore, .git/info/exclude)':
    '也检查被 git 忽略的目录（.gitignore、.git/info/exclude）',
  'print the settings lint would use for this file (linter config and flags) as JSON, and lint nothing':
    '以 JSON 输出 lint 对这个文件会使用的设置（检查器配置和命令行参数），不做检查',
  'Print a JSON Schema of Flink memory options for editors (yaml-language-server): flat or nested config.yaml, or a FlinkDeployment':
    '输出 Flink 内存配置项的 JSON Schema，供编辑器使用（yaml-language-server）：扁平或嵌套的 config.yaml，或 FlinkDeployment',
  "config: a flink-conf.yaml or config.yaml (flat or nested keys); flink-deployment: a FlinkDeployment's spec.flinkConfiguration":
    'config：flink-conf.yaml 或 config.yaml（扁平或嵌套的键）；flink-deployment：FlinkDeployment 的 spec.flinkConfiguration',
  'Write a commented .flink-mem.yaml (linter config) in the current folder':
    '在当前目录写出一个带注释的 .flink-mem.yaml（检查器配置）',
  'replace an existing .flink-mem.yaml': '替换已有的 .flink-mem.yaml',
  'Print a shell completion script for bash, zsh or fish': '输出 bash、zsh 或 fish 的命令补全脚本',
  'bash, zsh or fish': 'bash、zsh 或 fish',
  'Lint Apache Flink memory configuration, derive it exactly as Flink does, and diagnose memory failures.':
    '检查 Apache Flink 的内存配置，按 Flink 的方式精确推导各内存部分，并诊断内存故障。',
  'Show how Flink splits TaskManager and JobManager memory for each file, or why it would not start':
    '显示 Flink 如何为每个文件划分 TaskManager 和 JobManager 的内存，或者说明进程为何无法启动',
  'Check Flink configuration files and manifests for memory settings that fail at start-up or in production':
    '检查 Flink 配置文件和 Kubernetes 清单中会导致启动失败或在生产中出问题的内存配置',
  'Diagnose a memory failure from an error message, a stack trace or a whole log, and say which options to change to which values':
    '根据错误信息、堆栈或整份日志诊断内存故障，并说明应把哪些配置项改成什么值',
  'List the lint rules (the reference in docs/rules.md is generated from this)':
    '列出检查规则（docs/rules.md 和 docs/zh/rules.md 由此生成）',
  'deployment target: decides how legacy heap keys map (default: kubernetes for manifests, else standalone)':
    '部署目标：决定旧版堆内存配置项如何映射（默认：Kubernetes 清单为 kubernetes，其他为 standalone）',
  'output language: en or zh (default: lang in .flink-mem.yaml, else LC_ALL, LC_MESSAGES, LANG)':
    '输出语言：en 或 zh（默认：.flink-mem.yaml 中的 lang，其次是 LC_ALL、LC_MESSAGES、LANG）',
  'read inputs as this format instead of detecting it': '按此格式读取输入，而不是自动识别',
  'flink-conf.yaml, config.yaml, Kubernetes manifests, folders, or - for standard input':
    'flink-conf.yaml、config.yaml、Kubernetes 清单、目录，或用 - 表示标准输入',
  'output format': '输出格式',
  'show how Flink arrives at each component (option, path, fraction, clamp, remainder)':
    '显示 Flink 如何得出每个内存部分（配置项、推导路径、占比、上下限截断、剩余部分）',
  'show the effective configuration and where each value comes from':
    '显示生效的配置以及每个值的来源',
  'which process to explain': '要说明的进程',
  'override an option, applied last like -D (repeatable)':
    '覆盖某个配置项，像 -D 一样最后生效（可重复）',
  'environment variable Flink would see, e.g. FLINK_TM_HEAP=1g (repeatable)':
    'Flink 能看到的环境变量，例如 FLINK_TM_HEAP=1g（可重复）',
  'files, folders (their Flink config files and manifests) or - for standard input':
    '文件、目录（其中的 Flink 配置文件和清单），或用 - 表示标准输入',
  'write the report to this file instead of standard output (pairs with --format in order)':
    '把报告写入此文件而不是标准输出（按顺序与 --format 配对）',
  'lowest severity that makes the exit code 1: error, warning or info':
    '使退出码为 1 的最低级别：error、warning 或 info',
  'also exit 1 when there are more warnings than this': '警告数超过此值时也以 1 退出',
  'linter config file (default: .flink-mem.yaml found upwards from each linted file)':
    '检查器配置文件（默认：从每个被检查文件所在目录向上查找 .flink-mem.yaml）',
  'memory limit of the container or pod, e.g. 4Gi (Kubernetes units) or 4g (binary)':
    '容器或 Pod 的内存限制，例如 4Gi（Kubernetes 单位）或 4g（二进制单位）',
  'set a rule to error, warning, info or off (repeatable)':
    '把某条规则设为 error、warning、info 或 off（可重复）',
  'apply the fixes the rules propose to the files (atomically, only when the fixed file still loads and every process that started still starts), then report what remains':
    '把规则提出的修复写入文件（原子写入，且仅当修复后的文件仍能加载、原本能启动的进程仍能启动时），然后报告剩余的问题',
  'print the fixes as a unified diff (--- a/<file> +++ b/<file>, for git apply) and write nothing; exit 1 when there is something to fix, 0 when not':
    '以 unified diff 输出修复（--- a/<file> +++ b/<file>，可用于 git apply），不写任何文件；有可修复的内容时以 1 退出，否则以 0 退出',
  'the error message or stack trace (quote it)': '错误信息或堆栈（请加引号）',
  'a TaskManager or JobManager log, kubectl describe output or a YARN diagnostic, of any size':
    'TaskManager 或 JobManager 的日志、kubectl describe 的输出或 YARN 的诊断信息，大小不限',
  "the configuration the process ran with (any file lint reads, or Flink's conf/ folder), for concrete values":
    '进程运行时使用的配置（lint 能读取的任何文件，或 Flink 的 conf/ 目录），用于给出具体的值',
  'display help for command': '显示命令的帮助',
  'output the version number': '输出版本号',
};

/** Descriptions built from values: their fixed start, and its Chinese. */
export const ZH_HELP_PREFIXES: readonly (readonly [string, string])[] = [
  ['Flink version(s) to use, comma-separated (', '要使用的 Flink 版本，多个用逗号分隔（'],
  ['Flink version whose defaults to use (', '使用哪个 Flink 版本的默认值（'],
  ['defaults and deprecations of this Flink version (', '采用此 Flink 版本的默认值和废弃信息（'],
];

/** Commander's own headings and the examples our help appends. */
export const ZH_HELP_TITLES: Readonly<Record<string, string>> = {
  'Usage:': '用法：',
  'Arguments:': '参数：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Global Options:': '全局选项：',
};

/** Commander's usage errors, by their fixed start (the rest, a flag or value, is kept). */
export const ZH_USAGE_ERRORS: readonly (readonly [string, string])[] = [
  ['unknown option ', '未知选项 '],
  ['unknown command ', '未知命令 '],
  ['too many arguments', '参数过多'],
  ['missing required argument ', '缺少必需的参数 '],
  ['option ', '选项 '],
  ['\n(Did you mean ', '（是不是想写 '],
  ['(Did you mean ', '（是不是想写 '],
  ['?)', '？）'],
  ['Allowed choices are ', '允许的值为 '],
  [' argument missing', ' 缺少参数值'],
  [' is invalid.', ' 无效。'],
];

/** The value-built rest of those descriptions. */
export const ZH_HELP_PHRASES: readonly (readonly [string, string])[] = [
  [
    "; default: the manifest's spec.flinkVersion, 1.20 for a flink-conf.yaml, else ",
    '；默认：清单中的 spec.flinkVersion，flink-conf.yaml 为 1.20，其他为 ',
  ],
  ['; default: ', '；默认：'],
  ['default: ', '默认：'],
  [' to ', ' 到 '],
  [')', '）'],
];
