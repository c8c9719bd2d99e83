import { DateTime } from 'luxon';

export type RecordValue = string | number | null;

/** What one lister answers: the records of one page, the totals of the whole listing. */
export interface Listing {
  records_of: string;
  total: number;
  figure: number;
  columns: string[];
  records: Record<string, RecordValue>[];
  next_offset: number | null;
}

export interface Page {
  limit?: number;
  offset: number;
}

/** Offset of the next page, or null on the last. */
export const nextOffset = (page: Page, got: number, total: number) =>
  page.limit !== undefined && page.offset + got < total ? page.offset + got : null;

/** One page of an in-memory listing already in its stable order. */
export const pageOf = <T>(all: readonly T[], page: Page): T[] =>
  page.limit === undefined
    ? all.slice(page.offset)
    : all.slice(page.offset, page.offset + page.limit);

/** An instant as a local time of the zone (minutes), or null. */
export const localTime = (v: unknown, zone: string): string | null =>
  v === null || v === undefined
    ? null
    : DateTime.fromMillis(Number(v), { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

/** An instant as a local date of the zone, or null. */
export const localDay = (v: number | null, zone: string): string | null =>
  v === null ? null : DateTime.fromMillis(v, { zone }).toFormat('yyyy-MM-dd');
