/**
 * Output languages: which one a run uses and how it is chosen. Pure functions (no I/O), so every
 * layer above may use them. English is the source text everywhere; other languages are catalogues
 * looked up at render time (src/i18n/<lang>/), falling back to English for a missing entry.
 */
export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'zh';
}

/**
 * The language of a POSIX locale name: `zh_CN.UTF-8`, `zh_TW`, `zh` give Chinese; anything else
 * (including C and POSIX) English. Undefined for an unset or empty variable.
 */
export function langOfLocale(locale: string | undefined): Lang | undefined {
  if (locale === undefined || locale === '') return undefined;
  // Not a case-insensitive pattern: V8 sets up case folding on the first one, a noticeable part of
  // start-up.
  return /^[zZ][hH](?:[_.@-]|$)/.test(locale) ? 'zh' : 'en';
}

/**
 * The language the environment asks for, as gettext decides: the first set of LC_ALL,
 * LC_MESSAGES, LANG wins (LANGUAGE is not consulted: it only matters when the locale is not C).
 */
export function langFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const lang = langOfLocale(env[name]);
    if (lang) return lang;
  }
  return 'en';
}

/**
 * Whether a text is mostly Chinese, counting Han characters against Latin words (a Han character
 * carries about half a word): a question written in Chinese around a pasted exception is Chinese,
 * a log with a few Chinese words is not. Stack frames (`at org.apache...`) do not count: they are
 * pasted, not written. Linear: one pass over at most `limit` characters.
 */
export function looksChinese(text: string, limit = SAMPLE): boolean {
  const counter = new ScriptCounter(limit);
  for (const line of text.split('\n')) counter.add(line);
  return counter.chinese();
}

/** How much of an input is looked at to tell its language. */
const SAMPLE = 200_000;

const isLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isHan = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);

/** Counts Han characters and Latin words over lines that arrive one by one (a streamed log). */
export class ScriptCounter {
  #han = 0;
  #words = 0;
  #left: number;

  constructor(limit = SAMPLE) {
    this.#left = limit;
  }

  /** One line of the input. */
  add(line: string): void {
    if (this.#left <= 0 || /^\s*(?:at |\.\.\. \d+ more)/.test(line)) return;
    const end = Math.min(line.length, this.#left);
    this.#left -= end;
    let inWord = false;
    for (let i = 0; i < end; i++) {
      const c = line.charCodeAt(i);
      if (isHan(c)) this.#han++;
      const letter = isLetter(c);
      if (letter && !inWord) this.#words++;
      inWord = letter;
    }
  }

  chinese(): boolean {
    return this.#han > 0 && this.#han * 2 >= this.#words;
  }
}
