import type { KpiMeta, KpiResult } from '../api/api-types';
import { formatCount, formatValue, type Formatter } from '../lib/format';
import { FEWER_THAN_5, SUPPRESSED_REASON, isSuppressed } from '../lib/outcomes';

/**
 * The figure as text: "No data loaded" when its source was never loaded, "Fewer than 5
 * episodes" for a small outcome group (suppressed, never a number), "Too early to tell" when
 * every client of a cohort is still maturing (nothing is missing, it is only young), "No data"
 * when empty.
 */
export function valueText(fmt: Formatter, meta: KpiMeta, result: KpiResult | undefined): string {
  if (result?.status === 'no_source') return 'No data loaded';
  if (isSuppressed(result)) return FEWER_THAN_5;
  if (result && result.value === null && (result.maturing ?? 0) > 0) return 'Too early to tell';
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
  if (isSuppressed(result)) return SUPPRESSED_REASON;
  return result.reason ?? 'Nothing in this period to compute it from.';
}

/**
 * "12 new clients still maturing, not counted", or null when none were left out, or when all
 * were (then the figure is missing and its reason already says so: no second line saying it
 * again).
 */
export function maturingText(fmt: Formatter, result: KpiResult | undefined): string | null {
  const n = result?.maturing;
  if (!n || result.value === null) return null;
  return `${formatCount(fmt, n)} new client${n === 1 ? '' : 's'} still maturing, not counted`;
}

/** The clients a cohort figure left out because they are too new to judge. */
export function MaturingNote({ fmt, result }: { fmt: Formatter; result: KpiResult | undefined }) {
  const text = maturingText(fmt, result);
  return text ? (
    <p className="maturing-note" data-testid="maturing">
      {text}
    </p>
  ) : null;
}
