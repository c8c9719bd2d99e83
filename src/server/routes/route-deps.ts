import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Store } from '../../store/database.js';

/** What a route file registers itself on: the app and the store it reads. */
export type RegisterRoute = (app: OpenAPIHono, store: Store) => void;
