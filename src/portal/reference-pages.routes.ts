import type { FastifyPluginAsync } from 'fastify';
import { programCsvColumnDocs } from '../exports/program-csv.columns.ts';
import type { FeatureOptions } from '../http/request-context.ts';
import { breakdownCsvColumnDocs, summaryCsvColumnDocs } from '../stats/stats-csv.ts';
import { pageRoute } from '../ui/page-route.ts';
import { ApiReferencePage, type OpenApiDocument } from './api-reference.page.tsx';
import { DataDictionaryPage, type DownloadDoc } from './data-dictionary.page.tsx';
import { GlossaryPage } from './glossary.page.tsx';

/** Every download's columns, from the tables the exporters write with. */
const downloads: DownloadDoc[] = [
  {
    id: 'programs-csv',
    title: 'Programs (CSV)',
    where: '/api/exports/programs.csv, the download links of the search page, ctip export csv',
    note: 'One row per program and fiscal year; the file ctip import csv reads back. Text cells that would start a spreadsheet formula begin with an apostrophe.',
    columns: Object.entries(programCsvColumnDocs),
  },
  {
    id: 'summary-csv',
    title: 'Headline figures (CSV)',
    where: '/api/stats/summary.csv?fiscalYear=2004',
    note: 'Three rows: all programs, international and domestic.',
    columns: Object.entries(summaryCsvColumnDocs),
  },
  {
    id: 'breakdown-csv',
    title: 'Breakdowns (CSV)',
    where: '/api/stats/by/{dimension}.csv',
    note: 'One row per agency, country, region, partner, type of assistance, pillar or fiscal year.',
    columns: Object.entries(breakdownCsvColumnDocs),
  },
];

/** The reader's references: the API reference (from the OpenAPI document `app/` hands in), the glossary, the data dictionary. */
export const referencePageRoutes: FastifyPluginAsync<FeatureOptions & { openapi: () => unknown }> = async (app, { openapi }) => {
  app.get(
    '/docs',
    { schema: { hide: true } },
    pageRoute(async () => ApiReferencePage({ document: openapi() as OpenApiDocument })),
  );
  app.get(
    '/glossary',
    { schema: { hide: true } },
    pageRoute(async () => GlossaryPage()),
  );
  app.get(
    '/data-dictionary',
    { schema: { hide: true } },
    pageRoute(async () => DataDictionaryPage({ downloads })),
  );
};
