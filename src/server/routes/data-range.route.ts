import { createRoute } from '@hono/zod-openapi';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { getPractice } from '../../store/practice.repository.js';
import { appointmentRange } from '../../store/appointment.repository.js';
import { requireKnownPractice } from '../known-practice.js';
import { PRACTICE_RESPONSES } from '../schemas/error-body.js';
import { ZPracticeQuery } from '../schemas/practice-query.js';
import type { RegisterRoute } from './route-deps.js';

const ZDay = z
  .string()
  .nullable()
  .describe('YYYY-MM-DD in the practice time zone; null without data');

export const ZDataRange = z.object({ first: ZDay, last: ZDay });

export const dataRangeRoute = createRoute({
  method: 'get',
  path: '/api/v1/data-range',
  summary: 'Data range',
  description:
    'The first and last appointment day in the practice zone (never past today), for default periods.',
  request: { query: ZPracticeQuery },
  responses: {
    200: {
      description: 'First and last appointment day',
      content: { 'application/json': { schema: ZDataRange } },
    },
    ...PRACTICE_RESPONSES,
  },
});

export const registerDataRangeRoute: RegisterRoute = (app, store) => {
  app.openapi(dataRangeRoute, async (c) => {
    const { practice: practiceId } = c.req.valid('query');
    await requireKnownPractice(store, practiceId);
    const practice = await getPractice(store.db, practiceId);
    const { first, last } = await appointmentRange(store.db, practiceId);
    const day = (ms: number | null) =>
      ms === null ? null : DateTime.fromMillis(ms, { zone: practice.timezone }).toISODate();
    // Booked sessions can lie weeks ahead: the range a dashboard defaults to ends today.
    const upToToday = last === null ? null : Math.max(first ?? last, Math.min(last, Date.now()));
    return c.json({ first: day(first), last: day(upToToday) }, 200);
  });
};
