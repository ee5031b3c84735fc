import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { FeatureOptions } from '../http/request-context.ts';
import { publicViewer } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { findLatestFiscalYear } from '../stats/stats.service.ts';
import { pageRoute } from '../ui/page-route.ts';
import { parseQuery } from '../http/parse-query.ts';
import { buildAssessment } from './assessment-builder.ts';
import { assertAssessmentYear, listAssessmentYears } from './assessment-years.ts';
import { createAssessmentFileCache } from './assessment-file-cache.ts';
import { AssessmentPage } from './assessment.page.tsx';
import { assessmentFormats, contentTypes, renderAssessment, type AssessmentFormat } from './render-assessment.ts';

const fiscalYear = z.coerce.number().int().min(1990, 'must be 1990 or later').max(2100, 'must be 2100 or earlier');
const pageQuerySchema = z.object({ fiscalYear: fiscalYear.optional() });
const fileParamsSchema = z.object({
  file: z.string().regex(/^\d{4}\.(html|md|docx|pdf)$/, 'must be YEAR.html, YEAR.md, YEAR.docx or YEAR.pdf'),
});

/**
 * /assessment?fiscalYear=2004 (the page) and /assessment/2004.html|.md|.docx|.pdf (the report). The
 * report is the published one, built from public records whoever asks. Files are rendered once
 * per content (see assessment-file-cache.ts) and revalidated by entity tag.
 */
export const assessmentRoutes: FastifyPluginAsync<FeatureOptions & { chromiumPath?: string }> = async (app, { db, chromiumPath }) => {
  const files = createAssessmentFileCache({ render: (assessment, format) => renderAssessment(assessment, format, { chromiumPath }) });

  app.get(
    '/assessment',
    { schema: { hide: true } },
    pageRoute(async (request) => {
      const query = parseQuery(pageQuerySchema, request.query);
      const fy = query.fiscalYear ?? (await findLatestFiscalYear({ db, viewer: publicViewer }));
      if (fy === undefined)
        throw new AppError({ code: 'NOT_FOUND', message: 'No program is recorded yet, so there is no Assessment to show.' });
      await assertAssessmentYear({ db, fiscalYear: fy, code: 'NOT_FOUND' });
      return AssessmentPage({ assessment: await buildAssessment({ db, fiscalYear: fy }), years: await listAssessmentYears({ db }) });
    }),
  );

  app.get(
    '/assessment/:file',
    { schema: { hide: true } },
    pageRoute(async (request, reply) => {
      const params = parseQuery(fileParamsSchema, request.params);
      const [year, extension] = params.file.split('.') as [string, AssessmentFormat];
      const fy = fiscalYear.safeParse(year);
      if (!fy.success)
        throw new AppError({
          code: 'VALIDATION_FAILED',
          message: `FY${year}: ${fy.error.issues[0]?.message}`,
          details: [{ field: 'file', message: 'fiscal year out of range' }],
        });
      if (!(assessmentFormats as readonly string[]).includes(extension))
        throw new AppError({ code: 'NOT_FOUND', message: `No format '${extension}'` });
      await assertAssessmentYear({ db, fiscalYear: fy.data, code: 'NOT_FOUND' });
      const { bytes, etag } = await files.get(await buildAssessment({ db, fiscalYear: fy.data }), extension);
      void reply.header('etag', etag).header('cache-control', 'no-cache');
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      const disposition = extension === 'html' ? 'inline' : 'attachment';
      return reply
        .type(contentTypes[extension])
        .header('content-disposition', `${disposition}; filename="ctip-assessment-fy${fy.data}.${extension}"`)
        .send(bytes);
    }),
  );
};
