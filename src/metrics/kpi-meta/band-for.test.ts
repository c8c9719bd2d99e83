import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PROFILES, type Profile } from '../../model/practice.js';
import { bandFor } from './band-for.js';
import { KPI_META, type BandLabel, type KpiId } from './index.js';

/** [value, expected band] pairs per KPI and profile, on and around every edge. */
type Edge = [KpiId, Profile, [number, BandLabel][]];
const EDGES: Edge[] = [
  [
    'client_retention_rate',
    'online_platform',
    [
      [59.99, 'below_typical'],
      [60, 'typical'],
      [70, 'typical'],
      [70.01, 'above_average'],
      [140, 'above_average'],
    ],
  ],
  [
    'client_retention_rate',
    'remote_consultation',
    [
      [84.9, 'below_typical'],
      [85, 'typical'],
      [89.99, 'typical'],
      [90, 'above_average'],
      [95, 'above_average'],
      [95.1, 'exceptional'],
      [110, 'exceptional'],
    ],
  ],
  [
    'client_retention_rate',
    'neurofeedback',
    [
      [69.9, 'below_typical'],
      [70, 'typical'],
      [80, 'typical'],
      [80.1, 'above_average'],
      [85, 'above_average'],
      [90, 'above_average'],
      [90.1, 'exceptional'],
    ],
  ],
  [
    'cohort_retention_rate',
    'online_platform',
    [
      [59.99, 'below_typical'],
      [60, 'typical'],
      [70, 'typical'],
      [70.01, 'above_average'],
    ],
  ],
  [
    'cohort_retention_rate',
    'remote_consultation',
    [
      [84.9, 'below_typical'],
      [85, 'typical'],
      [90, 'above_average'],
      [95, 'above_average'],
      [95.1, 'exceptional'],
    ],
  ],
  [
    'cohort_retention_rate',
    'neurofeedback',
    [
      [69.9, 'below_typical'],
      [70, 'typical'],
      [80, 'typical'],
      [80.1, 'above_average'],
      [90.1, 'exceptional'],
    ],
  ],
  [
    'session_completion_rate',
    'online_platform',
    [
      [79.9, 'below_typical'],
      [80, 'typical'],
      [90, 'typical'],
      [90.1, 'above_average'],
      [100, 'above_average'],
    ],
  ],
  [
    'session_completion_rate',
    'neurofeedback',
    [
      [74.9, 'below_typical'],
      [75, 'typical'],
      [85, 'typical'],
      [85.1, 'above_average'],
      [89.99, 'above_average'],
      [90, 'exceptional'],
      [100, 'exceptional'],
    ],
  ],
  [
    'client_satisfaction_score',
    'online_platform',
    [
      [3.99, 'below_typical'],
      [4, 'typical'],
      [5, 'typical'],
    ],
  ],
  [
    'client_satisfaction_rate',
    'remote_consultation',
    [
      [84.9, 'below_typical'],
      [85, 'typical'],
      [90.99, 'typical'],
      [91, 'above_average'],
      [95, 'above_average'],
      [95.1, 'exceptional'],
    ],
  ],
  [
    'client_satisfaction_rate',
    'neurofeedback',
    [
      [74.9, 'below_typical'],
      [75, 'typical'],
      [85, 'typical'],
      [85.1, 'above_average'],
      [89.9, 'above_average'],
      [90, 'exceptional'],
    ],
  ],
  [
    'therapist_response_time',
    'online_platform',
    [
      [0, 'above_average'],
      [0.99, 'above_average'],
      [1, 'typical'],
      [2, 'typical'],
      [2.01, 'below_typical'],
    ],
  ],
  [
    'platform_usage_rate',
    'online_platform',
    [
      [69.9, 'below_typical'],
      [70, 'typical'],
      [85, 'typical'],
      [85.1, 'above_average'],
    ],
  ],
  [
    'avg_wait_time_to_book',
    'remote_consultation',
    [
      [0, 'exceptional'],
      [0.99, 'exceptional'],
      [1, 'above_average'],
      [2, 'above_average'],
      [2.01, 'typical'],
      [3, 'typical'],
      [4, 'typical'],
      [4.01, 'below_typical'],
    ],
  ],
  [
    'therapist_utilization_rate',
    'remote_consultation',
    [
      [59.9, 'below_typical'],
      [60, 'typical'],
      [75, 'typical'],
      [75.1, 'above_average'],
      [85, 'above_average'],
      [85.1, 'exceptional'],
    ],
  ],
  [
    'avg_session_duration',
    'remote_consultation',
    [
      [20, 'below_typical'],
      [29, 'below_typical'],
      [30, 'typical'],
      [45, 'typical'],
      [60, 'typical'],
      [60.5, 'below_typical'],
    ],
  ],
  [
    'no_show_cancellation_rate',
    'remote_consultation',
    [
      [0, 'exceptional'],
      [4.99, 'exceptional'],
      [5, 'above_average'],
      [9.99, 'above_average'],
      [10, 'typical'],
      [20, 'typical'],
      [20.01, 'below_typical'],
    ],
  ],
  [
    'new_client_acquisition_rate',
    'remote_consultation',
    [
      [7.9, 'below_typical'],
      [8, 'typical'],
      [10, 'typical'],
      [12, 'typical'],
      [14.99, 'typical'],
      [15, 'above_average'],
      [20, 'above_average'],
      [25, 'above_average'],
      [25.1, 'exceptional'],
    ],
  ],
  [
    'new_client_acquisition_rate',
    'neurofeedback',
    [
      [14.9, 'below_typical'],
      [15, 'typical'],
      [20, 'typical'],
      [20.1, 'above_average'],
      [25, 'above_average'],
      [25.1, 'exceptional'],
    ],
  ],
  [
    'session_utilization_rate',
    'neurofeedback',
    [
      [59.9, 'below_typical'],
      [60, 'typical'],
      [80, 'typical'],
      [80.1, 'above_average'],
      [90, 'above_average'],
      [90.1, 'exceptional'],
    ],
  ],
  [
    'avg_session_rating',
    'neurofeedback',
    [
      [4, 'below_typical'],
      [4.49, 'below_typical'],
      [4.5, 'typical'],
      [5, 'typical'],
    ],
  ],
  [
    'avg_revenue_per_client',
    'neurofeedback',
    [
      [299.99, 'below_typical'],
      [300, 'typical'],
      [500, 'typical'],
      [800, 'typical'],
      [800.01, 'above_average'],
      [999.99, 'above_average'],
      [1000, 'exceptional'],
    ],
  ],
  // The outcome bands are the same for every profile (kpi-spec "Outcomes": all profiles).
  ...PROFILES.flatMap((profile): Edge[] => [
    [
      'reliable_improvement_rate',
      profile,
      [
        [61.99, 'below_typical'],
        [62, 'typical'],
        [68.99, 'typical'],
        [69, 'above_average'],
        [100, 'above_average'],
      ],
    ],
    [
      'recovery_rate',
      profile,
      [
        [49.99, 'below_typical'],
        [50, 'typical'],
        [100, 'typical'],
      ],
    ],
    [
      'reliable_recovery_rate',
      profile,
      [
        [50.99, 'below_typical'],
        [51, 'typical'],
      ],
    ],
    [
      'outcome_coverage_rate',
      profile,
      [
        [89.99, 'below_typical'],
        [90, 'typical'],
      ],
    ],
  ]),
];

describe('bandFor', () => {
  for (const [id, profile, cases] of EDGES) {
    it(`${id} on ${profile}`, () => {
      for (const [value, expected] of cases) {
        assert.equal(bandFor(value, KPI_META[id], profile), expected, `${id} ${profile} ${value}`);
      }
    });
  }

  it('covers every profile that has bands', () => {
    const covered = new Set(EDGES.map(([id, profile]) => `${id}/${profile}`));
    for (const meta of Object.values(KPI_META)) {
      for (const profile of Object.keys(meta.bands)) {
        assert.ok(covered.has(`${meta.id}/${profile}`), `${meta.id}/${profile} has no edge test`);
      }
    }
  });

  it('returns null for a KPI or profile without bands', () => {
    assert.equal(bandFor(5, KPI_META.therapist_load, 'online_platform'), null);
    assert.equal(bandFor(50, KPI_META.survey_response_rate, 'neurofeedback'), null);
    assert.equal(bandFor(50, KPI_META.session_utilization_rate, 'online_platform'), null);
  });

  it('returns null for a value that is not a finite number', () => {
    assert.equal(bandFor(Number.NaN, KPI_META.client_retention_rate, 'neurofeedback'), null);
  });

  it('tries rules in order, the first match wins', () => {
    const meta = {
      ...KPI_META.client_retention_rate,
      bands: {
        neurofeedback: {
          source: 'test',
          rules: [
            { label: 'exceptional' as const, gte: 50 },
            { label: 'typical' as const, gte: 0 },
          ],
        },
      },
    };
    assert.equal(bandFor(60, meta, 'neurofeedback'), 'exceptional');
    assert.equal(bandFor(10, meta, 'neurofeedback'), 'typical');
    assert.equal(bandFor(-1, meta, 'neurofeedback'), 'below_typical');
  });
});
