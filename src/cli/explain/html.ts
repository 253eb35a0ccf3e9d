/**
 * `explain --format html`: one self-contained page (inline SVG and styles, no script, nothing
 * fetched) per run: for each file the picture, a table per process, how Flink arrives at each
 * number (collapsed), and the lint findings for the same file.
 */
import type { Finding } from '../../engine/types.js';
import { formatSizeShort } from '../../primitives/memory-size.js';
import { versionLabel } from '../../primitives/version.js';
import type { ExplainedDocument, ExplainedVersion } from './explain.js';
import type { ProcessPicture } from './picture.js';
import { optionsLabel, processPicture } from './picture.js';
import { explainSvg, xml } from './svg.js';
import type { Process } from '../../primitives/flink-process.js';

export interface HtmlFile {
  readonly file: string;
  readonly docs: readonly ExplainedDocument[];
  readonly findings: readonly Finding[];
}

export interface HtmlOptions {
  readonly processes: readonly Process[];
}

export const PAGE_STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--muted:#59636e;--bg:#ffffff;--line:#d1d9e0;--bad:#cf222e;--warn:#9a6700;--code:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#3d444d;--bad:#ff7b72;--warn:#d29922;--code:#151b23}}
body{margin:0 auto;padding:16px 24px;max-width:1700px;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
h1{font-size:22px}h2{font-size:18px;border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:32px}h3{font-size:15px}
code,pre,.num{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
pre{background:var(--code);padding:8px 12px;border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid var(--line);padding:3px 10px;text-align:left;vertical-align:top}
td.num,th.num{text-align:right}tr.total td{font-weight:600}
.picture{overflow-x:auto}.picture svg{max-width:100%;height:auto}
.bad{color:var(--bad)}.warning{color:var(--warn)}.muted{color:var(--muted)}
.processes{display:flex;flex-wrap:wrap;gap:8px 40px}
details{margin:8px 0}summary{cursor:pointer}
`;

const esc = xml;

export function processTable(pic: ProcessPicture): string {
  const rows = pic.parts
    .filter((p) => p.bytes !== null)
    .map(
      (p) =>
        `<tr data-part="${p.key}"><td>${esc(p.name)}</td><td class="num">${formatSizeShort(p.bytes!)}</td><td class="num" data-bytes>${p.bytes}</td><td><code>${esc(optionsLabel(p.options))}</code></td></tr>`,
    );
  for (const b of pic.brackets) {
    if (b.bytes !== null && b.from !== b.to)
      rows.push(
        `<tr class="total" data-bracket="${esc(b.name)}"><td>${esc(b.name)}</td><td class="num">${formatSizeShort(b.bytes)}</td><td class="num" data-bytes>${b.bytes}</td><td><code>${esc(b.setBy)}</code></td></tr>`,
      );
  }
  return `<table><caption class="muted">${esc(pic.title)}</caption><thead><tr><th>Component</th><th class="num">Size</th><th class="num">Bytes</th><th>Set by</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function processDetails(pic: ProcessPicture): string {
  const out = [
    `<h4>${esc(pic.title)} ${pic.ok ? 'starts' : '<span class="bad">does not start</span>'}</h4>`,
  ];
  if (pic.failure) {
    out.push(`<p><strong>Why:</strong> <span data-reason>${esc(pic.failure.reason)}</span></p>`);
    out.push(
      `<p><strong>Fix:</strong> ${pic.failure.fix ? `<code data-fix>${esc(pic.failure.fix)}</code>` : 'none found automatically; see the reason above'}</p>`,
    );
    out.push(
      `<p><strong>Flink says:</strong></p><pre data-flink-message>${esc(pic.failure.flinkMessage)}</pre>`,
    );
  }
  if (pic.parts.some((p) => p.bytes !== null)) out.push(processTable(pic));
  if (pic.ok)
    out.push(
      pic.jvmArgs
        ? `<p><strong>JVM arguments:</strong> <code data-jvm-args>${esc(pic.jvmArgs)}</code></p>`
        : '<p class="muted">No JVM arguments: the process runs in the JVM that started it.</p>',
    );
  return `<div data-process="${pic.process}">${out.join('\n')}</div>`;
}

export function traceDetails(v: ExplainedVersion, processes: readonly Process[]): string {
  const blocks = processes.map((p) => {
    const r = v[p];
    const rows = r.trace
      .map(
        (s) =>
          `<tr><td>${esc(s.component)}</td><td class="num">${s.bytes}</td><td>${esc(s.how)}</td></tr>`,
      )
      .join('');
    const notes = r.notes.map((note) => `<li>${esc(note)}</li>`).join('');
    return `<h4>${p === 'taskmanager' ? 'TaskManager' : 'JobManager'}</h4><table><thead><tr><th>Component</th><th class="num">Bytes</th><th>How</th></tr></thead><tbody>${rows}</tbody></table>${notes ? `<ul>${notes}</ul>` : ''}`;
  });
  return `<details><summary>How Flink arrives at these numbers</summary>${blocks.join('')}</details>`;
}

export function findingsList(findings: readonly Finding[]): string {
  if (findings.length === 0) return '<p>No lint findings.</p>';
  const items = findings.map((f) => {
    const fix = f.fix
      ? ` <span class="muted">fix:</span> <code>${esc(
          Object.entries(f.fix)
            .map(([k, v]) => (v === null ? `remove ${k}` : `${k}: ${v}`))
            .join(', '),
        )}</code>`
      : '';
    return `<li data-rule="${esc(f.ruleId)}"><span class="num">${f.line}:${f.column}</span> <span class="${f.severity === 'error' ? 'bad' : f.severity === 'warning' ? 'warning' : 'muted'}">${f.severity}</span> ${esc(f.message)} <span class="muted">[${esc(f.ruleId)}]</span>${fix}</li>`;
  });
  return `<ul class="findings">${items.join('\n')}</ul>`;
}

export function explainHtml(files: readonly HtmlFile[], o: HtmlOptions): string {
  const body: string[] = [];
  let k = 0;
  for (const f of files) {
    body.push(`<section><h2>${esc(f.file)}</h2>`);
    for (const d of f.docs) {
      if (d.doc.kubernetes?.name)
        body.push(`<h3>${esc(`${d.doc.kubernetes.kind}/${d.doc.kubernetes.name}`)}</h3>`);
      body.push(
        `<div class="picture">${explainSvg([d], { processes: o.processes, idPrefix: `fm${k++}-` })}</div>`,
      );
      for (const v of d.versions) {
        body.push(
          `<h3>Flink ${esc(versionLabel(v.version))} · ${esc(v.target)}</h3><div class="processes">`,
        );
        for (const p of o.processes) body.push(processDetails(processPicture(v, p)));
        body.push('</div>', traceDetails(v, o.processes));
      }
      for (const ch of d.changes) {
        body.push(`<h3>Upgrade ${esc(versionLabel(ch.from))} → ${esc(versionLabel(ch.to))}</h3>`);
        body.push(
          ch.items.length
            ? `<ul>${ch.items.map((i) => `<li>${esc(i.text)}</li>`).join('')}</ul>`
            : '<p>Nothing changes for this configuration.</p>',
        );
      }
    }
    body.push('<h3>Lint findings</h3>', findingsList(f.findings), '</section>');
  }
  const title = `Flink memory: ${files.map((f) => f.file).join(', ')}`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${PAGE_STYLE}</style></head>`,
    `<body><h1>Flink memory</h1><p class="muted">Made by flink-mem explain. Boxes are drawn to one scale per file; the exact bytes are in the tables.</p>`,
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
