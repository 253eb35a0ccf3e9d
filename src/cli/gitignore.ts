/**
 * Folders that git ignores are not walked (built output, vendored charts, virtualenvs), as ESLint
 * and ripgrep do; `lint --no-ignore` walks them. The rules are read with the `ignore` package from
 * every `.gitignore` between the repository's root (the nearest folder above holding `.git`) and
 * the folder, plus `.git/info/exclude`. A folder is skipped when any of them ignores it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore from 'ignore';
import type { Ignore } from 'ignore';

export class GitIgnores {
  /** The rules of each folder's .gitignore (null when it has none). */
  private readonly rules = new Map<string, Ignore | null>();
  /** Each folder's repository root, or null outside a repository. */
  private readonly roots = new Map<string, string | null>();

  private rootOf(dir: string): string | null {
    const known = this.roots.get(dir);
    if (known !== undefined) return known;
    const root = existsSync(join(dir, '.git'))
      ? dir
      : dirname(dir) === dir
        ? null
        : this.rootOf(dirname(dir));
    if (this.roots.size > 4096) this.roots.clear();
    this.roots.set(dir, root);
    return root;
  }

  private rulesOf(dir: string, root: string): Ignore | null {
    const known = this.rules.get(dir);
    if (known !== undefined) return known;
    const texts: string[] = [];
    for (const file of dir === root
      ? [join(dir, '.gitignore'), join(dir, '.git', 'info', 'exclude')]
      : [join(dir, '.gitignore')]) {
      try {
        texts.push(readFileSync(file, 'utf8'));
      } catch {
        // No such file: nothing ignored from here.
      }
    }
    const found = texts.length > 0 ? ignore().add(texts.join('\n')) : null;
    if (this.rules.size > 4096) this.rules.clear();
    this.rules.set(dir, found);
    return found;
  }

  /** Whether git ignores the folder `dir` (an absolute path). */
  ignoresFolder(dir: string): boolean {
    const parent = dirname(dir);
    const root = this.rootOf(parent);
    if (root === null) return false;
    for (let at = parent; ; at = dirname(at)) {
      const rules = this.rulesOf(at, root);
      if (rules && rules.ignores(`${relative(at, dir).split(sep).join('/')}/`)) return true;
      if (at === root || dirname(at) === at) return false;
    }
  }
}
