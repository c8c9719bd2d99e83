import { createRoute, z } from '@hono/zod-openapi';
import { PROFILES } from '../../model/practice.js';
import { appendAudit } from '../../store/audit-log.repository.js';
import { getPractice } from '../../store/practice.repository.js';
import { clientAddress } from '../auth/client-address.js';
import { actorOf, grantOf } from '../auth/grant.js';
import { requireKnownPractice } from '../known-practice.js';
import { monthlyReportData } from '../report/monthly-report-data.js';
import { PAPERS, renderReportPdf, type Paper } from '../report/render-report-pdf.js';
import { reportFileName } from '../report/report-file-name.js';
import { PRACTICE_RESPONSES } from '../schemas/error-body.js';
import { ZPracticeQuery } from '../schemas/practice-query.js';
import type { RegisterRoute } from './route-deps.js';

export const monthlyReportRoute = createRoute({
  method: 'get',
  path: '/api/v1/reports/monthly',
  summary: 'The monthly report as PDF',
  description:
    'The PDF `rapport report` writes: every KPI of the month with band, n and the change against ' +
    'the month before and the same month a year earlier, the care pairs, outcome figures, the ' +
    'targets with their check-ins, twelve months of trend charts and the definitions. With ' +
    "`therapist`, that therapist's figures beside the practice's (a clinician: their own only; " +
    'a viewer: the practice report only). Every download is written to the audit log.',
  request: {
    query: ZPracticeQuery.extend({
      month: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
        .describe('the month, YYYY-MM'),
      therapist: z.string().min(1).max(200).optional(),
      profile: z.enum(PROFILES).optional(),
      paper: z.enum(Object.keys(PAPERS) as [Paper, ...Paper[]]).default('a4'),
    }),
  },
  responses: {
    200: {
      description: 'The report',
      content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } },
    },
    ...PRACTICE_RESPONSES,
  },
});

export const registerReportRoute: RegisterRoute = (app, store) => {
  app.openapi(monthlyReportRoute, async (c) => {
    const { practice: practiceId, month, therapist, profile, paper } = c.req.valid('query');
    await requireKnownPractice(store, practiceId);
    const grant = grantOf(c);
    const practice = await getPractice(store.db, practiceId);
    const data = await monthlyReportData(store.db, practice, {
      month,
      ...(profile ? { profile } : {}),
      therapist: therapist ?? null,
      viewerUserId: grant?.kind === 'session' ? grant.userId : null,
    });
    const pdf = await renderReportPdf(data, paper);
    await appendAudit(store.db, {
      practice_id: practiceId,
      actor: actorOf(grant),
      action: 'export',
      target: 'report',
      details: { month, therapist: therapist ?? null, format: 'pdf', paper },
      address: clientAddress(c),
    });
    const name = reportFileName(practiceId, month, therapist ?? null);
    return new Response(new Uint8Array(pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${name}"`,
      },
    }) as never;
  });
};
