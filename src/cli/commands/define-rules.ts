/**
 * `flink-mem rules`: its options and action (the work is in ../rules-cmd.ts, loaded when the
 * command runs).
 */
import { Option } from 'commander';
import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { langOption } from './command-options.js';

export function defineRules(program: Command, io: CliIO, result: { code: number }): void {
  program
    .command('rules')
    .description('List the lint rules (the reference in docs/rules.md is generated from this)')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'json', 'markdown'])
        .default('text'),
    )
    .addOption(langOption())
    .action(async (o: { format: string; lang?: string }) => {
      const { runRules } = await import('../rules-cmd.js');
      result.code = await runRules(
        { format: o.format, ...(o.lang !== undefined ? { lang: o.lang } : {}) },
        io,
      );
    });
}
