import type { OpenAPIHono } from '@hono/zod-openapi';
import { DOCS_PATH, OPENAPI_CONFIG, OPENAPI_PATH } from '../openapi/openapi-config.js';
import { renderDocsPage, type OpenApiDocument } from '../openapi/docs-page.js';

/**
 * `/api/openapi.json` (generated from the routes' zod schemas) and `/api/docs` (a readable page
 * rendered from that document). Register after every API route so both describe them all.
 */
export function registerOpenApiRoutes(app: OpenAPIHono): void {
  let page: string | undefined;
  app.doc(OPENAPI_PATH, OPENAPI_CONFIG);
  app.get(DOCS_PATH, (c) => {
    page ??= renderDocsPage(
      app.getOpenAPIDocument(OPENAPI_CONFIG) as unknown as OpenApiDocument,
      OPENAPI_PATH,
    );
    return c.html(page);
  });
}
