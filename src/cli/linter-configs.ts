/**
 * Linter configs (`.flink-mem.yaml`): found upwards from each linted file, read once per file (a
 * bad one is a usage error), and merged with the flags into the settings of a file.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { QUIET, yamlLib } from '../config/yaml-lib.js';
import { ALL_RULES } from '../../rules/index.js';
import {
  countNodes,
  flinkConfBeside,
  ReadRefused,
  readRegularFile,
  UsageError,
} from '../config/index.js';
import type { FolderWatch } from '../config/expand.js';
import { DEFAULT_SETTINGS, settingsFromObject } from '../engine/settings.js';
import type { LinterSettings, RuleSetting } from '../engine/settings.js';
import { GitIgnores } from './gitignore.js';
import { RULES } from './lint-flags.js';

const CONFIG_NAMES = ['.flink-mem.yaml', '.flink-mem.yml'];

/** Layers settings: later parts win; a severity override keeps the rule options set earlier. */
export function mergeSettings(...parts: Partial<LinterSettings>[]): LinterSettings {
  let out: LinterSettings = { ...DEFAULT_SETTINGS, knownRuleIds: ALL_RULES.map((r) => r.id) };
  for (const { rules = {}, ...rest } of parts) {
    const merged: Record<string, RuleSetting> = { ...out.rules };
    for (const [id, setting] of Object.entries(rules)) {
      const before = merged[id];
      merged[id] =
        typeof setting === 'string' && Array.isArray(before) ? [setting, before[1]] : setting;
    }
    out = { ...out, ...rest, rules: merged };
  }
  return out;
}

/** Names the folder walk reports for each folder, so that lint does not look for them again. */
export const WATCHED = new Set([...CONFIG_NAMES, '.git', 'flink-conf.yaml']);

/** Finds and reads `.flink-mem.yaml` files, once per folder; a bad one is a usage error. */
export class LinterConfigs {
  private readonly found = new Map<string, string | null>();
  /** Watched names of folders the walk read recently (name -> is a folder). */
  private readonly listed = new Map<string, ReadonlyMap<string, boolean>>();
  /** Settings per config file, or the error it gave (kept, so a bad file is read once). */
  private readonly parsed = new Map<string, Partial<LinterSettings> | UsageError>();

  constructor(
    private readonly cwd: string,
    private readonly ignores: GitIgnores | null = null,
  ) {}

  /** What the folder walk tells about each folder it reads. */
  readonly watch: FolderWatch = {
    names: WATCHED,
    skipFolder: (dir) => this.ignores?.ignoresFolder(dir) ?? false,
    folder: (dir, present) => {
      // Files come folder by folder, so small caches answer nearly every lookup; unbounded ones
      // would grow with the number of folders.
      if (this.listed.size >= 1024) this.listed.clear();
      this.listed.set(dir, present);
    },
  };

  /** The nearest config file for a folder: upwards, stopping after a folder holding `.git`. */
  locate(dir: string): string | null {
    const cached = this.found.get(dir);
    if (cached !== undefined) return cached;
    if (this.found.size >= 1024) this.found.clear();
    const listed = this.listed.get(dir);
    const has = (name: string) => (listed ? listed.has(name) : existsSync(join(dir, name)));
    const own = CONFIG_NAMES.find(has);
    let result: string | null = own === undefined ? null : join(dir, own);
    if (result === null && !has('.git') && dirname(dir) !== dir) result = this.locate(dirname(dir));
    this.found.set(dir, result);
    return result;
  }

  /**
   * For a config.yaml read from disk: the flink-conf.yaml beside it, as the user would name it, or
   * null.
   */
  flinkConfBeside(abs: string, shown: string): string | null {
    return flinkConfBeside(abs, shown, this.listed.get(dirname(abs)));
  }

  read(path: string): Partial<LinterSettings> {
    let result = this.parsed.get(path);
    if (result === undefined) {
      const shown = relative(this.cwd, path) || path;
      try {
        const text = readRegularFile(path, MAX_LINTER_CONFIG_BYTES, 'a linter config').toString(
          'utf8',
        );
        if (countNodes(text, MAX_LINTER_CONFIG_NODES).nodes > MAX_LINTER_CONFIG_NODES) {
          throw new UsageError(
            'ECONFIG',
            `${shown}: cannot read the linter config: it holds more than ${MAX_LINTER_CONFIG_NODES.toLocaleString('en-US')} YAML values, too many for a linter config`,
          );
        }
        result = settingsFromObject(yamlLib().parse(text, QUIET), shown, new Set(RULES.keys()));
      } catch (e) {
        const first = (e instanceof Error ? e.message : String(e)).split('\n')[0];
        result =
          e instanceof UsageError
            ? e
            : e instanceof ReadRefused
              ? new UsageError(
                  'ECONFIG',
                  `${shown}: cannot read the linter config: it ${e.message.replace(/; it is not read$/, '')}`,
                )
              : new UsageError('ECONFIG', `${shown}: cannot read the linter config: ${first}`);
      }
      this.parsed.set(path, result);
    }
    if (result instanceof UsageError) throw result;
    return result;
  }
}

/** A linter config is a few lines; these bound what parsing a hostile one can cost. */
const MAX_LINTER_CONFIG_BYTES = 4 * 1024 * 1024;
const MAX_LINTER_CONFIG_NODES = 10_000;
