/** The closed set of codes an import issue carries. */
export const IMPORT_CODES = [
  'invalid_value',
  'missing_value',
  'unknown_reference',
  'unknown_column',
  'missing_column',
  'malformed_row',
  'duplicate_in_file',
  'unknown_user',
  'unknown_file',
  'empty_file',
] as const;
export type ImportCode = (typeof IMPORT_CODES)[number];
