/**
 * `--set key=value` overrides, applied after the file like Flink's `-Dkey=value` dynamic
 * properties: they are strings and win over every entry of the same key.
 */
import { str } from '../primitives/raw-value.js';
import { makeDocument } from './document.js';
import { UsageError } from '../primitives/usage-error.js';
import type { ConfigDocument, ConfigEntry } from './types.js';

/** Splits `key=value` at the first `=`; the value may be empty or contain `=`. */
export function parseSetArg(arg: string): [string, string] {
  const eq = arg.indexOf('=');
  if (eq < 0) throw new UsageError('EINVAL', `--set "${arg}" has no '=': write --set key=value`);
  const key = arg.slice(0, eq).trim();
  if (key.length === 0)
    throw new UsageError('EINVAL', `--set "${arg}" has an empty key: write --set key=value`);
  return [key, arg.slice(eq + 1)];
}

export function applyOverrides(
  doc: ConfigDocument,
  set: readonly (readonly [string, string])[],
): ConfigDocument {
  if (set.length === 0) return doc;
  const added: ConfigEntry[] = set.map(([key, value]) => {
    if (key.trim().length === 0)
      throw new UsageError('EINVAL', `--set "=${value}" has an empty key: write --set key=value`);
    return { key: key.trim(), value: str(value), text: value, source: 'set' };
  });
  return makeDocument({ ...doc, entries: [...doc.entries, ...added] });
}
