import { outcomesApi, type OutcomesDocument } from '../api/outcomes-api';
import { useApi } from '../api/use-api';
import { ChangeHistogram } from '../components/change-histogram';
import { FilterBar } from '../components/filter-bar';
import { KpiCard, type CardData } from '../components/kpi-card';
import { OutcomeCompareTable } from '../components/outcome-compare-table';
import { OutcomeCoverage } from '../components/outcome-coverage';
import { OutcomeSpread } from '../components/outcome-spread';
import { SeverityTable } from '../components/severity-table';
import { EmptyState, ErrorState, LoadingState, NoDataYet } from '../components/status-views';
import { useOwnTherapist } from '../components/target-form';
import { TrendChart } from '../components/trend-chart';
import { formatPeriod } from '../lib/format';
import { valuesOf } from '../lib/groups';
import { OUTCOME_KPI_IDS, OUTCOME_TREND_IDS } from '../lib/outcomes';
import { previousPeriod } from '../lib/period';
import { useAppData } from '../state/app-context';
import { useSession } from '../state/session-context';
import { useChannels } from '../state/use-channels';
import { useServices } from '../state/use-services';
import type { PageProps } from './page-props';

const TREND_COLORS = ['#15803d', '#4f46e5', '#c2410c', '#64748b'];

/**
 * Whether clients get better: the seven outcome rates with their intervals and bands, a monthly
 * trend, the change from baseline per instrument, coverage of paired scores, a breakdown by
 * baseline severity and, for owners and admins, the anonymous spread across therapists. A
 * clinician sees the same page for their own episodes, beside the practice's figures.
 */
export function OutcomesPage({ filters, setFilters, link }: PageProps) {
  const app = useAppData();
  const { role } = useSession();
  const own = useOwnTherapist();
  const clinician = role === 'clinician';
  const { period, profile } = filters;
  const { services, service } = useServices(filters);
  const { channels, channel } = useChannels(filters);
  const before = previousPeriod(period);
  const scope = {
    profile,
    service: service ?? undefined,
    channel: channel ?? undefined,
    therapist: clinician ? (own ?? undefined) : undefined,
  };
  const key =
    app.range.first && (!clinician || own)
      ? JSON.stringify([period, profile, service, channel, own])
      : null;
  const loaded = useApi(key, () =>
    Promise.all([
      outcomesApi.get({ from: period.from, to: period.to, ...scope }),
      outcomesApi.get({ from: before.from, to: before.to, ...scope }),
    ]),
  );
  const metas = OUTCOME_KPI_IDS.flatMap((id) => {
    const m = app.metaOf(id);
    return m ? [m] : [];
  });

  const head = (
    <div className="page-head">
      <h1>{clinician ? 'Your outcomes' : 'Outcomes'}</h1>
      <p className="lede">
        {clinician
          ? 'Whether the clients you see get better, from their PHQ-9 and GAD-7 scores, beside the practice as a whole. Only your own episodes are counted here; nobody else sees this view of you.'
          : 'Whether clients get better, from their PHQ-9 (depression) and GAD-7 (anxiety) scores at the start of an episode of care and at its latest, with the same care as every other figure: a sample size, an interval, and no figure at all for groups too small to share.'}
      </p>
    </div>
  );
  if (!app.range.first) {
    return (
      <>
        {head}
        <NoDataYet />
        <NeedsScores />
      </>
    );
  }
  if (clinician && !own) {
    return (
      <>
        {head}
        <EmptyState title="Your account is not linked to a therapist">
          <p>
            Outcomes are shown to a clinician for their own clients only. Ask the practice owner to
            link your account to your therapist record on the Users page.
          </p>
        </EmptyState>
      </>
    );
  }
  let body;
  if (loaded.state === 'loading') body = <LoadingState what="the outcome figures" />;
  else if (loaded.state === 'error') body = <ErrorState error={loaded.error} />;
  else {
    const [now, prev] = loaded.data;
    const noSource = OUTCOME_KPI_IDS.every((id) => now.kpis[id]?.status === 'no_source');
    body = noSource ? <NeedsScores /> : figures(now, prev);
  }
  return (
    <>
      {head}
      <FilterBar filters={filters} onChange={setFilters} services={services} channels={channels} />
      <p className="legend-line" data-testid="latest-note">
        An episode counts in the period that holds its latest score, so the figures of the latest
        period still move as episodes go on and new scores arrive. A group of fewer than 5 episodes
        shows no figure, only "fewer than 5".
      </p>
      {body}
    </>
  );

  function figures(now: OutcomesDocument, prev: OutcomesDocument) {
    const months = now.trend.map((t) => t.period);
    const cards: CardData[] = metas.map((meta) => ({
      meta,
      result: now.kpis[meta.id as keyof OutcomesDocument['kpis']],
      previous: prev.kpis[meta.id as keyof OutcomesDocument['kpis']],
      trend: OUTCOME_TREND_IDS.includes(meta.id as never)
        ? valuesOf(now.trend.map((t) => t.results[meta.id as keyof (typeof t)['results']]))
        : null,
      counterparts: [],
    }));
    const improvement = app.metaOf('reliable_improvement_rate');
    const coverageMeta = app.metaOf('outcome_coverage_rate');
    const trendMetas = OUTCOME_TREND_IDS.flatMap((id) => {
      const m = app.metaOf(id);
      return m ? [m] : [];
    });
    return (
      <>
        <section className="card-grid" aria-label="Outcome measures" data-testid="outcome-cards">
          {cards.map((c) => (
            <KpiCard key={c.meta.id} card={c} link={link(`/kpi/${c.meta.id}`)} interval />
          ))}
        </section>
        {now.practice_kpis && (
          <section className="panel" aria-labelledby="compare-title">
            <h2 id="compare-title">Your figures beside the practice's</h2>
            <OutcomeCompareTable
              fmt={app.fmt}
              metas={metas}
              mine={now.kpis}
              practice={now.practice_kpis}
              name="You"
              link={link}
            />
          </section>
        )}
        <section className="panel" aria-labelledby="outcome-trend">
          <h2 id="outcome-trend">Month by month</h2>
          <p className="muted">
            Each month counts the episodes whose latest score fell in it. A gap is a month with
            fewer than 5 episodes or none; a hollow point is a small sample.
          </p>
          {improvement && months.length > 0 && (
            <TrendChart
              fmt={app.fmt}
              meta={improvement}
              profile={profile}
              months={months}
              zones={false}
              height={300}
              series={trendMetas.map((m, i) => ({
                name: m.name,
                results: now.trend.map((t) => t.results[m.id as keyof (typeof t)['results']]),
                color: TREND_COLORS[i % TREND_COLORS.length]!,
                dashed: (m.id as string) === 'outcome_coverage_rate',
              }))}
            />
          )}
        </section>
        <section className="panel" aria-labelledby="change-title">
          <h2 id="change-title">Change from baseline</h2>
          <p className="muted">
            For each episode with an outcome, its latest score minus its first (negative means fewer
            symptoms). A fall of 6 points on PHQ-9 or 4 on GAD-7 is more than the questionnaire's
            own noise: that is reliable change.
          </p>
          <div className="two-col">
            <ChangeHistogram fmt={app.fmt} instrument="phq9" data={now.change.phq9} />
            <ChangeHistogram fmt={app.fmt} instrument="gad7" data={now.change.gad7} />
          </div>
        </section>
        <section className="panel" aria-labelledby="coverage-title">
          <h2 id="coverage-title">Coverage of paired scores</h2>
          <p className="muted">
            The rates above count only episodes with a baseline and a latest score. When many
            episodes lack them, the rates describe the clients who answered, not the practice.
          </p>
          <OutcomeCoverage
            fmt={app.fmt}
            meta={coverageMeta}
            result={now.kpis.outcome_coverage_rate}
            coverage={now.coverage}
            href={link('/kpi/outcome_coverage_rate')}
          />
        </section>
        <section className="panel" aria-labelledby="severity-title">
          <h2 id="severity-title">By severity at baseline</h2>
          <p className="muted">
            Clients who start with severe symptoms have more room to improve reliably than those who
            start mild, so a change in the mix of who comes moves the overall figure.
          </p>
          <SeverityTable fmt={app.fmt} rows={now.severity} />
        </section>
        {now.therapist_spread && improvement && (
          <section className="panel" aria-labelledby="spread-title">
            <h2 id="spread-title">Reliable improvement across therapists</h2>
            <p className="muted">
              How many therapists sit in each range of reliable improvement for{' '}
              {formatPeriod(app.fmt, period.from, period.to)}. Clients, their difficulties and their
              circumstances differ from one caseload to the next: read this as a spread, not as a
              league table.
            </p>
            <OutcomeSpread
              fmt={app.fmt}
              meta={improvement}
              spread={now.therapist_spread}
              practiceValue={now.kpis.reliable_improvement_rate?.value ?? null}
              link={link}
            />
          </section>
        )}
      </>
    );
  }
}

/** What the Outcomes page needs before it can say anything. */
function NeedsScores() {
  return (
    <EmptyState title="No PHQ-9 or GAD-7 scores loaded yet">
      <p>
        Outcomes come from questionnaire scores at the start of care and along the way. Add rows
        with <code>instrument</code> <code>phq9</code> (0–27) or <code>gad7</code> (0–21) to{' '}
        <code>surveys.csv</code>, or import FHIR QuestionnaireResponses of PHQ-9 (LOINC 44249-1) or
        GAD-7 (LOINC 69737-5) with <code>npx rapport import --format fhir</code>.
      </p>
      <p>
        The <a href="#/data">Data page</a> lists the files Rapport reads.
      </p>
    </EmptyState>
  );
}
