import { useState } from 'react';
import { api } from '../api/api-client';
import type { KpiId, KpiResult } from '../api/api-types';
import { useApi } from '../api/use-api';
import { BandBadge } from '../components/band-badge';
import { BreakdownTable } from '../components/breakdown-table';
import { DetailFacts } from '../components/detail-facts';
import { FilterBar } from '../components/filter-bar';
import { KpiHelp } from '../components/kpi-help';
import { MaturingNote, missingReason, valueText } from '../components/kpi-value';
import { MonthTable, capitalised } from '../components/month-table';
import { EmptyState, ErrorState, LoadingState, NoDataYet } from '../components/status-views';
import { TherapistSpread } from '../components/therapist-spread';
import { TrendChart } from '../components/trend-chart';
import { PROFILE_TEXT, bandsHoldFor } from '../lib/bands';
import {
  formatCount,
  formatMonth,
  formatPart,
  formatPeriod,
  formatValue,
  intervalBounds,
} from '../lib/format';
import { monthlyResults } from '../lib/groups';
import { monthKeys, trailingMonths } from '../lib/period';
import { useAppData } from '../state/app-context';
import { useServices } from '../state/use-services';
import { TargetButton } from '../components/target-form';
import { RecordList, hasRecords } from '../components/record-list';
import { recordsApi } from '../api/records-api';
import { useSession } from '../state/session-context';
import type { PageProps } from './page-props';

/** One KPI in depth: trend over the benchmark, its parts, its meaning and its breakdowns. */
export function KpiDetailPage({ filters, setFilters, link, kpiId }: PageProps & { kpiId: string }) {
  const app = useAppData();
  const { role } = useSession();
  const [span, setSpan] = useState<12 | 24>(12);
  const [showRecords, setShowRecords] = useState(false);
  const meta = app.metaOf(kpiId);
  const { period, profile } = filters;
  const { services, service } = useServices(filters);
  const common = { profile, service: service ?? undefined, ids: [kpiId as KpiId] };
  const months = trailingMonths(period.to, span);
  const key =
    meta && app.range.first ? JSON.stringify([kpiId, period, profile, service, span]) : null;
  const loaded = useApi(key, () =>
    Promise.all([
      api.kpis({ from: period.from, to: period.to, ...common }),
      api.kpis({ ...months, by: 'month', ...common }),
      api.kpis({ from: period.from, to: period.to, by: 'service', ...common }),
      api.kpis({ from: period.from, to: period.to, by: 'channel', ...common }),
      api.kpis({ from: period.from, to: period.to, by: 'therapist', ...common }),
      api.therapists(),
    ]),
  );
  if (!meta) {
    return (
      <EmptyState title="Rapport has no measure by this name">
        <p>
          Go back to the <a href={link('/')}>overview</a> and open a card from there.
        </p>
      </EmptyState>
    );
  }
  const head = (
    <div className="page-head">
      <p className="crumb">
        <a href={link('/')}>Overview</a> › {meta.name}
      </p>
      <h1>{meta.name}</h1>
      <p className="lede">{meta.help.measures}</p>
      <TargetButton meta={meta} />
    </div>
  );
  if (!app.range.first) {
    return (
      <>
        {head}
        <NoDataYet />
      </>
    );
  }
  let body;
  if (loaded.state === 'loading') body = <LoadingState what={`the figures for ${meta.name}`} />;
  else if (loaded.state === 'error') body = <ErrorState error={loaded.error} />;
  else {
    const [now, trend, byService, byChannel, byTherapist, therapists] = loaded.data;
    const result = now.kpis[meta.id];
    // months before the first record would only fill the chart and table with empty rows
    const firstMonth = (app.range.first ?? '').slice(0, 7);
    const keys = monthKeys(months.from, months.to).filter((m) => m >= firstMonth);
    const monthly = monthlyResults(trend, meta.id, keys);
    body = (
      <>
        {summary(result)}
        <section className="panel" aria-labelledby="trend-title">
          <div className="panel-head">
            <h2 id="trend-title">Month by month</h2>
            <div className="segmented" role="group" aria-label="How many months">
              {([12, 24] as const).map((n) => (
                <button key={n} type="button" aria-pressed={span === n} onClick={() => setSpan(n)}>
                  {n} months
                </button>
              ))}
            </div>
          </div>
          <p className="muted">
            {bandsHoldFor(meta, profile, 'month')
              ? `Shaded zones are the ${PROFILE_TEXT[profile].toLowerCase()} benchmark bands, named on the right; a hollow point is a month with a small sample.`
              : meta.bands[profile]
                ? `A hollow point is a month with a small sample. The ${PROFILE_TEXT[profile].toLowerCase()} benchmark is stated per ${meta.bands[profile]!.period ?? 'period'}, so it is not drawn behind monthly figures and months carry no band.`
                : `A hollow point is a month with a small sample. The ${PROFILE_TEXT[profile].toLowerCase()} profile has no benchmark for this measure, so no zones are drawn.`}
            {keys.length < span && ` Your records start in ${formatMonth(app.fmt, firstMonth)}.`}
          </p>
          <TrendChart
            fmt={app.fmt}
            meta={meta}
            profile={profile}
            months={keys}
            series={[{ name: meta.name, results: monthly, color: '#4f46e5' }]}
          />
          <details className="table-toggle" open>
            <summary>The numbers behind the chart</summary>
            <MonthTable fmt={app.fmt} meta={meta} months={keys} results={monthly} />
          </details>
        </section>
        <section className="panel" aria-labelledby="records-title">
          <div className="panel-head">
            <h2 id="records-title">Records and downloads</h2>
            <div className="download-links">
              <a
                className="download-link"
                href={recordsApi.reportUrl({
                  ...period,
                  service: service ?? undefined,
                  format: 'csv',
                })}
                download
              >
                Whole report (CSV)
              </a>
              <a
                className="download-link"
                href={recordsApi.reportUrl({
                  ...period,
                  service: service ?? undefined,
                  format: 'json',
                })}
                download
              >
                Whole report (JSON)
              </a>
            </div>
          </div>
          <p className="muted">
            The report holds every measure for {formatPeriod(app.fmt, period.from, period.to)}
            {service ? ` for ${service}` : ''}, with numerator, denominator, sample and band.
          </p>
          {(role === 'owner' || role === 'admin') && hasRecords(meta.id) && (
            <>
              <button
                type="button"
                aria-expanded={showRecords}
                onClick={() => setShowRecords(!showRecords)}
              >
                {showRecords ? 'Hide the records' : 'Show the records'}
              </button>
              {showRecords && (
                <RecordList
                  fmt={app.fmt}
                  meta={meta}
                  from={period.from}
                  to={period.to}
                  service={service ?? undefined}
                />
              )}
            </>
          )}
        </section>
        <KpiHelp fmt={app.fmt} meta={meta} profile={profile} link={link} metaOf={app.metaOf} />
        <div className="two-col">
          <section className="panel">
            <h2>By service</h2>
            <BreakdownTable fmt={app.fmt} meta={meta} doc={byService} groupLabel="Service" />
          </section>
          <section className="panel">
            <h2>By acquisition channel</h2>
            <BreakdownTable fmt={app.fmt} meta={meta} doc={byChannel} groupLabel="Channel" />
          </section>
        </div>
        <section className="panel" aria-labelledby="spread-title">
          <h2 id="spread-title">Across therapists</h2>
          <TherapistSpread
            fmt={app.fmt}
            meta={meta}
            doc={byTherapist}
            therapists={therapists}
            practice={result}
            link={link}
          />
        </section>
      </>
    );
  }
  return (
    <>
      {head}
      <FilterBar filters={filters} onChange={setFilters} services={services} />
      {body}
    </>
  );

  function summary(result: KpiResult | undefined) {
    const fmt = app.fmt;
    const ci = intervalBounds(result?.ci);
    return (
      <section className="panel summary" aria-label="This period">
        <div>
          <p className="muted">{formatPeriod(fmt, period.from, period.to)}</p>
          <p className="big-figure">
            <span className="kpi-value" data-value={result?.value ?? ''}>
              {valueText(fmt, meta!, result)}
            </span>{' '}
            {result && <BandBadge result={result} />}
          </p>
          {(!result || result.value === null) && (
            <p className="no-data-reason">{missingReason(result)}</p>
          )}
          {result?.bandNote && !result.band && (
            <p className="muted" data-testid="band-note">
              No band for this period: {result.bandNote} (the {PROFILE_TEXT[profile].toLowerCase()}{' '}
              benchmark holds only for that length).
            </p>
          )}
          <MaturingNote fmt={fmt} result={result} />
        </div>
        <dl className="facts">
          <div>
            <dt>{capitalised(meta!.help.counts.numerator)}</dt>
            <dd>{formatPart(fmt, result?.numerator)}</dd>
          </div>
          <div>
            <dt>{capitalised(meta!.help.counts.denominator)}</dt>
            <dd>{formatPart(fmt, result?.denominator)}</dd>
          </div>
          <div>
            <dt>Sample (n)</dt>
            <dd>{result?.status === 'no_source' ? '—' : formatCount(fmt, result?.n)}</dd>
          </div>
          {ci && (
            <div>
              <dt>95% interval</dt>
              <dd>
                {formatValue(fmt, ci[0], meta!.unit)} – {formatValue(fmt, ci[1], meta!.unit)}
              </dd>
            </div>
          )}
        </dl>
        <DetailFacts fmt={fmt} details={result?.details} />
      </section>
    );
  }
}
