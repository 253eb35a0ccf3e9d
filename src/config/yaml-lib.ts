/**
 * The yaml library, for code that parses or inspects YAML. Every use goes through `yamlLib()`:
 * the CLI's build replaces this module with one that loads the library on the first call
 * (`lazyYaml` in scripts/build.mjs), because setting the library up is a noticeable part of
 * start-up and a flink-conf.yaml never needs it. Types are imported from 'yaml' directly.
 */
import * as yaml from 'yaml';

/**
 * Parse options that keep the library from printing warnings of its own (a key that is a
 * collection, say) to standard error: what is wrong with a file is reported as a finding or an
 * error by us.
 */
export const QUIET = { logLevel: 'error' } as const;

export function yamlLib(): typeof yaml {
  return yaml;
}
