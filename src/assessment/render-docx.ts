import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import type { Assessment, Block, ChartSpec } from './assessment.types.ts';
import { chartPixelWidth, svgHeight } from './render-browser.ts';
import { isEmptySection } from './assessment-blocks.ts';
import { cellText, chartSummary, chartSvg, numberedSections, subtitle } from './render-shared.ts';

/** PNG drawings of the charts, by chart id (the fallback image Word needs beside the SVG). */
export type ChartImages = Map<string, Buffer>;

/** Every chart of the report, in document order. */
export function chartsOf(assessment: Assessment): ChartSpec[] {
  return numberedSections(assessment).flatMap(({ section }) =>
    section.blocks.flatMap((block) => (block.kind === 'chart' ? [block.chart] : [])),
  );
}

function tableOf(block: Extract<Block, { kind: 'table' }>): FileChild[] {
  const cell = (value: string, options: { numeric?: boolean; header?: boolean }) =>
    new TableCell({
      children: [
        new Paragraph({
          alignment: options.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [new TextRun({ text: value, bold: options.header })],
        }),
      ],
    });
  const header = new TableRow({
    tableHeader: true,
    children: block.columns.map((column) => cell(column.label, { numeric: column.numeric, header: true })),
  });
  const rows = block.rows.length
    ? block.rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: row.map((value, index) => cell(cellText(value), { numeric: block.columns[index]?.numeric })),
          }),
      )
    : [new TableRow({ children: block.columns.map((_, index) => cell(index === 0 ? 'None recorded' : '', {})) })];
  return [
    new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun({ text: block.caption, bold: true })] }),
    new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
    ...(block.note ? [new Paragraph({ children: [new TextRun({ text: block.note, italics: true, size: 18 })] })] : []),
  ];
}

function chartOf(chart: ChartSpec, images: ChartImages): FileChild[] {
  const svg = chartSvg(chart);
  const png = images.get(chart.id);
  const width = 600;
  const height = Math.round((svgHeight(svg) / chartPixelWidth) * width);
  const picture = png
    ? [
        new Paragraph({
          keepNext: true,
          children: [
            new ImageRun({
              type: 'svg',
              data: Buffer.from(svg),
              fallback: { type: 'png', data: png },
              transformation: { width, height },
              altText: { name: chart.id, title: chart.title, description: chartSummary(chart) },
            }),
          ],
        }),
      ]
    : [];
  return [
    new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun({ text: chart.title, bold: true })] }),
    ...picture,
    new Paragraph({ children: [new TextRun({ text: chartSummary(chart), italics: true, size: 18 })] }),
  ];
}

function blockOf(block: Block, images: ChartImages): FileChild[] {
  switch (block.kind) {
    case 'paragraph':
      return [new Paragraph({ text: block.text })];
    case 'notice':
      return [
        new Paragraph({
          shading: { type: ShadingType.CLEAR, fill: 'FAF3D1', color: 'auto' },
          children: [new TextRun({ text: 'Not recorded: ', bold: true }), new TextRun(block.text)],
        }),
      ];
    case 'list':
      return block.items.map((item) => new Paragraph({ text: item, bullet: { level: 0 } }));
    case 'table':
      return tableOf(block);
    case 'chart':
      return chartOf(block.chart, images);
  }
}

/**
 * The Assessment as a Word document: real Heading 1/2 styles (so Word's navigation pane and
 * table of contents work), real tables with a repeating header row, and each chart as an SVG
 * image with its PNG fallback. `images` come from `rasterizeSvgs`; without them the charts are
 * given as their text summaries.
 */
export async function renderAssessmentDocx(assessment: Assessment, images: ChartImages = new Map()): Promise<Buffer> {
  const body: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, text: assessment.title }),
    new Paragraph({ text: subtitle(assessment) }),
    new Paragraph({ children: [new TextRun({ text: 'Contents', bold: true, size: 32 })] }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
  ];
  for (const { section, number, level } of numberedSections(assessment)) {
    body.push(
      new Paragraph({
        heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
        text: `${number} ${section.title}`,
        pageBreakBefore: level === 1 && !isEmptySection(section),
      }),
    );
    for (const block of section.blocks) body.push(...blockOf(block, images));
  }
  const document = new Document({
    title: assessment.title,
    creator: 'ctip',
    description: subtitle(assessment),
    features: { updateFields: true },
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{ children: body }],
  });
  return Packer.toBuffer(document);
}
