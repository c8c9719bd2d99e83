import { fromMinorUnits } from '../../model/money.js';
import type { CatalogEntry } from '../catalog/catalog.types.js';
import { wilsonInterval } from '../stats/wilson.js';
import type { CollectedParts } from './collect-parts.js';
import { round6 } from './evaluate-kpi.js';

const HOUR = 3_600_000;
const pct = (num: number, den: number) => (den > 0 ? round6((100 * num) / den) : null);
const ci = (num: number, den: number) => {
  const w = wilsonInterval(num, den);
  return w ? [round6(w[0] * 100), round6(w[1] * 100)] : null;
};

/**
 * The extra figures a KPI reports beside its value (kpi-spec.md): the parts of a numerator that
 * sums several (no-shows, cancellations, late cancellations), the seed 003 acquisition
 * variant, response-time median / p90 / unanswered, platform usage per user type, one revenue
 * figure per currency, per-therapist load.
 */
export function kpiDetails(
  entry: CatalogEntry,
  parts: Map<string, number>,
  collected: CollectedParts,
  group: string,
): Record<string, unknown> | undefined {
  const p = (k: string) => parts.get(k) ?? 0;
  const c = entry.compute;
  if (c.perCurrency) {
    const currencies = [...parts.keys()]
      .filter((k) => k.startsWith('payments@'))
      .map((k) => k.slice('payments@'.length))
      .sort();
    const served = p('served');
    return {
      byCurrency: currencies.map((cur) => {
        const revenue = fromMinorUnits(p(`revenue@${cur}`), cur);
        return {
          currency: cur,
          revenue: round6(revenue),
          payments: p(`payments@${cur}`),
          clients_served: served,
          value: served > 0 ? round6(revenue / served) : null,
        };
      }),
    };
  }
  switch (c.details) {
    case 'numerator_parts':
      return Object.fromEntries(c.numerator.map((t) => [t.part, p(t.part)]));
    case 'retention':
      return {
        active_start: p('S'),
        active_end: p('E'),
        new_clients: p('N'),
      };
    case 'acquisition':
      return {
        seed003_variant: {
          formula: 'new clients / clients served in period × 100',
          value: pct(p('N'), p('served')),
          numerator: p('N'),
          denominator: p('served'),
          ci: ci(p('N'), p('served')),
        },
      };
    case 'response_times': {
      const w = collected.waits.get(group);
      const hours = (v: number | null | undefined) =>
        v === null || v === undefined ? null : round6(v / HOUR);
      return {
        median_hours: hours(w?.medianMs),
        p90_hours: hours(w?.p90Ms),
        answered: w?.answered ?? 0,
        unanswered: p('unanswered'),
      };
    }
    case 'platform_usage': {
      const kind = (a: string, r: string) => ({
        value: pct(p(a), p(r)),
        active: p(a),
        registered: p(r),
      });
      return {
        clients: kind('active_clients', 'registered_clients'),
        therapists: kind('active_therapists', 'registered_therapists'),
        together: kind('active', 'registered'),
        unknown_activity_rows: p('unknown_activity_rows'),
      };
    }
    case 'therapist_load': {
      const rows = collected.load.get(group) ?? [];
      return {
        per_therapist: rows,
        therapists_without_daily_maximum: rows.filter((r) => r.max_sessions_per_day === null)
          .length,
      };
    }
    default:
      return undefined;
  }
}
