/**
 * Writing a value or key as YAML in the style already used: a double-quoted value stays double
 * quoted, a single-quoted one single quoted, a plain one plain unless YAML would then read it as
 * something else (a number in a manifest, where the operator wants strings, or `: ` in the text).
 */
import { QUIET, yamlLib } from '../config/yaml-lib.js';

export type ScalarMode = 'typed' | 'text';

function plainReadsAs(value: string): unknown {
  try {
    return yamlLib().parse(value, QUIET);
  } catch {
    return undefined;
  }
}

/** Whether `value` can be written without quotes and be read back as intended. */
export function plainOk(value: string, mode: ScalarMode): boolean {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.\-+/:,=]*$/.test(value)) return false;
  const read = plainReadsAs(value);
  if (mode === 'text') return read === value;
  return (
    (typeof read === 'string' && read === value) ||
    ((typeof read === 'number' || typeof read === 'boolean') && String(read) === value)
  );
}

export function doubleQuoted(value: string): string {
  return JSON.stringify(value);
}

export function singleQuoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * `value` written the way `written` (the source text it replaces) is written. A block scalar
 * (`|`, `>`) becomes a plain or quoted one, keeping the line break its source text ends with.
 */
export function scalarLike(value: string, written: string, mode: ScalarMode): string {
  if (written.startsWith('"')) return doubleQuoted(value);
  if (written.startsWith("'")) return singleQuoted(value);
  const text = plainOk(value, mode) ? value : doubleQuoted(value);
  return /^[|>]/.test(written) ? text + (/(\r\n|\r|\n)$/.exec(written)?.[0] ?? '') : text;
}
