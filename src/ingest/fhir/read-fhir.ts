import { ENTITY_NAMES, type EntityName } from '../../model/entities.js';
import { globalOrdinals } from './answer-ordinal.js';
import { checkReferences } from './check-references.js';
import { MapContext } from './map-context.js';
import { mapAppointment } from './map-appointment.js';
import { mapAuditEvent } from './map-audit-event.js';
import { mapCommunication } from './map-communication.js';
import { mapEncounter } from './map-encounter.js';
import { mapPatient } from './map-patient.js';
import {
  mapChargeItem,
  mapInvoice,
  mapPaymentNotice,
  mapPaymentReconciliation,
} from './map-payment.js';
import { mapPractitioner, mapPractitionerRole } from './map-practitioner.js';
import { mapQuestionnaireResponse } from './map-questionnaire-response.js';
import { mapSchedule, mapSlot } from './map-schedule.js';
import { readSources } from './read-sources.js';
import { ResourceIndex } from './resource-index.js';
import type { FhirReadOptions, FhirReadResult, LoadedResource } from './types.js';

/** Types read only as context for others (definitions, containers), never unsupported. */
const CONTEXT_TYPES = ['Bundle', 'Questionnaire', 'ValueSet', 'CodeSystem'];

/** Mapping steps in dependency order: each sees the records the earlier ones produced. */
const STEPS: [string, (ctx: MapContext, r: LoadedResource) => void][] = [
  ['Practitioner', mapPractitioner],
  ['PractitionerRole', mapPractitionerRole],
  ['Schedule', mapSchedule],
  ['Slot', mapSlot],
  ['Appointment', mapAppointment],
  ['Encounter', mapEncounter],
  ['Patient', mapPatient],
  ['Communication', mapCommunication],
  ['AuditEvent', mapAuditEvent],
];

/**
 * Reads FHIR R4 JSON (resources, Bundles, NDJSON bulk exports, or folders of them) into the
 * canonical entities, in ENTITIES load order, with every finding as an issue. Pure mapping: the
 * records still go through the entity schemas and the store's upsert afterwards.
 */
export async function readFhir(
  inputs: string[],
  options: FhirReadOptions,
): Promise<FhirReadResult> {
  const { resources, issues: readIssues } = await readSources(inputs);
  const resourceCounts: Record<string, number> = {};
  for (const r of resources) resourceCounts[r.type] = (resourceCounts[r.type] ?? 0) + 1;
  const index = new ResourceIndex(resources, (r) =>
    readIssues.push({
      severity: 'info',
      code: 'duplicate_resource',
      message: `${r.type}/${r.id} read again; the later copy wins`,
      path: r.path,
    }),
  );
  const ctx = new MapContext(index, options);
  ctx.issues.push(...readIssues);

  const handled = new Set<string>(CONTEXT_TYPES);
  for (const [type, step] of STEPS) {
    handled.add(type);
    for (const r of index.ofType(type)) step(ctx, r);
  }
  const ordinals = globalOrdinals(index);
  for (const r of index.ofType('QuestionnaireResponse')) mapQuestionnaireResponse(ctx, r, ordinals);
  for (const r of index.ofType('Invoice')) mapInvoice(ctx, r);
  for (const r of index.ofType('ChargeItem')) mapChargeItem(ctx, r);
  for (const r of index.ofType('PaymentReconciliation')) mapPaymentReconciliation(ctx, r);
  for (const r of index.ofType('PaymentNotice')) mapPaymentNotice(ctx, r);
  const late = ['QuestionnaireResponse', 'Invoice', 'ChargeItem', 'PaymentReconciliation'];
  for (const t of [...late, 'PaymentNotice']) handled.add(t);
  noteSkippedEncounters(ctx);

  const unsupported: Record<string, number> = {};
  for (const r of index.all) {
    if (handled.has(r.type)) continue;
    if (unsupported[r.type] === undefined) {
      ctx.note(
        'info',
        'unsupported_resource',
        `${r.type} is not mapped to any Rapport entity; ignored`,
        r.path,
      );
    }
    unsupported[r.type] = (unsupported[r.type] ?? 0) + 1;
  }
  checkReferences(ctx);

  const mapped = Object.fromEntries(
    ENTITY_NAMES.map((e) => [e, ctx.records.get(e)!.size]),
  ) as Record<EntityName, number>;
  const records = ENTITY_NAMES.flatMap((e) => [...ctx.records.get(e)!.values()]);
  return {
    records,
    issues: ctx.issues,
    resourceCounts,
    unsupported,
    mapped,
    skippedEncounters: { ...ctx.skippedEncounters },
  };
}

/** `EMER 23, HH 9, IMP 49`: skipped encounters by class, in code order. */
export const encounterClassList = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, n]) => `${label} ${n}`)
    .join(', ');

/** "skipped 81 encounters that are not sessions (EMER 23, HH 9, IMP 49)", or undefined. */
export function skippedEncountersNote(counts: Record<string, number>): string | undefined {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  const what = total === 1 ? 'encounter that is not a session' : 'encounters that are not sessions';
  return `skipped ${total} ${what} (${encounterClassList(counts)})`;
}

/** One warning for all Encounters that are not sessions, counted by class. */
function noteSkippedEncounters(ctx: MapContext): void {
  const note = skippedEncountersNote(ctx.skippedEncounters);
  if (!note) return;
  ctx.note(
    'warning',
    'not_a_session',
    `${note}; only ambulatory (AMB) and virtual (VR) encounters are sessions`,
    ctx.firstSkippedEncounter!,
  );
}
