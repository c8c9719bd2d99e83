import assert from 'node:assert/strict';
import { PID, activity, appointment, insert, onEveryDialect, survey } from '../test-records.js';
import { dataEnd } from './data-end.js';

const NOW = Date.parse('2026-03-01T00:00:00Z');

onEveryDialect('the end of the data', {
  'latest instant of what happened, future bookings left out, capped by now': async (db) => {
    assert.equal(await dataEnd(db, PID, NOW), NOW, 'no record: now');
    await insert(db, 'appointments', [
      appointment({ start: '2026-02-10T10:00:00Z' }),
      appointment({ start: '2026-02-12T10:00:00Z', status: 'no_show' }),
      appointment({ start: '2026-04-01T10:00:00Z', status: 'booked' }),
    ]);
    assert.equal(await dataEnd(db, PID, NOW), Date.parse('2026-02-12T10:00:00Z'));
    await insert(db, 'surveys', [survey('c1', '2026-02-20T08:00:00Z', 5)]);
    assert.equal(await dataEnd(db, PID, NOW), Date.parse('2026-02-20T08:00:00Z'));
    await insert(db, 'activity', [activity('client', 'c1', '2026-05-01T00:00:00Z')]);
    assert.equal(await dataEnd(db, PID, NOW), NOW, 'a record after now: now');
    assert.equal(await dataEnd(db, 'other', NOW), NOW, 'per practice');
  },
});
