import { z } from 'zod';
import { APPOINTMENT_STATUSES, CANCELLED_BY } from '../../model/appointment.js';
import { isCurrency } from '../../model/money.js';

/**
 * The declarative mapping of a scheduling / practice-management CSV export onto canonical
 * therapists, clients and appointments. Presets are values of this schema; a user writes the
 * same structure as a JSON mapping file. Columns are matched case-insensitively, trimmed.
 */

const column = z.string().trim().min(1, 'must name a column');

/** Where an instant comes from: one date-time column, or a date column plus a time column. */
export const ZInstantSource = z
  .object({
    column: column.optional(),
    dateColumn: column.optional(),
    timeColumn: column.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const single = s.column !== undefined;
    const split = s.dateColumn !== undefined || s.timeColumn !== undefined;
    if (single === split) {
      ctx.addIssue({ code: 'custom', message: 'give either column or dateColumn + timeColumn' });
    } else if (split && (s.dateColumn === undefined || s.timeColumn === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'dateColumn and timeColumn go together' });
    }
  });
export type InstantSource = z.infer<typeof ZInstantSource>;

/** A person identified by the first non-empty of `columns` (hashed, never stored). */
export const ZIdentityKey = z
  .object({
    columns: z.array(column).min(1, 'needs at least one column'),
    /** When a cell lists several people (`a@x; b@y`), the first one is the person. */
    listSeparator: z.string().min(1).optional(),
  })
  .strict();
export type IdentityKey = z.infer<typeof ZIdentityKey>;

/** A condition on one cell: one of the listed values, the same text as another cell, or empty. */
export const ZCondition = z.union([
  z.array(z.string()).min(1, 'needs at least one value'),
  z.object({ sameAs: column }).strict(),
  z.object({ empty: z.boolean() }).strict(),
]);
export type Condition = z.infer<typeof ZCondition>;

/** One status rule: when every condition holds, the appointment gets this status. */
export const ZStatusRule = z
  .object({
    when: z.record(column, ZCondition).default({}),
    status: z.enum(APPOINTMENT_STATUSES),
    /** Status instead when the session has not ended yet at import time (`Show` → booked). */
    ifFuture: z.enum(APPOINTMENT_STATUSES).optional(),
    cancelledBy: z.enum(CANCELLED_BY).optional(),
  })
  .strict();
export type StatusRule = z.infer<typeof ZStatusRule>;

export const ZTherapistSource = z
  .object({
    /** The source's own therapist id column (kept as is). */
    idColumn: column.optional(),
    /** Columns that identify the therapist by e-mail or name (hashed to `t-…`). */
    key: ZIdentityKey.optional(),
    /** One therapist for every row, when the export names none. */
    constant: z.string().trim().min(1).max(200).optional(),
    displayNameColumn: column.optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    const given = [t.idColumn, t.key, t.constant].filter((v) => v !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of idColumn, key, constant' });
    }
  });

export const ZAppointmentSource = z
  .object({
    id: z
      .object({ column: column.optional(), hashOf: z.array(column).min(1).optional() })
      .strict()
      .refine((i) => (i.column === undefined) !== (i.hashOf === undefined), {
        message: 'give exactly one of column, hashOf',
      }),
    start: ZInstantSource,
    end: ZInstantSource.optional(),
    durationMinutesColumn: column.optional(),
    bookedAt: ZInstantSource.optional(),
    cancelledAt: ZInstantSource.optional(),
    /** Service from e.g. the event type name. */
    serviceColumn: column.optional(),
    priceColumn: column.optional(),
    currencyColumn: column.optional(),
    /** Currency of every price when the export has no currency column. */
    currency: z
      .string()
      .refine(isCurrency, 'is not a 3-letter ISO 4217 currency code (e.g. USD)')
      .optional(),
  })
  .strict();

export const ZMapping = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and -'),
    name: z.string().min(1),
    description: z.string().default(''),
    /** Where the column names came from and what was guessed. */
    source: z.string().optional(),
    /** luxon formats tried in order (`yyyy-MM-dd hh:mm a`); `iso` accepts ISO 8601. */
    dateTimeFormats: z.array(z.string().min(1)).min(1, 'needs at least one format'),
    /** A column holding each row's IANA time zone; else the practice time zone is used. */
    timeZoneColumn: column.optional(),
    /** Columns with personal data (names, e-mails, phones, free text): never stored. */
    personalColumns: z.array(column).default([]),
    /** Keep the therapist display name (staff, not clients). */
    keepTherapistNames: z.boolean().default(true),
    therapist: ZTherapistSource,
    client: z.object({ key: ZIdentityKey, acquisitionChannelColumn: column.optional() }).strict(),
    appointment: ZAppointmentSource,
    status: z
      .object({
        /** The columns the rules read; their values are named when no rule matches. */
        columns: z.array(column).min(1, 'needs at least one column'),
        rules: z.array(ZStatusRule).min(1, 'needs at least one rule'),
      })
      .strict(),
  })
  .strict()
  .superRefine((m, ctx) => {
    for (const i of personalColumnIssues(m)) ctx.addIssue({ code: 'custom', ...i });
  });

type Loose = { [k: string]: Loose } | undefined;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Personal columns used where their value would be stored. Reads a loosely shaped value so a
 * mapping with other mistakes gets these reported too (every mistake is collected at once).
 */
export function personalColumnIssues(
  value: unknown,
): Array<{ path: (string | number)[]; message: string }> {
  const m = (typeof value === 'object' && value !== null ? value : {}) as Loose & object;
  const list = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  const personal = new Set(list(m.personalColumns).map(normaliseHeader));
  const stored: Array<[string | undefined, (string | number)[]]> = [
    [str(m.appointment?.id?.column), ['appointment', 'id', 'column']],
    [str(m.appointment?.serviceColumn), ['appointment', 'serviceColumn']],
    [str(m.appointment?.priceColumn), ['appointment', 'priceColumn']],
    [str(m.appointment?.currencyColumn), ['appointment', 'currencyColumn']],
    [str(m.appointment?.durationMinutesColumn), ['appointment', 'durationMinutesColumn']],
    [str(m.client?.acquisitionChannelColumn), ['client', 'acquisitionChannelColumn']],
    [str(m.therapist?.idColumn), ['therapist', 'idColumn']],
    [str(m.therapist?.displayNameColumn), ['therapist', 'displayNameColumn']],
    [str(m.timeZoneColumn), ['timeZoneColumn']],
    ...list(m.status?.columns).map((c, i): [string, (string | number)[]] => [
      c,
      ['status', 'columns', i],
    ]),
  ];
  return stored
    .filter(([col]) => col !== undefined && personal.has(normaliseHeader(col)))
    .map(([col, path]) => ({
      path,
      message: `"${col}" is a personal column and would be stored; personal columns may only identify people (client.key, therapist.key, appointment.id.hashOf) or be compared (sameAs)`,
    }));
}

export type Mapping = z.output<typeof ZMapping>;
/** What a preset or a JSON mapping file is written as (defaults may be left out). */
export type MappingInput = z.input<typeof ZMapping>;

/** Header names compare case-insensitively, trimmed, with inner white space collapsed. */
export function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}
