import type { Assessment, Block } from './assessment.types.ts';
import { cellText, chartSummary, numberedSections, subtitle, tableOfContents } from './render-shared.ts';

/** Escapes what Markdown would read as markup in running text and table cells. */
function escapeMarkdown(value: string): string {
  return value.replace(/[\\`*_{}[\]<>#|]/g, (character) => `\\${character}`).replace(/\r?\n/g, ' ');
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return escapeMarkdown(block.text);
    case 'notice':
      return `> **Not recorded:** ${escapeMarkdown(block.text)}`;
    case 'list':
      return block.items.map((item) => `- ${escapeMarkdown(item)}`).join('\n');
    case 'chart':
      return `*Chart: ${escapeMarkdown(block.chart.title)}.* ${escapeMarkdown(chartSummary(block.chart))}`;
    case 'table': {
      const header = `| ${block.columns.map((column) => escapeMarkdown(column.label)).join(' | ')} |`;
      const rule = `| ${block.columns.map((column) => (column.numeric ? '---:' : '---')).join(' | ')} |`;
      const rows = block.rows.map((row) => `| ${row.map((cell) => escapeMarkdown(cellText(cell))).join(' | ')} |`);
      const empty = block.rows.length ? [] : [`| ${block.columns.map((_, index) => (index === 0 ? 'None recorded' : '')).join(' | ')} |`];
      const note = block.note ? `\n\n${escapeMarkdown(block.note)}` : '';
      return `**${escapeMarkdown(block.caption)}**\n\n${[header, rule, ...rows, ...empty].join('\n')}${note}`;
    }
  }
}

/** The Assessment as Markdown (CommonMark with GitHub tables); the same data gives the same bytes. */
export function renderAssessmentMarkdown(assessment: Assessment): string {
  const parts = [`# ${escapeMarkdown(assessment.title)}`, escapeMarkdown(subtitle(assessment)), '## Contents'];
  parts.push(
    tableOfContents(assessment)
      .map((entry) => `${entry.level === 2 ? '   ' : ''}- [${entry.number} ${escapeMarkdown(entry.title)}](#${entry.id})`)
      .join('\n'),
  );
  for (const { section, number, level } of numberedSections(assessment)) {
    parts.push(`${level === 1 ? '##' : '###'} <a id="${section.id}"></a>${number} ${escapeMarkdown(section.title)}`);
    for (const block of section.blocks) parts.push(renderBlock(block));
  }
  return `${parts.join('\n\n')}\n`;
}
