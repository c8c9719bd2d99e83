import type { KpiMeta, KpiResult } from '../api/api-types';
import { useAppData } from '../state/app-context';
import { formatCount, formatValue, intervalBounds } from '../lib/format';
import { BAND_COLOR, BAND_TEXT } from '../lib/bands';
import { BandBadge } from './band-badge';
import { ChangeIndicator } from './change-indicator';
import { Sparkline } from './sparkline';
import { MaturingNote, missingReason, valueText } from './kpi-value';
import { isOutcomeKpi, isSuppressed } from '../lib/outcomes';
import { TargetButton } from './target-form';

export interface CardData {
  meta: KpiMeta;
  result: KpiResult | undefined;
  previous: KpiResult | undefined;
  trend: (number | null)[] | null;
  counterparts: { meta: KpiMeta; result: KpiResult | undefined }[];
}

/** One KPI on the overview: figure, band in words, change, a year's trend and its sample size. */
export function KpiCard({
  card,
  link,
  linkOf,
  interval = false,
}: {
  card: CardData;
  link: string;
  /** Show the 95% interval under the figure (the Outcomes page, where samples are small). */
  interval?: boolean;
  /** Where a counterpart's name leads (its detail page, the Outcomes page); plain text if absent. */
  linkOf?: (id: string) => string;
}) {
  const { fmt } = useAppData();
  const { meta, result } = card;
  const suppressed = isSuppressed(result);
  const ci = intervalBounds(result?.ci);
  const banded = result?.status === 'ok' && result.band ? BAND_COLOR[result.band] : undefined;
  const missing = !result || result.value === null;
  const noSource = result?.status === 'no_source';
  return (
    <article
      className={`card kpi-card${meta.guardrail ? ' card-guardrail' : ''}${noSource || suppressed ? ' card-no-source' : ''}`}
      data-kpi={meta.id}
      data-status={result?.status ?? 'missing'}
      style={banded ? { borderTopColor: banded } : undefined}
      aria-labelledby={`card-${meta.id}`}
    >
      <header className="card-head">
        <h3 id={`card-${meta.id}`}>
          <a href={link}>{meta.name}</a>
        </h3>
        {meta.guardrail && <span className="tag">Care guardrail</span>}
      </header>
      <p className="card-counts">{meta.help.oneLine}</p>
      <div className="card-figure">
        <span className="kpi-value" data-value={result?.value ?? ''}>
          {valueText(fmt, meta, result)}
        </span>
        {result && <BandBadge result={result} />}
      </div>
      {missing ? (
        <p className="no-data-reason">{missingReason(result)}</p>
      ) : (
        <ChangeIndicator fmt={fmt} meta={meta} now={result} before={card.previous} />
      )}
      <MaturingNote fmt={fmt} result={result} />
      {interval && ci && !missing && (
        <p className="card-interval" data-testid="card-interval">
          95% interval {formatValue(fmt, ci[0], meta.unit)} – {formatValue(fmt, ci[1], meta.unit)}
        </p>
      )}
      {card.trend && card.trend.some((v) => v !== null) && (
        <Sparkline values={card.trend} label={`${meta.name}, last 12 months`} />
      )}
      <footer className="card-foot">
        <span className="sample" title="How many cases the figure rests on">
          {suppressed ? 'n: fewer than 5' : `n = ${noSource ? '—' : formatCount(fmt, result?.n)}`}
        </span>
        {card.counterparts.length > 0 && (
          <div className="counterparts">
            <span className="counterparts-title">Read with</span>
            <ul>
              {card.counterparts.map((c) => (
                <Counterpart key={c.meta.id} {...c} href={linkOf?.(c.meta.id)} />
              ))}
            </ul>
          </div>
        )}
      </footer>
      <TargetButton meta={meta} />
    </article>
  );
}

/**
 * One "Read with" line: the counterpart's figure and, for an outcome, its state in words (band,
 * small sample, fewer than 5 episodes), so a retention figure is never read without it.
 */
function Counterpart({
  meta,
  result,
  href,
}: {
  meta: KpiMeta;
  result: KpiResult | undefined;
  href: string | undefined;
}) {
  const { fmt } = useAppData();
  const outcome = isOutcomeKpi(meta.id);
  const state = outcome ? counterpartState(result) : null;
  return (
    <li
      data-counterpart={meta.id}
      data-status={result?.status ?? 'missing'}
      className={outcome ? 'counterpart-outcome' : undefined}
    >
      {href ? <a href={href}>{meta.name}</a> : meta.name}:{' '}
      <strong>{valueText(fmt, meta, result)}</strong>
      {state && <span className="counterpart-state"> · {state}</span>}
    </li>
  );
}

/** The state of an outcome counterpart in a few words; none when the value says it already. */
function counterpartState(r: KpiResult | undefined): string | null {
  if (!r || r.value === null) return null;
  if (r.status === 'insufficient_data') return 'small sample';
  if (r.band) return BAND_TEXT[r.band].toLowerCase();
  return null;
}
