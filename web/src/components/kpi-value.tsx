import type { KpiMeta, KpiResult } from '../api/api-types';
import { formatValue, type Formatter } from '../lib/format';

/** The figure as text, or "No data" when there is none. */
export function valueText(fmt: Formatter, meta: KpiMeta, result: KpiResult | undefined): string {
  if (!result || result.value === null) return 'No data';
  return formatValue(
    result.currency ? { ...fmt, currency: result.currency } : fmt,
    result.value,
    meta.unit,
  );
}

/** Why a figure is missing, in the server's words or a general one. */
export function missingReason(result: KpiResult | undefined): string {
  if (!result) return 'The server did not report this measure for the period.';
  return result.reason ?? 'Nothing in this period to compute it from.';
}
