/** The OpenAPI document's header; paths and schemas come from the routes' zod schemas. */
export const OPENAPI_CONFIG = {
  openapi: '3.0.3',
  info: {
    title: 'Rapport HTTP API',
    version: '1.0.0',
    description:
      'Read side of Rapport, practice analytics for online therapy, remote consultation and ' +
      'neurofeedback practices. All answers are JSON; errors are always ' +
      '`{"error":{"code","message","details"}}`. The practice is chosen by `?practice=ID` ' +
      '(default `default`).',
  },
} as const;

export const OPENAPI_PATH = '/api/openapi.json';
export const DOCS_PATH = '/api/docs';
