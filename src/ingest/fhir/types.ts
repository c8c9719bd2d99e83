import type { EntityName } from '../../model/entities.js';
import type { Issue } from '../../model/issue.js';
import type { Json } from './json-access.js';

/** One canonical record produced from FHIR, with the FHIR location it came from. */
export interface FhirRecord {
  entity: EntityName;
  record: Record<string, unknown>;
  path: string;
}

export interface FhirReadResult {
  /** In ENTITIES load order. */
  records: FhirRecord[];
  issues: Issue[];
  /** Resources seen, by resourceType (bundles and their entries both counted). */
  resourceCounts: Record<string, number>;
  /** Resource types no mapper handles, counted. */
  unsupported: Record<string, number>;
  mapped: Record<EntityName, number>;
  /** Encounters that are not sessions (class other than AMB or VR), counted by class. */
  skippedEncounters: Record<string, number>;
}

export interface FhirReadOptions {
  /**
   * The practice's key of pseudonymous ids: every Patient id (the Patient's own and every
   * reference to it) becomes `pseudonymousId('client', id, hashKey)`, as the export presets do.
   */
  hashKey: string;
  /** Questionnaire canonical URLs (version ignored), ids or codes counted as `csat` surveys. */
  satisfactionQuestionnaires?: string[];
}

/** A resource as read from a file, with where it was found. */
export interface LoadedResource {
  resource: Json;
  type: string;
  /** Logical id: `id`, else the last segment of the entry's fullUrl (urn:uuid included). */
  id: string | undefined;
  fullUrl: string | undefined;
  /** Location prefix for issues: `file:entry[2].resource(Appointment/x)` or `file:17:Encounter/x`. */
  path: string;
}
