/**
 * `flink-mem completion`: prints a shell completion script built from the commands defined on
 * `program` (all of them: completion is never built alone).
 */
import type { Command, Option } from 'commander';
import { UsageError } from '../../primitives/usage-error.js';
import type { CliIO } from '../io.js';
import { examples } from './command-options.js';

export function defineCompletion(program: Command, io: CliIO): void {
  program
    .command('completion')
    .description('Print a shell completion script for bash, zsh or fish')
    .argument('<shell>', 'bash, zsh or fish')
    .addHelpText(
      'after',
      examples([
        'source <(flink-mem completion bash)',
        'source <(flink-mem completion zsh)',
        'flink-mem completion fish > ~/.config/fish/completions/flink-mem.fish',
      ]),
    )
    .action(async (shell: string) => {
      const { completionScript, PATH_FLAGS, SHELLS } = await import('../completion.js');
      const { FORMAT_NAMES } = await import('../format/types.js');
      if (!(SHELLS as readonly string[]).includes(shell))
        throw new UsageError('EINVAL', `completion: "${shell}" is not one of ${SHELLS.join(', ')}`);
      const flag = (o: Option, command = '') => {
        // lint's --format is repeatable, so its values are not commander choices.
        const choices =
          o.argChoices ?? (command === 'lint' && o.long === '--format' ? FORMAT_NAMES : undefined);
        return {
          ...(o.long ? { long: o.long } : {}),
          ...(o.short ? { short: o.short } : {}),
          value: o.required || o.optional,
          ...(choices ? { choices } : {}),
          ...(o.long && PATH_FLAGS.includes(o.long) ? { path: true } : {}),
          description: o.description,
        };
      };
      const commands = program.commands.map((c) => ({
        name: c.name(),
        description: c.description(),
        flags: c.options.map((o) => flag(o, c.name())),
      }));
      io.write(
        completionScript(shell as 'bash' | 'zsh' | 'fish', commands, [
          ...program.options.map((o) => flag(o)),
          { long: '--help', short: '-h', value: false, description: 'show help' },
        ]),
      );
    });
}
