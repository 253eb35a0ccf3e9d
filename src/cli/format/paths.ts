/**
 * Paths as machines want them: relative to the working directory, with forward slashes, so that
 * code scanning and workflow annotations attach findings to files of the repository.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export const STDIN_NAME = '<stdin>';

/** The path relative to `cwd` with `/` separators; kept absolute when it lies outside `cwd`. */
export function repoRelativePath(file: string, cwd: string): string {
  const abs = resolve(cwd, file);
  const rel = relative(cwd, abs);
  const chosen = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
  return chosen.split(sep).join('/');
}

/** A relative URI reference for SARIF's `artifactLocation.uri`: each segment percent-encoded. */
export function relativeUri(file: string, cwd: string): string {
  const path = repoRelativePath(file, cwd);
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
