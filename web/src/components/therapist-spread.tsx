import { useId, useState } from 'react';
import type { KpiDocument, KpiMeta, KpiResult, Therapist } from '../api/api-types';
import { formatCount, type Formatter } from '../lib/format';
import { alphabetical, therapistName } from '../lib/therapist-name';
import { BandBadge } from './band-badge';
import { DistributionChart } from './distribution-chart';
import { missingReason, valueText } from './kpi-value';

/** Fewer therapists than this with a figure and the spread would point at individuals. */
export const MIN_SPREAD = 3;

/**
 * Per-therapist figures as a spread (how many therapists sit in each range), plus a drill-down
 * to one therapist chosen by name. Never a ranked list.
 */
export function TherapistSpread({
  fmt,
  meta,
  doc,
  therapists,
  practice,
  link,
}: {
  fmt: Formatter;
  meta: KpiMeta;
  doc: KpiDocument;
  therapists: Therapist[];
  practice: KpiResult | undefined;
  link: (path: string) => string;
}) {
  const id = useId();
  const [chosen, setChosen] = useState('');
  const results = new Map((doc.groups ?? []).map((g) => [g.key, g.kpis[meta.id]]));
  const withValue = [...results.values()].filter(
    (r): r is KpiResult => typeof r?.value === 'number',
  );
  const small = withValue.filter((r) => r.status === 'insufficient_data').length;
  const mine = chosen ? results.get(chosen) : undefined;
  const person = therapists.find((t) => t.therapist_id === chosen);
  return (
    <div className="spread">
      <div>
        {withValue.length >= MIN_SPREAD ? (
          <>
            <DistributionChart
              fmt={fmt}
              meta={meta}
              values={withValue.map((r) => r.value!)}
              practiceValue={practice?.value ?? null}
            />
            <p className="muted">
              {withValue.length} therapists have a figure for this period
              {small > 0 && `, ${small} of them from a small sample`}. Bars count therapists in each
              range; nobody is named or ranked.
            </p>
          </>
        ) : (
          <p className="muted">
            Fewer than {MIN_SPREAD} therapists have a figure for this period, so the spread is not
            drawn: it would point at individuals.
          </p>
        )}
      </div>
      <div className="drill panel">
        <label htmlFor={`${id}-who`}>Look at one therapist</label>
        <select id={`${id}-who`} value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">Choose a therapist…</option>
          {alphabetical(therapists).map((t) => (
            <option key={t.therapist_id} value={t.therapist_id}>
              {therapistName(t)}
            </option>
          ))}
        </select>
        {chosen && person && (
          <div className="drill-result" aria-live="polite">
            <p>
              <strong>{therapistName(person)}</strong>:{' '}
              <span className="kpi-value-small">{valueText(fmt, meta, mine)}</span>{' '}
              {mine && <BandBadge result={mine} />}
            </p>
            <p className="muted">
              {typeof mine?.value === 'number'
                ? `n = ${formatCount(fmt, mine.n)}`
                : missingReason(mine)}
              ; practice: {valueText(fmt, meta, practice)}
            </p>
            <p>
              <a href={link(`/therapist/${encodeURIComponent(chosen)}`)}>
                Open {therapistName(person)}'s own page
              </a>
            </p>
          </div>
        )}
        {!chosen && (
          <p className="muted">
            Use this to talk one person's figures through with them, not to compare colleagues.
          </p>
        )}
      </div>
    </div>
  );
}
