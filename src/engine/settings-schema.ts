/**
 * JSON Schema of `.flink-mem.yaml`, compiled to code at build time (scripts/gen-validators.mjs).
 */
import { KNOWN_VERSIONS } from '../primitives/version.js';
import { TARGETS } from './version-target.js';

const SEVERITY = { enum: ['error', 'warning', 'info', 'off'] };

export const LINTER_CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'flink-mem linter configuration (.flink-mem.yaml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    flinkVersion: {
      type: 'string',
      description: `Flink version to check against: ${KNOWN_VERSIONS.join(', ')}.`,
    },
    target: { enum: TARGETS, description: 'Deployment target (decides how legacy heap keys map).' },
    containerMemory: {
      type: 'string',
      description: 'Memory limit of the container or pod, e.g. 4g or 4Gi.',
    },
    lang: {
      enum: ['en', 'zh'],
      description:
        'Output language (en or zh); --lang wins, else this, else LC_ALL, LC_MESSAGES, LANG.',
    },
    rules: {
      type: 'object',
      description: 'Rule id to severity, or [severity, options].',
      additionalProperties: {
        oneOf: [
          SEVERITY,
          { type: 'array', minItems: 1, maxItems: 2, items: [SEVERITY, { type: 'object' }] },
        ],
      },
    },
  },
} as const;
