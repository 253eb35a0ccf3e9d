/**
 * Runs `flink-mem doctor`: reads an error message (`--error`), a log of any size (`--log`, read as
 * a stream) or standard input, optionally a configuration (`--config`), and prints diagnoses.
 * Exit codes: 0 at least one diagnosis, 1 none, 2 usage or input error.
 */
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { diagnose, diagnoseStream } from '../doctor/advisor.js';
import type { DoctorOptions, DoctorResult } from '../doctor/types.js';
import { formatJson, formatText } from '../doctor/format.js';
import { cliText } from '../i18n/cli.js';
import type { CliKey } from '../i18n/cli.js';
import { doctorLanguage, localizeResult } from '../i18n/doctor.js';
import type { Lang } from '../i18n/lang.js';
import { ScriptCounter } from '../i18n/lang.js';
import { displayWidth } from '../i18n/width.js';
import type { DoctorWords } from '../doctor/format.js';
import { ENGLISH_WORDS } from '../doctor/format.js';
import { langFlag, resolveLang } from './lang-flag.js';
import type { CliIO } from './io.js';
import { EXIT, exitFor } from './io.js';
import { visible } from './util.js';
import { readFailureCode, UsageError } from '../primitives/usage-error.js';
import { logLines, NotText, readableLog } from './doctor-log.js';
import { doctorSettings } from './doctor-settings.js';
import type { DoctorCliOptions } from './doctor-settings.js';
import { markWorkStarted } from './work-started.js';

export type { DoctorCliOptions } from './doctor-settings.js';

/** Every line read passes through `seen` (for the input's language) on its way to the advisor. */
async function* watched(
  source: AsyncIterable<readonly string[]>,
  seen: (text: string) => void,
): AsyncGenerator<readonly string[]> {
  for await (const batch of source) {
    for (const line of batch) seen(line);
    yield batch;
  }
}

async function read(
  opts: DoctorCliOptions,
  options: DoctorOptions,
  io: CliIO,
  seen: (text: string) => void = () => {},
): Promise<DoctorResult> {
  if (opts.error !== undefined && opts.log !== undefined)
    throw new UsageError('EINVAL', 'give either --error or --log, not both');
  if (opts.error !== undefined) {
    if (opts.error.trim() === '')
      throw new UsageError('EINVAL', '--error is empty: nothing to diagnose');
    seen(opts.error);
    return diagnose(
      Object.defineProperty(
        { ...options, text: opts.error },
        'language',
        Object.getOwnPropertyDescriptor(options, 'language') ?? { value: undefined },
      ),
    );
  }
  if (opts.log !== undefined) {
    const path = resolve(io.cwd, opts.log);
    readableLog(path, opts.log);
    const stream = createReadStream(path);
    try {
      return await diagnoseStream(watched(logLines(stream), seen), options);
    } catch (e) {
      if (e instanceof NotText) throw new UsageError('EINPUT', `log "${opts.log}" ${e.message}`);
      const code = (e as { code?: string }).code;
      throw new UsageError(
        readFailureCode(e),
        `log "${opts.log}" cannot be read (${code ?? (e instanceof Error ? e.message : String(e))})`,
      );
    }
  }
  if (io.stdinIsTTY)
    throw new UsageError(
      'EINVAL',
      'nothing to diagnose: give --error "<message>", --log <file>, or pipe the text on standard input',
    );
  try {
    return await diagnoseStream(watched(logLines(io.stdin), seen), options);
  } catch (e) {
    if (e instanceof NotText) throw new UsageError('EINPUT', `standard input ${e.message}`);
    throw e;
  }
}

/** The text format's words in `lang`. */
function doctorWords(lang: Lang): DoctorWords {
  if (lang === 'en') return ENGLISH_WORDS;
  const t = (key: CliKey, data?: Record<string, string | number>) => cliText(lang, key, data);
  return {
    none: t('doctor.none'),
    one: t('doctor.one'),
    many: (n) => t('doctor.many', { n }),
    line: (n) => t('doctor.line', { line: n }),
    change: t('doctor.change'),
    noChange: t('doctor.noChange'),
    effect: t('doctor.effect'),
    docs: t('doctor.docs'),
    process: {
      taskmanager: t('doctor.taskmanager'),
      jobmanager: t('doctor.jobmanager'),
      unknown: t('doctor.unknown'),
    },
    width: displayWidth,
  };
}

/**
 * The language is known only once the input has been read (a report written in Chinese gets a
 * Chinese answer), and the advisor words its diagnoses after reading: it reads `language` then.
 */
function withLanguage(options: DoctorOptions, choose: () => Lang): DoctorOptions {
  return Object.defineProperty({ ...options }, 'language', {
    enumerable: true,
    get: () => doctorLanguage(choose()),
  });
}

export async function runDoctor(opts: DoctorCliOptions, io: CliIO): Promise<number> {
  markWorkStarted();
  let result: DoctorResult;
  let lang: Lang;
  try {
    if (opts.format !== 'text' && opts.format !== 'json')
      throw new UsageError('EINVAL', `--format must be text or json, not "${String(opts.format)}"`);
    const flag = langFlag(opts.lang, io);
    const script = new ScriptCounter();
    const fallback = flag ?? resolveLang(io, {});
    const choose = () => (lang = flag ?? (script.chinese() ? 'zh' : fallback));
    result = await read(opts, withLanguage(doctorSettings(opts, io.cwd), choose), io, (text) =>
      script.add(text),
    );
    lang = choose();
  } catch (e) {
    return exitFor(e, io);
  }
  result = localizeResult(result, lang);
  // The evidence quotes the input: control characters in it are shown escaped, not sent to the
  // terminal.
  io.write(
    opts.format === 'json' ? formatJson(result) : visible(formatText(result, doctorWords(lang))),
  );
  return result.diagnoses.length > 0 ? EXIT.ok : EXIT.findings;
}
