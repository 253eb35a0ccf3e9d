/**
 * `explain --format markdown`: for pull-request comments and CI job summaries. Per process a table
 * of components (human size, exact bytes, the option that sets it) and a text picture in which each
 * component's bar starts where the one before ends, so the stack and its proportions read at a
 * glance in a fixed-width block of about 80 columns.
 */
import { formatSizeShort } from '../../primitives/memory-size.js';
import { versionLabel } from '../../primitives/version.js';
import type { ExplainedDocument } from './explain.js';
import type { ProcessPicture } from './picture.js';
import { optionsLabel, processPicture } from './picture.js';
import { allocate } from './explain-text.js';
import type { Process } from '../../primitives/flink-process.js';

export interface MarkdownOptions {
  readonly processes: readonly Process[];
}

/** Cells of the text picture's bar. */
const BAR = 40;

/** Text safe in a Markdown table cell or paragraph: no markup, no line break, no raw HTML. */
export function mdText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`);
}

function code(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ');
  const ticks = clean.includes('`') ? '``' : '`';
  return `${ticks}${ticks.length > 1 ? ' ' : ''}${clean.replace(/\|/g, '\\|')}${ticks.length > 1 ? ' ' : ''}${ticks}`;
}

function fence(lines: readonly string[]): string[] {
  return ['```text', ...lines.map((l) => l.replace(/```/g, "'''")), '```'];
}

/** One line per component: its bar starts where the previous component's ends. */
export function textPicture(pic: ProcessPicture): string[] {
  const parts = pic.parts.filter((p) => p.bytes !== null);
  const cells = allocate(
    parts.map((p) => p.bytes!),
    BAR,
  );
  const w = Math.max(...parts.map((p) => p.name.length));
  let at = 0;
  const lines = parts.map((p, i) => {
    const bar = ' '.repeat(at) + '█'.repeat(cells[i]!) + ' '.repeat(BAR - at - cells[i]!);
    at += cells[i]!;
    return `${p.name.padEnd(w)} |${bar}| ${formatSizeShort(p.bytes!)}`;
  });
  return lines;
}

function table(pic: ProcessPicture): string[] {
  const rows = ['| Component | Size | Bytes | Set by |', '|---|---:|---:|---|'];
  for (const p of pic.parts) {
    if (p.bytes === null) continue;
    rows.push(
      `| ${mdText(p.name)} | ${formatSizeShort(p.bytes)} | ${p.bytes} | ${code(optionsLabel(p.options))} |`,
    );
  }
  for (const b of pic.brackets) {
    // A bracket of one component (the JobManager's JVM heap) would repeat its row.
    if (b.bytes === null || b.from === b.to) continue;
    rows.push(
      `| **${mdText(b.name)}** | ${formatSizeShort(b.bytes)} | ${b.bytes} | ${code(b.setBy)} |`,
    );
  }
  return rows;
}

function processSection(pic: ProcessPicture): string[] {
  if (pic.ok) {
    const out = [`**${pic.title}** starts`, '', ...table(pic), '', ...fence(textPicture(pic))];
    if (pic.jvmArgs) out.push('', `JVM arguments: ${code(pic.jvmArgs)}`);
    return out;
  }
  const f = pic.failure!;
  const out = [
    `**${pic.title}** does not start`,
    '',
    `- **Why:** ${mdText(f.reason)}`,
    `- **Fix:** ${f.fix ? code(f.fix) : 'none found automatically; see the reason above'}`,
    '',
    'Flink says:',
    '',
    ...fence([f.flinkMessage]),
  ];
  const known = pic.parts.filter((p) => p.bytes !== null);
  if (known.length)
    out.push('', 'Worked out before Flink stopped:', '', ...fence(textPicture(pic)));
  return out;
}

export function explainMarkdown(docs: readonly ExplainedDocument[], o: MarkdownOptions): string {
  const out: string[] = [];
  for (const d of docs) {
    const name = d.doc.kubernetes?.name ? ` ${d.doc.kubernetes.kind}/${d.doc.kubernetes.name}` : '';
    for (const v of d.versions) {
      out.push(
        `### ${mdText(d.doc.file + name)} · Flink ${versionLabel(v.version)} · ${v.target}`,
        '',
      );
      for (const p of o.processes) out.push(...processSection(processPicture(v, p)), '');
    }
    for (const ch of d.changes) {
      out.push(`#### Upgrade ${versionLabel(ch.from)} → ${versionLabel(ch.to)}`, '');
      if (ch.items.length === 0) out.push('Nothing changes for this configuration.');
      for (const item of ch.items) out.push(`- ${mdText(item.text)}`);
      out.push('');
    }
  }
  return out.join('\n');
}
