import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeCanonicalFolder } from '../../demo/write-canonical-folder.js';
import { defaultPractice, type Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { importCanonicalFolder } from '../../store/import-canonical.js';
import { scratchReport } from '../../store/import-test-helpers.js';
import { getPractice } from '../../store/practice.repository.js';
import {
  DIALECTS,
  dialectSkipReason,
  freshStore,
  type TestStore,
} from '../../store/test-dialects.js';
import { computeKpis, groupingFor, type ComputeOptions } from '../engine/compute-kpis.js';
import { OUTCOME_KPI_IDS } from '../kpi-meta/outcome-kpi-ids.js';
import { makePeriod } from '../periods/period.js';
import {
  episodesServe,
  outcomePartsFromRollups,
  ratedFromRollups,
} from '../rollups/episodes-from-rollups.js';
import { refreshRollups } from '../rollups/refresh-rollups.js';
import { PID, appointment, client, insert, onEveryDialect, survey } from '../test-records.js';
import { elevenClients } from './outcome-fixtures.js';
import { outcomeParts, type OutcomeScope } from './outcome-parts.js';
import { outcomesReport, type OutcomesOptions } from './outcomes-report.js';
import { ratedEpisodes } from './rated-episode.js';
import { readEpisodes } from './read-episodes.js';

const DAY = 86_400_000;

// Probe PostgreSQL before any case runs: a long synchronous SQLite case would otherwise hold the
// event loop past the probe's connection timeout and the PostgreSQL cases would be skipped.
for (const dialect of DIALECTS) await dialectSkipReason(dialect);

/** Seeded PRNG (mulberry32). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Eighty clients at random over 2025-03 … 2026-06, each edge the rules have: sessions at local
 * month edges (New York), gaps longer than the window (several episodes), services missing,
 * empty or changing within an episode, several therapists, channels and none, PHQ-9 / GAD-7
 * answers up to 20 days before the first session, after the last one, in the same instant,
 * missing altogether, and cancelled sessions in between.
 */
async function awkward(db: Db, seed: number) {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const start = Date.parse('2025-03-01T05:00:00Z');
  const appts = [];
  const answers = [];
  const clients = [];
  for (let c = 0; c < 80; c++) {
    const cid = `x${c}`;
    if (rand() < 0.8) {
      clients.push(
        client(cid, '2025-01-01', { acquisition_channel: pick(['search', 'referral', null]) }),
      );
    }
    let at = start + Math.floor(rand() * 420) * DAY + pick([0, 4.99 * 3_600_000, 19 * 3_600_000]);
    const n = 1 + Math.floor(rand() * 9);
    for (let s = 0; s < n; s++) {
      appts.push(
        appointment({
          start: at,
          client_id: cid,
          therapist_id: pick(['t1', 't2', 't3', 't4']),
          service: pick(['talk', 'couples', null, '']),
          status: rand() < 0.85 ? 'completed' : pick(['cancelled', 'no_show']),
        }),
      );
      if (rand() < 0.6) {
        const when = at + Math.round((rand() - 0.3) * 30) * DAY;
        answers.push(survey(cid, when, Math.floor(rand() * 28), 27, 'phq9'));
        if (rand() < 0.5) answers.push(survey(cid, when, Math.floor(rand() * 22), 21, 'gad7'));
      }
      at += pick([7, 7, 14, 30, 31, 100]) * DAY + Math.floor(rand() * 3_600_000);
    }
  }
  await insert(db, 'clients', clients);
  await insert(db, 'appointments', appts);
  await insert(db, 'surveys', answers);
}

const practice = (more: Partial<Practice> = {}): Practice => ({
  ...defaultPractice(PID),
  min_sample: 1,
  timezone: 'America/New_York',
  ...more,
});

/** Requests of the seven outcome KPIs: served by the episode rollups, then not. */
const CASES: (Omit<ComputeOptions, 'ids'> & { served: boolean })[] = [
  { from: '2025-07-01', to: '2026-06-30', by: 'month', served: true },
  { from: '2024-07-01', to: '2026-06-30', by: 'month', served: true },
  { from: '2025-03-01', to: '2026-06-30', served: true },
  { from: '2025-01-01', to: '2026-06-30', by: 'quarter', served: true },
  { from: '2025-01-01', to: '2026-12-31', by: 'year', served: true },
  { from: '2026-01-01', to: '2026-03-31', by: 'month', served: true },
  { from: '2025-07-01', to: '2026-06-30', by: 'therapist', served: true },
  { from: '2025-07-01', to: '2026-06-30', by: 'service', served: true },
  { from: '2025-07-01', to: '2026-06-30', by: 'channel', served: true },
  { from: '2025-07-01', to: '2026-06-30', by: 'month', filter: { therapist: 't2' }, served: true },
  { from: '2025-07-01', to: '2026-06-30', filter: { service: 'talk' }, served: true },
  {
    from: '2025-07-01',
    to: '2026-06-30',
    by: 'therapist',
    filter: { service: '(none)' },
    served: true,
  },
  // Not whole local months of the rollups' zone: read from the records.
  { from: '2025-07-15', to: '2026-06-30', by: 'month', served: false },
  { from: '2025-10-20', to: '2026-01-10', by: 'week', served: false },
  { from: '2025-12-28', to: '2026-01-04', by: 'day', served: false },
  { from: '2025-07-01', to: '2026-06-30', by: 'month', timezone: 'Europe/Berlin', served: false },
];

/** The part values without zeros (the records path adds only what counts). */
const plain = (v: Map<string, Map<string, number>>) =>
  [...v].map(([k, m]) => [k, [...m].filter(([, x]) => x !== 0).sort()] as const).sort();

/**
 * Every case read from the rollups equals the records; where the rollups serve, the parts
 * counted in SQL equal the records' parts themselves (so the equality is not the records'
 * with themselves), and something was counted.
 */
async function sameBothWays(db: Db, p: Practice) {
  const zone = await refreshRollups(db, p);
  let counted = 0;
  for (const { served, ...c } of CASES) {
    const opts: ComputeOptions = { ...c, ids: OUTCOME_KPI_IDS };
    const label = JSON.stringify(c);
    const rolled = await computeKpis(db, p, opts);
    assert.deepEqual(rolled, await computeKpis(db, p, { ...opts, rollups: false }), label);
    const period = makePeriod(c.from, c.to, c.timezone ?? p.timezone);
    const grouping = groupingFor(period, c.by);
    assert.equal(episodesServe(grouping, zone), served, label);
    if (!served) continue;
    const scope: OutcomeScope = { ...c.filter };
    const episodes = await readEpisodes(db, p, period.start, period.end);
    const fromRecords = outcomeParts(episodes, grouping, scope);
    const fromRollups = await outcomePartsFromRollups(db, p.practice_id, grouping, scope);
    assert.deepEqual(plain(fromRollups), plain(fromRecords), label);
    counted += fromRecords.get('*')?.get('eligible') ?? 0;
    const rated = (xs: { therapist: string; improved: boolean; paired: object }[]) =>
      xs.map((x) => JSON.stringify([x.therapist, x.improved, x.paired])).sort();
    assert.deepEqual(
      rated(await ratedFromRollups(db, p.practice_id, period.start, period.end, scope)),
      rated(ratedEpisodes(episodes, period.start, period.end, scope)),
      label,
    );
  }
  assert.ok(counted > 0, 'episodes were counted');
}

/** The Outcomes report for whole months (rollups) and not (records), each way the same. */
async function sameReports(
  db: Db,
  p: Practice,
  periods: [string, string][],
  scopes: OutcomeScope[],
) {
  await refreshRollups(db, p);
  for (const [from, to] of periods) {
    for (const scope of scopes) {
      const opts: OutcomesOptions = { from, to, scope, spread: true };
      const label = JSON.stringify(opts);
      const rolled = await outcomesReport(db, p, opts);
      assert.deepEqual(rolled, await outcomesReport(db, p, { ...opts, rollups: false }), label);
    }
  }
}

const SCOPES: OutcomeScope[] = [
  {},
  { therapist: 't1' },
  { service: 'talk' },
  { channel: 'search' },
  { therapist: 't2', service: '(none)' },
];

onEveryDialect('episode rollups', {
  'the eleven clients and eighty awkward ones: rollups count what the records count': async (
    db,
  ) => {
    await elevenClients(db);
    await awkward(db, 20261203);
    await sameBothWays(db, practice());
    await sameBothWays(db, practice({ timezone: 'UTC', active_window_days: 45 }));
    await sameReports(
      db,
      practice(),
      [
        ['2026-01-01', '2026-03-31'],
        ['2025-09-01', '2026-06-30'],
        ['2026-01-10', '2026-03-31'],
      ],
      SCOPES,
    );
  },
});

for (const dialect of DIALECTS) {
  describe(`episode rollups of a demo practice on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;
    let store: TestStore | undefined;
    let dir = '';
    before(async () => {
      if (skip) return;
      dir = mkdtempSync(join(tmpdir(), 'rapport-episodes-'));
      await writeCanonicalFolder(dir, { size: 'small', seed: 5, months: 14, end: '2026-06-30' });
      store = await freshStore(dialect);
      await importCanonicalFolder(store, dir, { reportPath: scratchReport() });
    });
    after(async () => {
      await store?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('count what the records count, and give the same Outcomes report', { skip }, async () => {
      const p = await getPractice(store!.db, 'default');
      await refreshRollups(store!.db, p);
      const { n } = await store!.db
        .selectFrom('rollup_episodes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('practice_id', '=', 'default')
        .executeTakeFirstOrThrow();
      assert.ok(Number(n) > 20, `episodes with an outcome were built (${n})`);
      await sameBothWays(store!.db, p);
      await sameReports(
        store!.db,
        p,
        [
          ['2026-04-01', '2026-06-30'],
          ['2025-05-01', '2026-06-30'],
          ['2026-04-01', '2026-06-15'],
        ],
        [{}, { therapist: 't-0002' }, { channel: 'search' }],
      );
    });
  });
}
