/**
 * Which language a run answers in: `--lang` first; for the doctor, a report written mostly in
 * Chinese next; then `lang` in the linter config (`--config` for lint, else the nearest
 * .flink-mem.yaml upwards from the working directory); then LC_ALL, LC_MESSAGES, LANG.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { QUIET, yamlLib } from '../config/yaml-lib.js';
import { cliText } from '../i18n/cli.js';
import type { Lang } from '../i18n/lang.js';
import { isLang, langFromEnv, looksChinese } from '../i18n/lang.js';
import type { CliIO } from './io.js';
import { UsageError } from '../primitives/usage-error.js';

/** The `--lang` value, checked; undefined when not given. A bad value is a usage error. */
export function langFlag(value: unknown, io: CliIO): Lang | undefined {
  if (value === undefined) return undefined;
  if (isLang(value)) return value;
  throw new UsageError(
    'EINVAL',
    cliText(langFromEnv(io.env), 'usage.lang', { value: String(value) }),
  );
}

/** The nearest .flink-mem.yaml/.yml upwards from `dir`, stopping after a folder holding `.git`. */
export function nearestLinterConfig(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    for (const name of ['.flink-mem.yaml', '.flink-mem.yml'])
      if (existsSync(join(d, name))) return join(d, name);
    if (existsSync(join(d, '.git')) || dirname(d) === d) return undefined;
  }
}

/**
 * `lang` of a linter config file; a value other than en or zh is a usage error, an unreadable file
 * says nothing.
 */
export function langOfConfig(path: string | undefined, io: CliIO): Lang | undefined {
  if (path === undefined) return undefined;
  let value: unknown;
  try {
    value = (yamlLib().parse(readFileSync(path, 'utf8'), QUIET) as { lang?: unknown } | null)?.lang;
  } catch {
    return undefined; // lint reports a broken linter config; the other commands do not read it
  }
  if (value === undefined || value === null) return undefined;
  if (isLang(value)) return value;
  throw new UsageError(
    'ECONFIG',
    cliText(langFromEnv(io.env), 'usage.langConfig', {
      file: relative(io.cwd, path) || path,
      value: String(value),
    }),
  );
}

export interface LangSources {
  /** The --lang flag as given. */
  readonly flag?: unknown;
  /** `lang` of the linter config, when the caller has read it already (lint). */
  readonly config?: Lang;
  /** The doctor's input: a report written mostly in Chinese gets a Chinese answer. */
  readonly input?: string;
}

export function resolveLang(io: CliIO, sources: LangSources): Lang {
  const flag = langFlag(sources.flag, io);
  if (flag) return flag;
  if (sources.input !== undefined && looksChinese(sources.input)) return 'zh';
  const config =
    'config' in sources ? sources.config : langOfConfig(nearestLinterConfig(io.cwd), io);
  return config ?? langFromEnv(io.env);
}
