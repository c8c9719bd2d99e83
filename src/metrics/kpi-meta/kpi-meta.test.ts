import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { KPI_IDS, KPI_META, validateKpiMeta, type KpiMeta } from './index.js';

const copy = (): Record<string, KpiMeta> => structuredClone(KPI_META);

/** Every piece of prose in one KPI's metadata, with the field it sits in. */
function texts(meta: KpiMeta): [string, string][] {
  const out: [string, string][] = [
    ['name', meta.name],
    ['help.measures', meta.help.measures],
    ['help.formula', meta.help.formula],
    ['help.misses', meta.help.misses],
    ['help.oneLine', meta.help.oneLine],
    ['help.counts.numerator', meta.help.counts.numerator],
    ['help.counts.denominator', meta.help.counts.denominator],
    ...(meta.help.differs
      ? [['help.differs.text', meta.help.differs.text] as [string, string]]
      : []),
    ...meta.help.levers.map((l, i): [string, string] => [`help.levers[${i}]`, l]),
  ];
  for (const [profile, b] of Object.entries(meta.bands)) {
    if (b.note) out.push([`bands.${profile}.note`, b.note]);
  }
  return out;
}

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .filter(Boolean);

describe('KPI_META', () => {
  it('holds all twenty-eight ids, in KPI_IDS order, each under its own id', () => {
    assert.equal(KPI_IDS.length, 28);
    // The outcome KPIs follow first_match_retention_rate, in the spec's order.
    assert.deepEqual(KPI_IDS.slice(20), [
      'first_match_retention_rate',
      'reliable_improvement_rate',
      'recovery_rate',
      'reliable_recovery_rate',
      'reliable_deterioration_rate',
      'phq9_response_rate',
      'phq9_remission_rate',
      'outcome_coverage_rate',
    ]);
    assert.deepEqual(Object.keys(KPI_META), [...KPI_IDS]);
    for (const id of KPI_IDS) assert.equal(KPI_META[id].id, id);
  });

  it('has no empty help field and 3–6 levers per KPI', () => {
    for (const meta of Object.values(KPI_META)) {
      for (const [field, text] of texts(meta)) assert.ok(text.trim(), `${meta.id}.${field}`);
      const n = meta.help.levers.length;
      assert.ok(n >= 3 && n <= 6, `${meta.id} has ${n} levers`);
    }
  });

  it('uses the units and directions of the spec', () => {
    const hours = ['therapist_response_time', 'avg_wait_time_to_book'];
    const scores = ['client_satisfaction_score', 'avg_session_rating'];
    for (const meta of Object.values(KPI_META)) {
      const expected = hours.includes(meta.id)
        ? 'hours'
        : scores.includes(meta.id)
          ? 'score'
          : meta.id === 'avg_session_duration'
            ? 'minutes'
            : meta.id === 'avg_revenue_per_client'
              ? 'currency'
              : 'percent';
      assert.equal(meta.unit, expected, meta.id);
    }
    const lower = KPI_IDS.filter((id) => KPI_META[id].direction === 'lower');
    assert.deepEqual(lower, [
      'therapist_response_time',
      'avg_wait_time_to_book',
      'no_show_cancellation_rate',
      'therapist_cancellation_rate',
      'therapist_load',
      'rematch_rate',
      'reliable_deterioration_rate',
    ]);
    assert.equal(KPI_META.avg_session_duration.direction, 'range');
    assert.deepEqual(KPI_META.avg_session_duration.target, { min: 30, max: 60 });
  });

  it('marks guardrails and pairs volume KPIs with care-quality counterparts', () => {
    const guardrails = KPI_IDS.filter((id) => KPI_META[id].guardrail);
    assert.deepEqual(guardrails, [
      'therapist_load',
      'rematch_rate',
      'second_session_return_rate',
      'first_match_retention_rate',
      'reliable_deterioration_rate',
    ]);
    assert.ok(KPI_META.therapist_utilization_rate.counterparts.includes('therapist_load'));
    // Operations cards name their outcome counterpart (issue 13).
    const outcome = {
      client_retention_rate: 'reliable_improvement_rate',
      cohort_retention_rate: 'reliable_improvement_rate',
      therapist_utilization_rate: 'reliable_deterioration_rate',
      session_completion_rate: 'outcome_coverage_rate',
    } as const;
    for (const [id, counterpart] of Object.entries(outcome)) {
      assert.ok(KPI_META[id as keyof typeof outcome].counterparts.includes(counterpart), id);
    }
    assert.ok(KPI_META.client_retention_rate.counterparts.includes('rematch_rate'));
    assert.ok(KPI_META.client_retention_rate.counterparts.includes('client_satisfaction_rate'));
    assert.ok(
      KPI_META.new_client_acquisition_rate.counterparts.includes('second_session_return_rate'),
    );
    for (const id of [
      'therapist_load',
      'rematch_rate',
      'second_session_return_rate',
      'first_match_retention_rate',
      'reliable_deterioration_rate',
      'phq9_response_rate',
      'phq9_remission_rate',
    ] as const) {
      assert.deepEqual(KPI_META[id].bands, {}, `${id} has no benchmark`);
    }
  });

  it('gives the outcome bands of the spec, the same for every profile, with their source', () => {
    const edges = {
      reliable_improvement_rate: [/NHS Talking Therapies/, 69],
      recovery_rate: [/NHS Talking Therapies standard/, 50],
      reliable_recovery_rate: [/51 %/, 51],
      outcome_coverage_rate: [/our aim/, 90],
    } as const;
    for (const [id, [source, aim]] of Object.entries(edges)) {
      const bands = Object.values(KPI_META[id as keyof typeof edges].bands);
      assert.equal(bands.length, 3, id);
      for (const b of bands) {
        assert.match(b.source, source, id);
        assert.ok(
          b.rules.some((r) => r.gte === aim),
          `${id}: a band starts at ${aim}`,
        );
      }
    }
    assert.equal(KPI_META.outcome_coverage_rate.ourAddition, true);
  });

  it('names a source for every band set; cohort retention is our addition', () => {
    for (const b of Object.values(KPI_META.cohort_retention_rate.bands)) {
      assert.equal(b.source, 'our addition');
    }
    assert.deepEqual(
      Object.values(KPI_META.cohort_retention_rate.bands).map((b) => b.rules),
      Object.values(KPI_META.client_retention_rate.bands).map((b) => b.rules),
    );
    const rev = KPI_META.avg_revenue_per_client.bands.neurofeedback;
    assert.equal(rev?.period, 'quarter');
    assert.match(rev?.note ?? '', /quarter/);
    assert.match(rev?.note ?? '', /USD/);
  });
});

describe('validateKpiMeta', () => {
  it('accepts the real catalog', () => {
    assert.deepEqual(validateKpiMeta(KPI_META), []);
  });

  it('names a missing id and an unknown one', () => {
    const m = copy();
    delete m.rematch_rate;
    m.bogus_rate = { ...KPI_META.rematch_rate };
    assert.deepEqual(validateKpiMeta(m), [
      'kpi_meta.rematch_rate: missing',
      'kpi_meta.bogus_rate: unknown KPI id',
      'kpi_meta.bogus_rate.id: is "rematch_rate", expected "bogus_rate"',
    ]);
  });

  it('finds contradictory bounds and rules with no bound', () => {
    const m = copy();
    m.avg_session_duration!.bands.remote_consultation!.rules.push(
      { label: 'typical', gte: 90, lte: 80 },
      { label: 'exceptional' },
      { label: 'exceptional', gt: 100, lt: 100 },
      { label: 'exceptional', gte: 100, gt: 101 },
    );
    assert.deepEqual(validateKpiMeta(m), [
      'kpi_meta.avg_session_duration.bands.remote_consultation.rules[1]: gte > lte',
      'kpi_meta.avg_session_duration.bands.remote_consultation.rules[2]: no bound',
      'kpi_meta.avg_session_duration.bands.remote_consultation.rules[3]: gt 100 and lt 100 leave no value',
      'kpi_meta.avg_session_duration.bands.remote_consultation.rules[4]: both gte and gt',
    ]);
  });

  it('finds a gap and an overlap in the middle of the scale', () => {
    const m = copy();
    m.no_show_cancellation_rate!.bands.remote_consultation!.rules[1] = {
      label: 'above_average',
      gte: 5,
      lt: 9,
    };
    m.session_utilization_rate!.bands.neurofeedback!.rules[1] = {
      label: 'above_average',
      gte: 80,
      lte: 90,
    };
    assert.deepEqual(validateKpiMeta(m), [
      'kpi_meta.no_show_cancellation_rate.bands.remote_consultation: gap between rules[1] and rules[2] (9 to 10)',
      'kpi_meta.session_utilization_rate.bands.neurofeedback.rules[1]: overlaps rules[0]',
    ]);
  });

  it('finds an open edge on both sides as a gap', () => {
    const m = copy();
    m.client_retention_rate!.bands.neurofeedback!.rules[1] = {
      label: 'above_average',
      gt: 80,
      lt: 90,
    };
    assert.deepEqual(validateKpiMeta(m), [
      'kpi_meta.client_retention_rate.bands.neurofeedback: gap between rules[1] and rules[2] (90 to 90)',
    ]);
  });

  it('finds labels that run against the direction', () => {
    const m = copy();
    const rules = m.no_show_cancellation_rate!.bands.remote_consultation!.rules;
    rules[0]!.label = 'typical';
    rules[2]!.label = 'exceptional';
    assert.deepEqual(validateKpiMeta(m), [
      'kpi_meta.no_show_cancellation_rate.bands.remote_consultation.rules[1]: label order contradicts direction "lower"',
      'kpi_meta.no_show_cancellation_rate.bands.remote_consultation.rules[2]: label order contradicts direction "lower"',
    ]);
  });

  it('finds unknown profiles, empty help, bad counterparts and a range without target', () => {
    const m = copy();
    const bands = m.session_completion_rate!.bands as Record<string, unknown>;
    bands.clinic = { source: 'seed 999', rules: [{ label: 'typical', gte: 1 }] };
    m.rematch_rate!.help.misses = ' ';
    m.rematch_rate!.help.levers = [];
    m.avg_session_rating!.help.levers[1] = '';
    m.avg_session_rating!.help.counts.denominator = '';
    m.cohort_retention_rate!.help.differs!.from = 'cohort_retention_rate';
    m.therapist_load!.counterparts = ['utilisation' as never, 'therapist_load'];
    delete m.avg_session_duration!.target;
    assert.deepEqual(validateKpiMeta(m), [
      'kpi_meta.cohort_retention_rate.help.differs.from: not another KPI id ("cohort_retention_rate")',
      'kpi_meta.session_completion_rate.bands.clinic: unknown profile',
      'kpi_meta.avg_session_duration.target: missing for a range KPI',
      'kpi_meta.avg_session_rating.help.counts.denominator: empty',
      'kpi_meta.avg_session_rating.help.levers[1]: empty',
      'kpi_meta.therapist_load.counterparts[0]: unknown KPI id "utilisation"',
      'kpi_meta.therapist_load.counterparts[1]: names the KPI itself',
      'kpi_meta.rematch_rate.help.misses: empty',
      'kpi_meta.rematch_rate.help.levers: empty',
    ]);
  });
});

describe('benchmark period lengths (kpi-spec: "Benchmarks have a period length")', () => {
  it('state month or quarter exactly for the period-dependent KPIs of the spec', () => {
    const stated: Record<string, Record<string, string | undefined>> = {};
    for (const meta of Object.values(KPI_META)) {
      for (const [profile, b] of Object.entries(meta.bands)) {
        if (b.period) (stated[meta.id] ??= {})[profile] = b.period;
      }
    }
    const retention = {
      online_platform: 'month',
      remote_consultation: 'quarter',
      neurofeedback: 'month',
    };
    assert.deepEqual(stated, {
      client_retention_rate: retention,
      cohort_retention_rate: retention,
      platform_usage_rate: { online_platform: 'month' },
      new_client_acquisition_rate: { remote_consultation: 'quarter', neurofeedback: 'month' },
      avg_revenue_per_client: { neurofeedback: 'quarter' },
    });
  });

  it('names the two look-alike pairs and says what therapist load counts', () => {
    assert.equal(KPI_META.cohort_retention_rate.help.differs?.from, 'client_retention_rate');
    assert.equal(
      KPI_META.session_utilization_rate.help.differs?.from,
      'therapist_utilization_rate',
    );
    assert.match(KPI_META.therapist_load.help.oneLine, /daily limit, of days worked/);
  });
});

describe('help text is our own wording', () => {
  const seeds = fileURLToPath(new URL('../../../../shared/seeds/', import.meta.url));

  it('shares no run of 8 or more consecutive words with the source documents', (t) => {
    if (!existsSync(seeds)) {
      const notice = `notice: ${seeds} is absent, the wording check did not run`;
      console.log(notice);
      t.diagnostic(notice);
      return;
    }
    const N = 8;
    const grams = new Set<string>();
    for (const f of readdirSync(seeds).filter((f) => f.endsWith('.txt'))) {
      const w = words(readFileSync(`${seeds}${f}`, 'utf8'));
      for (let i = 0; i + N <= w.length; i++) grams.add(w.slice(i, i + N).join(' '));
    }
    assert.ok(grams.size > 1000, 'seeds were read');
    const copiedRuns = (catalog: Record<string, KpiMeta>): string[] => {
      const copied: string[] = [];
      for (const meta of Object.values(catalog)) {
        for (const [field, text] of texts(meta)) {
          for (const sentence of text.split(/(?<=[.!?;:])\s+/)) {
            const w = words(sentence);
            for (let i = 0; i + N <= w.length; i++) {
              const gram = w.slice(i, i + N).join(' ');
              if (grams.has(gram)) copied.push(`${meta.id}.${field}: "${gram}"`);
            }
          }
        }
      }
      return copied;
    };
    assert.deepEqual(copiedRuns(KPI_META), []);
    // The check itself must catch a copied sentence.
    const m = copy();
    m.rematch_rate!.help.measures =
      'The percentage of clients who continue using the platform over a given period.';
    const found = copiedRuns(m);
    assert.equal(found.length, 6); // 13 words hold 6 runs of 8
    assert.equal(
      found[0],
      'rematch_rate.help.measures: "the percentage of clients who continue using the"',
    );
  });
});
