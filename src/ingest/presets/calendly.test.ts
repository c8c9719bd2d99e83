import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calendly } from './calendly.js';
import { pseudonymousId } from './pseudonymous-id.js';
import {
  CLIENT_PII,
  KEY,
  STAFF_PII,
  assertAbsent,
  assertAllValid,
  atLine,
  ofEntity,
  runPreset,
} from './preset-test-kit.js';

const FILE = 'calendly-events-export.csv';

// [line, status, cancelled_by, scheduled_start, scheduled_end] — hand-computed, America/New_York
// (EST −05:00 until 2026-03-08 02:00, EDT −04:00 until 2026-11-01 02:00).
const EXPECTED: Array<[number, string, string | null, string, string]> = [
  [2, 'completed', null, '2026-03-04T10:00:00-05:00', '2026-03-04T10:50:00-05:00'],
  [3, 'cancelled', 'client', '2026-03-07T09:00:00-05:00', '2026-03-07T09:50:00-05:00'],
  [4, 'completed', null, '2026-03-08T01:30:00-05:00', '2026-03-08T03:30:00-04:00'],
  [5, 'no_show', null, '2026-03-09T10:00:00-04:00', '2026-03-09T10:50:00-04:00'],
  [6, 'cancelled', 'therapist', '2026-03-10T14:00:00-04:00', '2026-03-10T14:50:00-04:00'],
  [7, 'cancelled', null, '2026-03-11T16:00:00-04:00', '2026-03-11T16:50:00-04:00'],
  [8, 'completed', null, '2026-03-18T10:00:00-04:00', '2026-03-18T10:50:00-04:00'],
  [9, 'completed', null, '2026-11-02T11:00:00-05:00', '2026-11-02T12:00:00-05:00'],
  [10, 'booked', null, '2026-12-02T10:00:00-05:00', '2026-12-02T10:50:00-05:00'],
  [11, 'cancelled', 'client', '2026-12-03T15:00:00-05:00', '2026-12-03T15:50:00-05:00'],
  [12, 'completed', null, '2026-04-01T09:00:00-04:00', '2026-04-01T09:50:00-04:00'],
  [13, 'no_show', null, '2026-04-08T09:00:00-04:00', '2026-04-08T09:50:00-04:00'],
];

describe('calendly preset', () => {
  it('maps every row to the hand-computed status, canceller and instants', async () => {
    const r = await runPreset(calendly, FILE);
    assertAllValid(r);
    assert.equal(ofEntity(r, 'appointments').length, 12);
    for (const [line, status, by, start, end] of EXPECTED) {
      const a = atLine(r, FILE, line);
      assert.equal(a.status, status, `line ${line}`);
      assert.equal(a.cancelled_by, by, `line ${line}`);
      assert.equal(a.scheduled_start, start, `line ${line}`);
      assert.equal(a.scheduled_end, end, `line ${line}`);
    }
  });

  it('reads the DST night as 60 minutes and keeps quoted commas, ids, booking time, price', async () => {
    const r = await runPreset(calendly, FILE);
    assert.equal(atLine(r, FILE, 4).duration_min, 60);
    const first = atLine(r, FILE, 2);
    assert.equal(first.appointment_id, 'INV-0001-beef');
    assert.equal(first.service, 'Intake, 50 min');
    assert.equal(first.booked_at, '2026-02-20T09:15:00-05:00');
    assert.equal(first.price, '120.00');
    assert.equal(first.currency, 'USD');
    assert.equal(r.records[0]!.path, `${FILE}:2:User Email`);
  });

  it('de-duplicates clients by hashed e-mail and therapists by hashed staff e-mail', async () => {
    const r = await runPreset(calendly, FILE);
    const clients = ofEntity(r, 'clients');
    assert.equal(clients.length, 5);
    const alice = pseudonymousId('client', 'alice.moreau@mail.example', KEY);
    assert.match(alice, /^c-[0-9a-f]{16}$/);
    // Line 5 spells the e-mail ALICE.MOREAU@Mail.Example: same client.
    assert.equal(atLine(r, FILE, 5).client_id, alice);
    assert.deepEqual(
      clients.find((c) => c.client_id === alice),
      {
        client_id: alice,
        created_at: '2026-02-20T09:15:00-05:00',
        acquisition_channel: 'newsletter',
      },
    );
    const therapists = ofEntity(r, 'therapists');
    assert.deepEqual(
      therapists.map((t) => t.display_name),
      ['Dr. Maya Chen', 'Sam Okafor'],
    );
    assert.equal(
      therapists[0]!.therapist_id,
      pseudonymousId('therapist', 'maya.chen@clinic.example', KEY),
    );
    assert.deepEqual(
      [...new Set(r.records.map((x) => x.entity))],
      ['therapists', 'clients', 'appointments'],
    );
  });

  it('never emits a client name, e-mail or phone; staff names only as display names', async () => {
    const r = await runPreset(calendly, FILE);
    assertAbsent(r, CLIENT_PII);
    const noStaff = await runPreset({ ...calendly, keepTherapistNames: false }, FILE);
    assertAbsent(noStaff, [...CLIENT_PII, ...STAFF_PII, 'Maya', 'Okafor']);
  });

  it('reports unmapped columns once, as info', async () => {
    const r = await runPreset(calendly, FILE);
    const unmapped = r.issues.filter((i) => i.code === 'unknown_column').map((i) => i.path);
    assert.ok(unmapped.includes(`${FILE}:1:Invitee Time Zone`));
    assert.equal(unmapped.length, new Set(unmapped).size);
    assert.ok(r.issues.every((i) => i.severity === 'info'));
  });
});
