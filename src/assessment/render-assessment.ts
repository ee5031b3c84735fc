import { defaultChromiumPath } from '../config/config.ts';
import { coordinationBodyData } from '../reference/agencies.data.ts';
import type { Assessment } from './assessment.types.ts';
import { setPdfInfo, type PdfInfo } from './pdf-metadata.ts';
import { chartsOf, renderAssessmentDocx } from './render-docx.ts';
import { printPdf, rasterizeSvgs, withBrowser } from './render-browser.ts';
import { renderAssessmentHtml } from './render-html.tsx';
import { renderAssessmentMarkdown } from './render-markdown.ts';
import { chartSvg } from './render-shared.ts';

export const assessmentFormats = ['html', 'md', 'docx', 'pdf'] as const;
export type AssessmentFormat = (typeof assessmentFormats)[number];

export const contentTypes: Record<AssessmentFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** The coordinating body at the top (the President's Interagency Task Force): the report is its. */
const coordinatingBody = coordinationBodyData.find((body) => !body.parentBodyId)!.name;

/** The PDF's document information: what a reader's "Properties" and a library catalogue show. */
export function assessmentPdfInfo(assessment: Assessment): PdfInfo {
  const fy = assessment.fiscalYear;
  return {
    title: assessment.title,
    author: coordinatingBody,
    subject: `U.S. Government programs against trafficking in persons in fiscal year ${fy} (1 October ${fy - 1} to 30 September ${fy}), from the public records; data as of ${assessment.dataAsOf}`,
    creator: 'ctip',
  };
}

/** The DOCX with every chart drawn as PNG in headless Chromium (the fallback image beside the SVG). */
async function renderDocxWithCharts(assessment: Assessment, browserOptions: { chromiumPath: string }): Promise<Buffer> {
  const charts = chartsOf(assessment);
  const images = await withBrowser(browserOptions, (browser) => rasterizeSvgs(browser, charts.map(chartSvg)));
  return renderAssessmentDocx(assessment, new Map(charts.map((chart, index) => [chart.id, images[index]!])));
}

/**
 * The report in one format: text for HTML and Markdown, bytes for DOCX and PDF (drawn in the
 * Chromium at `chromiumPath`, the configured CTIP_CHROMIUM_PATH; Debian's when not given).
 */
export async function renderAssessment(
  assessment: Assessment,
  format: AssessmentFormat,
  options: { chromiumPath?: string } = {},
): Promise<Buffer> {
  const browserOptions = { chromiumPath: options.chromiumPath ?? defaultChromiumPath };
  switch (format) {
    case 'html':
      return Buffer.from(renderAssessmentHtml(assessment));
    case 'md':
      return Buffer.from(renderAssessmentMarkdown(assessment));
    case 'docx':
      return renderDocxWithCharts(assessment, browserOptions);
    case 'pdf': {
      const printed = await withBrowser(browserOptions, (browser) =>
        printPdf(browser, {
          html: renderAssessmentHtml(assessment),
          footer: `Assessment FY${assessment.fiscalYear} · data as of ${assessment.dataAsOf}`,
        }),
      );
      return setPdfInfo(printed, assessmentPdfInfo(assessment));
    }
  }
}
