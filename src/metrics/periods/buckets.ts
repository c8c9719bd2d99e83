import { DateTime } from 'luxon';
import type { Period } from './period.js';

export const BUCKET_SIZES = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type BucketSize = (typeof BUCKET_SIZES)[number];

export const isBucketSize = (v: unknown): v is BucketSize =>
  (BUCKET_SIZES as readonly unknown[]).includes(v);

/** One calendar bucket of a period: [start, end) in epoch ms, cut to the period's edges. */
export interface Bucket {
  key: string;
  start: number;
  end: number;
}

const UNIT = {
  day: 'day',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
} as const;

/** The label of the bucket starting at `d`: 2026-03-01, 2026-W09, 2026-03, 2026-Q1, 2026. */
export function bucketKey(d: DateTime, size: BucketSize): string {
  switch (size) {
    case 'day':
      return d.toFormat('yyyy-MM-dd');
    case 'week':
      return `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;
    case 'month':
      return d.toFormat('yyyy-MM');
    case 'quarter':
      return `${d.year}-Q${d.quarter}`;
    case 'year':
      return String(d.year);
  }
}

/**
 * The calendar buckets (ISO weeks start on Monday) covering the period in its time zone, in
 * order, the first and last cut to the period. DST-correct: luxon computes each local midnight.
 */
export function bucketsOf(period: Period, size: BucketSize): Bucket[] {
  const zone = period.timezone;
  const out: Bucket[] = [];
  let cursor = DateTime.fromMillis(period.start, { zone });
  while (cursor.toMillis() < period.end) {
    const bucketStart = cursor.startOf(UNIT[size], { useLocaleWeeks: false });
    const next = bucketStart.plus({ [`${UNIT[size]}s`]: 1 }).startOf(UNIT[size]);
    const end = Math.min(next.toMillis(), period.end);
    out.push({ key: bucketKey(bucketStart, size), start: cursor.toMillis(), end });
    cursor = DateTime.fromMillis(end, { zone });
  }
  return out;
}
