/**
 * Quoted globs (`flink-mem lint 'k8s/**\/*.yaml'`), matched by flink-mem itself as ESLint does, for
 * shells that do not expand `**` and for Windows. `*` and `?` stay within a path segment, `**` is
 * any
 * number of segments, `[abc]` / `[!a-z]` a character class. Matching walks the pattern and the path
 * with one backtracking point per `*` (no regular expression), so a long name costs at most
 * pattern x name steps.
 */

const SPECIAL = /[*?[]/;

export function isGlob(input: string): boolean {
  return SPECIAL.test(input);
}

/** The folder to walk for a glob: its leading segments without glob characters (`.` when none). */
export function globBase(pattern: string): string {
  const segments = pattern.split('/');
  const fixed: string[] = [];
  for (const s of segments.slice(0, -1)) {
    if (isGlob(s)) break;
    fixed.push(s);
  }
  if (fixed.length === 0) return pattern.startsWith('/') ? '/' : '.';
  return fixed.join('/') || '/';
}

/**
 * Whether character `ch` is in the class starting at `pattern[at]` (`[`); returns [matched, index
 * after `]`] or null when unclosed.
 */
function classMatch(pattern: string, at: number, ch: string): [boolean, number] | null {
  let i = at + 1;
  const negate = pattern[i] === '!' || pattern[i] === '^';
  if (negate) i++;
  let matched = false;
  let first = true;
  for (; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === ']' && !first) return [matched !== negate, i + 1];
    first = false;
    if (pattern[i + 1] === '-' && pattern[i + 2] !== undefined && pattern[i + 2] !== ']') {
      if (ch >= c && ch <= pattern[i + 2]!) matched = true;
      i += 2;
    } else if (c === ch) matched = true;
  }
  return null;
}

/** One path segment against one pattern segment (`*`, `?`, classes; anything else literal). */
export function matchSegment(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let starP = -1;
  let starN = 0;
  while (n < name.length) {
    const c = pattern[p];
    if (c === '*') {
      starP = p++;
      starN = n;
      continue;
    }
    if (c === '?') {
      p++;
      n++;
      continue;
    }
    if (c === '[') {
      const cls = classMatch(pattern, p, name[n]!);
      if (cls && cls[0]) {
        p = cls[1];
        n++;
        continue;
      }
      if (!cls && name[n] === '[') {
        p++;
        n++;
        continue;
      }
    } else if (c !== undefined && c === name[n]) {
      p++;
      n++;
      continue;
    }
    if (starP < 0) return false;
    p = starP + 1;
    n = ++starN;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** A `/`-separated path against a `/`-separated glob. */
export function matchGlob(pattern: string, path: string): boolean {
  const ps = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  const ns = path.split('/').filter((s, i) => s !== '' || i === 0);
  const failed = new Set<number>();
  const go = (i: number, j: number): boolean => {
    const key = i * (ns.length + 1) + j;
    if (failed.has(key)) return false;
    let ok: boolean;
    if (i === ps.length) ok = j === ns.length;
    else if (ps[i] === '**') ok = go(i + 1, j) || (j < ns.length && go(i, j + 1));
    else ok = j < ns.length && matchSegment(ps[i]!, ns[j]!) && go(i + 1, j + 1);
    if (!ok) failed.add(key);
    return ok;
  };
  return go(0, 0);
}
