import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import type { Store } from '../store/database.js';
import { accessMiddleware } from './auth/access-middleware.js';
import { registerAuditRoute } from './auth/audit.route.js';
import { registerHealthRoute } from './auth/health.route.js';
import { accessFor } from './auth/route-access.js';
import { registerInvitesRoutes } from './auth/invites.route.js';
import { applyRouteAccess, assertEveryRouteDeclared } from './auth/openapi-security.js';
import { registerSessionRoutes } from './auth/session.route.js';
import { registerUsersRoutes } from './auth/users.route.js';
import { handleError, respondError } from './error-handler.js';
import { allowedHosts, hostCheck } from './host-check.js';
import { DEFAULT_LIMITS, type RequestLimits } from './request-limits.js';
import { registerAlertsRoutes } from './routes/alerts.route.js';
import { registerCatalogRoute } from './routes/catalog.route.js';
import { registerDataRangeRoute } from './routes/data-range.route.js';
import { registerImportsRoute } from './routes/imports.route.js';
import { registerKpiExportRoute } from './routes/kpi-export.route.js';
import { registerKpiRecordsRoute } from './routes/kpi-records.route.js';
import { registerKpisRoute } from './routes/kpis.route.js';
import { registerOpenApiRoutes } from './routes/openapi.route.js';
import { registerOutcomesRoute } from './routes/outcomes.route.js';
import { registerPracticeRoute } from './routes/practice.route.js';
import { registerPushRoutes } from './routes/push.route.js';
import { registerReportRoute } from './routes/report.route.js';
import { registerReportSubscriptionsRoutes } from './routes/report-subscriptions.route.js';
import { registerTargetsRoutes } from './routes/targets.route.js';
import type { RegisterRoute } from './routes/route-deps.js';
import { registerTherapistsRoute } from './routes/therapists.route.js';
import { registerUploadsRoute, UPLOADS_PATH } from './routes/uploads.route.js';
import { validationHook } from './validation-hook.js';
import { DEFAULT_WEB_ROOT, mountWebApp } from './web/web-app.js';

export interface AppOptions {
  store: Store;
  /** The built web app's folder; default `web/dist` of the checkout. */
  webRoot?: string;
  /** Host names answered besides loopback names and IP literals (see `allowedHosts`). */
  allowedHosts?: readonly string[];
  /** Request bounds; each one left out is its `DEFAULT_LIMITS` value. */
  limits?: Partial<RequestLimits>;
}

/** Every API route, in the order the OpenAPI document lists them. */
const ROUTES: RegisterRoute[] = [
  registerPracticeRoute,
  registerCatalogRoute,
  registerKpisRoute,
  registerOutcomesRoute,
  registerKpiRecordsRoute,
  registerKpiExportRoute,
  registerTherapistsRoute,
  registerImportsRoute,
  registerDataRangeRoute,
  registerPushRoutes,
  registerHealthRoute,
  registerSessionRoutes,
  registerUsersRoutes,
  registerInvitesRoutes,
  registerAuditRoute,
  registerTargetsRoutes,
  registerAlertsRoutes,
  registerUploadsRoute,
  registerReportRoute,
  registerReportSubscriptionsRoutes,
];

/** Content-Security-Policy: no inline or foreign script; inline styles (charts) allowed. */
const SECURITY_HEADERS = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  referrerPolicy: 'same-origin',
  xFrameOptions: 'DENY',
});

/** The HTTP app: API v1 under /api, its OpenAPI document and docs page, and the web app. */
export function createApp({
  store,
  webRoot = DEFAULT_WEB_ROOT,
  allowedHosts: hosts = allowedHosts(undefined, []),
  limits: given = {},
}: AppOptions): OpenAPIHono {
  const limits: RequestLimits = { ...DEFAULT_LIMITS, ...given };
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.onError(handleError);
  app.use(SECURITY_HEADERS);
  app.use(hostCheck(hosts));
  // Origin check of state-changing requests (forms, text bodies) that carry a cookie or sign
  // in; JSON ones with a session also need its CSRF token header (accessMiddleware). Bearer
  // tokens are no ambient credential: a page cannot make a browser send one.
  const originCheck = csrf();
  app.use('/api/*', (c, next) =>
    c.req.header('cookie') !== undefined || accessFor(c.req.method, c.req.path)?.access.open
      ? originCheck(c, next)
      : next(),
  );
  const limitTo = (bytes: number, advice: string) =>
    bodyLimit({
      maxSize: bytes,
      onError: (c) =>
        respondError(c, 'TOO_LARGE', `the body is over ${bytes} bytes, the most ${advice}`),
    });
  const apiLimit = limitTo(limits.maxBodyBytes, 'one request may send; split it');
  const uploadLimit = limitTo(limits.maxUploadBytes, 'one upload may send; split the files');
  app.use('/api/*', (c, next) =>
    c.req.path === UPLOADS_PATH ? uploadLimit(c, next) : apiLimit(c, next),
  );
  app.use('/api/*', accessMiddleware(store));
  for (const register of ROUTES) register(app, store, limits);
  applyRouteAccess(app);
  registerOpenApiRoutes(app);
  assertEveryRouteDeclared(app);
  mountWebApp(app, webRoot);
  app.notFound((c) => respondError(c, 'NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`));
  return app;
}
