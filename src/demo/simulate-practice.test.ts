import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ENTITIES, entitySchema, type EntityName } from '../model/entities.js';
import { CANONICAL_COLUMNS } from './canonical-columns.js';
import type { ClientTrace } from './client-journey.js';
import { simulatePractice } from './simulate-practice.js';

type Row = Record<string, string>;
const TZ = 'America/New_York';
const emitted: Array<[EntityName, Row]> = [];
const traces: ClientTrace[] = [];
const of = (e: EntityName) => emitted.filter(([x]) => x === e).map(([, r]) => r);

before(async () => {
  await simulatePractice({ size: 'small', seed: 1, trace: (t) => traces.push(t) }, (e, r) => {
    emitted.push([e, r]);
  });
});

test('a small run has all ten entities at the intended scale', () => {
  for (const e of Object.keys(ENTITIES) as EntityName[]) assert.ok(of(e).length > 0, e);
  assert.equal(of('therapists').length, 10);
  const n = of('appointments').length;
  assert.ok(n >= 4000 && n <= 6000, `appointments ${n}`);
});

test('every row has exactly the canonical columns and passes its entity schema', () => {
  const failures: string[] = [];
  for (const [e, r] of emitted) {
    assert.deepEqual(Object.keys(r), [...CANONICAL_COLUMNS[e]], e);
    const res = entitySchema(e, TZ).safeParse(r);
    if (!res.success && failures.length < 5)
      failures.push(`${e} ${JSON.stringify(r)} ${res.error.message}`);
  }
  assert.deepEqual(failures, []);
});

test('natural keys are unique', () => {
  for (const e of Object.keys(ENTITIES) as EntityName[]) {
    const keys = new Set(of(e).map((r) => ENTITIES[e].key.map((k) => r[k]).join('|')));
    assert.equal(keys.size, of(e).length, e);
  }
});

test('every reference points at an earlier-emitted record', () => {
  const seen = {
    therapists: new Set<string>(),
    clients: new Set<string>(),
    slots: new Set<string>(),
    appointments: new Set<string>(),
  };
  const bad: string[] = [];
  const need = (set: Set<string>, id: string | undefined, what: string) => {
    if (id && !set.has(id)) bad.push(`${what} ${id}`);
  };
  let activity = 0;
  for (const [e, r] of emitted) {
    if (e === 'therapists') seen.therapists.add(r.therapist_id!);
    if (e === 'clients') seen.clients.add(r.client_id!);
    if (e === 'availability' || e === 'slots') need(seen.therapists, r.therapist_id, e);
    if (e === 'slots') seen.slots.add(r.slot_id!);
    if (e === 'appointments') {
      need(seen.clients, r.client_id, e);
      need(seen.therapists, r.therapist_id, e);
      need(seen.slots, r.slot_id, e);
      seen.appointments.add(r.appointment_id!);
    }
    if (e === 'session_ratings') need(seen.appointments, r.appointment_id, e);
    if (e === 'surveys') need(seen.clients, r.client_id, e);
    if (e === 'messages' || e === 'payments') {
      need(seen.clients, r.client_id, e);
      if (e === 'messages') need(seen.therapists, r.therapist_id, e);
      else need(seen.appointments, r.appointment_id, e);
    }
    // Clean data: every activity row names a client or therapist of the practice, so that
    // loading the demo raises no "user_id not in clients" warning (issue 10, item 14).
    if (e === 'activity') {
      need(r.user_type === 'client' ? seen.clients : seen.therapists, r.user_id, e);
      activity++;
    }
  }
  assert.deepEqual(bad.slice(0, 5), []);
  assert.ok(activity > 0);
});

test('appointments sit in working hours in the practice time zone, correct across DST', () => {
  const zone = new Intl.DateTimeFormat('en-US', { timeZone: TZ, timeZoneName: 'shortOffset' });
  for (const a of of('appointments')) {
    const s = a.scheduled_start!;
    const hour = Number(s.slice(11, 13));
    assert.ok(hour >= 7 && hour <= 21, s);
    const offset = zone.formatToParts(Date.parse(s)).find((p) => p.type === 'timeZoneName')!.value;
    assert.equal(offset, s.endsWith('-04:00') ? 'GMT-4' : 'GMT-5', s);
  }
});

test('sanity figures land in believable ranges', () => {
  const appts = of('appointments');
  const closed = appts.filter((a) => a.status !== 'booked');
  const rate = (f: (a: Row) => boolean) => (100 * closed.filter(f).length) / closed.length;
  const completion = rate((a) => a.status === 'completed');
  const missed = rate(
    (a) =>
      a.status === 'no_show' ||
      a.status === 'late_cancelled' ||
      (a.status === 'cancelled' && a.cancelled_by === 'client'),
  );
  assert.ok(completion >= 75 && completion <= 92, `completion ${completion}`);
  assert.ok(missed >= 6 && missed <= 22, `no-show + client cancellation ${missed}`);
  assert.ok(appts.some((a) => a.status === 'late_cancelled'));
  assert.ok(
    appts.some(
      (a) =>
        a.status === 'cancelled' &&
        a.cancelled_by === 'client' &&
        Date.parse(a.scheduled_start!) - Date.parse(a.cancelled_at!) < 86_400_000,
    ),
    'a client cancellation within 24 h labelled cancelled',
  );

  const limit = new Map(
    of('therapists').map((t) => [t.therapist_id!, Number(t.max_sessions_per_day)]),
  );
  const perDay = new Map<string, number>();
  for (const a of appts) {
    if (a.status === 'completed' || a.status === 'no_show' || a.status === 'booked') {
      const k = `${a.therapist_id}|${a.scheduled_start!.slice(0, 10)}`;
      perDay.set(k, (perDay.get(k) ?? 0) + 1);
    }
  }
  const over = [...perDay].filter(([k, n]) => n > limit.get(k.split('|')[0]!)!);
  assert.ok(over.length > 0, 'some therapist-day over its limit');
  const overTherapists = new Set(over.map(([k]) => k.split('|')[0]));
  assert.ok(overTherapists.size < limit.size / 2, 'most therapists stay within their limit');

  const completedBy = new Map<string, string[]>();
  for (const a of appts)
    if (a.status === 'completed')
      (completedBy.get(a.client_id!) ?? completedBy.set(a.client_id!, []).get(a.client_id!)!).push(
        a.therapist_id!,
      );
  const rematch = (kind: ClientTrace['match']) => {
    const ids = traces.filter((t) => t.match === kind && !t.continuing).map((t) => t.client_id);
    const switched = ids.filter((id) => {
      const ts = completedBy.get(id) ?? [];
      return ts.slice(1, 3).some((t) => t !== ts[0]);
    });
    return switched.length / ids.length;
  };
  assert.ok(
    rematch('first_available') > 1.5 * rematch('specialty'),
    `${rematch('first_available')} vs ${rematch('specialty')}`,
  );

  const csat5 = of('surveys').filter(
    (s) => (s.instrument || 'csat') === 'csat' && (s.scale_max || '5') === '5',
  );
  const mean = csat5.reduce((s, r) => s + Number(r.score), 0) / csat5.length;
  assert.ok(mean >= 3.8, `survey mean ${mean}`);
  const ratings = of('session_ratings').map((r) => Number(r.rating));
  const ratingMean = ratings.reduce((s, x) => s + x, 0) / ratings.length;
  assert.ok(ratingMean > 4.1 && ratingMean < 4.7, `rating mean ${ratingMean}`);
  assert.ok(of('surveys').some((s) => s.scale_max === '10'));
  assert.ok(of('surveys').some((s) => s.instrument === 'phq9'));
  assert.ok(of('payments').some((p) => p.amount!.startsWith('-')));
});

test('booking waits and reply times look like a real practice', () => {
  const appts = of('appointments');
  const wait =
    appts.reduce((s, a) => s + Date.parse(a.booked_at!) - Date.parse(a.requested_at!), 0) /
    appts.length /
    3_600_000;
  assert.ok(wait >= 2 && wait <= 5, `wait ${wait}`);
  const end = Date.parse('2026-11-01T04:00:00Z');
  assert.ok(
    appts.filter((a) => a.status === 'booked').every((a) => Date.parse(a.scheduled_start!) >= end),
  );
  for (const e of ['session_ratings', 'surveys', 'messages', 'payments', 'activity'] as const) {
    const col = {
      session_ratings: 'rated_at',
      surveys: 'responded_at',
      messages: 'sent_at',
      payments: 'paid_at',
      activity: 'occurred_at',
    }[e];
    assert.ok(
      of(e).every((r) => Date.parse(r[col]!) < end),
      `${e} before the window end`,
    );
  }
});
