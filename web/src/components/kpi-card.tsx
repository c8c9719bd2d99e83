import type { KpiMeta, KpiResult } from '../api/api-types';
import { useAppData } from '../state/app-context';
import { formatCount } from '../lib/format';
import { BAND_COLOR } from '../lib/bands';
import { BandBadge } from './band-badge';
import { ChangeIndicator } from './change-indicator';
import { Sparkline } from './sparkline';
import { MaturingNote, missingReason, valueText } from './kpi-value';
import { TargetButton } from './target-form';

export interface CardData {
  meta: KpiMeta;
  result: KpiResult | undefined;
  previous: KpiResult | undefined;
  trend: (number | null)[] | null;
  counterparts: { meta: KpiMeta; result: KpiResult | undefined }[];
}

/** One KPI on the overview: figure, band in words, change, a year's trend and its sample size. */
export function KpiCard({ card, link }: { card: CardData; link: string }) {
  const { fmt } = useAppData();
  const { meta, result } = card;
  const banded = result?.status === 'ok' && result.band ? BAND_COLOR[result.band] : undefined;
  const missing = !result || result.value === null;
  const noSource = result?.status === 'no_source';
  return (
    <article
      className={`card kpi-card${meta.guardrail ? ' card-guardrail' : ''}${noSource ? ' card-no-source' : ''}`}
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
      {card.trend && card.trend.some((v) => v !== null) && (
        <Sparkline values={card.trend} label={`${meta.name}, last 12 months`} />
      )}
      <footer className="card-foot">
        <span className="sample" title="How many cases the figure rests on">
          n = {noSource ? '—' : formatCount(fmt, result?.n)}
        </span>
        {card.counterparts.length > 0 && (
          <div className="counterparts">
            <span className="counterparts-title">Read with</span>
            <ul>
              {card.counterparts.map((c) => (
                <li key={c.meta.id} data-counterpart={c.meta.id}>
                  {c.meta.name}: <strong>{valueText(fmt, c.meta, c.result)}</strong>
                </li>
              ))}
            </ul>
          </div>
        )}
      </footer>
      <TargetButton meta={meta} />
    </article>
  );
}
