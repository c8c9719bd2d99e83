export { readFhir, skippedEncountersNote } from './read-fhir.js';
export type { FhirReadOptions, FhirReadResult, FhirRecord } from './types.js';
