import { createRoute } from '@hono/zod-openapi';
import { AppError } from '../../model/app-error.js';
import { outcomesReport } from '../../metrics/outcomes/outcomes-report.js';
import type { OutcomesReport } from '../../metrics/outcomes/outcomes-report.types.js';
import { dataVersion } from '../../store/import-history.repository.js';
import { getPractice } from '../../store/practice.repository.js';
import { grantOf } from '../auth/grant.js';
import { requireKnownPractice } from '../known-practice.js';
import { kpiReportCache } from '../kpi-report-cache.js';
import { PRACTICE_RESPONSES } from '../schemas/error-body.js';
import { ZOutcomesQuery } from '../schemas/outcomes-query.js';
import { ZOutcomesReport } from '../schemas/outcomes.schema.js';
import type { RegisterRoute } from './route-deps.js';

export const outcomesRoute = createRoute({
  method: 'get',
  path: '/api/v1/outcomes',
  summary: 'Outcomes of care for a period',
  description:
    'The outcome KPIs (PHQ-9 / GAD-7 episodes of care) over the local days `from`..`to`, for ' +
    'the practice or one therapist, service or channel, with a monthly trend, the change from ' +
    'baseline, coverage, severity at baseline and, for owners and admins, the anonymous spread ' +
    'of the therapists. A group of 1–4 episodes shows no figure and no counts (`suppressed`). ' +
    'A clinician must pass `therapist=` with their own id and also gets the practice-wide ' +
    'figures; a viewer sees practice-wide figures only.',
  request: { query: ZOutcomesQuery },
  responses: {
    200: {
      description: 'The outcomes report',
      content: { 'application/json': { schema: ZOutcomesReport } },
    },
    ...PRACTICE_RESPONSES,
  },
});

export const registerOutcomesRoute: RegisterRoute = (app, store) => {
  const cache = kpiReportCache<OutcomesReport>();
  app.openapi(outcomesRoute, async (c) => {
    const q = c.req.valid('query');
    await requireKnownPractice(store, q.practice);
    // The access table already refuses another therapist's id and a viewer's therapist=; a
    // clinician must name their own. The spread is for owners, admins and tokens.
    const g = grantOf(c);
    const role = g?.kind === 'session' ? g.role : null;
    if (role === 'clinician' && q.therapist === undefined) {
      throw new AppError('FORBIDDEN', 'a clinician sees outcomes with therapist=<own id> only');
    }
    const spread = role !== 'clinician' && role !== 'viewer';
    const scope = {
      ...(q.therapist !== undefined ? { therapist: q.therapist } : {}),
      ...(q.service !== undefined ? { service: q.service } : {}),
      ...(q.channel !== undefined ? { channel: q.channel } : {}),
    };
    const [practice, version] = await Promise.all([
      getPractice(store.db, q.practice),
      dataVersion(store.db, q.practice),
    ]);
    const options = {
      from: q.from,
      to: q.to,
      profile: q.profile ?? practice.profile,
      scope,
      spread,
    };
    const key = JSON.stringify([q.practice, version, options]);
    return c.json(await cache.get(key, () => outcomesReport(store.db, practice, options)), 200);
  });
};
