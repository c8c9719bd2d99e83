import { z } from 'zod';
import { formatInstant } from '../../model/instant.js';
import type { TherapistsTable } from '../../store/tables.js';

const ZIsoInstant = z.string().describe('ISO 8601 instant in UTC');

/** A therapist as the API shows it: lists as arrays, instants as ISO strings. */
export const ZTherapistView = z
  .object({
    therapist_id: z.string(),
    display_name: z.string().nullable(),
    specialties: z.array(z.string()),
    languages: z.array(z.string()),
    modalities: z.array(z.string()),
    max_sessions_per_day: z.number().int().nullable(),
    max_sessions_per_week: z.number().int().nullable(),
    active_from: ZIsoInstant.nullable(),
    active_to: ZIsoInstant.nullable(),
  })
  .meta({ id: 'Therapist' });
export type TherapistView = z.infer<typeof ZTherapistView>;

const splitList = (s: string): string[] => s.split(';').filter((x) => x !== '');
const iso = (ms: number | null) => (ms === null ? null : formatInstant(ms));

export const toTherapistView = (row: TherapistsTable): TherapistView => ({
  therapist_id: row.therapist_id,
  display_name: row.display_name,
  specialties: splitList(row.specialties),
  languages: splitList(row.languages),
  modalities: splitList(row.modalities),
  max_sessions_per_day: row.max_sessions_per_day,
  max_sessions_per_week: row.max_sessions_per_week,
  active_from: iso(row.active_from),
  active_to: iso(row.active_to),
});
