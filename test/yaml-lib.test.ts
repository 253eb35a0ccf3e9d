/**
 * The CLI loads the yaml library on first use (src/config/yaml-lib.ts, rewritten by the build's
 * `lazyYaml`): that holds only while no other module imports a value from 'yaml'. One that did
 * would set the library up in every run again, with no output changed and nothing else failing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.(ts|js)$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

describe('the yaml library', () => {
  it("is imported for its values by src/config/yaml-lib.ts alone (types may come from 'yaml')", () => {
    const importers = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'rules'))]
      .filter((file) =>
        /^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s+['"]yaml(?:\/[^'"]*)?['"]/m.test(
          readFileSync(file, 'utf8'),
        ),
      )
      .map((file) => relative(ROOT, file));
    expect(importers).toEqual(['src/config/yaml-lib.ts']);
  });
});
