/**
 * `flink-mem lint`: lints files, folders and standard input, streams each file's findings to the
 * chosen output formats, and returns the exit code: 0 nothing at or above `--fail-on`, 1 findings
 * at or above it (or more warnings than `--max-warnings`), 2 a usage or input error (the other
 * inputs are still linted and reported), 3 an internal error.
 */
import { loadText, sameLoadOptions, UsageError } from '../config/index.js';
import { LineIndex } from '../config/positions.js';
import { lintLoadedFile } from '../engine/runner.js';
import type { SuppressedFinding } from '../engine/suppressions.js';
import type { Finding } from '../engine/types.js';
import { OutputFailed } from './format/sink.js';
import { STDIN_NAME } from './format/paths.js';
import { SEVERITY_RANK } from './format/types.js';
import type { CliIO } from './io.js';
import { EXIT, exitFor } from './io.js';
import { visibleLine } from './util.js';
import { FAIL_ON } from './lint-flags.js';
import type { LintOptions } from './lint-flags.js';
import { filesOf, readInput } from './lint-inputs.js';
import { outputOver } from './lint-outputs.js';
import { count, fixSummary, writeFixed } from './lint-fixes.js';
import type { FixCounts } from './lint-fixes.js';
import { prepare } from './lint-plan.js';
import type { Plan } from './lint-plan.js';
import { printConfig } from './lint-print-config.js';
import { markWorkStarted } from './work-started.js';

export type { LintOptions } from './lint-flags.js';

export async function runLint(opts: LintOptions, io: CliIO): Promise<number> {
  // Each usage problem is printed once (a bad linter config governs many files).
  const said = new Set<string>();
  const usage = (message: string) => {
    // File names and values in a message are shown escaped: stderr reaches terminals and CI logs
    // too.
    if (!said.has(message)) io.error(`flink-mem: error: ${visibleLine(message)}\n`);
    said.add(message);
  };
  const stdinName = opts.stdinFilename ?? STDIN_NAME;
  const shownSeverity = (f: Finding) => !opts.quiet || f.severity === 'error';
  let plan: Plan;
  try {
    plan = prepare(opts, io);
    if (opts.printConfig !== undefined) return printConfig(opts.printConfig, plan, io);
    markWorkStarted();
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    usage(e.message);
    return EXIT.usage;
  }

  const totals = { files: 0, error: 0, warning: 0, info: 0, unread: 0 };
  const fixes: FixCounts = { problems: 0, files: 0, unwritten: 0 };
  let exit: number = EXIT.ok;
  /** Runs one step for one input; a usage problem skips that input and makes the exit code 2. */
  const orSkip = async <T>(step: () => T | Promise<T>): Promise<T | undefined> => {
    try {
      return await step();
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      usage(e.message);
      exit = Math.max(exit, EXIT.usage);
      totals.unread++;
      return undefined;
    }
  };
  try {
    // Loaded only for --fix and --fix-dry-run, so plain lint starts without them.
    const fixer = plan.fix
      ? { ...(await import('../fix/index.js')), ...(await import('./fix-output.js')) }
      : null;
    // Only overlapping inputs can name a file twice; one input needs no list of what was seen.
    const seen = opts.inputs.length > 1 ? new Set<string>() : null;
    for (const input of opts.inputs) {
      const files = filesOf(input, io.cwd, plan.configs.watch, stdinName, (message, kind) => {
        if (kind === 'outside') io.error(`flink-mem: note: ${visibleLine(message)}\n`);
        else {
          usage(message);
          exit = Math.max(exit, EXIT.usage);
        }
      });
      for (;;) {
        const next = await orSkip(() => files.next());
        if (!next || next.done) break;
        const [shown, abs] = next.value;
        // Standard input too: read once, it is empty the second time.
        if (seen?.has(abs)) continue;
        seen?.add(abs);
        const over = outputOver(abs, plan.outputs);
        if (over) {
          // The report would replace the configuration it is about.
          for (const r of plan.reports) r.sink.abort();
          usage(
            `--output "${over.given}" is one of the linted files${over.abs === abs ? '' : ` ("${shown}")`}; the report would overwrite it (nothing was written)`,
          );
          return EXIT.usage;
        }
        const settings = await orSkip(() => plan.settingsFor(abs));
        const read =
          settings &&
          (await orSkip(() =>
            readInput(shown, abs, io, plan.load, plan.configs, plan.fix === 'write'),
          ));
        if (!settings || !read) continue;
        const loaded = read.loaded;
        let file = loaded;
        let findings: Finding[];
        const suppressed: SuppressedFinding[] = [];
        if (plan.fix && fixer) {
          const outcome = fixer.fixLoadedFile(loaded, {
            lint: (f) => lintLoadedFile(f, plan.rules, settings),
            reload: (t) => loadText(t, shown, sameLoadOptions(loaded, plan.load)),
            settings,
          });
          if (outcome.note) io.error(`flink-mem: ${visibleLine(`${shown}: ${outcome.note}`)}\n`);
          if (plan.fix === 'diff') {
            if (outcome.text !== loaded.text)
              io.write(fixer.unifiedDiff(shown, loaded.text, outcome.text));
            count(fixes, outcome);
            continue;
          }
          if (!(await orSkip(() => writeFixed(shown, read, outcome, fixer)))) {
            fixes.unwritten++;
            findings = lintLoadedFile(loaded, plan.rules, settings);
          } else {
            count(fixes, outcome);
            file = outcome.loaded;
            findings = outcome.findings;
          }
        } else findings = lintLoadedFile(loaded, plan.rules, settings, suppressed);
        if (opts.quiet) findings = findings.filter(shownSeverity);
        totals.files++;
        for (const f of findings) totals[f.severity]++;
        const lines = file.documents[0]?.lines ?? new LineIndex(file.text).lines();
        for (const r of plan.reports)
          r.formatter.file({ file: shown, lines, findings, suppressed });
      }
    }
    for (const r of plan.reports) r.formatter.end({ ...totals, failures: [...said] });
    // A report file of a run that skipped an input would look complete (an empty SARIF file closes
    // every open code-scanning alert), so none is written; reports on standard output are already
    // out.
    for (const r of plan.reports) {
      if (totals.unread > 0) r.sink.abort();
      else r.sink.commit();
    }
    if (totals.unread > 0 && plan.outputs.length > 0)
      usage('no report file was written, because not every input could be linted');
  } catch (e) {
    for (const r of plan.reports) r.sink.abort();
    if (e instanceof OutputFailed) {
      usage(e.message);
      return EXIT.usage;
    }
    return exitFor(e, io);
  }

  if (plan.fix) io.error(`flink-mem: ${fixSummary(plan.fix, fixes)}\n`);
  if (plan.fix === 'diff') return Math.max(exit, fixes.files > 0 ? EXIT.findings : EXIT.ok);
  const failing = FAIL_ON.filter((s) => SEVERITY_RANK[s] >= SEVERITY_RANK[plan.failOn]).some(
    (s) => totals[s] > 0,
  );
  const tooManyWarnings = plan.maxWarnings !== undefined && totals.warning > plan.maxWarnings;
  if (tooManyWarnings)
    io.error(
      `flink-mem: ${totals.warning} warning${totals.warning === 1 ? '' : 's'}, more than --max-warnings ${plan.maxWarnings} allows\n`,
    );
  return Math.max(exit, failing || tooManyWarnings ? EXIT.findings : EXIT.ok);
}
