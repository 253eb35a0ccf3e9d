/**
 * `--format gitlab`: GitLab's Code Quality report, a JSON array of issues with `description`,
 * `check_name`, `fingerprint`, `severity` and `location.path` / `location.lines.begin`. GitLab
 * shows it in merge requests (`artifacts:reports:codequality`) and compares issues between the
 * source and target branch by fingerprint, so the fingerprint must not depend on line numbers.
 * Written as files arrive, byte-identical to `JSON.stringify(issues, null, 2)`.
 */
import type { Severity } from '../../engine/types.js';
import { Fingerprints } from './fingerprint.js';
import { repoRelativePath } from './paths.js';
import type { FileReport, FormatContext, Formatter } from './types.js';
import { fixLines } from './types.js';

/**
 * GitLab's scale is info, minor, major, critical, blocker; ESLint's formatter maps the same way.
 */
const GITLAB_SEVERITY: Readonly<Record<Severity, string>> = {
  error: 'major',
  warning: 'minor',
  info: 'info',
};

export interface GitlabIssue {
  readonly type: 'issue';
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: string;
  readonly categories: readonly string[];
  readonly location: {
    readonly path: string;
    readonly lines: { readonly begin: number; readonly end?: number };
  };
}

export function gitlabFormatter(ctx: FormatContext): Formatter {
  const fingerprints = new Fingerprints();
  let count = 0;
  return {
    file(report: FileReport) {
      const path = repoRelativePath(report.file, ctx.cwd);
      for (const f of report.findings) {
        const fixes = fixLines(f.fix);
        const issue: GitlabIssue = {
          type: 'issue',
          description: `${f.message}${fixes.length > 0 ? ` (fix: ${fixes.join('; ')})` : ''}`,
          check_name: f.ruleId,
          fingerprint: fingerprints.of(f, path),
          severity: GITLAB_SEVERITY[f.severity],
          categories: ['Bug Risk'],
          location: {
            path,
            lines: {
              begin: f.line,
              ...(f.endLine !== undefined && f.endLine > f.line ? { end: f.endLine } : {}),
            },
          },
        };
        ctx.write(
          `${count === 0 ? '[\n' : ',\n'}  ${JSON.stringify(issue, null, 2).replace(/\n/g, '\n  ')}`,
        );
        count++;
      }
    },
    end() {
      ctx.write(count === 0 ? '[]\n' : '\n]\n');
    },
  };
}
