import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KpiResult } from '../engine/kpi-result.types.js';
import { kpiReportCsv } from './kpi-report-csv.js';

const rate = (numerator: number, denominator: number): KpiResult => ({
  // 45 / 50 = 0.9 → 90 %
  value: (100 * numerator) / denominator,
  unit: 'percent',
  numerator,
  denominator,
  n: denominator,
  ci: [78.6, 95.7],
  band: 'typical',
  status: 'ok',
});

describe('kpiReportCsv', () => {
  it('writes one row per KPI × group, the whole first, empty cells for nulls', () => {
    const csv = kpiReportCsv({
      period: { from: '2026-10-01', to: '2026-10-31', timezone: 'America/New_York' },
      profile: 'remote_consultation',
      kpis: { session_completion_rate: rate(45, 50) },
      groups: [
        {
          key: 't-0001',
          kpis: {
            session_completion_rate: {
              ...rate(0, 1),
              value: null,
              ci: null,
              band: null,
              status: 'insufficient_data',
              reason: 'n = 1, below 20',
            },
          },
        },
      ],
    });
    const lines = csv.split('\r\n');
    assert.equal(lines.length, 4); // header, whole, one group, final empty string
    assert.match(lines[0]!, /^period_from,period_to,timezone,profile,group,kpi,value/);
    assert.equal(
      lines[1],
      '2026-10-01,2026-10-31,America/New_York,remote_consultation,,session_completion_rate,90,percent,,45,50,50,78.6,95.7,typical,ok,',
    );
    assert.equal(
      lines[2],
      '2026-10-01,2026-10-31,America/New_York,remote_consultation,t-0001,session_completion_rate,,percent,,0,1,1,,,,insufficient_data,"n = 1, below 20"',
    );
  });
});
