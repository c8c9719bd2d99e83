/** The closed set of codes a FHIR read issue carries. */
export const FHIR_CODES = [
  'malformed_json',
  'not_a_resource',
  'unsupported_resource',
  'unknown_reference',
  'missing_value',
  'invalid_value',
  'skipped_status',
  'not_a_session',
  'booking_request',
  'score_mismatch',
  'incomplete_score',
  'unsupported_instrument',
  'duplicate_resource',
] as const;
export type FhirCode = (typeof FHIR_CODES)[number];
