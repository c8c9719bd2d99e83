import type { KpiMeta } from '../api/api-types';
import type { TherapistSpreadBins } from '../api/outcomes-api';
import { formatCount, formatValue, type Formatter } from '../lib/format';
import { MIN_SPREAD } from './therapist-spread';
import { BinChart } from './distribution-chart';

const THERAPISTS: [string, string] = ['therapist', 'therapists'];

/**
 * How therapists' reliable improvement spreads, as the server binned it: only therapists with
 * 5 or more episodes are in a bar, the others are counted as "fewer than 5". No names, no ids,
 * no order by person; one therapist's figure is on their own page.
 */
export function OutcomeSpread({
  fmt,
  meta,
  spread,
  practiceValue,
  link,
}: {
  fmt: Formatter;
  meta: KpiMeta;
  spread: TherapistSpreadBins;
  practiceValue: number | null;
  link: (path: string) => string;
}) {
  const show = (v: number) => formatValue(fmt, v, meta.unit);
  const bins = spread.bins.map((b) => ({
    label: `${show(b.from)} – ${show(b.to)}`,
    count: b.therapists,
  }));
  const index =
    practiceValue === null
      ? -1
      : spread.bins.findIndex((b, i) => practiceValue < b.to || i === spread.bins.length - 1);
  return (
    <div className="outcome-spread" data-testid="outcome-spread">
      {spread.therapists_counted >= MIN_SPREAD ? (
        <BinChart
          bins={bins}
          axisName={meta.name}
          unit={THERAPISTS}
          marker={
            index >= 0 && practiceValue !== null
              ? { index, label: `Practice: ${show(practiceValue)}` }
              : undefined
          }
          label={`How ${spread.therapists_counted} therapists' ${meta.name.toLowerCase()} is spread`}
          csvName={`${meta.id}-therapist-spread.csv`}
        />
      ) : (
        <p className="muted">
          Fewer than {MIN_SPREAD} therapists have 5 or more episodes with an outcome, so the spread
          is not drawn: it would point at individuals.
        </p>
      )}
      <p className="muted" data-testid="spread-counts">
        {formatCount(fmt, spread.therapists_counted)} therapist
        {spread.therapists_counted === 1 ? '' : 's'} with 5 or more episodes counted;{' '}
        {formatCount(fmt, spread.therapists_suppressed)} with fewer than 5 episodes are not shown.
        Bars count therapists in each range; nobody is named or ranked. To talk one person's
        outcomes through with them, open their page from the{' '}
        <a href={link('/therapist')}>therapist view</a>.
      </p>
    </div>
  );
}
