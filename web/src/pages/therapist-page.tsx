import { useId, useState } from 'react';
import { api } from '../api/api-client';
import { therapistKpis, therapistMonthly } from '../api/therapist-kpis';
import type { KpiId, Therapist } from '../api/api-types';
import { useApi } from '../api/use-api';
import { outcomesApi } from '../api/outcomes-api';
import { OutcomeCompareTable } from '../components/outcome-compare-table';
import { OUTCOME_KPI_IDS, isOutcomeKpi } from '../lib/outcomes';
import { BandBadge } from '../components/band-badge';
import { FilterBar } from '../components/filter-bar';
import { maturingText, missingReason, valueText } from '../components/kpi-value';
import { EmptyState, ErrorState, LoadingState, NoDataYet } from '../components/status-views';
import { TargetForm, useOwnTherapist } from '../components/target-form';
import { TrendChart } from '../components/trend-chart';
import { formatCount, formatPeriod } from '../lib/format';
import { monthlyResults } from '../lib/groups';
import { monthKeys, trailingMonths } from '../lib/period';
import { therapistName } from '../lib/therapist-name';
import { useAppData } from '../state/app-context';
import { useServices } from '../state/use-services';
import type { PageProps } from './page-props';
import { ReportDownload } from '../components/report-download';
import { CsvDownload } from '../components/csv-download';
import { KPI_CSV_COLUMNS, kpiCsvCells } from '../lib/csv-rows';

/**
 * One therapist's own figures beside the practice's. Only this therapist's figures are asked
 * for (the API's `therapist` filter), so nobody else's can appear on the page.
 */
export function TherapistPage({
  filters,
  setFilters,
  link,
  therapistId,
}: PageProps & { therapistId: string }) {
  const app = useAppData();
  const pickId = useId();
  const own = useOwnTherapist();
  const [chartKpi, setChartKpi] = useState<KpiId>('session_completion_rate');
  const { period, profile } = filters;
  const { services, service } = useServices(filters);
  const common = { profile, service: service ?? undefined };
  const year = trailingMonths(period.to, 12);
  const key = app.range.first ? JSON.stringify([therapistId, period, profile, service]) : null;
  const loaded = useApi(key, () =>
    Promise.all([
      api.therapists().then((list) => list.find((t) => t.therapist_id === therapistId) ?? null),
      therapistKpis({ from: period.from, to: period.to, ...common }, therapistId),
      api.kpis({ from: period.from, to: period.to, ...common }),
    ]),
  );
  const outcomes = useApi(key && `${key}:outcomes`, () =>
    outcomesApi.get({ from: period.from, to: period.to, ...common, therapist: therapistId }),
  );
  const months = monthKeys(year.from, year.to);
  const trendIds: KpiId[] = [chartKpi];
  const trend = useApi(key && `${key}:${chartKpi}`, () =>
    Promise.all([
      therapistMonthly({ ...year, ...common, ids: trendIds }, therapistId, months),
      api.kpis({ ...year, by: 'month', ...common, ids: trendIds }),
    ]),
  );
  if (!app.range.first) return <NoDataYet />;
  if (loaded.state === 'loading') return <LoadingState what="this therapist's figures" />;
  if (loaded.state === 'error') return <ErrorState error={loaded.error} />;
  const [person, mine, practice] = loaded.data;
  if (!person) {
    return (
      <EmptyState title="No therapist with this id">
        <p>
          Choose a therapist from the <a href={link('/therapist')}>therapist list</a>.
        </p>
      </EmptyState>
    );
  }
  const name = therapistName(person);
  const meta = app.metaOf(chartKpi) ?? app.catalog[0]!;
  return (
    <>
      <div className="page-head">
        <p className="crumb">
          <a href={link('/therapist')}>Therapist view</a> › {name}
        </p>
        <h1>{name}</h1>
        <p className="lede">
          Your figures for {formatPeriod(app.fmt, period.from, period.to)}, beside the practice as a
          whole. They are here to support your work and your wellbeing, not to compare you with
          colleagues.
        </p>
      </div>
      <FilterBar filters={filters} onChange={setFilters} services={services} />
      {limits(person)}
      <section className="panel" aria-labelledby="mine-title">
        <h2 id="mine-title">Your figures and the practice's</h2>
        <div className="table-wrap">
          <table className="compare-table">
            <thead>
              <tr>
                <th scope="col">Measure</th>
                <th scope="col" className="num">
                  {name}
                </th>
                <th scope="col">Band</th>
                <th scope="col" className="num">
                  n
                </th>
                <th scope="col" className="num">
                  Practice
                </th>
              </tr>
            </thead>
            <tbody>
              {app.catalog
                .filter((m) => !isOutcomeKpi(m.id))
                .map((m) => {
                  const r = mine.kpis[m.id];
                  return (
                    <tr key={m.id} data-kpi={m.id}>
                      <th scope="row">
                        <a href={link(`/kpi/${m.id}`)}>{m.name}</a>
                      </th>
                      <td className="num">{valueText(app.fmt, m, r)}</td>
                      <td>
                        {r && <BandBadge result={r} />}
                        {typeof r?.value !== 'number' && (
                          <span className="muted">{missingReason(r)}</span>
                        )}
                        {maturingText(app.fmt, r) && (
                          <span className="maturing-note"> {maturingText(app.fmt, r)}</span>
                        )}
                      </td>
                      <td className="num">
                        {typeof r?.value === 'number' ? formatCount(app.fmt, r.n) : '—'}
                      </td>
                      <td className="num">{valueText(app.fmt, m, practice.kpis[m.id])}</td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
          <CsvDownload
            filename={`therapist-${therapistId}-and-practice.csv`}
            columns={['kpi', 'who', ...KPI_CSV_COLUMNS]}
            rows={app.catalog
              .filter((m) => !isOutcomeKpi(m.id))
              .flatMap((m) => [
                { kpi: m.id, who: therapistId, ...kpiCsvCells(mine.kpis[m.id]) },
                { kpi: m.id, who: 'practice', ...kpiCsvCells(practice.kpis[m.id]) },
              ])}
          />
        </div>
      </section>
      <section className="panel" aria-labelledby="outcomes-title" data-testid="therapist-outcomes">
        <h2 id="outcomes-title">
          Outcomes: do {own === therapistId ? 'your' : 'these'} clients get better?
        </h2>
        <p className="muted">
          From PHQ-9 and GAD-7 scores at the start of each episode of care and at its latest. A
          figure resting on fewer than 5 episodes is not shown, only "fewer than 5"; the latest
          period still moves as episodes go on.{' '}
          {own !== therapistId && <a href={link('/outcomes')}>The practice's outcomes</a>}
        </p>
        {outcomes.state === 'loading' && <LoadingState what="the outcome figures" />}
        {outcomes.state === 'error' && <ErrorState error={outcomes.error} />}
        {outcomes.state === 'ready' && (
          <OutcomeCompareTable
            fmt={app.fmt}
            metas={OUTCOME_KPI_IDS.flatMap((id) => {
              const m = app.metaOf(id);
              return m ? [m] : [];
            })}
            mine={outcomes.data.kpis}
            practice={outcomes.data.practice_kpis}
            name={name}
            link={link}
          />
        )}
      </section>
      {own === therapistId && <PersonalTarget />}
      <section className="panel" aria-labelledby="therapist-report-title">
        <h2 id="therapist-report-title">Monthly report</h2>
        <p className="muted">
          These figures beside the practice's for one month as a PDF
          {own === therapistId ? ', with your personal targets' : ''}.
        </p>
        <ReportDownload therapist={therapistId} />
      </section>
      <section className="panel" aria-labelledby="mine-trend">
        <div className="panel-head">
          <h2 id="mine-trend">Your last 12 months</h2>
          <div className="field">
            <label htmlFor={pickId}>Measure</label>
            <select
              id={pickId}
              value={meta.id}
              onChange={(e) => setChartKpi(e.target.value as KpiId)}
            >
              {app.catalog.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        {trend.state === 'loading' && <LoadingState what="the last 12 months" />}
        {trend.state === 'error' && <ErrorState error={trend.error} />}
        {trend.state === 'ready' && (
          <TrendChart
            fmt={app.fmt}
            meta={meta}
            profile={profile}
            months={months}
            series={[
              { name, results: monthlyResults(trend.data[0], meta.id, months), color: '#4f46e5' },
              {
                name: 'Practice',
                results: monthlyResults(trend.data[1], meta.id, months),
                color: '#64748b',
                dashed: true,
              },
            ]}
          />
        )}
      </section>
    </>
  );

  function limits(person: Therapist) {
    const load = mine.kpis.therapist_load;
    const perDay = person.max_sessions_per_day;
    const perWeek = person.max_sessions_per_week;
    return (
      <section className="panel limits" aria-labelledby="limits-title">
        <h2 id="limits-title">Your own load limit</h2>
        <p>
          {perDay || perWeek ? (
            <>
              You have set a limit of {perDay ? <strong>{perDay} sessions a day</strong> : null}
              {perDay && perWeek ? ' and ' : null}
              {perWeek ? <strong>{perWeek} sessions a week</strong> : null}.
            </>
          ) : (
            <>
              No personal limit is recorded yet. Agree one with the practice and add it as{' '}
              <code>max_sessions_per_day</code> in <code>therapists.csv</code>.
            </>
          )}{' '}
          {load?.value != null &&
            (load.numerator
              ? `In this period, ${formatCount(app.fmt, load.numerator)} of your ${formatCount(app.fmt, load.denominator)} working days went over it. It is worth a conversation about how your week is planned.`
              : `In this period none of your ${formatCount(app.fmt, load.denominator)} working days went over it.`)}
        </p>
      </section>
    );
  }
}

/** A clinician's own page: set a personal target on one of their figures (only they see it). */
function PersonalTarget() {
  const app = useAppData();
  const pickId = useId();
  const [kpi, setKpi] = useState<string>(app.catalog[0]?.id ?? '');
  const [open, setOpen] = useState(false);
  const meta = app.metaOf(kpi);
  return (
    <section className="panel" aria-labelledby="personal-target-title">
      <h2 id="personal-target-title">A personal target</h2>
      <p className="muted">
        A goal of your own on one of your figures, checked each closed week or month. Only you see
        it, on the Targets page; nobody sets targets on a therapist.
      </p>
      {open && meta ? (
        <TargetForm key={meta.id} meta={meta} onClose={() => setOpen(false)} />
      ) : (
        <div className="form-row personal-pick">
          <div className="field">
            <label htmlFor={pickId}>Measure</label>
            <select
              id={pickId}
              name="personal-kpi"
              value={kpi}
              onChange={(e) => setKpi(e.target.value)}
            >
              {app.catalog.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="set-target" onClick={() => setOpen(true)}>
            Set a personal target
          </button>
        </div>
      )}
    </section>
  );
}
