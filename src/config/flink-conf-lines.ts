/**
 * Recognises the YAML constructs a legacy `flink-conf.yaml` line may contain by mistake.
 * Flink's line reader knows none of them; these helpers only let us explain what it does instead.
 */

/** `|`, `>-`, `|2+`: a block scalar header, whose content lines Flink reads as separate lines. */
export function blockScalarValue(value: string): boolean {
  const c = value.charCodeAt(0);
  if (c !== 0x7c && c !== 0x3e) return false;
  for (let i = 1; i < value.length; i++) {
    const ch = value[i];
    if (ch !== '+' && ch !== '-' && !(ch !== undefined && ch >= '1' && ch <= '9')) return false;
  }
  return value.length <= 3;
}

/** What a whole trimmed line is when it only makes sense as YAML, else null. */
export function describeYamlOnlyLine(trimmed: string): string | null {
  if (trimmed === '-' || trimmed.startsWith('- ') || trimmed.startsWith('-\t'))
    return 'a YAML list item';
  if (trimmed === '---' || trimmed === '...' || trimmed.startsWith('--- '))
    return 'a YAML document marker';
  if (trimmed.startsWith('%')) return 'a YAML directive';
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return 'a YAML flow collection';
  if (trimmed.startsWith('? ')) return 'a YAML complex key';
  return null;
}

/** What a value is when it only makes sense as YAML, else null. */
export function describeYamlOnlyValue(value: string): string | null {
  if (blockScalarValue(value)) return 'a YAML block scalar';
  const c = value[0];
  if (c === '{') return 'a YAML flow mapping';
  if (c === '[') return 'a YAML flow list';
  if (c === '&') return 'a YAML anchor';
  if (c === '*') return 'a YAML alias';
  if (c === '!') return 'a YAML tag';
  return null;
}

/** Wrapped in matching single or double quotes. */
export function isQuoted(text: string): boolean {
  if (text.length < 2) return false;
  const q = text[0];
  return (q === '"' || q === "'") && text[text.length - 1] === q;
}

/**
 * Starts a quoted string that the text does not close (so a `#` after it is inside quotes for
 * YAML).
 */
export function opensQuote(text: string): boolean {
  const t = text.trim();
  const q = t[0];
  if (q !== '"' && q !== "'") return false;
  return !isQuoted(t);
}
