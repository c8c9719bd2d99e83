import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, test } from 'node:test';
import type { ClientTrace } from './client-journey.js';
import { simulatePractice } from './simulate-practice.js';
import type { Size } from './simulation-plan.js';

/**
 * The demo's PHQ-9 / GAD-7 answers read with a small calculator written here from the spec's
 * words (docs/kpi-spec.md, "Outcomes: measurement-based care"), independent of the engine:
 * episodes are a client's completed sessions no more than 90 days apart; a score belongs to the
 * episode from 14 days before its first session to 90 days after its last; an instrument has an
 * outcome with 2+ completed sessions and 2+ of its scores (baseline = first, latest = last);
 * reliable change is 6 points on PHQ-9 and 4 on GAD-7; caseness PHQ-9 >= 10 or GAD-7 >= 8.
 */
const DAY = 86_400_000;
const WINDOW = 90 * DAY;
const RC = { phq9: 6, gad7: 4 } as const;
const CASE = { phq9: 10, gad7: 8 } as const;
type Instrument = keyof typeof RC;

interface Figures {
  episodes: number;
  eligible: number;
  withOutcome: number;
  improved: number;
  deteriorated: number;
  caseness: number;
  recovered: number;
  clients: number;
  scoredClients: number;
}

const pct = (a: number, b: number) => (100 * a) / b;

function outcomeFigures(
  sessions: Map<string, number[]>,
  scores: Map<string, Array<{ at: number; instrument: Instrument; score: number }>>,
): Figures {
  const f: Figures = {
    episodes: 0,
    eligible: 0,
    withOutcome: 0,
    improved: 0,
    deteriorated: 0,
    caseness: 0,
    recovered: 0,
    clients: sessions.size,
    scoredClients: 0,
  };
  for (const [client, times] of sessions) {
    times.sort((a, b) => a - b);
    const mine = (scores.get(client) ?? []).sort((a, b) => a.at - b.at);
    if (mine.length > 0) f.scoredClients++;
    const episodes: number[][] = [];
    for (const t of times) {
      const cur = episodes[episodes.length - 1];
      if (cur && t - cur[cur.length - 1]! <= WINDOW) cur.push(t);
      else episodes.push([t]);
    }
    for (const ep of episodes) {
      f.episodes++;
      if (ep.length < 2) continue;
      f.eligible++;
      const from = ep[0]! - 14 * DAY;
      const to = ep[ep.length - 1]! + WINDOW;
      const change: Partial<Record<Instrument, [number, number]>> = {};
      for (const i of ['phq9', 'gad7'] as const) {
        const s = mine.filter((x) => x.instrument === i && x.at >= from && x.at <= to);
        if (s.length >= 2) change[i] = [s[0]!.score, s[s.length - 1]!.score];
      }
      const pairs = Object.entries(change) as Array<[Instrument, [number, number]]>;
      if (pairs.length === 0) continue;
      f.withOutcome++;
      const down = pairs.some(([i, [b, l]]) => b - l >= RC[i]);
      const up = pairs.some(([i, [b, l]]) => l - b >= RC[i]);
      if (down && !up) f.improved++;
      if (up && !down) f.deteriorated++;
      if (pairs.some(([i, [b]]) => b >= CASE[i])) {
        f.caseness++;
        if (pairs.every(([i, [, l]]) => l < CASE[i])) f.recovered++;
      }
    }
  }
  return f;
}

async function simulate(size: Size, seed: number) {
  const sessions = new Map<string, number[]>();
  const scores = new Map<string, Array<{ at: number; instrument: Instrument; score: number }>>();
  const hash = createHash('sha256');
  const traces: ClientTrace[] = [];
  const fitOf = new Map<string, number>();
  const activity = new Set<string>();
  let activityRows = 0;
  await simulatePractice({ size, seed, trace: (t) => traces.push(t) }, (e, r) => {
    if (e === 'surveys') hash.update(JSON.stringify(r));
    if (e === 'activity') {
      activityRows++;
      activity.add(`${r.user_type}|${r.user_id}|${Date.parse(r.occurred_at!)}|${r.kind}`);
    }
    if (e === 'appointments' && r.status === 'completed') {
      const id = r.client_id!;
      (sessions.get(id) ?? sessions.set(id, []).get(id)!).push(Date.parse(r.scheduled_start!));
    }
    if (e === 'surveys' && (r.instrument === 'phq9' || r.instrument === 'gad7')) {
      const id = r.client_id!;
      const list = scores.get(id) ?? scores.set(id, []).get(id)!;
      list.push({
        at: Date.parse(r.responded_at!),
        instrument: r.instrument,
        score: Number(r.score),
      });
    }
  });
  for (const t of traces) fitOf.set(t.client_id, t.fit);
  const digest = hash.digest('hex');
  return { sessions, scores, digest, traces, fitOf, activityRows, activityKeys: activity.size };
}

describe('simulated PHQ-9 / GAD-7 outcomes', () => {
  let medium: Awaited<ReturnType<typeof simulate>>;
  before(async () => {
    medium = await simulate('medium', 1);
  });

  test('the medium demo reads like NHS Talking Therapies figures', (t) => {
    const f = outcomeFigures(medium.sessions, medium.scores);
    const improved = pct(f.improved, f.withOutcome);
    const deteriorated = pct(f.deteriorated, f.withOutcome);
    const recovery = pct(f.recovered, f.caseness);
    const coverage = pct(f.withOutcome, f.eligible);
    const caseness = pct(f.caseness, f.withOutcome);
    t.diagnostic(JSON.stringify(f));
    t.diagnostic(
      `improved ${improved.toFixed(1)} %, deteriorated ${deteriorated.toFixed(1)} %, ` +
        `recovery ${recovery.toFixed(1)} %, coverage ${coverage.toFixed(1)} %, ` +
        `caseness ${caseness.toFixed(1)} %`,
    );
    assert.ok(improved >= 55 && improved <= 70, `reliable improvement ${improved}`);
    assert.ok(deteriorated >= 3 && deteriorated <= 8, `reliable deterioration ${deteriorated}`);
    assert.ok(recovery >= 45 && recovery <= 55, `recovery ${recovery}`);
    assert.ok(coverage >= 75 && coverage <= 90, `coverage ${coverage}`);
    assert.ok(caseness >= 75 && caseness <= 95, `caseness at baseline ${caseness}`);
  });

  test('a poor fit (below 0.6) rematches more, stays less and improves less', (t) => {
    const newcomers = medium.traces.filter((x) => !x.continuing);
    const group = (good: boolean) => newcomers.filter((x) => x.fit >= 0.6 === good);
    const rematched = (g: ClientTrace[]) => pct(g.filter((x) => x.rematched).length, g.length);
    const visits = (g: ClientTrace[]) =>
      g.reduce((n, x) => n + (medium.sessions.get(x.client_id)?.length ?? 0), 0) / g.length;
    const [good, poor] = [group(true), group(false)];
    t.diagnostic(
      `rematched: good ${rematched(good).toFixed(1)} %, poor ${rematched(poor).toFixed(1)} %; ` +
        `completed sessions per client: good ${visits(good).toFixed(2)}, poor ${visits(poor).toFixed(2)}`,
    );
    assert.ok(rematched(poor) > 1.5 * rematched(good));
    assert.ok(visits(poor) < visits(good));

    const split = (good: boolean) => {
      const keep = (id: string) => medium.fitOf.get(id)! >= 0.6 === good;
      const sessions = new Map([...medium.sessions].filter(([id]) => keep(id)));
      return outcomeFigures(sessions, medium.scores);
    };
    const better = split(true);
    const worse = split(false);
    const rate = (f: Figures) => pct(f.improved, f.withOutcome);
    t.diagnostic(
      `reliably improved: good ${rate(better).toFixed(1)} % (n ${better.withOutcome}), ` +
        `poor ${rate(worse).toFixed(1)} % (n ${worse.withOutcome})`,
    );
    assert.ok(rate(better) > rate(worse) + 5, `${rate(better)} vs ${rate(worse)}`);
  });

  test('activity has one row per user, instant and kind', () => {
    assert.equal(medium.activityKeys, medium.activityRows);
  });
});

test('the same seed gives the same outcome rows, another seed others', async () => {
  const a = await simulate('sample', 1);
  const b = await simulate('sample', 1);
  const c = await simulate('sample', 2);
  assert.equal(a.digest, b.digest);
  assert.notEqual(a.digest, c.digest);
  assert.ok([...a.scores.values()].some((s) => s.some((x) => x.instrument === 'gad7')));
});
