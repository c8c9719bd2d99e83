import { api } from '../api/api-client';
import type { KpiId, KpiMeta } from '../api/api-types';
import { useApi } from '../api/use-api';
import { DetailFacts } from '../components/detail-facts';
import { DistributionChart } from '../components/distribution-chart';
import { FilterBar } from '../components/filter-bar';
import { StatTile } from '../components/stat-tile';
import { ErrorState, LoadingState, NoDataYet } from '../components/status-views';
import { MIN_SPREAD } from '../components/therapist-spread';
import { TrendChart } from '../components/trend-chart';
import { formatPart } from '../lib/format';
import { monthlyResults } from '../lib/groups';
import { monthKeys, trailingMonths } from '../lib/period';
import { useAppData } from '../state/app-context';
import { useServices } from '../state/use-services';
import type { PageProps } from './page-props';

const LOAD: KpiId[] = ['therapist_load', 'therapist_utilization_rate', 'session_utilization_rate'];
const FIT: KpiId[] = [
  'rematch_rate',
  'second_session_return_rate',
  'first_match_retention_rate',
  'client_retention_rate',
  'cohort_retention_rate',
];
const COLORS = ['#c2410c', '#4f46e5', '#0f766e', '#a16207', '#be185d'];

/** Volume and its care-quality counterparts side by side: load with utilization, fit with retention. */
export function CareCapacityPage({ filters, setFilters, link }: PageProps) {
  const app = useAppData();
  const { period, profile } = filters;
  const { services, service } = useServices(filters);
  const ids = [...LOAD, ...FIT];
  const common = { profile, service: service ?? undefined, ids };
  const year = trailingMonths(period.to, 12);
  const key = app.range.first ? JSON.stringify([period, profile, service]) : null;
  const loaded = useApi(key, () =>
    Promise.all([
      api.kpis({ from: period.from, to: period.to, ...common }),
      api.kpis({ ...year, by: 'month', ...common }),
      api.kpis({
        from: period.from,
        to: period.to,
        by: 'therapist',
        ...common,
        ids: ['therapist_load'],
      }),
    ]),
  );
  const head = (
    <div className="page-head">
      <h1>Care &amp; capacity</h1>
      <p className="lede">
        Busy diaries and high retention look like success. These pairs check that they are not
        bought with tired therapists or clients who stay with a poor fit.
      </p>
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
  if (loaded.state === 'loading') body = <LoadingState what="load and care figures" />;
  else if (loaded.state === 'error') body = <ErrorState error={loaded.error} />;
  else {
    const [now, trend, byTherapist] = loaded.data;
    const months = monthKeys(year.from, year.to);
    const metas = (list: KpiId[]) =>
      list.flatMap((id) => {
        const m = app.metaOf(id);
        return m ? [m] : [];
      });
    const series = (list: KpiMeta[]) =>
      list.map((m, i) => ({
        name: m.name,
        results: monthlyResults(trend, m.id, months),
        color: COLORS[i % COLORS.length]!,
        dashed: m.guardrail,
      }));
    const load = now.kpis.therapist_load;
    const loadMeta = app.metaOf('therapist_load');
    const perTherapist = (byTherapist.groups ?? []).flatMap((g) => {
      const r = g.kpis.therapist_load;
      return typeof r?.value === 'number' ? [r] : [];
    });
    const anyOver = perTherapist.filter((r) => (r.numerator ?? 0) > 0).length;
    const loadList = metas(LOAD);
    const fitList = metas(FIT);
    body = (
      <>
        <section className="panel" aria-labelledby="load-title">
          <h2 id="load-title">Therapist load beside utilization</h2>
          <p>
            Utilization rises when diaries fill, which is good up to a point. Each therapist sets
            their own daily limit; a day over it is a warning sign for their wellbeing and for the
            care their clients get. Read the two together: a rise in utilization that comes with
            more days over limit is not a gain.
          </p>
          <div className="tiles">
            {loadList.map((m) => (
              <StatTile
                key={m.id}
                fmt={app.fmt}
                meta={m}
                result={now.kpis[m.id]}
                href={link(`/kpi/${m.id}`)}
                caption={
                  m.id === 'therapist_load' && load?.value != null
                    ? `${formatPart(app.fmt, load.numerator)} of ${formatPart(app.fmt, load.denominator)} days worked went over a therapist's own limit`
                    : undefined
                }
              />
            ))}
          </div>
          <DiffersLine meta={app.metaOf('session_utilization_rate')} />
          {load && <DetailFacts fmt={app.fmt} details={load.details} />}
          <div className="two-col">
            <div>
              <h3>The last 12 months</h3>
              {loadMeta && (
                <TrendChart
                  fmt={app.fmt}
                  meta={loadMeta}
                  profile={profile}
                  months={months}
                  series={series(loadList)}
                  zones={false}
                  height={280}
                />
              )}
            </div>
            <div>
              <h3>Days over limit, therapist by therapist</h3>
              {loadMeta && perTherapist.length >= MIN_SPREAD ? (
                <>
                  <DistributionChart
                    fmt={app.fmt}
                    meta={loadMeta}
                    values={perTherapist.map((r) => r.value!)}
                    practiceValue={load?.value ?? null}
                  />
                  <p className="muted">
                    {anyOver} of {perTherapist.length} therapists who worked this period had at
                    least one day over their own limit. The goal is none; talk it through with each
                    of them from their own page, not in a group.
                  </p>
                </>
              ) : (
                <p className="muted">
                  Too few therapists worked this period to show a spread without pointing at
                  individuals.
                </p>
              )}
            </div>
          </div>
        </section>
        <section className="panel" aria-labelledby="fit-title">
          <h2 id="fit-title">Match quality beside retention</h2>
          <p>
            Retention counts who stays; it does not say whether they stay with the right person. A
            low rematch rate, a high second-session return rate and new clients who keep coming to
            the therapist they were first matched with show that the first match was right, which is
            what lasting retention is built on.
          </p>
          <div className="tiles">
            {fitList.map((m) => (
              <StatTile
                key={m.id}
                fmt={app.fmt}
                meta={m}
                result={now.kpis[m.id]}
                href={link(`/kpi/${m.id}`)}
              />
            ))}
          </div>
          <DiffersLine meta={app.metaOf('cohort_retention_rate')} />
          <h3>The last 12 months</h3>
          {fitList[0] && (
            <TrendChart
              fmt={app.fmt}
              meta={fitList[0]}
              profile={profile}
              months={months}
              series={series(fitList)}
              zones={false}
              height={300}
            />
          )}
          <p className="muted">Dashed lines are the care guardrails.</p>
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
}

/** How a KPI differs from its look-alike on this page, in the catalog's words. */
function DiffersLine({ meta }: { meta: KpiMeta | undefined }) {
  const text = meta?.help.differs?.text;
  return text ? <p className="muted differs-line">{text}</p> : null;
}
