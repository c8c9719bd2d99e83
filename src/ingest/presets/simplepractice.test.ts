import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapExportFile } from './map-export-file.js';
import { pseudonymousId } from './pseudonymous-id.js';
import {
  CLIENT_PII,
  KEY,
  NOW,
  ZONE,
  assertAbsent,
  assertAllValid,
  atLine,
  editedFixture,
  ofEntity,
  runPreset,
  validMapping,
} from './preset-test-kit.js';
import { simplepractice } from './simplepractice.js';

const FILE = 'simplepractice-appointment-status.csv';

// [line, status, cancelled_by, scheduled_start] — hand-computed in America/New_York; now = 2026-11-23.
const EXPECTED: Array<[number, string, string | null, string]> = [
  [2, 'completed', null, '2026-03-04T10:00:00-05:00'],
  [3, 'no_show', null, '2026-03-05T14:00:00-05:00'],
  [4, 'cancelled', 'client', '2026-03-06T09:00:00-05:00'],
  [5, 'late_cancelled', 'client', '2026-03-07T11:00:00-05:00'],
  [6, 'completed', null, '2026-03-08T01:30:00-05:00'],
  [7, 'cancelled', 'therapist', '2026-03-09T10:00:00-04:00'],
  [8, 'completed', null, '2026-03-10T10:00:00-04:00'],
  [9, 'booked', null, '2026-12-01T10:00:00-05:00'],
  [10, 'late_cancelled', 'client', '2026-03-12T15:00:00-04:00'],
  [11, 'cancelled', 'client', '2026-03-13T16:00:00-04:00'],
  [12, 'cancelled', 'therapist', '2026-03-14T09:00:00-04:00'],
  [13, 'completed', null, '2026-11-02T09:00:00-05:00'],
];

describe('simplepractice preset', () => {
  it('maps Show / No Show / (Late / Clinician) Cancelled in both spellings', async () => {
    const r = await runPreset(simplepractice, FILE);
    assertAllValid(r);
    assert.equal(ofEntity(r, 'appointments').length, 12);
    for (const [line, status, by, start] of EXPECTED) {
      const a = atLine(r, FILE, line);
      assert.equal(a.status, status, `line ${line}`);
      assert.equal(a.cancelled_by, by, `line ${line}`);
      assert.equal(a.scheduled_start, start, `line ${line}`);
    }
    const first = atLine(r, FILE, 2);
    assert.equal(first.duration_min, 50);
    assert.equal(first.price, '150.00');
    assert.equal(first.currency, 'USD');
    assert.equal(atLine(r, FILE, 6).price, '1200.00');
    assert.match(String(first.appointment_id), /^a-[0-9a-f]{16}$/);
  });

  it('de-duplicates clients by normalised name and dates them by their first appointment', async () => {
    const r = await runPreset(simplepractice, FILE);
    const alice = pseudonymousId('client', 'Alice Moreau', KEY);
    assert.equal(atLine(r, FILE, 8).client_id, alice); // "  alice   MOREAU "
    const clients = ofEntity(r, 'clients');
    assert.equal(clients.length, 5);
    assert.equal(
      clients.find((c) => c.client_id === alice)!.created_at,
      '2026-03-04T10:00:00-05:00',
    );
    assert.equal(ofEntity(r, 'therapists').length, 2);
    assertAbsent(r, CLIENT_PII);
  });

  it('gives the same ids with the same key and other ids with another key', async () => {
    const ids = (r: Awaited<ReturnType<typeof runPreset>>) =>
      r.records.map((x) => x.record.client_id ?? x.record.therapist_id);
    const a = await runPreset(simplepractice, FILE);
    const b = await runPreset(simplepractice, FILE);
    const c = await runPreset(simplepractice, FILE, 'another-key');
    assert.deepEqual(ids(a), ids(b));
    assert.deepEqual(a.records, b.records);
    const other = new Set(ids(c));
    assert.ok(ids(a).every((id) => !other.has(id)));
  });

  it('reports a status without a mapping as an error naming the value, once per row', async () => {
    const path = editedFixture(FILE, (t) => t.replace(',No Show,', ',Rescheduled,'));
    const r = await mapExportFile(path, validMapping(simplepractice), {
      hashKey: KEY,
      timeZone: ZONE,
      now: NOW,
    });
    const errors = r.issues.filter((i) => i.severity === 'error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.path, `${FILE}:3:Status`);
    assert.match(errors[0]!.message, /Status "Rescheduled" has no mapping/);
    assert.equal(ofEntity(r, 'appointments').length, 11);
  });

  it('warns about a wall-clock time inside the spring-forward gap', async () => {
    const path = editedFixture(FILE, (t) => t.replace('03/08/2026,1:30 AM', '03/08/2026,2:30 AM'));
    const r = await mapExportFile(path, validMapping(simplepractice), {
      hashKey: KEY,
      timeZone: ZONE,
      now: NOW,
    });
    const gap = r.issues.find((i) => i.message.includes('DST gap'));
    assert.equal(gap?.path, `${FILE}:6:Date of Service`);
    assert.equal(atLine(r, FILE, 6).scheduled_start, '2026-03-08T03:30:00-04:00');
  });

  it('reports each unmapped column once and rejects a file without a required column', async () => {
    const r = await runPreset(simplepractice, FILE);
    assert.deepEqual(
      r.issues.filter((i) => i.code === 'unknown_column').map((i) => i.path),
      [`${FILE}:1:Billing Code`, `${FILE}:1:Location`],
    );
    const path = editedFixture(FILE, (t) => t.replace('Status', 'State'));
    const bad = await mapExportFile(path, validMapping(simplepractice), {
      hashKey: KEY,
      timeZone: ZONE,
    });
    assert.deepEqual(bad.records, []);
    assert.ok(bad.issues.some((i) => i.code === 'missing_column' && i.path === `${FILE}:1:Status`));
  });
});
