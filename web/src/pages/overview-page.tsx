import { api } from '../api/api-client';
import { useApi } from '../api/use-api';
import { CsvDownload } from '../components/csv-download';
import { KpiCard, type CardData } from '../components/kpi-card';
import { KPI_CSV_COLUMNS, kpiCsvCells } from '../lib/csv-rows';
import { FilterBar } from '../components/filter-bar';
import { EmptyState, ErrorState, LoadingState, NoDataYet } from '../components/status-views';
import { PROFILE_TEXT } from '../lib/bands';
import { formatDay, formatPeriod } from '../lib/format';
import { isEmptyDocument, monthlyResults, valuesOf } from '../lib/groups';
import { isOutcomeKpi } from '../lib/outcomes';
import { monthKeys, previousPeriod, trailingMonths } from '../lib/period';
import { useAppData } from '../state/app-context';
import { useServices } from '../state/use-services';
import type { PageProps } from './page-props';

/** Every KPI of the catalog as a card, for the chosen period, profile and service. */
export function OverviewPage({ filters, setFilters, link }: PageProps) {
  const app = useAppData();
  const { period, profile } = filters;
  const { services, service } = useServices(filters);
  const common = { profile, service: service ?? undefined };
  const before = previousPeriod(period);
  const year = trailingMonths(period.to, 12);
  const key = JSON.stringify([period, profile, service]);
  const loaded = useApi(app.range.first === null ? null : key, () =>
    Promise.all([
      api.kpis({ from: period.from, to: period.to, ...common }),
      api.kpis({ from: before.from, to: before.to, ...common }),
      api.kpis({ ...year, by: 'month', ...common }),
    ]),
  );

  // an outcome read beside an operations card opens the Outcomes page, where it has its context
  const linkOf = (id: string) => (isOutcomeKpi(id) ? link('/outcomes') : link(`/kpi/${id}`));
  const heading = (
    <div className="page-head">
      <h1>Overview</h1>
      <p className="lede">
        Every measure for the period, held against the benchmarks of{' '}
        {PROFILE_TEXT[profile].toLowerCase()}s. Open a card for its trend, its formula and what
        tends to move it.
      </p>
    </div>
  );
  if (app.range.first === null) {
    return (
      <>
        {heading}
        <NoDataYet />
      </>
    );
  }

  let body;
  if (loaded.state === 'loading') body = <LoadingState what="the figures for this period" />;
  else if (loaded.state === 'error') body = <ErrorState error={loaded.error} />;
  else {
    const [now, prev, trend] = loaded.data;
    const months = monthKeys(year.from, year.to);
    const cards: CardData[] = app.catalog.map((meta) => ({
      meta,
      result: now.kpis[meta.id],
      previous: prev.kpis[meta.id],
      trend: valuesOf(monthlyResults(trend, meta.id, months)),
      counterparts: meta.counterparts.flatMap((id) => {
        const m = app.metaOf(id);
        return m ? [{ meta: m, result: now.kpis[id] }] : [];
      }),
    }));
    body = (
      <>
        {isEmptyDocument(now) && (
          <EmptyState title={`No records fall in ${formatPeriod(app.fmt, period.from, period.to)}`}>
            <p>
              Your data runs from {formatDay(app.fmt, app.range.first)} to{' '}
              {formatDay(app.fmt, app.range.last ?? app.range.first)}. Pick a period inside that
              range with the controls above.
            </p>
          </EmptyState>
        )}
        <CsvDownload
          filename={`overview-${period.from}-${period.to}.csv`}
          columns={['kpi', 'from', 'to', ...KPI_CSV_COLUMNS]}
          rows={app.catalog.flatMap((meta) => [
            { kpi: meta.id, from: period.from, to: period.to, ...kpiCsvCells(now.kpis[meta.id]) },
            { kpi: meta.id, from: before.from, to: before.to, ...kpiCsvCells(prev.kpis[meta.id]) },
            ...months.map((m, i) => ({
              kpi: meta.id,
              from: m,
              to: m,
              ...kpiCsvCells(monthlyResults(trend, meta.id, months)[i]),
            })),
          ])}
          label="Download every figure of the cards and their trends (CSV)"
        />
        <section className="card-grid" aria-label="Measures">
          {cards
            .filter((c) => !isOutcomeKpi(c.meta.id))
            .map((c) => (
              <KpiCard key={c.meta.id} card={c} link={link(`/kpi/${c.meta.id}`)} linkOf={linkOf} />
            ))}
        </section>
        {cards.some((c) => isOutcomeKpi(c.meta.id)) && (
          <section aria-labelledby="overview-outcomes">
            <div className="section-head">
              <h2 id="overview-outcomes">Outcomes</h2>
              <p className="muted">
                Whether clients get better, from their PHQ-9 and GAD-7 scores.{' '}
                <a href={link('/outcomes')}>Open the Outcomes page</a> for the trend, the change
                from baseline and coverage.
              </p>
            </div>
            <div className="card-grid">
              {cards
                .filter((c) => isOutcomeKpi(c.meta.id))
                .map((c) => (
                  <KpiCard
                    key={c.meta.id}
                    card={c}
                    link={link(`/kpi/${c.meta.id}`)}
                    linkOf={linkOf}
                  />
                ))}
            </div>
          </section>
        )}
      </>
    );
  }
  return (
    <>
      {heading}
      <FilterBar filters={filters} onChange={setFilters} services={services} />
      <BandLegend />
      <PairsLine />
      {body}
    </>
  );
}

/** One line on the look-alike pairs (two retentions, two utilizations), in the catalog's words. */
function PairsLine() {
  const app = useAppData();
  const pairs = app.catalog.flatMap((m) => (m.help.differs ? [m.help.differs.text] : []));
  const load = app.metaOf('therapist_load');
  if (pairs.length === 0 && !load) return null;
  return (
    <p className="legend-line" data-testid="pairs-line">
      {pairs.join(' ')}
      {load &&
        ` ${load.name} counts ${load.help.oneLine.charAt(0).toLowerCase()}${load.help.oneLine.slice(1)}`}
    </p>
  );
}

function BandLegend() {
  return (
    <p className="legend-line">
      Each figure names its benchmark band in words: <em>below typical</em>, <em>typical</em>,{' '}
      <em>above average</em> or <em>exceptional</em>. A <em>small sample</em> marker means too few
      cases to compare fairly, so no band is given; a benchmark stated per month or per quarter is
      only applied to a period of that length. <em>No data loaded</em> means the records a measure
      is built from (say, platform activity) were never imported: nothing was measured, which is not
      zero. Arrows compare with the period just before; green means the move helps, orange means it
      does not.
    </p>
  );
}
