/**
 * The output formats by name, and opening the reports of one run: each requested format with
 * its destination (standard output, or a file written atomically).
 */
import type { RuleDefinition } from '../../engine/types.js';
import type { Lang } from '../../i18n/lang.js';
import type { CliIO } from '../io.js';
import { useColor } from '../util.js';
import { checkstyleFormatter } from './checkstyle.js';
import { githubFormatter } from './github.js';
import { gitlabFormatter } from './gitlab.js';
import { jsonFormatter } from './json.js';
import { junitFormatter } from './junit.js';
import { sarifFormatter } from './sarif.js';
import { atomicFileSink, streamSink } from './sink.js';
import type { Sink } from './sink.js';
import { textFormatter } from './text.js';
import { FORMAT_NAMES } from './types.js';
import type { FormatContext, FormatName, Formatter } from './types.js';
import { UsageError } from '../../primitives/usage-error.js';

/**
 * The CI formats are called through here, so that the CLI loads each (a file of its own) only when
 * it is used.
 */
export const FORMATTERS: Readonly<Record<FormatName, (ctx: FormatContext) => Formatter>> = {
  text: textFormatter,
  json: jsonFormatter,
  sarif: (ctx) => sarifFormatter(ctx),
  github: githubFormatter,
  gitlab: (ctx) => gitlabFormatter(ctx),
  junit: (ctx) => junitFormatter(ctx),
  checkstyle: (ctx) => checkstyleFormatter(ctx),
};

export interface ReportRequest {
  readonly format: string;
  /** A file to write; standard output when absent. */
  readonly output?: string;
}

export interface OpenReport {
  readonly sink: Sink;
  readonly formatter: Formatter;
}

function formatName(name: string): FormatName {
  if ((FORMAT_NAMES as readonly string[]).includes(name)) return name as FormatName;
  throw new UsageError('EINVAL', `--format "${name}" is not one of ${FORMAT_NAMES.join(', ')}`);
}

/**
 * Opens every requested report; a bad format name, two reports on standard output or an
 * unwritable file is a usage error (and nothing stays half-open). Colours only on standard output.
 */
export function openReports(
  requests: readonly ReportRequest[],
  io: CliIO,
  rules: ReadonlyMap<string, RuleDefinition>,
  lang: Lang = 'en',
): OpenReport[] {
  const names = requests.map((r) => formatName(r.format));
  if (requests.filter((r) => !r.output).length > 1)
    throw new UsageError(
      'EINVAL',
      'only one --format can write to standard output; give the others an --output file',
    );
  const reports: OpenReport[] = [];
  requests.forEach((r, i) => {
    let sink: Sink;
    try {
      sink = r.output ? atomicFileSink(r.output, io.cwd) : streamSink((s) => io.write(s));
    } catch (e) {
      for (const opened of reports) opened.sink.abort();
      throw new UsageError(
        'EIO',
        `cannot write "${r.output}": ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    const color = !r.output && useColor(io);
    reports.push({
      sink,
      formatter: FORMATTERS[names[i]!]({
        write: (s) => sink.write(s),
        rules,
        color,
        cwd: io.cwd,
        lang,
      }),
    });
  });
  return reports;
}
