import type { KpiStatus } from '../engine/kpi-result.types.js';
import type { BandLabel, KpiMeta } from '../kpi-meta/kpi-meta.types.js';
import { bandFor } from '../kpi-meta/band-for.js';
import type { Profile } from '../../model/practice.js';
import type { Observation } from './noise-guard.js';

/** The figure of one KPI for one period, as the engine reports it. */
export interface PeriodFigure {
  value: number | null;
  /** Anything but `ok` (too small a sample, `suppressed` small cells, ...) is no figure. */
  status: KpiStatus;
}

/**
 * A kpi_band observation: holds while the figure sits in `band`; recovered once the figure is
 * out of `band` even when moved by `margin` either way, so a figure hovering at the edge
 * (in, just out, in, …) never resolves and fires again.
 */
export function bandObservation(
  fig: PeriodFigure,
  meta: KpiMeta,
  profile: Profile,
  band: BandLabel,
  margin: number,
): Observation {
  if (fig.status !== 'ok' || fig.value === null) return { kind: 'no_figure' };
  const at = (v: number) => bandFor(v, meta, profile);
  const here = at(fig.value);
  if (here === null) return { kind: 'no_figure' };
  const holds = here === band;
  const recovered = !holds && at(fig.value - margin) !== band && at(fig.value + margin) !== band;
  return { kind: 'figure', holds, recovered };
}
