// Types of the generated validators (scripts/gen-validators.mjs).
import type { ErrorObject } from 'ajv';

export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The validator of each catalogued key (and fallback key), for its converted value. */
export declare const VALIDATOR_OF_KEY: Readonly<Record<string, GeneratedValidator>>;
