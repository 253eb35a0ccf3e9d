/**
 * `flink-mem init`: its option and action (the work is in ../init-cmd.ts, loaded when the command
 * runs).
 */
import type { Command } from 'commander';
import type { CliIO } from '../io.js';

export function defineInit(program: Command, io: CliIO, result: { code: number }): void {
  program
    .command('init')
    .description('Write a commented .flink-mem.yaml (linter config) in the current folder')
    .option('--force', 'replace an existing .flink-mem.yaml', false)
    .action(async (o: { force: boolean }) => {
      const { runInit } = await import('../init-cmd.js');
      result.code = await runInit(o, io);
    });
}
