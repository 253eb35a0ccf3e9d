/**
 * Option values checked the way Flink reads them: each value is first converted with Flink's own
 * conversion rules (a legacy "4" is the integer 4, "TRUE" is true, "1g" is 1073741824 bytes), then
 * the converted values are validated against the schema generated from the catalogue, with
 * validators
 * that ajv compiled at build time (scripts/gen-validators.mjs), so start-up never loads ajv.
 * A value Flink cannot convert at all is a `type` problem; a converted value outside the option's
 * range, enum or grammar is a `range`, `enum` or `format` problem.
 */
import type { ErrorObject } from 'ajv';
import type { ConfigDocument, ConfigEntry } from '../config/types.js';
import {
  convertBoolean,
  convertDouble,
  convertFloat,
  convertInt,
  convertLong,
  convertMemory,
  rawToString,
} from '../primitives/raw-value.js';
import type { RawValue } from '../primitives/raw-value.js';
import { defaultFor, findOption, optionForFallbackKey } from './catalogue.js';
import type { NumericRange, OptionSpec } from './catalogue.js';
import { VALIDATOR_OF_KEY } from './generated/option-values-validator.js';
import type { FlinkVersion } from '../primitives/version.js';
import { defaultVersion } from '../primitives/version.js';

export type OptionValueProblemKind = 'type' | 'range' | 'enum' | 'format';

export interface OptionValueProblem {
  /** The key as written (may be a deprecated spelling of `option.key`). */
  readonly key: string;
  /** The option whose rules apply. */
  readonly option: OptionSpec;
  readonly entry: ConfigEntry;
  readonly kind: OptionValueProblemKind;
  /** One line in the project's message style: `"key" (value as written) must be ...`. */
  readonly message: string;
}

function optionOf(key: string): OptionSpec | undefined {
  return findOption(key) ?? optionForFallbackKey(key);
}

/** The value as Flink's typed getter returns it, as a JSON value; throws when Flink would throw. */
function convert(option: OptionSpec, raw: RawValue): unknown {
  switch (option.type) {
    case 'memory':
      return Number(convertMemory(raw));
    case 'int':
      return convertInt(raw);
    case 'long':
      return Number(convertLong(raw));
    case 'float':
      return convertFloat(raw);
    case 'double':
      return convertDouble(raw);
    case 'boolean':
      return convertBoolean(raw);
    default:
      return rawToString(raw);
  }
}

function typeConstraint(option: OptionSpec, text: string): string {
  switch (option.type) {
    case 'memory':
      return 'must be a memory size: a whole number with an optional unit b, k, m, g or t, such as 512m or 2g';
    case 'int':
    case 'long':
      return /^\s*[+-]?\d+\s*$/.test(text)
        ? `is too large for a ${option.type === 'int' ? '32' : '64'}-bit integer`
        : 'must be a whole number';
    case 'float':
    case 'double':
      return 'must be a number, such as 0.4';
    case 'boolean':
      return 'must be true or false';
    default:
      return 'cannot be read as text';
  }
}

/** A numeric range in words, as messages give it: `at least 1`, `greater than 0 and below 1`. */
export function describeRange(range: NumericRange): string {
  const low =
    range.min === undefined
      ? undefined
      : `${range.minExclusive ? 'greater than' : 'at least'} ${range.min}`;
  const high =
    range.max === undefined
      ? undefined
      : `${range.maxExclusive ? 'below' : 'at most'} ${range.max}`;
  return [low, high].filter(Boolean).join(' and ');
}

function constraint(
  option: OptionSpec,
  kind: OptionValueProblemKind,
  version: FlinkVersion,
): string {
  if (kind === 'range')
    return `must be ${describeRange(option.range ?? (option.type === 'int' ? { min: -2147483648, max: 2147483647 } : { min: 0 }))}`;
  if (kind === 'enum') {
    const extra = option.enumPattern ? ', or a fully qualified factory class name' : '';
    return `must be one of ${(option.enumValues ?? []).join(', ')}${extra}`;
  }
  if (option.type === 'duration')
    return 'must be a duration: a whole number with an optional unit such as ms, s, min, h or d (30 s, 500 ms)';
  if (option.type === 'map') {
    const example = defaultFor(option, version) ?? 'OPERATOR:70,STATE_BACKEND:70,PYTHON:30';
    return `must be comma-separated NAME:weight pairs with whole-number weights, such as ${example}`;
  }
  return typeConstraint(option, '');
}

function kindOf(errors: readonly ErrorObject[]): OptionValueProblemKind {
  const keywords = new Set(errors.map((e) => e.keyword));
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].some((k) => keywords.has(k)))
    return 'range';
  if (keywords.has('anyOf') || keywords.has('enum')) return 'enum';
  if (keywords.has('pattern')) return 'format';
  return 'type';
}

/**
 * What is wrong with one value of a known key as Flink reads it, or undefined when nothing is:
 * `type` when Flink's conversion fails, else the kind of the schema's complaint.
 */
export function valueProblemKind(
  key: string,
  option: OptionSpec,
  raw: RawValue,
): OptionValueProblemKind | undefined {
  let value: unknown;
  try {
    value = convert(option, raw);
  } catch {
    return 'type';
  }
  const validate = VALIDATOR_OF_KEY[key];
  return !validate || validate(value) ? undefined : kindOf(validate.errors ?? []);
}

/**
 * Problems with the values of known options in a document (effective entries only: an overridden
 * duplicate is not read by Flink), in the order of the file. Unknown keys are not checked here.
 */
export function validateOptionValues(
  doc: ConfigDocument,
  version: FlinkVersion = defaultVersion(),
): OptionValueProblem[] {
  const problems: OptionValueProblem[] = [];
  for (const [key, entry] of doc.effective) {
    const option = optionOf(key);
    const kind = option && valueProblemKind(key, option, entry.value);
    if (!option || !kind) continue;
    const text =
      kind === 'type'
        ? typeConstraint(option, rawToString(entry.value))
        : constraint(option, kind, version);
    problems.push({ key, option, entry, kind, message: `"${key}" (${entry.text}) ${text}` });
  }
  return problems;
}
