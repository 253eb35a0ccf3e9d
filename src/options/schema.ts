/**
 * A JSON Schema (draft-07) for Flink configuration files, generated from the option catalogue:
 * one property per flat dotted key, with its type, grammar, range, default and deprecation.
 * Editors use it through `flink-mem schema` (yaml-language-server); the linter validates option
 * values against the same schema (validate.ts), so the two never disagree.
 */
import { UNIT_LIST } from '../primitives/memory-size.js';
import { defaultFor, OPTIONS } from './catalogue.js';
import type { NumericRange, OptionSpec } from './catalogue.js';
import type { FlinkVersion } from '../primitives/version.js';
import { atLeast, defaultVersion, versionLabel } from '../primitives/version.js';

export type JsonSchema = { [keyword: string]: unknown };

/** Letters matched in either case, since JSON Schema patterns have no flags. */
function anyCase(word: string): string {
  return [...word]
    .map((ch) =>
      /[a-z]/i.test(ch)
        ? `[${ch.toLowerCase()}${ch.toUpperCase()}]`
        : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
}

function oneOfWords(words: readonly string[]): string {
  return `(?:${[...words]
    .sort((a, b) => b.length - a.length)
    .map(anyCase)
    .join('|')})`;
}

/** Flink trims characters up to U+0020 (Java's String.trim), not Unicode spaces. */
const TRIM = '[\\x00-\\x20]*';

/** Every unit spelling of Flink's memory-size grammar, read from the grammar itself. */
export const MEMORY_UNITS: readonly string[] = UNIT_LIST.match(/[a-z]+/g) ?? [];

/** Flink's memory-size grammar: digits, optional whitespace, an optional unit in any case. */
export const MEMORY_SIZE_PATTERN = `^${TRIM}[0-9]+${TRIM}${oneOfWords(MEMORY_UNITS)}?${TRIM}$`;

/**
 * Flink's duration grammar (TimeUtils): digits and an optional unit label, milliseconds without
 * one.
 */
const DURATION_UNITS = [
  'd',
  'day',
  'h',
  'hour',
  'min',
  'm',
  'minute',
  's',
  'sec',
  'second',
  'ms',
  'milli',
  'millisecond',
  'µs',
  'micro',
  'microsecond',
  'ns',
  'nano',
  'nanosecond',
].flatMap((u) => (u.length > 2 && !u.endsWith('s') ? [u, `${u}s`] : [u]));
/**
 * ISO-8601 text as java.time.Duration.parse reads it (PT0.2S, P1DT2H): accepted, never reported.
 */
const ISO_DURATION = `[-+]?${anyCase('p')}(?:[-+]?[0-9]+${anyCase('d')})?(?:${anyCase('t')}(?:[-+]?[0-9]+${anyCase('h')})?(?:[-+]?[0-9]+${anyCase('m')})?(?:[-+]?[0-9]+(?:[.,][0-9]{0,9})?${anyCase('s')})?)?`;
export const DURATION_PATTERN = `^${TRIM}(?:[0-9]+${TRIM}${oneOfWords(DURATION_UNITS)}?|${ISO_DURATION})${TRIM}$`;

const INTEGER_TEXT = `^${TRIM}[+-]?[0-9]+${TRIM}$`;
/** Decimal numbers as Java's Float/Double.parseFloat read them (hexadecimal floats left out). */
const NUMBER_TEXT = `^${TRIM}[+-]?(?:NaN|Infinity|(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?)${TRIM}$`;
const BOOLEAN_TEXT = `^${oneOfWords(['true', 'false'])}$`;
const WEIGHT_ITEM = '\\s*\\w+\\s*:\\s*\\+?[0-9]+\\s*';
/**
 * `NAME:weight` pairs separated by commas; a weight takes a plus sign, as Integer.parseInt does.
 */
const WEIGHTS_TEXT = `^${WEIGHT_ITEM}(?:,${WEIGHT_ITEM})*$`;

const INT_RANGE: NumericRange = { min: -2147483648, max: 2147483647 };

function rangeKeywords(range: NumericRange | undefined): JsonSchema {
  const out: JsonSchema = {};
  if (range?.min !== undefined)
    out[range.minExclusive ? 'exclusiveMinimum' : 'minimum'] = range.min;
  if (range?.max !== undefined)
    out[range.maxExclusive ? 'exclusiveMaximum' : 'maximum'] = range.max;
  return out;
}

/**
 * The value part of an option's schema. Values may be typed YAML scalars (config.yaml) or strings
 * (flink-conf.yaml, --set), which Flink converts; so numbers and booleans also accept their text.
 */
export function valueSchema(option: OptionSpec): JsonSchema {
  switch (option.type) {
    case 'memory':
      return {
        type: ['string', 'integer'],
        pattern: MEMORY_SIZE_PATTERN,
        minimum: 0,
        ...rangeKeywords(option.range),
      };
    case 'int':
      return {
        type: ['integer', 'string'],
        pattern: INTEGER_TEXT,
        ...rangeKeywords(INT_RANGE),
        ...rangeKeywords(option.range),
      };
    case 'long':
      return { type: ['integer', 'string'], pattern: INTEGER_TEXT, ...rangeKeywords(option.range) };
    case 'float':
    case 'double':
      return { type: ['number', 'string'], pattern: NUMBER_TEXT, ...rangeKeywords(option.range) };
    case 'boolean':
      return { type: ['boolean', 'string'], pattern: BOOLEAN_TEXT };
    case 'duration':
      return { type: ['string', 'integer'], pattern: DURATION_PATTERN, minimum: 0 };
    case 'map':
      return { type: 'string', pattern: WEIGHTS_TEXT };
    case 'enum': {
      const values = option.enumValues ?? [];
      const accepted: JsonSchema[] = [{ enum: values }, { pattern: `^${oneOfWords(values)}$` }];
      if (option.enumPattern) accepted.push({ pattern: option.enumPattern });
      return { type: 'string', anyOf: accepted };
    }
    case 'string':
      return { type: ['string', 'number', 'boolean'] };
  }
}

/** The default as a typed YAML value (`0.4`, `1`, `false`, `"128m"`), or undefined when none. */
function typedDefault(option: OptionSpec, version: FlinkVersion): unknown {
  const text = defaultFor(option, version);
  if (text === null) return undefined;
  if (
    option.type === 'int' ||
    option.type === 'long' ||
    option.type === 'float' ||
    option.type === 'double'
  ) {
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  }
  if (option.type === 'boolean') return text === 'true';
  return text;
}

/** Why the key should not be used in this version, or undefined when it is fine. */
function deprecation(option: OptionSpec, version: FlinkVersion): string | undefined {
  const instead = option.replacedBy ? `; use "${option.replacedBy}" instead` : '';
  if (option.removedIn && atLeast(version, option.removedIn))
    return `Has no effect since Flink ${option.removedIn}${instead}.`;
  if (option.deprecatedIn && atLeast(version, option.deprecatedIn))
    return `Deprecated since Flink ${option.deprecatedIn}${instead}.`;
  return undefined;
}

function property(option: OptionSpec, version: FlinkVersion): JsonSchema {
  const since =
    option.since !== '1.0' && option.since !== '1.10' ? ` Since Flink ${option.since}.` : '';
  const why = deprecation(option, version);
  const def = typedDefault(option, version);
  return {
    description: `${option.description}${since}${why ? ` ${why}` : ''}`,
    ...valueSchema(option),
    ...(def !== undefined ? { default: def } : {}),
    ...(why ? { deprecated: true, deprecationMessage: why } : {}),
  };
}

/**
 * Another spelling of an option (usually a deprecated one): same values, pointing to the option's
 * key.
 */
function fallbackProperty(option: OptionSpec, deprecated: boolean): JsonSchema {
  const why = `Deprecated key; use "${option.key}" instead.`;
  return deprecated
    ? {
        description: `${option.description} ${why}`,
        ...valueSchema(option),
        deprecated: true,
        deprecationMessage: why,
      }
    : {
        description: `${option.description} Read when "${option.key}" is not set.`,
        ...valueSchema(option),
      };
}

export interface ConfigSchemaOptions {
  /** Defaults and deprecations of this Flink version (default: the newest). */
  readonly version?: FlinkVersion;
  readonly options?: readonly OptionSpec[];
}

/** The JSON Schema of a Flink configuration file (flat dotted keys). */
export function configSchema(opts: ConfigSchemaOptions = {}): JsonSchema {
  const version = opts.version ?? defaultVersion();
  const options = opts.options ?? OPTIONS;
  const properties: Record<string, JsonSchema> = {};
  for (const option of options) properties[option.key] = property(option, version);
  for (const option of options) {
    for (const f of option.fallbackKeys ?? [])
      if (!(f.key in properties)) properties[f.key] = fallbackProperty(option, f.deprecated);
  }
  const sorted = Object.fromEntries(
    Object.keys(properties)
      .sort()
      .map((k) => [k, properties[k]!]),
  );
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/flink-mem/flink-mem/schema/flink-config.json',
    title: `Flink configuration (memory options, Flink ${versionLabel(version)})`,
    description:
      'Memory-related options of Apache Flink with their types, ranges, defaults and deprecations, generated by flink-mem. Keys are written flat and dotted; options flink-mem does not know are allowed.',
    type: 'object',
    properties: sorted,
    additionalProperties: true,
  };
}

/**
 * Only the value constraints of every key (no annotations), which do not depend on the Flink
 * version:
 * the linter validates converted values against this, compiled at build time by
 * scripts/gen-validators.mjs. `configSchema()` holds the same constraints for every version.
 */
export function valueConstraintsSchema(options: readonly OptionSpec[] = OPTIONS): JsonSchema {
  const byKey = new Map<string, OptionSpec>();
  for (const option of options) byKey.set(option.key, option);
  for (const option of options)
    for (const f of option.fallbackKeys ?? []) if (!byKey.has(f.key)) byKey.set(f.key, option);
  // Many keys share one value schema: each distinct one is a definition, so the compiled code stays
  // small.
  const definitions: Record<string, JsonSchema> = {};
  const names = new Map<string, string>();
  const properties: Record<string, JsonSchema> = {};
  for (const key of [...byKey.keys()].sort()) {
    const value = valueSchema(byKey.get(key)!);
    const text = JSON.stringify(value);
    let name = names.get(text);
    if (name === undefined) {
      name = `v${names.size}`;
      names.set(text, name);
      definitions[name] = value;
    }
    properties[key] = { $ref: `#/definitions/${name}` };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    definitions,
    properties,
    additionalProperties: true,
  };
}
