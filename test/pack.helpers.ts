/**
 * The package as npm publishes it: `npm pack` of the built tree (no scripts: dist/ is already built
 * by `npm ci`), and installing that tarball into a fresh folder. npm takes the tarball's own
 * dependencies from its cache when it can, from the registry otherwise.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs npm quietly (no audit, funding or update notices) and returns its output. */
export function runNpm(args: readonly string[], cwd: string): string {
  return execFileSync(npm, [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
    timeout: 180_000,
  });
}

/** `npm pack` into a new folder; returns the tarball's path and the list of files in it. */
export function pack(): { tarball: string; files: string[] } {
  const out = mkdtempSync(join(tmpdir(), 'flink-mem-pack-'));
  const report = JSON.parse(
    runNpm(['pack', '--ignore-scripts', '--json', '--pack-destination', out], ROOT),
  ) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(out, report[0]!.filename), files: report[0]!.files.map((f) => f.path) };
}

/**
 * A new project folder with the tarball installed as its only dependency (as a user's `npm install
 * flink-mem`).
 */
export function installInto(
  tarball: string,
  prefix = mkdtempSync(join(tmpdir(), 'flink-mem-consumer-')),
): string {
  mkdirSync(prefix, { recursive: true });
  writeFileSync(
    join(prefix, 'package.json'),
    '{ "name": "consumer", "version": "1.0.0", "private": true }\n',
  );
  runNpm(['install', '--prefer-offline', '--omit=dev', tarball], prefix);
  return prefix;
}
