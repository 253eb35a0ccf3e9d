/**
 * --help and commander's usage errors in the output language: the descriptions written in
 * main.ts are looked up in src/i18n/zh/help.ts after the program is built, so main.ts keeps one
 * (English) text per option. The language is read from argv and the locale before parsing.
 */
import type { Command, Help } from 'commander';
import type { Lang } from '../i18n/lang.js';
import { isLang, langFromEnv } from '../i18n/lang.js';
import { displayWidth } from '../i18n/width.js';
import {
  ZH_HELP,
  ZH_HELP_PHRASES,
  ZH_HELP_PREFIXES,
  ZH_HELP_TITLES,
  ZH_USAGE_ERRORS,
} from '../i18n/zh/help.js';
import type { CliIO } from './io.js';
import { langOfConfig, nearestLinterConfig } from './lang-flag.js';

/** The language of help and usage errors: --lang in argv, else .flink-mem.yaml, else the locale. */
export function helpLang(argv: readonly string[], io: CliIO): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value =
      a === '--lang'
        ? argv[i + 1]
        : a.startsWith('--lang=')
          ? a.slice('--lang='.length)
          : undefined;
    if (value !== undefined) return isLang(value) ? value : langFromEnv(io.env);
  }
  try {
    return langOfConfig(nearestLinterConfig(io.cwd), io) ?? langFromEnv(io.env);
  } catch {
    return langFromEnv(io.env); // a bad lang in the config is reported by the command itself
  }
}

/**
 * A description in Chinese: its exact entry, else its fixed start and phrases; undefined when
 * unknown.
 */
export function zhDescription(english: string): string | undefined {
  const exact = ZH_HELP[english];
  if (exact !== undefined) return exact;
  const prefix = ZH_HELP_PREFIXES.find(([en]) => english.startsWith(en));
  if (!prefix) return undefined;
  let rest = english.slice(prefix[0].length);
  for (const [en, zh] of ZH_HELP_PHRASES) rest = rest.split(en).join(zh);
  return prefix[1] + rest;
}

/** Every command of the program with itself first. */
export function allCommands(program: Command): Command[] {
  return [program, ...program.commands.flatMap((c) => allCommands(c))];
}

/**
 * Rewrites every description of the program (commands, options, arguments, help and version flags)
 * in `lang`.
 */
export function localizeHelp(program: Command, lang: Lang): void {
  if (lang === 'en') return;
  const zh = (text: string) => zhDescription(text) ?? text;
  for (const cmd of allCommands(program)) {
    cmd.description(zh(cmd.description()));
    for (const opt of cmd.options) opt.description = zh(opt.description);
    for (const arg of cmd.registeredArguments) arg.description = zh(arg.description);
    cmd.helpOption('-h, --help', zh('display help for command'));
    cmd.configureHelp({
      styleTitle: (title: string) => ZH_HELP_TITLES[title] ?? title,
      displayWidth: (text: string) =>
        displayWidth(text.replace(/\u001b\[\d{0,3}(?:;\d{1,3}){0,8}m/g, '')),
    } as Partial<Help>);
  }
  const version = program.options.find((o) => o.long === '--version');
  if (version) version.description = zh(version.description);
}

/** A commander usage error in `lang` (its fixed words; flags and values are kept). */
export function localizeUsageError(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  let out = text;
  for (const [en, zh] of ZH_USAGE_ERRORS) out = out.split(en).join(zh);
  return out;
}
