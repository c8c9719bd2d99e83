import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../../model/app-error.js';
import { ENTITY_NAMES, entitySchema, type EntityName } from '../../model/entities.js';
import { ZIssue } from '../../model/issue.js';
import { authenticateToken } from '../../store/api-token.repository.js';
import { appendAudit } from '../../store/audit-log.repository.js';
import { clientAddress } from '../auth/client-address.js';
import { actorOf, grantOf } from '../auth/grant.js';
import type { Store } from '../../store/database.js';
import { importRecords } from '../../store/import-records.js';
import { capIssues } from '../cap-issues.js';
import { readJsonBody } from '../read-json-body.js';
import { DEFAULT_LIMITS, type RequestLimits } from '../request-limits.js';
import { ERROR_RESPONSES, ZErrorBody } from '../schemas/error-body.js';
import type { RegisterRoute } from './route-deps.js';

/** The most records one request may push. */
export const MAX_PUSH_RECORDS = 10_000;

/**
 * What a push did: counts over the request's records, and its issues at `records[n].field`
 * (the first `maxIssues` of them; `issues_total` counts all).
 */
export const ZPushResult = z
  .object({
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
    warnings: z.number().int(),
    issues: z
      .array(ZIssue)
      .describe(
        `the first ${DEFAULT_LIMITS.maxIssues} issues (by default); a long value in a message is cut short`,
      ),
    issues_total: z.number().int().describe('how many issues there were, listed or not'),
  })
  .meta({ id: 'PushResult' });
export type PushResult = z.infer<typeof ZPushResult>;

const pascal = (e: string) => e.replace(/(^|_)([a-z])/g, (_, _s, c: string) => c.toUpperCase());

/** The documented record schema of an entity: its model schema (instants read in the practice's zone). */
const recordSchema = (entity: EntityName) =>
  entitySchema(entity, 'UTC').meta({ id: `${pascal(entity)}Record` });

const json = (description: string, schema: z.ZodType) => ({
  description,
  content: { 'application/json': { schema } },
});

const MB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export const pushRoute = (entity: EntityName, limits: RequestLimits = DEFAULT_LIMITS) =>
  createRoute({
    method: 'post',
    path: `/api/v1/${entity}`,
    summary: `Push ${entity} records`,
    description:
      `Validates and upserts up to ${MAX_PUSH_RECORDS} ${entity} records in one transaction, ` +
      'idempotent by natural key (sending the same body again changes nothing). Each record is ' +
      'validated like a canonical CSV row; rejected records are listed with their path ' +
      '(`records[3].scheduled_start`) and reason, the others are kept. Instants without an ' +
      "offset are read in the practice's time zone. Needs a token of the practice " +
      '(`rapport token create`) as `Authorization: Bearer <token>`; the token chooses the practice. ' +
      `The body is sent as \`Content-Type: application/json\`, at most ${MB(limits.maxBodyBytes)} ` +
      `(\`rapport serve --max-body-mb\`) and nested at most ${limits.maxJsonDepth} levels deep; ` +
      `the answer lists the first ${limits.maxIssues} issues and counts all of them.`,
    security: [{ bearerAuth: [] }],
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.array(recordSchema(entity)).min(1).max(MAX_PUSH_RECORDS),
          },
        },
      },
    },
    responses: {
      200: json('Every record loaded', ZPushResult),
      207: json('Some records rejected (listed in issues); the others loaded', ZPushResult),
      ...ERROR_RESPONSES,
      400: json(
        'The body is not JSON, not an array of records, or nested too deeply (details.reason `too_deep`)',
        ZErrorBody,
      ),
      401: json('No token, or a token that is unknown or revoked', ZErrorBody),
      413: json(
        `More than ${MAX_PUSH_RECORDS} records, or a body over ${MB(limits.maxBodyBytes)}`,
        ZErrorBody,
      ),
      415: json('The body is not sent as application/json', ZErrorBody),
      422: json('No record valid: nothing loaded', ZPushResult),
    },
  });

/** The practice of the request's bearer token; 401 without a valid one. */
async function practiceOfToken(c: Context, store: Store): Promise<string> {
  const header = c.req.header('authorization') ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) {
    throw new AppError('UNAUTHORIZED', 'a token is required: Authorization: Bearer <token>');
  }
  const found = await authenticateToken(store.db, m[1]!);
  if (!found) throw new AppError('UNAUTHORIZED', 'the token is unknown or revoked');
  return found.practiceId;
}

/** The body: a JSON array of 1..MAX_PUSH_RECORDS items. */
async function recordsOf(c: Context, limits: RequestLimits): Promise<unknown[]> {
  const body = await readJsonBody(c, limits.maxJsonDepth);
  if (!Array.isArray(body))
    throw new AppError('BAD_INPUT', 'the body must be a JSON array of records');
  if (body.length === 0) throw new AppError('BAD_INPUT', 'the body has no record');
  if (body.length > MAX_PUSH_RECORDS) {
    throw new AppError(
      'TOO_LARGE',
      `${body.length} records: at most ${MAX_PUSH_RECORDS} per request; split the body`,
    );
  }
  return body;
}

/**
 * `POST /api/v1/<entity>` for each of the ten entities. Registered with the OpenAPI document by
 * hand: the handler validates each record itself (a bad record must not fail the request).
 */
export const registerPushRoutes: RegisterRoute = (app, store, limits) => {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A token from `rapport token create`',
  });
  for (const entity of ENTITY_NAMES) {
    const route = pushRoute(entity, limits);
    app.openAPIRegistry.registerPath(route);
    app.post(route.path, async (c) => {
      const practiceId = await practiceOfToken(c, store);
      const body = await recordsOf(c, limits);
      const r = await importRecords(
        store,
        {
          label: `api ${entity}`,
          records: body.map((record, n) => ({ entity, record, path: `records[${n}]` })),
        },
        {
          practiceId,
          format: 'api',
          reportPath: false,
          unknownFields: true,
          fieldPath: (path, field) => `${path}.${field}`,
        },
      );
      const sum = (k: 'inserted' | 'updated' | 'unchanged' | 'rejected' | 'warnings') =>
        r.files.reduce((n, f) => n + f[k], 0);
      const listed = capIssues(r.issues, limits);
      const result: PushResult = {
        inserted: sum('inserted'),
        updated: sum('updated'),
        unchanged: sum('unchanged'),
        rejected: sum('rejected'),
        warnings: sum('warnings'),
        issues: listed.issues,
        issues_total: listed.total,
      };
      const loaded = result.inserted + result.updated + result.unchanged;
      const status = result.rejected === 0 ? 200 : loaded === 0 ? 422 : 207;
      const { issues: _i, issues_total: _t, ...counts } = result;
      await appendAudit(store.db, {
        practice_id: practiceId,
        actor: actorOf(grantOf(c)),
        action: 'push',
        target: entity,
        details: counts,
        address: clientAddress(c),
      });
      return c.json(result, status);
    });
  }
};
