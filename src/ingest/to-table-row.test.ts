import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entitySchema } from '../model/entities.js';
import { defaultPractice, type Practice } from '../model/practice.js';
import { toTableRow } from './to-table-row.js';

const appointment = (patch: Record<string, string>, practice: Practice = defaultPractice()) => {
  const rec = entitySchema('appointments', practice.timezone).parse({
    appointment_id: 'a1',
    client_id: 'c1',
    therapist_id: 't1',
    scheduled_start: '2026-03-10T10:00:00Z',
    status: 'cancelled',
    ...patch,
  });
  const n = toTableRow('appointments', rec, practice);
  assert.ok('row' in n);
  return n.row;
};

describe('toTableRow', () => {
  it('infers a late cancellation from cancelled_at within the 24 h default', () => {
    const r = appointment({ cancelled_at: '2026-03-09T12:00:00Z', cancelled_by: 'client' });
    assert.deepEqual([r.status, r.source_status], ['late_cancelled', 'cancelled']);
    const early = appointment({ cancelled_at: '2026-03-08T12:00:00Z', cancelled_by: 'client' });
    assert.equal(early.status, 'cancelled');
  });

  it("follows a changed practice notice, and counts an unattributed cancellation as the client's", () => {
    const practice = { ...defaultPractice(), late_cancel_notice_hours: 48 };
    const r = appointment({ cancelled_at: '2026-03-08T12:00:00Z' }, practice);
    assert.equal(r.status, 'late_cancelled');
    const byTherapist = appointment(
      { cancelled_at: '2026-03-10T09:00:00Z', cancelled_by: 'therapist' },
      practice,
    );
    assert.equal(byTherapist.status, 'cancelled');
  });

  it('stores price in minor units with the practice currency when none is given', () => {
    const r = appointment({ status: 'completed', price: '120.5' });
    assert.deepEqual([r.price_minor, r.currency, 'price' in r], [12050, 'USD', false]);
    const rec = entitySchema('appointments', 'UTC').parse({
      appointment_id: 'a',
      client_id: 'c',
      therapist_id: 't',
      scheduled_start: '2026-03-10T10:00:00Z',
      status: 'completed',
      price: '10.5',
      currency: 'JPY',
    });
    const bad = toTableRow('appointments', rec, defaultPractice());
    assert.ok('field' in bad && bad.field === 'price');
  });

  it('joins lists with ; and renames start/end', () => {
    const t = toTableRow(
      'therapists',
      entitySchema('therapists', 'UTC').parse({ therapist_id: 't', languages: 'en; de' }),
      defaultPractice(),
    );
    assert.ok('row' in t && t.row.languages === 'en;de' && t.row.specialties === '');
    const a = toTableRow(
      'availability',
      entitySchema('availability', 'UTC').parse({
        therapist_id: 't',
        start: '2026-01-01T09:00:00Z',
        end: '2026-01-01T10:00:00Z',
      }),
      defaultPractice(),
    );
    assert.ok('row' in a && a.row.start_at === Date.UTC(2026, 0, 1, 9) && !('start' in a.row));
  });
});
