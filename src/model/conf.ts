/**
 * A read-only view of a Flink configuration as Flink's `Configuration` sees it: primary key
 * first, then fallback keys; defaults of the chosen version; conversion errors with Flink's text.
 */
import type { OptionSpec } from '../options/catalogue.js';
import { defaultFor, findOption, getOption } from '../options/catalogue.js';
import type { FlinkVersion } from '../primitives/version.js';
import { JavaError } from '../primitives/java.js';
import type { RawValue } from '../primitives/raw-value.js';
import {
  convertBoolean,
  convertDouble,
  convertFloat,
  convertInt,
  convertLong,
  convertMemory,
  rawToString,
  str,
} from '../primitives/raw-value.js';

/** A failure of the derivation: a Java exception plus the name of the check that failed. */
export class ModelError extends JavaError {
  constructor(
    exception: string,
    message: string,
    readonly check: string,
    /** Option keys the failed check is about, most relevant first. */
    readonly keys: readonly string[],
    cause?: JavaError,
    /** The sizes the check compared, for explanations in our words. */
    readonly data: Readonly<Record<string, bigint>> = {},
  ) {
    super(exception, message, cause);
  }
}

export function configError(
  check: string,
  message: string,
  keys: readonly string[],
  cause?: JavaError,
  data: Readonly<Record<string, bigint>> = {},
): ModelError {
  return new ModelError('IllegalConfigurationException', message, check, keys, cause, data);
}

export interface Lookup {
  /** The key the value was found under (the primary key or a fallback key). */
  readonly key: string;
  readonly raw: RawValue;
}

export class Conf {
  constructor(
    private readonly values: ReadonlyMap<string, RawValue>,
    readonly version: FlinkVersion,
  ) {}

  /** Whether the option is explicitly configured, under its own key or a fallback key. */
  contains(key: string): boolean {
    return this.lookup(key) !== undefined;
  }

  lookup(key: string): Lookup | undefined {
    const own = this.values.get(key);
    if (own !== undefined) return { key, raw: own };
    const spec = tryOption(key);
    for (const f of spec?.fallbackKeys ?? []) {
      const v = this.values.get(f.key);
      if (v !== undefined) return { key: f.key, raw: v };
    }
    return undefined;
  }

  rawKey(key: string): RawValue | undefined {
    return this.values.get(key);
  }

  keys(): IterableIterator<string> {
    return this.values.keys();
  }

  entries(): IterableIterator<[string, RawValue]> {
    return this.values.entries();
  }

  /** A copy with some keys set (string values) or removed (null). */
  with(changes: Readonly<Record<string, string | null>>): Conf {
    const next = new Map(this.values);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) {
        next.delete(k);
        for (const f of tryOption(k)?.fallbackKeys ?? []) next.delete(f.key);
      } else next.set(k, str(v));
    }
    return new Conf(next, this.version);
  }

  private convert<T>(key: string, convert: (raw: RawValue) => T): T | null {
    const found = this.lookup(key);
    const raw = found?.raw ?? defaultRaw(getOption(key), this.version);
    if (raw === null) return null;
    try {
      return convertOnce(raw, convert);
    } catch (e) {
      if (!(e instanceof JavaError)) throw e;
      throw new ModelError(
        'IllegalArgumentException',
        `Could not parse value '${rawToString(raw)}' for key '${key}'.`,
        'unparsable-value',
        [found?.key ?? key],
        e,
      );
    }
  }

  /** `config.get(memoryOption)`: the size, or null when unset without default. */
  memoryOrNull(key: string): bigint | null {
    return this.convert(key, convertMemory);
  }

  /** `ProcessMemoryUtils.getMemorySizeFromConfig`: failures wrapped as the model does. */
  memory(key: string): bigint {
    try {
      const v = this.memoryOrNull(key);
      if (v === null)
        throw new JavaError(
          'NullPointerException',
          'The memory option is not set and has no default value.',
        );
      return v;
    } catch (e) {
      if (!(e instanceof JavaError)) throw e;
      const found = this.lookup(key);
      throw configError(
        'unparsable-memory-size',
        `Cannot read memory size from config option '${key}'.`,
        [found?.key ?? key],
        e,
      );
    }
  }

  float(key: string): number {
    return this.convert(key, convertFloat) ?? NaN;
  }

  double(key: string): number | null {
    return this.convert(key, convertDouble);
  }

  int(key: string): number | null {
    return this.convert(key, convertInt);
  }

  long(key: string): bigint | null {
    return this.convert(key, convertLong);
  }

  boolean(key: string): boolean | null {
    return this.convert(key, convertBoolean);
  }
}

function tryOption(key: string): OptionSpec | undefined {
  return findOption(key);
}

/**
 * One stored value per default text, so conversions of defaults are cached like the user's values.
 */
const DEFAULTS = new Map<string, RawValue>();

function defaultRaw(spec: OptionSpec, version: FlinkVersion): RawValue | null {
  const text = defaultFor(spec, version);
  if (text === null) return null;
  let raw = DEFAULTS.get(text);
  if (!raw) DEFAULTS.set(text, (raw = str(text)));
  return raw;
}

/**
 * Conversions by stored value: a fix search derives one configuration dozens of times with only
 * a size changed, and stored values are immutable, so each is parsed once. Failed conversions
 * are not kept (they throw again).
 */
const CONVERTED = new Map<(raw: RawValue) => unknown, WeakMap<RawValue, unknown>>();

function convertOnce<T>(raw: RawValue, convert: (raw: RawValue) => T): T {
  let cache = CONVERTED.get(convert);
  if (!cache) CONVERTED.set(convert, (cache = new WeakMap()));
  const hit = cache.get(raw);
  if (hit !== undefined) return hit as T;
  const value = convert(raw);
  cache.set(raw, value);
  return value;
}

/** `ConfigOption.toString()` as it appears inside Flink's messages. */
export function describeOption(key: string, version: FlinkVersion): string {
  const spec = getOption(key);
  const def = defaultFor(spec, version);
  const fallbacks = (spec.fallbackKeys ?? [])
    .map((f) => `{key=${f.key}, isDeprecated=${f.deprecated}}`)
    .join(', ');
  return `Key: '${key}' , default: ${def ?? 'null'} (fallback keys: [${fallbacks}])`;
}
