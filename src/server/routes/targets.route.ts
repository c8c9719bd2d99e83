import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../../model/app-error.js';
import {
  ZCheckin,
  ZCheckinNoteInput,
  ZNewTarget,
  ZTarget,
  ZTargetPatch,
  scopeParts,
  type Target,
} from '../../model/target.js';
import { checkinsOf, requireKpiId } from '../../metrics/targets/target-checkins.js';
import { changedFields, noteFields, targetAudit } from '../../metrics/targets/target-audit.js';
import { appendAudit, type AuditAction } from '../../store/audit-log.repository.js';
import type { Store } from '../../store/database.js';
import { getPractice } from '../../store/practice.repository.js';
import {
  createTarget,
  deleteTarget,
  findTarget,
  listTargets,
  setCheckinNote,
  updateTarget,
} from '../../store/target.repository.js';
import { clientAddress } from '../auth/client-address.js';
import { actorOf, grantOf, type Grant } from '../auth/grant.js';
import { requireKnownPractice } from '../known-practice.js';
import { PRACTICE_RESPONSES, ZErrorBody } from '../schemas/error-body.js';
import { ZPracticeQuery } from '../schemas/practice-query.js';
import type { RegisterRoute } from './route-deps.js';

const json = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { 'application/json': { schema } },
});

const ZTargetView = ZTarget.extend({
  latest: ZCheckin.nullable().describe('the check-in of the last closed period, if any'),
}).meta({ id: 'TargetView' });

const ZIdParam = z.object({ id: z.string().min(1).max(100) });
const ZNoteParams = ZIdParam.extend({
  period: z.string().regex(/^\d{4}-(W\d{2}|\d{2})$/, 'an ISO week (2026-W05) or a month (2026-02)'),
});

const REFUSED = json('Not allowed for this user (the message says why)', ZErrorBody);
const UNKNOWN = json('No such target visible to this user, or no such practice', ZErrorBody);

const ACCESS_NOTE =
  'A practice, service or channel target is visible to every member of the practice and to its ' +
  'tokens, and managed by owners and admins. A therapist target is a personal target: only the ' +
  'clinician linked to that therapist sets it, and only they see it (no individual quotas).';

export const listTargetsRoute = createRoute({
  method: 'get',
  path: '/api/v1/targets',
  summary: 'Targets',
  description: `The targets visible to the caller, oldest first, each with its latest check-in. ${ACCESS_NOTE}`,
  request: { query: ZPracticeQuery },
  responses: { 200: json('The targets', z.array(ZTargetView)), ...PRACTICE_RESPONSES },
});

export const createTargetRoute = createRoute({
  method: 'post',
  path: '/api/v1/targets',
  summary: 'Set a target',
  description:
    'Sets a target on a KPI of the catalog: from X to Y by a date, stay above, stay below or ' +
    `stay within. ${ACCESS_NOTE} An owner or admin asking for a therapist target is refused (403).`,
  request: {
    query: ZPracticeQuery,
    body: { required: true, content: { 'application/json': { schema: ZNewTarget } } },
  },
  responses: { 201: json('The target', ZTargetView), ...PRACTICE_RESPONSES, 403: REFUSED },
});

export const getTargetRoute = createRoute({
  method: 'get',
  path: '/api/v1/targets/{id}',
  summary: 'One target',
  description:
    'The target with its latest check-in (check-ins are recomputed when the data changed).',
  request: { query: ZPracticeQuery, params: ZIdParam },
  responses: { 200: json('The target', ZTargetView), ...PRACTICE_RESPONSES, 404: UNKNOWN },
});

export const patchTargetRoute = createRoute({
  method: 'patch',
  path: '/api/v1/targets/{id}',
  summary: 'Change a target',
  description:
    'Changes the kind, title, start, cadence, notes or followers; a new kind, start or cadence ' +
    'recomputes every check-in (notes on check-ins are kept).',
  request: {
    query: ZPracticeQuery,
    params: ZIdParam,
    body: { required: true, content: { 'application/json': { schema: ZTargetPatch } } },
  },
  responses: {
    200: json('The target', ZTargetView),
    ...PRACTICE_RESPONSES,
    403: REFUSED,
    404: UNKNOWN,
  },
});

export const deleteTargetRoute = createRoute({
  method: 'delete',
  path: '/api/v1/targets/{id}',
  summary: 'Remove a target',
  description: 'Removes the target with its check-ins and their notes.',
  request: { query: ZPracticeQuery, params: ZIdParam },
  responses: {
    200: json('Removed', z.object({ ok: z.literal(true) })),
    ...PRACTICE_RESPONSES,
    403: REFUSED,
    404: UNKNOWN,
  },
});

export const checkinsRoute = createRoute({
  method: 'get',
  path: '/api/v1/targets/{id}/checkins',
  summary: "A target's check-ins",
  description:
    'One check-in per closed ISO week or month (practice zone) from the start date: value, ' +
    'interval, n, the KPI status, the expected value and the status (on_track; at_risk when the ' +
    'interval still reaches the expected value or bound; off_track; not_enough_data when the KPI ' +
    'is not ok), with the note and confidence a person added. Recomputed from the data when it ' +
    'changed since they were stored.',
  request: { query: ZPracticeQuery, params: ZIdParam },
  responses: { 200: json('The check-ins', z.array(ZCheckin)), ...PRACTICE_RESPONSES, 404: UNKNOWN },
});

export const checkinNoteRoute = createRoute({
  method: 'post',
  path: '/api/v1/targets/{id}/checkins/{period}/note',
  summary: 'Note a check-in',
  description:
    'Sets the note and the confidence (your own on_track, at_risk or off_track) of one closed ' +
    'period; stored apart from the computed figure, so a recompute keeps it.',
  request: {
    query: ZPracticeQuery,
    params: ZNoteParams,
    body: { required: true, content: { 'application/json': { schema: ZCheckinNoteInput } } },
  },
  responses: { 200: json('The check-in', ZCheckin), ...PRACTICE_RESPONSES, 404: UNKNOWN },
});

/** Who a grant acts as: the signed-in user, else the token or the server itself. */
const actingUser = (g: Grant | undefined): string =>
  g?.kind === 'session' ? g.userId : actorOf(g);

/** Whether the grant may see the target: a personal target only by its owner. */
export function canSee(g: Grant | undefined, t: Target): boolean {
  if (scopeParts(t.scope).dim !== 'therapist') return true;
  return g?.kind === 'session' && g.userId === t.owner_user_id;
}

/** Throws FORBIDDEN unless the grant may create or change a target of this scope. */
export function requireManage(g: Grant | undefined, scope: string): void {
  const { dim, value } = scopeParts(scope);
  const clinician = g?.kind === 'session' && g.role === 'clinician';
  if (dim === 'therapist') {
    if (!clinician) {
      throw new AppError(
        'FORBIDDEN',
        'no individual quotas: a target on one therapist can only be a personal target the ' +
          'clinician linked to that therapist sets for themself',
      );
    }
    if (g.therapistId !== value) {
      throw new AppError('FORBIDDEN', 'a personal target is on your own therapist id only');
    }
    return;
  }
  if (clinician) {
    throw new AppError(
      'FORBIDDEN',
      'clinicians set personal targets on their own figures (scope therapist:<your id>); ' +
        'practice, service and channel targets are set by owners and admins',
    );
  }
}

export const registerTargetsRoutes: RegisterRoute = (app, store) => {
  /** One audit entry of a change to a target: ids and field names, never its words. */
  const audit = (
    c: Context,
    practice: string,
    action: AuditAction,
    targetId: string,
    details: Record<string, unknown>,
  ) =>
    appendAudit(store.db, {
      practice_id: practice,
      actor: actorOf(grantOf(c)),
      action,
      target: targetId,
      details,
      address: clientAddress(c),
    });
  const visible = async (s: Store, practice: string, id: string, g: Grant | undefined) => {
    await requireKnownPractice(s, practice);
    const t = await findTarget(s.db, practice, id);
    if (!t || t.practice_id !== practice || !canSee(g, t)) {
      throw new AppError('NOT_FOUND', `no target "${id}" in practice ${practice}`);
    }
    return t;
  };
  const withLatest = async (t: Target) => {
    const all = await checkinsOf(store.db, await getPractice(store.db, t.practice_id), t);
    return { ...t, latest: all[all.length - 1] ?? null };
  };

  app.openapi(listTargetsRoute, async (c) => {
    const { practice } = c.req.valid('query');
    await requireKnownPractice(store, practice);
    const g = grantOf(c);
    const seen = (await listTargets(store.db, practice)).filter((t) => canSee(g, t));
    const out = [];
    for (const t of seen) out.push(await withLatest(t));
    return c.json(out, 200);
  });

  app.openapi(createTargetRoute, async (c) => {
    const { practice } = c.req.valid('query');
    await requireKnownPractice(store, practice);
    const input = c.req.valid('json');
    const g = grantOf(c);
    requireKpiId(input.kpi_id);
    requireManage(g, input.scope);
    const t = await createTarget(store.db, practice, actingUser(g), input);
    await audit(c, practice, 'target_create', t.target_id, targetAudit(t));
    return c.json(await withLatest(t), 201);
  });

  app.openapi(getTargetRoute, async (c) => {
    const { practice } = c.req.valid('query');
    const t = await visible(store, practice, c.req.valid('param').id, grantOf(c));
    return c.json(await withLatest(t), 200);
  });

  app.openapi(patchTargetRoute, async (c) => {
    const { practice } = c.req.valid('query');
    const g = grantOf(c);
    const t = await visible(store, practice, c.req.valid('param').id, g);
    requireManage(g, t.scope);
    const next = await updateTarget(store.db, t, c.req.valid('json'));
    await audit(c, practice, 'target_update', t.target_id, { changed: changedFields(t, next) });
    return c.json(await withLatest(next), 200);
  });

  app.openapi(deleteTargetRoute, async (c) => {
    const { practice } = c.req.valid('query');
    const g = grantOf(c);
    const t = await visible(store, practice, c.req.valid('param').id, g);
    requireManage(g, t.scope);
    await deleteTarget(store.db, t);
    await audit(c, practice, 'target_delete', t.target_id, targetAudit(t));
    return c.json({ ok: true as const }, 200);
  });

  app.openapi(checkinsRoute, async (c) => {
    const { practice } = c.req.valid('query');
    const t = await visible(store, practice, c.req.valid('param').id, grantOf(c));
    return c.json(await checkinsOf(store.db, await getPractice(store.db, practice), t), 200);
  });

  app.openapi(checkinNoteRoute, async (c) => {
    const { practice } = c.req.valid('query');
    const { id, period } = c.req.valid('param');
    const g = grantOf(c);
    const t = await visible(store, practice, id, g);
    const p = await getPractice(store.db, practice);
    if (!(await checkinsOf(store.db, p, t)).some((x) => x.period === period)) {
      throw new AppError('NOT_FOUND', `target ${id} has no check-in for ${period} (not closed?)`);
    }
    const note = c.req.valid('json');
    await setCheckinNote(store.db, t, period, actingUser(g), note);
    await audit(c, practice, 'checkin_note', t.target_id, { period, changed: noteFields(note) });
    const all = await checkinsOf(store.db, p, t);
    return c.json(
      all.find((x) => x.period === period)!,
      200,
    );
  });
};
