/**
 * The JSON Schema that `flink-mem schema` prints for editors (yaml-language-server and any other
 * JSON Schema client): every option's value schema, description, default and deprecation (from
 * `configSchema`), reachable the ways Flink reads a config.yaml: flat dotted keys, nested maps, or
 * any mix (`taskmanager: { memory.process.size: 4g }`), and in a FlinkDeployment's
 * `spec.flinkConfiguration`. A value that breaks a grammar gets a message in words through
 * `errorMessage` (read by yaml-language-server, and by ajv with ajv-errors) instead of the pattern.
 */
import { configSchema } from './schema.js';
import type { JsonSchema } from './schema.js';
import { OPTIONS } from './catalogue.js';
import type { NumericRange, OptionSpec } from './catalogue.js';
import type { FlinkVersion } from '../primitives/version.js';
import { defaultVersion, versionLabel } from '../primitives/version.js';

export type SchemaKind = 'config' | 'flink-deployment';
export const SCHEMA_KINDS: readonly SchemaKind[] = ['config', 'flink-deployment'];

/** What each value type must look like, in words (a range, when the option has one, is added). */
const MESSAGES: Partial<Record<OptionSpec['type'], string>> = {
  memory:
    'must be a memory size: a whole number followed by an optional unit b, k, m, g or t (or kb, mb, gb, tb, bytes, kibibytes, mebibytes, gibibytes, tebibytes), such as 512m or 4g; Flink reads no fractions like 1.5g (write 1536m), and a number alone is bytes',
  duration:
    'must be a duration: a whole number followed by an optional unit such as ms, s, min, h or d (for example 30 s or 5 min), or an ISO-8601 duration such as PT30S; a number alone is milliseconds',
  int: 'must be a whole number',
  long: 'must be a whole number',
  float: 'must be a number such as 0.4',
  double: 'must be a number such as 0.4',
  boolean: 'must be true or false',
};

/** `at least 0 and below 1`, or '' without a range. Memory ranges are in bytes. */
function rangeWords(range: NumericRange | undefined, unit: string): string {
  const parts: string[] = [];
  if (range?.min !== undefined)
    parts.push(`${range.minExclusive ? 'above' : 'at least'} ${range.min}${unit}`);
  if (range?.max !== undefined)
    parts.push(`${range.maxExclusive ? 'below' : 'at most'} ${range.max}${unit}`);
  return parts.length === 0 ? '' : `; it must be ${parts.join(' and ')}`;
}

/**
 * The readable message of an option's value, or undefined for a type that needs none (strings,
 * enums).
 */
function messageFor(key: string, option: OptionSpec): string | undefined {
  const words = MESSAGES[option.type];
  return words
    ? `"${key}" ${words}${rangeWords(option.range, option.type === 'memory' ? ' bytes' : '')}`
    : undefined;
}

const optionRef = (key: string) => `option:${key}`;
const levelRef = (prefix: string) => `level:${prefix}`;
const ref = (name: string) => ({ $ref: `#/definitions/${name}` });

export interface EditorSchemaOptions {
  readonly version?: FlinkVersion;
  readonly kind?: SchemaKind;
}

/** The editor schema of a config.yaml (flat or nested keys) or of a FlinkDeployment manifest. */
export function editorSchema(opts: EditorSchemaOptions = {}): JsonSchema {
  const version = opts.version ?? defaultVersion();
  const flat = configSchema({ version })['properties'] as Record<string, JsonSchema>;
  const typeOf = new Map<string, OptionSpec>();
  for (const option of OPTIONS) {
    typeOf.set(option.key, option);
    for (const f of option.fallbackKeys ?? []) if (!typeOf.has(f.key)) typeOf.set(f.key, option);
  }
  const definitions: Record<string, JsonSchema> = {};
  for (const [key, property] of Object.entries(flat)) {
    const option = typeOf.get(key);
    const message = option ? messageFor(key, option) : undefined;
    definitions[optionRef(key)] = message ? { ...property, errorMessage: message } : property;
  }
  // One definition per level of nesting: the keys that continue below a prefix, each written
  // whole (dotted) or split at any dot into a nested map.
  const keys = Object.keys(flat).map((k) => k.split('.'));
  const prefixes = new Set<string>(['']);
  for (const segments of keys)
    for (let i = 1; i < segments.length; i++) prefixes.add(segments.slice(0, i).join('.'));
  for (const prefix of prefixes) {
    const depth = prefix === '' ? 0 : prefix.split('.').length;
    const properties: Record<string, JsonSchema> = {};
    for (const segments of keys) {
      if (segments.slice(0, depth).join('.') !== prefix || segments.length <= depth) continue;
      for (let end = depth + 1; end <= segments.length; end++) {
        const name = segments.slice(depth, end).join('.');
        const target =
          end === segments.length
            ? ref(optionRef(segments.join('.')))
            : ref(levelRef(segments.slice(0, end).join('.')));
        const before = properties[name];
        // A name that is an option and also continues (state.backend and state.backend.type).
        properties[name] =
          before && JSON.stringify(before) !== JSON.stringify(target)
            ? { anyOf: [before, target] }
            : target;
      }
    }
    const sorted = Object.fromEntries(
      Object.keys(properties)
        .sort()
        .map((k) => [k, properties[k]!]),
    );
    definitions[levelRef(prefix)] = {
      type: 'object',
      properties: sorted,
      additionalProperties: true,
    };
  }
  const label = versionLabel(version);
  const head = { $schema: 'http://json-schema.org/draft-07/schema#' };
  if ((opts.kind ?? 'config') === 'flink-deployment') {
    return {
      ...head,
      $id: 'https://github.com/flink-mem/flink-mem/schema/flink-deployment.json',
      title: `FlinkDeployment: spec.flinkConfiguration memory options (Flink ${label})`,
      description:
        "The memory options in a Flink Kubernetes Operator FlinkDeployment's spec.flinkConfiguration, flat or nested, generated by flink-mem. Only that part of the manifest is described; everything else is allowed.",
      type: 'object',
      properties: {
        kind: { description: 'The Kubernetes object kind.', type: 'string' },
        spec: {
          type: 'object',
          properties: {
            flinkConfiguration: {
              description: 'Flink configuration options, written flat (dotted keys) or nested.',
              ...ref(levelRef('')),
            },
          },
          additionalProperties: true,
        },
      },
      additionalProperties: true,
      definitions,
    };
  }
  const root = definitions[levelRef('')]!;
  return {
    ...head,
    $id: 'https://github.com/flink-mem/flink-mem/schema/flink-config.json',
    title: `Flink configuration (memory options, Flink ${label})`,
    description:
      'Memory-related options of Apache Flink with their types, ranges, defaults and deprecations, generated by flink-mem. Keys may be written flat and dotted, nested, or mixed, as config.yaml allows; options flink-mem does not know are allowed.',
    ...root,
    definitions,
  };
}
