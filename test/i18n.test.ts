/**
 * Chinese as an output language: the catalogues are complete (every English text has a Chinese
 * one, no Chinese text lacks an English one, the same placeholders in both), and lint, explain,
 * doctor and rules answer in the language chosen by --lang, .flink-mem.yaml or the locale.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.js';
import { excerpt } from '../src/cli/format/text.js';
import { diagnose } from '../src/doctor/advisor.js';
import { SIGNATURES } from '../src/doctor/signatures/index.js';
import { EN_CLI } from '../src/i18n/cli.js';
import { doctorLanguage } from '../src/i18n/doctor.js';
import { langFromEnv, looksChinese } from '../src/i18n/lang.js';
import { displayWidth } from '../src/i18n/width.js';
import { ZH_CLI } from '../src/i18n/zh/cli.js';
import { ZH_SIGNATURES } from '../src/i18n/zh/doctor.js';
import { ZH_REASONS } from '../src/i18n/zh/reasons.js';
import { ZH_DATA, ZH_RULES } from '../src/i18n/zh/rules.js';
import { EXPLAINERS } from '../src/model/reasons.js';
import { cli } from './cli-harness.js';
import { loadDoctorFixtures } from './doctor-fixtures.js';

const placeholders = (text: string) =>
  [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
const HAN = /[\u4e00-\u9fff]/;
const sorted = (xs: Iterable<string>) => [...xs].sort();

describe('the Chinese rule catalogue (src/i18n/zh/rules.ts)', () => {
  it('has an entry for every rule and none for a rule that does not exist', () => {
    expect(sorted(Object.keys(ZH_RULES))).toEqual(sorted(ALL_RULES.map((r) => r.id)));
  });

  for (const rule of ALL_RULES) {
    describe(rule.id, () => {
      const zh = ZH_RULES[rule.id];
      it('has every message id of the rule, and no other', () => {
        expect(sorted(Object.keys(zh?.messages ?? {}))).toEqual(sorted(Object.keys(rule.messages)));
      });
      it('keeps the placeholders of each message', () => {
        for (const [id, english] of Object.entries(rule.messages)) {
          expect({ id, placeholders: placeholders(zh?.messages[id] ?? '') }).toEqual({
            id,
            placeholders: placeholders(english),
          });
        }
      });
      it('translates the description, rationale and remediation', () => {
        for (const field of ['description', 'rationale', 'remediation'] as const) {
          expect(zh?.[field], field).toMatch(HAN);
          expect(placeholders(zh?.[field] ?? ''), field).toEqual(placeholders(rule[field]));
        }
      });
    });
  }
});

describe('the rewritten message values (ZH_DATA)', () => {
  it('names only fields some rule message has as a placeholder', () => {
    const used = new Set(
      ALL_RULES.flatMap((r) => Object.values(r.messages).flatMap((m) => placeholders(m))),
    );
    expect(Object.keys(ZH_DATA).filter((f) => !used.has(f))).toEqual([]);
  });
});

describe('the CLI catalogue (src/i18n/zh/cli.ts)', () => {
  it('has exactly the English keys', () => {
    expect(sorted(Object.keys(ZH_CLI))).toEqual(sorted(Object.keys(EN_CLI)));
  });
  it('keeps the placeholders of each text', () => {
    for (const [key, english] of Object.entries(EN_CLI)) {
      expect({ key, p: placeholders((ZH_CLI as Record<string, string>)[key] ?? '') }).toEqual({
        key,
        p: placeholders(english),
      });
    }
  });
});

describe('the start-up failure reasons (src/i18n/zh/reasons.ts)', () => {
  it('has exactly the checks the model explains', () => {
    expect(sorted(Object.keys(ZH_REASONS))).toEqual(sorted(Object.keys(EXPLAINERS)));
  });
});

describe('the doctor catalogue (src/i18n/zh/doctor.ts)', () => {
  it('has an entry for every signature and none for a signature that does not exist', () => {
    expect(sorted(Object.keys(ZH_SIGNATURES))).toEqual(sorted(SIGNATURES.map((s) => s.id)));
  });

  // Every doctor fixture, English or Chinese: the Chinese answer names the same diagnoses and is
  // worded in Chinese.
  const fixtures = loadDoctorFixtures().map((f) => [f.name, f.body] as const);
  it.each(fixtures)(
    '%s gets a Chinese summary and explanation for each diagnosis',
    (_name, text) => {
      const en = diagnose({ text });
      const zh = diagnose({ text, language: doctorLanguage('zh')! });
      expect(zh.diagnoses.map((d) => d.id)).toEqual(en.diagnoses.map((d) => d.id));
      for (const d of zh.diagnoses) {
        expect(d.summary).toMatch(HAN);
        expect(d.explanation).toMatch(HAN);
        expect(d.summary + d.explanation).not.toMatch(/undefined|\{\w+\}/);
      }
      if (zh.diagnoses.length === 0) expect(zh.lookedAt).toMatch(HAN);
    },
  );
});

describe('choosing the language', () => {
  it('reads LC_ALL, then LC_MESSAGES, then LANG; C and POSIX are English', () => {
    expect(langFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(langFromEnv({ LANG: 'zh_TW' })).toBe('zh');
    expect(langFromEnv({ LC_ALL: 'C', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(langFromEnv({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(langFromEnv({ LC_ALL: 'zh_CN.UTF-8', LC_MESSAGES: 'POSIX' })).toBe('zh');
    expect(langFromEnv({ LC_ALL: '', LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(langFromEnv({})).toBe('en');
  });

  it('takes a question in Chinese around a pasted exception as Chinese, a log with a few Chinese words as English', () => {
    expect(
      looksChinese(
        'TaskManager 一直报 java.lang.OutOfMemoryError: Java heap space，该怎么调整内存配置？',
      ),
    ).toBe(true);
    expect(
      looksChinese(
        '2024-01-01 INFO org.apache.flink.runtime.taskexecutor.TaskExecutor - Starting 任务 with a very long English log line and more words',
      ),
    ).toBe(false);
  });
});

describe('lint in Chinese', () => {
  const broken = ['lint', 'examples/broken/flink-conf.yaml'];

  it('answers in Chinese under LANG=zh_CN.UTF-8, with English rule ids', async () => {
    const r = await cli(broken, { env: { LANG: 'zh_CN.UTF-8' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '"taskmanager.memory.network.fraction"（1.5）不在 [0, 1) 范围内：占比必须大于等于 0 且小于 1 [fraction-out-of-range]',
    );
    expect(r.stdout).toContain('  修复：taskmanager.memory.network.fraction: 0.1');
    expect(r.stdout).toMatch(/1 个文件中共有 \d+ 个错误，\d+ 个警告\n$/);
  });

  it('--lang en wins over the locale, LC_ALL=C over LANG', async () => {
    for (const [args, env] of [
      [[...broken, '--lang', 'en'], { LANG: 'zh_CN.UTF-8' }],
      [broken, { LANG: 'zh_CN.UTF-8', LC_ALL: 'C' }],
    ] as const) {
      const r = await cli(args, { env });
      expect(r.stdout).toContain(
        'is outside [0, 1): a fraction must be at least 0 and below 1 [fraction-out-of-range]',
      );
    }
  });

  it('reads lang from .flink-mem.yaml, and refuses a language it does not have', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flink-mem-zh-'));
    writeFileSync(join(dir, 'flink-conf.yaml'), 'taskmanager.memory.network.fraction: 1.5\n');
    writeFileSync(join(dir, '.flink-mem.yaml'), 'lang: zh\n');
    expect((await cli(['lint', 'flink-conf.yaml'], { cwd: dir })).stdout).toContain(
      '不在 [0, 1) 范围内',
    );
    expect((await cli(['lint', 'flink-conf.yaml', '--lang', 'en'], { cwd: dir })).stdout).toContain(
      'is outside [0, 1)',
    );
    writeFileSync(join(dir, '.flink-mem.yaml'), 'lang: fr\n');
    const bad = await cli(['lint', 'flink-conf.yaml'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^flink-mem: error: .*"lang"/);
    const flag = await cli([...broken, '--lang', 'de']);
    expect(flag).toMatchObject({
      code: 2,
      stderr: 'flink-mem: error: --lang "de" is not one of en, zh\n',
    });
  });

  it('keeps JSON keys and ids in English and carries the Chinese text in SARIF', async () => {
    const en = JSON.parse((await cli([...broken, '--format', 'json'])).stdout) as Record<
      string,
      unknown
    >;
    const zh = JSON.parse(
      (await cli([...broken, '--format', 'json', '--lang', 'zh'])).stdout,
    ) as Record<string, unknown>;
    const shape = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(shape)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v).map(([k, x]) => [k, k === 'message' ? 'text' : shape(x)]),
            )
          : v;
    expect(shape(zh)).toEqual(shape(en));
    const sarif = JSON.parse(
      (await cli([...broken, '--format', 'sarif', '--lang', 'zh'])).stdout,
    ) as {
      runs: [
        {
          results: { ruleId: string; message: { text: string } }[];
          tool: { driver: { rules: { id: string; shortDescription: { text: string } }[] } };
        },
      ];
    };
    const result = sarif.runs[0].results.find((x) => x.ruleId === 'fraction-out-of-range')!;
    expect(result.message.text).toContain('不在 [0, 1) 范围内');
    expect(result.message.text).toContain('修复：taskmanager.memory.network.fraction: 0.1');
    expect(
      sarif.runs[0].tool.driver.rules.find((x) => x.id === 'fraction-out-of-range')!
        .shortDescription.text,
    ).toBe('内存占比不在 [0, 1) 范围内');
  });
});

describe('explain and doctor in Chinese', () => {
  it("explain names the components as Flink's Chinese documentation does", async () => {
    const r = await cli(['explain', 'examples/standalone/flink-conf.yaml', '--trace'], {
      env: { LANG: 'zh_CN.UTF-8' },
    });
    expect(r.code).toBe(0);
    for (const name of [
      '框架堆内存',
      '任务堆内存',
      '托管内存',
      '框架堆外内存',
      '任务堆外内存',
      '网络内存',
      'JVM 元空间',
      'JVM 开销',
      'Flink 总内存',
      '进程总内存',
    ])
      expect(r.stdout).toContain(name);
    expect(r.stdout).toContain('TaskManager  可以启动  (由进程总内存推导)');
    expect(r.stdout).toContain('Flink 的推导过程：');
    // The size columns line up although the names are wide: every byte count ends in the same
    // column.
    const rows = r.stdout
      .split('\n')
      .filter((l) => l.endsWith(' 字节') && l.startsWith('  ') && !l.startsWith('    '));
    expect(new Set(rows.map((l) => displayWidth(l))).size).toBe(1);
  });

  it('explain says why a process does not start, in Chinese', async () => {
    const r = await cli(['explain', 'examples/broken/flink-conf.yaml', '--lang', 'zh']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('JobManager  无法启动');
    expect(r.stdout).toContain('  原因：没有设置 JobManager 的内存大小');
  });

  it('the doctor answers a report written in Chinese in Chinese, unless --lang says otherwise', async () => {
    const report = [
      'doctor',
      '--error',
      'TaskManager 一直报 java.lang.OutOfMemoryError: Java heap space，怎么调？',
    ];
    const zh = await cli(report);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('flink-mem doctor：1 条诊断。');
    expect(zh.stdout).toContain('TaskManager 的 JVM 堆内存耗尽 [heap-oom, TaskManager]');
    expect(zh.stdout).toContain('flink-docs-stable/zh/docs/deployment/memory/mem_trouble/');
    const en = await cli([...report, '--lang', 'en']);
    expect(en.stdout).toContain('flink-mem doctor: 1 diagnosis');
    const json = JSON.parse((await cli([...report, '--format', 'json'])).stdout) as {
      diagnoses: { id: string; summary: string }[];
    };
    expect(json.diagnoses[0]).toMatchObject({
      id: 'heap-oom',
      summary: 'TaskManager 的 JVM 堆内存耗尽',
    });
  });

  it('the doctor follows the locale for an English log', async () => {
    const r = await cli(['doctor', '--log', 'examples/doctor/taskmanager.log'], {
      env: { LANG: 'zh_CN.UTF-8' },
    });
    expect(r.stdout).toContain('某个 TaskManager 的网络缓冲区不够任务使用');
  });
});

describe('display width', () => {
  it('counts East Asian wide characters as two columns', () => {
    expect(displayWidth('托管内存')).toBe(8);
    expect(displayWidth('JVM 元空间')).toBe(10);
    expect(displayWidth('managed')).toBe(7);
    expect(displayWidth('ｆｕｌｌ')).toBe(8);
  });

  it('puts the caret under the column after wide characters', () => {
    // `taskmanager.memory.task.heap.size: 大 1g`: column 39 (1-based) is "1"; "大" takes two columns.
    const line = 'taskmanager.memory.task.heap.size: 大 1g';
    const ex = excerpt(line, line.indexOf('1g') + 1, line.indexOf('1g') + 3);
    expect(ex.caret).toBe(displayWidth(line.slice(0, line.indexOf('1g'))));
    expect(ex.width).toBe(2);
  });

  it('cuts a long line of wide characters by columns, never through a character', () => {
    const line = `key: ${'内'.repeat(200)}x`;
    const ex = excerpt(line, line.length, line.length + 1);
    expect(displayWidth(ex.text)).toBeLessThanOrEqual(100);
    expect(ex.text.endsWith('x')).toBe(true);
    expect(ex.text.slice(ex.text.length - 1)).toBe('x');
    expect(displayWidth(ex.text.slice(0, -1))).toBe(ex.caret);
  });
});

describe('docs/zh (generated like the English docs; run `npm run docs` and `npm run docs:doctor`)', () => {
  it("docs/zh/rules.md is up to date and shows each rule's example in Chinese", async () => {
    const { loadRuleExamples, renderRulesMarkdown } = await import('../src/cli/rules-cmd.js');
    const { localizeRules } = await import('../src/i18n/rules.js');
    const fixtures = new URL('../fixtures/rules/', import.meta.url).pathname;
    const expected = renderRulesMarkdown(
      localizeRules(ALL_RULES, 'zh'),
      loadRuleExamples(
        fixtures,
        ALL_RULES.map((r) => r.id),
      ),
      'zh',
    );
    const actual = readFileSync(new URL('../docs/zh/rules.md', import.meta.url), 'utf8');
    expect(actual === expected, 'docs/zh/rules.md is stale: run `npm run docs`').toBe(true);
    for (const rule of ALL_RULES) expect(actual).toContain(`## ${rule.id}\n\n**级别：**`);
    expect(actual).toContain('修复：');
  });

  it('docs/zh/doctor.md is up to date', async () => {
    const { loadDoctorExamples } = await import('../src/doctor/reference.js');
    const { renderDoctorMarkdownZh } = await import('../src/i18n/doctor.js');
    const fixtures = new URL('../fixtures/doctor/', import.meta.url).pathname;
    const expected = renderDoctorMarkdownZh(
      SIGNATURES,
      loadDoctorExamples(
        fixtures,
        SIGNATURES.map((s) => s.id),
        { language: doctorLanguage('zh')! },
      ),
    );
    const actual = readFileSync(new URL('../docs/zh/doctor.md', import.meta.url), 'utf8');
    expect(actual === expected, 'docs/zh/doctor.md is stale: run `npm run docs:doctor`').toBe(true);
    expect(actual).toContain('https://nightlies.apache.org/flink/flink-docs-stable/zh/docs/');
  });
});

describe('--help in Chinese (src/i18n/zh/help.ts)', () => {
  it('has a Chinese text for every description of every command, option and argument, and no unused entry', async () => {
    const { buildProgram } = await import('../src/cli/program.js');
    const { allCommands, zhDescription } = await import('../src/cli/help-lang.js');
    const { ZH_HELP } = await import('../src/i18n/zh/help.js');
    const io = {
      write() {},
      error() {},
      stdin: undefined as never,
      stdinIsTTY: true,
      stdoutIsTTY: false,
      env: {},
      cwd: process.cwd(),
    };
    const program = buildProgram(io, { code: 0 });
    const used = new Set<string>(['display help for command', 'output the version number']);
    for (const cmd of allCommands(program)) {
      const texts = [
        cmd.description(),
        ...cmd.options.map((o) => o.description),
        ...cmd.registeredArguments.map((a) => a.description),
      ].filter((t) => t !== '');
      for (const text of texts) {
        expect(zhDescription(text), `${cmd.name()}: ${text}`).toMatch(HAN);
        used.add(text);
      }
    }
    expect(Object.keys(ZH_HELP).filter((k) => !used.has(k))).toEqual([]);
  });

  it("prints help and commander's usage errors in Chinese", async () => {
    const help = await cli(['lint', '--help'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('用法： flink-mem lint');
    expect(help.stdout).toContain('输出语言：en 或 zh');
    const typo = await cli(['lint', '--formt', 'x', '--lang', 'zh']);
    expect(typo).toMatchObject({
      code: 2,
      stderr: "flink-mem: error: 未知选项 '--formt'（是不是想写 --format？）\n",
    });
  });
});

describe('the doctor explains a failed start-up check in Chinese with the configuration given', () => {
  it('names the check and the reason in Chinese', async () => {
    const r = await cli([
      'doctor',
      '--lang',
      'zh',
      '--config',
      'examples/broken/flink-conf.yaml',
      '--error',
      "IllegalConfigurationException: Either required fine-grained memory (jobmanager.memory.heap.size), or Total Flink Memory size (Key: 'jobmanager.memory.flink.size' , default: null (fallback keys: [])), or Total Process Memory size (Key: 'jobmanager.memory.process.size' , default: null (fallback keys: [])) need to be configured explicitly.",
    ]);
    const text = r.stdout.replace(/\n +/g, '');
    expect(text).toContain('Flink 在进程启动前会检查内存配置；这里根本没有配置内存大小');
    expect(text).toContain('未通过 "no-total-memory" 检查：没有设置 JobManager 的内存大小');
    expect(text).toContain(
      'jobmanager.memory.process.size: 未设置 -> 1600m (使 "no-total-memory" 检查通过)',
    );
  });
});

describe('the library speaks Chinese on request', () => {
  it('lint() and diagnose() take lang', async () => {
    const api = await import('../src/api.js');
    const file = api.loadConfig({
      text: 'taskmanager.memory.network.fraction: 1.5\n',
      name: 'flink-conf.yaml',
    });
    const zh = api.lint(file, { lang: 'zh' }).find((f) => f.ruleId === 'fraction-out-of-range');
    expect(zh?.message).toBe(
      '"taskmanager.memory.network.fraction"（1.5）不在 [0, 1) 范围内：占比必须大于等于 0 且小于 1',
    );
    expect(api.lint(file).find((f) => f.ruleId === 'fraction-out-of-range')?.message).toContain(
      'is outside [0, 1)',
    );
    expect(
      api.diagnose('java.lang.OutOfMemoryError: Metaspace', { lang: 'zh' }).diagnoses[0]?.summary,
    ).toBe('某个 Flink 进程的 JVM 元空间耗尽');
  });
});
