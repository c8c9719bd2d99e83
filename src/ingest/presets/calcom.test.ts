import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calcom } from './calcom.js';
import { pseudonymousId } from './pseudonymous-id.js';
import {
  CLIENT_PII,
  KEY,
  assertAbsent,
  assertAllValid,
  atLine,
  ofEntity,
  runPreset,
} from './preset-test-kit.js';

const FILE = 'calcom-bookings.csv';

// [line, status, cancelled_by, scheduled_start] — hand-computed in America/New_York; now = 2026-11-23.
const EXPECTED: Array<[number, string, string | null, string]> = [
  [2, 'completed', null, '2026-03-04T10:00:00-05:00'],
  [3, 'cancelled', null, '2026-03-06T09:00:00-05:00'],
  [4, 'cancelled', 'therapist', '2026-03-07T11:00:00-05:00'],
  [5, 'completed', null, '2026-03-08T01:30:00-05:00'],
  [6, 'cancelled', 'practice', '2026-03-09T10:00:00-04:00'],
  [7, 'booked', null, '2026-12-01T10:00:00-05:00'],
  [8, 'booked', null, '2026-12-01T15:00:00-05:00'],
  [9, 'booked', null, '2026-12-02T10:00:00-05:00'],
  [10, 'completed', null, '2026-03-15T10:00:00-04:00'],
  [11, 'completed', null, '2026-11-02T14:00:00-05:00'],
  [12, 'cancelled', null, '2026-03-20T16:00:00-04:00'],
  [13, 'completed', null, '2026-03-27T16:00:00-04:00'],
];

describe('calcom preset', () => {
  it('maps accepted / pending / awaiting_host / cancelled / rejected by time and status', async () => {
    const r = await runPreset(calcom, FILE);
    assertAllValid(r);
    for (const [line, status, by, start] of EXPECTED) {
      const a = atLine(r, FILE, line);
      assert.equal(a.status, status, `line ${line}`);
      assert.equal(a.cancelled_by, by, `line ${line}`);
      assert.equal(a.scheduled_start, start, `line ${line}`);
    }
    const dst = atLine(r, FILE, 5);
    assert.equal(dst.scheduled_end, '2026-03-08T03:30:00-04:00');
    assert.equal(dst.duration_min, 60);
    assert.equal(atLine(r, FILE, 4).service, 'Intake, 50 min');
  });

  it('takes the first attendee of a multi-attendee booking as the client, de-duplicated', async () => {
    const r = await runPreset(calcom, FILE);
    const alice = pseudonymousId('client', 'alice.moreau@mail.example', KEY);
    assert.equal(atLine(r, FILE, 10).client_id, alice);
    assert.equal(atLine(r, FILE, 2).client_id, alice);
    assert.equal(ofEntity(r, 'clients').length, 5);
    assert.deepEqual(ofEntity(r, 'therapists'), [{ therapist_id: 'cal-host', display_name: null }]);
    assert.ok(r.issues.some((i) => i.severity === 'info' && i.message.includes('cal-host')));
  });

  it('never emits an attendee name, e-mail, phone or the title', async () => {
    const r = await runPreset(calcom, FILE);
    assertAbsent(r, [...CLIENT_PII, 'between Cal Host']);
  });
});
