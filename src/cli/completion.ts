/**
 * `flink-mem completion bash|zsh|fish`: a completion script generated from the command line's own
 * definition (commands, their flags, the values a flag takes), so it never drifts from it.
 *   bash:  source <(flink-mem completion bash)       (or save it in
 * ~/.local/share/bash-completion/completions/flink-mem)
 *   zsh:   source <(flink-mem completion zsh)        (in ~/.zshrc, after compinit)
 *   fish:  flink-mem completion fish > ~/.config/fish/completions/flink-mem.fish
 */

export interface CompletionFlag {
  readonly long?: string;
  readonly short?: string;
  /** Whether the flag takes a value. */
  readonly value: boolean;
  /** The values it takes, when there are few. */
  readonly choices?: readonly string[];
  /** Whether its value is a path (completed with file names). */
  readonly path?: boolean;
  readonly description: string;
}

export interface CompletionCommand {
  readonly name: string;
  readonly description: string;
  readonly flags: readonly CompletionFlag[];
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
/** Flags whose value is a file or folder. */
export const PATH_FLAGS: readonly string[] = [
  '--output',
  '--config',
  '--log',
  '--print-config',
  '--stdin-filename',
];
export type Shell = (typeof SHELLS)[number];

const words = (flags: readonly CompletionFlag[]) =>
  flags.flatMap((f) => [f.long, f.short].filter((x): x is string => x !== undefined));
/** Single-quoted for sh and fish; descriptions never hold anything a shell should read. */
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function bash(commands: readonly CompletionCommand[], global: readonly CompletionFlag[]): string {
  const cases = commands.map((c) => {
    const valued = c.flags.filter((f) => f.value);
    const choiceCases = valued
      .filter((f) => f.choices)
      .map(
        (f) =>
          `        ${[f.long, f.short].filter(Boolean).join('|')}) COMPREPLY=($(compgen -W ${quote(f.choices!.join(' '))} -- "$cur")); return ;;`,
      );
    const fileFlags = valued
      .filter((f) => !f.choices && f.path)
      .flatMap((f) => [f.long, f.short].filter(Boolean));
    const freeFlags = valued
      .filter((f) => !f.choices && !f.path)
      .flatMap((f) => [f.long, f.short].filter(Boolean));
    return [
      `    ${c.name})`,
      '      case "$prev" in',
      ...choiceCases,
      ...(fileFlags.length > 0
        ? [`        ${fileFlags.join('|')}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`]
        : []),
      ...(freeFlags.length > 0 ? [`        ${freeFlags.join('|')}) COMPREPLY=(); return ;;`] : []),
      '      esac',
      `      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W ${quote(words([...c.flags, ...global]).join(' '))} -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi`,
      '      ;;',
    ].join('\n');
  });
  return `# flink-mem completion for bash: source <(flink-mem completion bash)
_flink_mem() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" command="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) command="\${COMP_WORDS[i]}"; break ;; esac
  done
  case "$command" in
    "") COMPREPLY=($(compgen -W ${quote([...commands.map((c) => c.name), ...words(global)].join(' '))} -- "$cur")) ;;
${cases.join('\n')}
  esac
}
complete -o filenames -o bashdefault -F _flink_mem flink-mem
`;
}

function zsh(commands: readonly CompletionCommand[], global: readonly CompletionFlag[]): string {
  // zsh runs the bash function through bashcompinit: one definition for both shells.
  return `#compdef flink-mem
# flink-mem completion for zsh: source <(flink-mem completion zsh)   (after compinit)
autoload -U +X bashcompinit && bashcompinit
${bash(commands, global).split('\n').slice(1).join('\n')}`;
}

function fish(commands: readonly CompletionCommand[], global: readonly CompletionFlag[]): string {
  const names = commands.map((c) => c.name).join(' ');
  const line = (condition: string, f: CompletionFlag) =>
    [
      `complete -c flink-mem -n ${quote(condition)}`,
      f.long ? `-l ${f.long.replace(/^--/, '')}` : '',
      f.short ? `-s ${f.short.replace(/^-/, '')}` : '',
      f.value ? (f.choices ? `-x -a ${quote(f.choices.join(' '))}` : f.path ? '-r -F' : '-x') : '',
      `-d ${quote(f.description.split(/[.;(]/)[0]!.trim().slice(0, 80))}`,
    ]
      .filter(Boolean)
      .join(' ');
  return [
    '# flink-mem completion for fish: flink-mem completion fish > ~/.config/fish/completions/flink-mem.fish',
    'complete -c flink-mem -f',
    ...commands.map(
      (c) =>
        `complete -c flink-mem -n '__fish_use_subcommand' -a ${c.name} -d ${quote(c.description.slice(0, 80))}`,
    ),
    ...global.map((f) => line('true', f)),
    ...commands.flatMap((c) => [
      `complete -c flink-mem -n ${quote(`__fish_seen_subcommand_from ${c.name}`)} -F`,
      ...c.flags.map((f) => line(`__fish_seen_subcommand_from ${c.name}`, f)),
    ]),
    `# commands: ${names}`,
    '',
  ].join('\n');
}

export function completionScript(
  shell: Shell,
  commands: readonly CompletionCommand[],
  global: readonly CompletionFlag[],
): string {
  return shell === 'bash'
    ? bash(commands, global)
    : shell === 'zsh'
      ? zsh(commands, global)
      : fish(commands, global);
}
