import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Store } from '../../store/database.js';
import type { RequestLimits } from '../request-limits.js';

/** What a route file registers itself on: the app, the store it reads and the request limits. */
export type RegisterRoute = (app: OpenAPIHono, store: Store, limits: RequestLimits) => void;
