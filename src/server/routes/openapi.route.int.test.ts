import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ENTITY_NAMES } from '../../model/entities.js';
import { withTestApp } from '../test-app.js';

const ROUTES = [
  '/api/v1/practice',
  '/api/v1/catalog',
  '/api/v1/kpis',
  '/api/v1/outcomes',
  '/api/v1/therapists',
  '/api/v1/imports',
  '/api/v1/data-range',
  '/api/v1/kpis/{id}/records',
  '/api/v1/exports/kpis',
];

/** The routes of people and access (src/server/auth), with their methods. */
const ACCESS: Record<string, string[]> = {
  '/api/health': ['get'],
  '/api/v1/session': ['delete', 'post'],
  '/api/v1/session/code': ['post'],
  '/api/v1/me': ['get'],
  '/api/v1/users': ['get'],
  '/api/v1/users/{login}/role': ['put'],
  '/api/v1/users/{login}': ['delete'],
  '/api/v1/invites': ['get', 'post'],
  '/api/v1/invites/accept': ['post'],
  '/api/v1/audit': ['get'],
  // Targets and check-ins (issue 12), listed here as routes with methods other than GET
  '/api/v1/targets': ['get', 'post'],
  '/api/v1/targets/{id}': ['delete', 'get', 'patch'],
  '/api/v1/targets/{id}/checkins': ['get'],
  '/api/v1/targets/{id}/checkins/{period}/note': ['post'],
  '/api/v1/alert-rules': ['get', 'post'],
  '/api/v1/alert-rules/{id}': ['delete'],
  '/api/v1/alert-events': ['get'],
  '/api/v1/deliveries': ['get'],
  '/api/v1/alert-state': ['get'],
  // The browser's import and the report of any import (issue 15)
  '/api/v1/uploads': ['post'],
  '/api/v1/imports/{id}/report': ['get'],
  '/api/v1/reports/monthly': ['get'],
  // Who gets the monthly report by e-mail
  '/api/v1/report-subscriptions': ['get', 'put'],
};

/** The push routes: POST /api/v1/<entity> for the ten entities. */
const PUSH = ENTITY_NAMES.map((e) => `/api/v1/${e}`);

interface Doc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<
    string,
    Record<
      string,
      { responses: Record<string, unknown>; parameters?: { name: string; in: string }[] }
    >
  >;
  components?: { schemas?: Record<string, unknown> };
}

/** Every `$ref` in `node`. */
const refs = (node: unknown): string[] =>
  node === null || typeof node !== 'object'
    ? []
    : Object.entries(node).flatMap(([k, v]) => (k === '$ref' ? [String(v)] : refs(v)));

describe('OpenAPI document and docs page', () => {
  it('/api/openapi.json is an OpenAPI 3 document naming every route', () =>
    withTestApp('sqlite', async ({ get }) => {
      const r = await get('/api/openapi.json');
      assert.equal(r.status, 200);
      const doc = r.body as Doc;
      assert.match(doc.openapi, /^3\.\d+\.\d+$/);
      assert.ok(doc.info.title && doc.info.version);
      assert.deepEqual(
        Object.keys(doc.paths).sort(),
        [...new Set([...ROUTES, ...PUSH, ...Object.keys(ACCESS)])].sort(),
      );
      for (const [path, methods] of Object.entries(ACCESS)) {
        assert.deepEqual(Object.keys(doc.paths[path]!).sort(), methods, path);
      }
      for (const [path, item] of Object.entries(doc.paths)) {
        if (path in ACCESS) continue;
        const methods = [
          ...(ROUTES.includes(path) ? ['get'] : []),
          ...(PUSH.includes(path) ? ['post'] : []),
        ];
        assert.deepEqual(Object.keys(item).sort(), methods, path);
        for (const m of methods) {
          const op = item[m]!;
          assert.ok(op.responses['200'], `${path} documents 200`);
          assert.ok(op.responses['400'], `${path} documents 400`);
          assert.ok(op.responses['403'], `${path} documents 403 (Host check)`);
          const takesPractice = (op.parameters ?? []).some((p) => p.name === 'practice');
          if (takesPractice) assert.ok(op.responses['404'], `${path} documents 404`);
          for (const p of op.parameters ?? []) assert.ok(['query', 'path'].includes(p.in));
        }
        if (PUSH.includes(path)) {
          for (const code of ['207', '401', '413', '415', '422'])
            assert.ok(item.post!.responses[code], `${path} ${code}`);
        }
      }
      const records = (doc.components?.schemas ?? {}) as Record<string, { required?: string[] }>;
      assert.deepEqual(records.AppointmentsRecord?.required, [
        'appointment_id',
        'client_id',
        'therapist_id',
        'scheduled_start',
        'status',
      ]);
      const kpiParams = doc.paths['/api/v1/kpis']!.get!.parameters!.map((p) => p.name);
      assert.deepEqual(kpiParams.sort(), [
        'by',
        'from',
        'ids',
        'practice',
        'profile',
        'service',
        'therapist',
        'to',
      ]);
      const schemas = doc.components?.schemas ?? {};
      for (const ref of refs(doc)) {
        const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
        assert.ok(name && name in schemas, `dangling $ref ${ref}`);
      }
    }));

  it('/api/docs is an HTML page listing every route with its parameters and schemas', () =>
    withTestApp('sqlite', async ({ get }) => {
      const r = await get('/api/docs');
      assert.equal(r.status, 200);
      assert.match(r.type ?? '', /text\/html/);
      const html = String(r.body);
      for (const route of ROUTES) assert.ok(html.includes(`GET ${route}`), route);
      assert.match(html, /<code>from<\/code>/);
      assert.match(html, /KpiReport/);
      assert.doesNotMatch(html, /<script|https?:\/\/(?!localhost)/);
    }));
});
