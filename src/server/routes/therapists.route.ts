import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { therapistRows } from '../../store/therapist.repository.js';
import { grantOf, ownTherapistOnly } from '../auth/grant.js';
import { requireKnownPractice } from '../known-practice.js';
import { PRACTICE_RESPONSES } from '../schemas/error-body.js';
import { ZPracticeQuery } from '../schemas/practice-query.js';
import { ZTherapistView, toTherapistView } from '../schemas/therapist-view.js';
import type { RegisterRoute } from './route-deps.js';

export const therapistsRoute = createRoute({
  method: 'get',
  path: '/api/v1/therapists',
  summary: 'Therapists',
  description: "The practice's therapists in id order, with their own load limits.",
  request: { query: ZPracticeQuery },
  responses: {
    200: {
      description: 'The therapists',
      content: { 'application/json': { schema: z.array(ZTherapistView) } },
    },
    ...PRACTICE_RESPONSES,
  },
});

export const registerTherapistsRoute: RegisterRoute = (app, store) => {
  app.openapi(therapistsRoute, async (c) => {
    const { practice } = c.req.valid('query');
    await requireKnownPractice(store, practice);
    // A clinician's list holds their own therapist only (the route-access table's `list` rule).
    const own = ownTherapistOnly(grantOf(c));
    const rows = await therapistRows(store.db, practice);
    const seen = own === null ? rows : rows.filter((r) => r.therapist_id === own);
    return c.json(seen.map(toTherapistView), 200);
  });
};
