import { effectiveStatus } from '../model/appointment.js';
import type { EntityName, EntityRecord } from '../model/entities.js';
import { toMinorUnits } from '../model/money.js';
import type { Practice } from '../model/practice.js';

/** A row as stored: column → text, number or null (instants epoch ms, money minor units). */
export type TableRow = Record<string, string | number | null>;

/** The stored column of a model field (availability and slots store start/end as *_at). */
export const columnOf = (field: string): string =>
  field === 'start' ? 'start_at' : field === 'end' ? 'end_at' : field;

/** A normalised row, or the field and reason it could not be stored. */
export type Normalised = { row: TableRow } | { field: string; reason: string };

const money = (amount: string, currency: string, field: string) => {
  const minor = toMinorUnits(amount, currency);
  return typeof minor === 'string' ? { field, reason: minor } : minor;
};

/** Turns a validated record into its table row for a practice. */
export function toTableRow<E extends EntityName>(
  entity: E,
  record: EntityRecord<E>,
  practice: Practice,
): Normalised {
  const practice_id = practice.practice_id;
  switch (entity) {
    case 'therapists': {
      const t = record as EntityRecord<'therapists'>;
      return {
        row: {
          practice_id,
          ...t,
          specialties: t.specialties.join(';'),
          languages: t.languages.join(';'),
          modalities: t.modalities.join(';'),
        },
      };
    }
    case 'availability': {
      const a = record as EntityRecord<'availability'>;
      return {
        row: { practice_id, therapist_id: a.therapist_id, start_at: a.start, end_at: a.end },
      };
    }
    case 'slots': {
      const s = record as EntityRecord<'slots'>;
      return {
        row: {
          practice_id,
          slot_id: s.slot_id,
          therapist_id: s.therapist_id,
          start_at: s.start,
          end_at: s.end,
          service: s.service,
        },
      };
    }
    case 'appointments': {
      const a = record as EntityRecord<'appointments'>;
      const { price, ...rest } = a;
      let price_minor: number | null = null;
      let currency = a.currency;
      if (price !== null) {
        currency ??= practice.currency;
        const m = money(price, currency, 'price');
        if (typeof m !== 'number') return m;
        price_minor = m;
      }
      const status = effectiveStatus(a, practice.late_cancel_notice_hours * 3_600_000);
      return {
        row: { practice_id, ...rest, status, source_status: a.status, price_minor, currency },
      };
    }
    case 'payments': {
      const p = record as EntityRecord<'payments'>;
      const { amount, ...rest } = p;
      const currency = p.currency ?? practice.currency;
      const m = money(amount, currency, 'amount');
      if (typeof m !== 'number') return m;
      return { row: { practice_id, ...rest, amount_minor: m, currency } };
    }
    default:
      return { row: { practice_id, ...(record as TableRow) } };
  }
}
