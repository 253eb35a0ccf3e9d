/**
 * Options and help pieces that several commands share, so that each is worded once.
 */
import { Option } from 'commander';
import { KNOWN_VERSIONS, NEWEST_VERSION } from '../../primitives/version.js';
import { TARGETS } from '../../engine/version-target.js';
import { INPUT_FORMATS } from './requests.js';

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
/**
 * A repeatable option gathering its values in order (undefined when not given; read with `list`
 * of requests.ts).
 */
export const repeatable = (flags: string, description: string) =>
  new Option(flags, description).argParser(collect);

export const versionOption = () =>
  new Option(
    '--flink-version <version>',
    `Flink version(s) to use, comma-separated (${KNOWN_VERSIONS[0]} to ${NEWEST_VERSION}; default: the manifest's spec.flinkVersion, 1.20 for a flink-conf.yaml, else ${NEWEST_VERSION})`,
  );
export const targetOption = () =>
  new Option(
    '--target <target>',
    'deployment target: decides how legacy heap keys map (default: kubernetes for manifests, else standalone)',
  ).choices(TARGETS);
export const langOption = () =>
  new Option(
    '--lang <lang>',
    'output language: en or zh (default: lang in .flink-mem.yaml, else LC_ALL, LC_MESSAGES, LANG)',
  );
export const inputFormatOption = () =>
  new Option(
    '--input-format <format>',
    'read inputs as this format instead of detecting it',
  ).choices(INPUT_FORMATS);

export function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}
