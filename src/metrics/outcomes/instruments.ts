/** The two outcome instruments and the thresholds of kpi-spec.md ("Outcomes"). */
export const INSTRUMENTS = ['phq9', 'gad7'] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

export interface InstrumentRules {
  /** At or above: a clinical case (NHS Talking Therapies' caseness). */
  caseness: number;
  /** A change of at least this many points is reliable (beyond measurement error). */
  reliableChange: number;
  /** Severity bands at baseline: [band, lowest score of it], ascending. */
  severity: readonly (readonly [SeverityBand, number])[];
}

export type SeverityBand = 'minimal' | 'mild' | 'moderate' | 'moderately_severe' | 'severe';

export const RULES: Record<Instrument, InstrumentRules> = {
  phq9: {
    caseness: 10,
    reliableChange: 6,
    severity: [
      ['minimal', 0],
      ['mild', 5],
      ['moderate', 10],
      ['moderately_severe', 15],
      ['severe', 20],
    ],
  },
  gad7: {
    caseness: 8,
    reliableChange: 4,
    severity: [
      ['minimal', 0],
      ['mild', 5],
      ['moderate', 10],
      ['severe', 15],
    ],
  },
};

/** The severity band a score falls in. */
export function severityOf(instrument: Instrument, score: number): SeverityBand {
  let band: SeverityBand = 'minimal';
  for (const [b, lo] of RULES[instrument].severity) if (score >= lo) band = b;
  return band;
}

const DAY = 86_400_000;
/** A score up to this long before an episode's first session can be its baseline. */
export const BASELINE_LEAD_MS = 14 * DAY;
