import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entitySchema } from '../model/entities.js';
import { validateRow } from './validate-row.js';

const schema = entitySchema('appointments', 'UTC');
const base = {
  appointment_id: 'a1',
  client_id: 'c1',
  therapist_id: 't1',
  scheduled_start: '2026-03-01T10:00:00Z',
  status: 'completed',
};
const problems = (patch: Record<string, string>) => {
  const r = validateRow(schema, { ...base, ...patch }, 'appointments.csv', 17);
  assert.equal(r.ok, false);
  return r.ok ? [] : r.issues.map((i) => [i.code, i.path, i.message]);
};

describe('validateRow', () => {
  it('accepts a good row and reads instants to epoch ms', () => {
    const r = validateRow(schema, base, 'appointments.csv', 2);
    assert.ok(r.ok);
    assert.equal(r.ok && r.value.scheduled_start, Date.UTC(2026, 2, 1, 10));
  });

  it('names the field, the value and the reason for a bad date', () => {
    const [first] = problems({ scheduled_start: '2026-13-01' }) as string[][];
    const [code, path, message] = first ?? [];
    assert.equal(code, 'invalid_value');
    assert.equal(path, 'appointments.csv:17:scheduled_start');
    assert.match(message!, /^scheduled_start: "2026-13-01" /);
  });

  it('rejects an unknown status with the allowed values', () => {
    assert.deepEqual(problems({ status: 'done' }), [
      [
        'invalid_value',
        'appointments.csv:17:status',
        'status: "done" must be one of booked, completed, no_show, cancelled, late_cancelled',
      ],
    ]);
  });

  it('reports a missing id as missing_value', () => {
    assert.deepEqual(problems({ client_id: '' }), [
      ['missing_value', 'appointments.csv:17:client_id', 'client_id: is required'],
    ]);
  });

  it('rejects a negative duration and booked_at before requested_at', () => {
    assert.deepEqual(problems({ scheduled_end: '2026-03-01T09:00:00Z' }), [
      [
        'invalid_value',
        'appointments.csv:17:scheduled_end',
        'scheduled_end: "2026-03-01T09:00:00Z" is before scheduled_start (negative duration)',
      ],
    ]);
    assert.deepEqual(
      problems({ requested_at: '2026-02-10T00:00:00Z', booked_at: '2026-02-09T00:00:00Z' }),
      [
        [
          'invalid_value',
          'appointments.csv:17:booked_at',
          'booked_at: "2026-02-09T00:00:00Z" is before requested_at',
        ],
      ],
    );
  });
});
