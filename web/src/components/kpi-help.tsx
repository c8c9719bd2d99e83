import type { BandRule } from '../../../src/metrics/kpi-meta/kpi-meta.types';
import type { KpiMeta, Profile } from '../api/api-types';
import { BAND_COLOR, BAND_TEXT, DIRECTION_TEXT, PROFILE_TEXT } from '../lib/bands';
import { formatValue, type Formatter } from '../lib/format';

function ruleText(fmt: Formatter, meta: KpiMeta, r: BandRule): string {
  const v = (x: number) => formatValue(fmt, x, meta.unit);
  const lo = r.gte !== undefined ? r.gte : r.gt;
  const hi = r.lte !== undefined ? r.lte : r.lt;
  if (lo !== undefined && hi !== undefined) return `${v(lo)} to ${v(hi)}`;
  if (r.gte !== undefined) return `${v(r.gte)} or more`;
  if (r.gt !== undefined) return `more than ${v(r.gt)}`;
  if (r.lte !== undefined) return `${v(r.lte)} or less`;
  if (r.lt !== undefined) return `less than ${v(r.lt)}`;
  return '';
}

/** What the KPI measures, its formula in words, its blind spots, its levers and its bands. */
export function KpiHelp({
  fmt,
  meta,
  profile,
  link,
  metaOf,
}: {
  fmt: Formatter;
  meta: KpiMeta;
  profile: Profile;
  link: (path: string) => string;
  metaOf: (id: string) => KpiMeta | undefined;
}) {
  const bands = meta.bands[profile];
  return (
    <div className="help-grid">
      <section className="panel">
        <h2>What it measures</h2>
        <p>{meta.help.measures}</p>
        <h3>How it is calculated</h3>
        <p className="formula" data-testid="formula">
          {meta.help.formula}
        </p>
        <p className="muted">
          {DIRECTION_TEXT[meta.direction]}
          {meta.target &&
            ` (${formatValue(fmt, meta.target.min, meta.unit)} to ${formatValue(fmt, meta.target.max, meta.unit)})`}
          .{meta.ourAddition && ' Rapport adds this measure beyond the usual industry set.'}
        </p>
      </section>
      <section className="panel">
        <h2>What it misses</h2>
        <p>{meta.help.misses}</p>
        <h3>What tends to move it</h3>
        <ul className="levers">
          {meta.help.levers.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </section>
      <section className="panel">
        <h2>Benchmark for {PROFILE_TEXT[profile].toLowerCase()}s</h2>
        {bands ? (
          <>
            <ul className="band-rules">
              {bands.rules.map((r, i) => (
                <li key={i}>
                  <span className="swatch" style={{ background: BAND_COLOR[r.label] }} />
                  <strong>{BAND_TEXT[r.label]}</strong>: {ruleText(fmt, meta, r)}
                </li>
              ))}
              <li>
                <span className="swatch" style={{ background: BAND_COLOR.below_typical }} />
                <strong>{BAND_TEXT.below_typical}</strong>: anything else
              </li>
            </ul>
            <p className="muted">
              Source: {bands.source}
              {bands.period && `, stated per ${bands.period}`}.{bands.note && ` ${bands.note}`}
            </p>
          </>
        ) : (
          <p>
            This profile has no published benchmark for this measure, so figures carry no band.
            Watch its trend instead, or choose another profile above.
          </p>
        )}
        {meta.counterparts.length > 0 && (
          <>
            <h3>Read it together with</h3>
            <ul className="levers">
              {meta.counterparts.map((id) => (
                <li key={id}>
                  <a href={link(`/kpi/${id}`)}>{metaOf(id)?.name ?? id}</a>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
