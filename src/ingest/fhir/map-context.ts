import { ENTITY_NAMES, type EntityName } from '../../model/entities.js';
import { type Issue, issue } from '../../model/issue.js';
import { parseInstant } from '../../model/instant.js';
import type { FhirCode } from './fhir-issue-codes.js';
import { resolveReference, type Resolved } from './resolve-reference.js';
import type { ResourceIndex } from './resource-index.js';
import type { FhirReadOptions, FhirRecord } from './types.js';

/** Epoch ms of a FHIR dateTime (no offset → UTC, date only → midnight), or undefined. */
export const instantMs = (v: string | undefined): number | undefined => {
  if (!v) return undefined;
  const ms = parseInstant(v, 'UTC');
  return typeof ms === 'number' ? ms : undefined;
};

/** Shared state of one read: the index, collected issues and the records produced so far. */
export class MapContext {
  readonly issues: Issue[] = [];
  readonly records = new Map<EntityName, Map<string, FhirRecord>>(
    ENTITY_NAMES.map((e) => [e, new Map()]),
  );
  /** Earliest session start seen per client id (ISO text as given, and its epoch ms). */
  readonly firstSeen = new Map<string, { text: string; ms: number }>();
  /** Encounter id → appointment id of the record that holds it. */
  readonly encounterAppointment = new Map<string, string>();
  /** Encounters skipped because their class is not a session class, counted by class. */
  readonly skippedEncounters: Record<string, number> = {};
  /** Where the first of those encounters was read (the summary issue points there). */
  firstSkippedEncounter: string | undefined;

  constructor(
    readonly index: ResourceIndex,
    readonly options: FhirReadOptions,
  ) {}

  note(severity: Issue['severity'], code: FhirCode, message: string, path: string): void {
    this.issues.push(issue(severity, code, message, path));
  }

  put(entity: EntityName, key: string, record: Record<string, unknown>, path: string): void {
    this.records.get(entity)!.set(key, { entity, record, path });
  }

  get(entity: EntityName, key: string): FhirRecord | undefined {
    return this.records.get(entity)!.get(key);
  }

  /**
   * Resolves a reference, warning when its id is only a guess (an identifier no loaded resource
   * has). Targets merely absent from the input are reported later, against the mapped records.
   */
  resolve(ref: unknown, path: string, expectedType?: string): Resolved | undefined {
    const r = resolveReference(ref, this.index, expectedType);
    if (r?.problem && r.type && r.id && !r.problem.endsWith('is not in the input')) {
      this.note('warning', 'unknown_reference', r.problem, path);
    }
    return r;
  }

  /** Counts an Encounter that is not a session (by its class label). */
  skipEncounter(label: string, path: string): void {
    this.skippedEncounters[label] = (this.skippedEncounters[label] ?? 0) + 1;
    this.firstSkippedEncounter ??= path;
  }

  seen(clientId: string, start: string | undefined): void {
    const ms = instantMs(start);
    if (ms === undefined || start === undefined) return;
    const prev = this.firstSeen.get(clientId);
    if (!prev || ms < prev.ms) this.firstSeen.set(clientId, { text: start, ms });
  }
}
