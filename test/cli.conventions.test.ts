/**
 * The command-line conventions users bring from other linters: -v, --quiet, --color/--no-color with
 * FORCE_COLOR, NO_COLOR and TERM=dumb, quoted globs, folders git ignores, `init`, `--print-config`,
 * and shell completion (bash run for real; zsh and fish when installed, .ci/run installs them).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { matchGlob, matchSegment } from '../src/cli/glob.js';
import { ALL_RULES } from '../rules/index.js';
import { cli } from './cli-harness.js';

const BAD =
  'taskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 1600m\ntaskmanager.memory.network.min: 512m\ntaskmanager.memory.network.max: 256m\n';
const dir = mkdtempSync(join(tmpdir(), 'flink-mem-conventions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tree(root: string, files: Record<string, string>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('version and quiet', () => {
  it('prints the version for -v, --version and the older -V', async () => {
    const version = (
      JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
        version: string;
      }
    ).version;
    for (const flag of ['-v', '--version', '-V'])
      expect((await cli([flag])).stdout, flag).toMatch(/^\d+\.\d+\.\d+/);
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('--quiet reports errors only and counts nothing else', async () => {
    const severities = (out: string) =>
      (JSON.parse(out) as { results: { findings: { severity: string }[] }[] }).results.flatMap(
        (r) => r.findings.map((f) => f.severity),
      );
    const inputs = [
      'examples/broken/flink-conf.yaml',
      'examples/standalone',
      'examples/kubernetes',
    ];
    const loud = severities((await cli(['lint', ...inputs, '--format', 'json'])).stdout);
    expect(loud).toContain('warning');
    const quiet = await cli(['lint', ...inputs, '--quiet', '--format', 'json']);
    expect(severities(quiet.stdout)).toEqual(loud.filter((s) => s === 'error'));
    const text = await cli([
      'lint',
      'examples/standalone',
      'examples/kubernetes',
      '--quiet',
      '--fail-on',
      'warning',
    ]);
    expect([text.code, text.stdout]).toEqual([0, 'no problems found in 2 files\n']);
  });
});

describe('colours', () => {
  const colored = (out: string) => out.includes('\u001b[');
  const run = (args: string[], env: Record<string, string>, tty: boolean) =>
    cli(['lint', '-', ...args], { stdin: BAD, env, tty });

  it('colours a terminal only, and follows NO_COLOR, FORCE_COLOR, TERM=dumb and the flags (flags win)', async () => {
    // The harness sets NO_COLOR=1 unless told otherwise; '' unsets it for these runs.
    expect(colored((await run([], { NO_COLOR: '' }, true)).stdout)).toBe(true);
    expect(colored((await run([], { NO_COLOR: '' }, false)).stdout)).toBe(false);
    expect(colored((await run([], { NO_COLOR: '1' }, true)).stdout)).toBe(false);
    expect(colored((await run([], { NO_COLOR: '', TERM: 'dumb' }, true)).stdout)).toBe(false);
    expect(colored((await run([], { NO_COLOR: '', FORCE_COLOR: '1' }, false)).stdout)).toBe(true);
    expect(colored((await run(['--color'], { NO_COLOR: '1' }, false)).stdout)).toBe(true);
    expect(
      colored((await run(['--no-color'], { NO_COLOR: '', FORCE_COLOR: '1' }, true)).stdout),
    ).toBe(false);
  });
});

describe('quoted globs and ignored folders', () => {
  it('matches globs segment by segment, ** across folders', () => {
    expect(matchGlob('/r/k8s/**/*.yaml', '/r/k8s/a/b/deploy.yaml')).toBe(true);
    expect(matchGlob('/r/k8s/**/*.yaml', '/r/k8s/deploy.yaml')).toBe(true);
    expect(matchGlob('/r/k8s/*.yaml', '/r/k8s/a/deploy.yaml')).toBe(false);
    expect(matchSegment('flink-conf.y?ml', 'flink-conf.yaml')).toBe(true);
    expect(matchSegment('[!c]*.yaml', 'config.yaml')).toBe(false);
    expect(matchSegment('*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false);
  });

  const repo = tree(join(dir, 'repo'), {
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.gitignore': 'build/\n',
    'conf/flink-conf.yaml': BAD,
    'deploy/prod/config.yaml':
      'taskmanager.memory.process.size: 4g\njobmanager.memory.process.size: 1600m\n',
    'build/conf/flink-conf.yaml': BAD,
  });
  const files = (out: string) =>
    (JSON.parse(out) as { results: { file: string }[] }).results.map((r) => r.file);

  it('expands a quoted glob among the Flink files and says so when it matches none', async () => {
    expect(
      files((await cli(['lint', '**/config.yaml', '--format', 'json'], { cwd: repo })).stdout),
    ).toEqual(['deploy/prod/config.yaml']);
    expect(
      files(
        (await cli(['lint', 'conf/*.yaml', 'deploy/**/*.yaml', '--format', 'json'], { cwd: repo }))
          .stdout,
      ),
    ).toEqual(['conf/flink-conf.yaml', 'deploy/prod/config.yaml']);
    const none = await cli(['lint', 'nothing/*.yaml'], { cwd: repo });
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      'flink-mem: error: "nothing/*.yaml" matches no Flink configuration files (flink-conf.yaml, config.yaml or manifests)\n',
    );
  });

  it('skips folders git ignores, unless --no-ignore', async () => {
    expect(files((await cli(['lint', '.', '--format', 'json'], { cwd: repo })).stdout)).toEqual([
      'conf/flink-conf.yaml',
      'deploy/prod/config.yaml',
    ]);
    expect(
      files((await cli(['lint', '.', '--format', 'json', '--no-ignore'], { cwd: repo })).stdout),
    ).toEqual(['build/conf/flink-conf.yaml', 'conf/flink-conf.yaml', 'deploy/prod/config.yaml']);
    // A file named on the command line is linted even inside an ignored folder.
    expect(
      files(
        (await cli(['lint', 'build/conf/flink-conf.yaml', '--format', 'json'], { cwd: repo }))
          .stdout,
      ),
    ).toEqual(['build/conf/flink-conf.yaml']);
  });
});

describe('init and --print-config', () => {
  it('writes a commented .flink-mem.yaml listing every rule, refuses to overwrite it, and lint reads it', async () => {
    const here = join(dir, 'init');
    mkdirSync(here);
    const first = await cli(['init'], { cwd: here });
    expect(first.code).toBe(0);
    const text = readFileSync(join(here, '.flink-mem.yaml'), 'utf8');
    for (const r of ALL_RULES) expect(text).toContain(`#   ${r.id}:`.replace('#   ', '  # '));
    expect(parse(text)).toBeNull();
    const again = await cli(['init'], { cwd: here });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      'flink-mem: error: .flink-mem.yaml already exists here; remove it or run flink-mem init --force to replace it\n',
    );
    // Uncommenting lines gives a config lint accepts.
    writeFileSync(
      join(here, '.flink-mem.yaml'),
      text
        .replace('# target: kubernetes', 'target: kubernetes')
        .replace('# rules:', 'rules:')
        .replace(/^ {2}# (range-min-above-max: +)error +#.*$/m, '  $1off'),
    );
    writeFileSync(join(here, 'flink-conf.yaml'), BAD);
    const linted = await cli(['lint', 'flink-conf.yaml'], { cwd: here });
    expect(linted.stderr).toBe('');
    expect(linted.stdout).not.toContain('range-min-above-max');
    const printed = await cli(['lint', '--print-config', 'flink-conf.yaml'], { cwd: here });
    expect(printed.code).toBe(0);
    const config = JSON.parse(printed.stdout) as {
      configFile: string;
      target: string;
      rules: Record<string, unknown>;
    };
    expect(config.configFile).toBe('.flink-mem.yaml');
    expect(config.target).toBe('kubernetes');
    expect(config.rules['range-min-above-max']).toBe('off');
    expect(Object.keys(config.rules)).toHaveLength(ALL_RULES.length);
    const flagged = JSON.parse(
      (
        await cli(
          [
            'lint',
            '--print-config',
            'flink-conf.yaml',
            '--target',
            'yarn',
            '--rule',
            'range-min-above-max=warning',
          ],
          { cwd: here },
        )
      ).stdout,
    ) as typeof config;
    expect([flagged.target, flagged.rules['range-min-above-max']]).toEqual(['yarn', 'warning']);
  });
});

describe('shell completion', () => {
  const script = async (shell: string) => (await cli(['completion', shell])).stdout;

  it('completes commands, flags and flag values in bash', async () => {
    const text = await script('bash');
    writeFileSync(join(dir, 'completion.bash'), text);
    const complete = (line: string) => {
      const run = spawnSync(
        'bash',
        [
          '--norc',
          '--noprofile',
          '-c',
          `source ${join(dir, 'completion.bash')}; COMP_WORDS=(${line
            .split(' ')
            .map((w) => `'${w}'`)
            .join(
              ' ',
            )}); COMP_CWORD=${line.split(' ').length - 1}; _flink_mem; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        { encoding: 'utf8', cwd: dir },
      );
      expect(run.stderr).toBe('');
      return run.stdout.split('\n').filter(Boolean);
    };
    expect(complete('flink-mem li')).toEqual(['lint']);
    expect(complete('flink-mem lint --fo')).toEqual(['--format']);
    expect(complete('flink-mem lint --format s')).toEqual(['sarif']);
    expect(complete('flink-mem lint --format ')).toEqual([
      'text',
      'json',
      'sarif',
      'github',
      'gitlab',
      'junit',
      'checkstyle',
    ]);
    expect(complete('flink-mem explain --process j')).toEqual(['jobmanager']);
    expect(complete('flink-mem schema --kind f')).toEqual(['flink-deployment']);
  });

  it.skipIf(spawnSync('zsh', ['--version']).status !== 0)(
    'loads in zsh and offers the values of a flag (needs zsh)',
    async () => {
      writeFileSync(join(dir, 'completion.zsh'), await script('zsh'));
      const run = spawnSync(
        'zsh',
        [
          '-f',
          '-c',
          `autoload -U compinit && compinit -u -D; source ${join(dir, 'completion.zsh')}; setopt ksharrays; COMP_WORDS=(flink-mem lint --format g); COMP_CWORD=3; _flink_mem; print -l "\${COMPREPLY[@]}"`,
        ],
        { encoding: 'utf8', cwd: dir },
      );
      expect(run.stderr).toBe('');
      // zsh's compgen hands every candidate over; the completion system then keeps those matching
      // "g".
      expect(run.stdout.split('\n').filter(Boolean)).toEqual([
        'text',
        'json',
        'sarif',
        'github',
        'gitlab',
        'junit',
        'checkstyle',
      ]);
    },
  );

  it.skipIf(spawnSync('fish', ['--version']).status !== 0)(
    'completes in fish (needs fish)',
    async () => {
      writeFileSync(join(dir, 'completion.fish'), await script('fish'));
      const complete = (line: string) => {
        const run = spawnSync(
          'fish',
          ['--no-config', '-c', `source ${join(dir, 'completion.fish')}; complete -C '${line}'`],
          { encoding: 'utf8', cwd: dir, env: { ...process.env, HOME: dir } },
        );
        expect(run.stderr).toBe('');
        return run.stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split('\t')[0]);
      };
      expect(complete('flink-mem li')).toEqual(['lint']);
      expect(complete('flink-mem lint --format s')).toEqual(['sarif']);
      expect(complete('flink-mem explain --target k')).toEqual(['kubernetes']);
    },
  );

  it('says which shells it knows', async () => {
    const bad = await cli(['completion', 'tcsh']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('flink-mem: error: completion: "tcsh" is not one of bash, zsh, fish\n');
  });
});
