import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appointmentSchema } from './appointment.js';
import { clientSchema } from './client.js';
import { toMinorUnits } from './money.js';
import { sessionRatingSchema } from './session-rating.js';
import { surveySchema } from './survey.js';
import { therapistSchema } from './therapist.js';

/** The first issue of a parse as `field: message`, or 'ok'. */
const first = (r: {
  success: boolean;
  error?: { issues: Array<{ path: PropertyKey[]; message: string }> };
}) => (r.success ? 'ok' : `${String(r.error!.issues[0]!.path[0])}: ${r.error!.issues[0]!.message}`);

const appointment = (more: Record<string, unknown>) =>
  first(
    appointmentSchema('UTC').safeParse({
      appointment_id: 'a1',
      client_id: 'c1',
      therapist_id: 't1',
      scheduled_start: '2026-03-02T10:00:00Z',
      status: 'completed',
      ...more,
    }),
  );

describe('shared field builders', () => {
  it('read plain decimal text only: no 0x10, 0b11, 1e3 or Infinity in number fields', () => {
    for (const v of ['0x10', '0b11', '1e3', 'Infinity', '0o7', '12abc']) {
      assert.equal(appointment({ duration_min: v }), 'duration_min: is not a number', v);
    }
    for (const v of ['0x10', '1e1', '2.5']) {
      const r = therapistSchema('UTC').safeParse({ therapist_id: 't1', max_sessions_per_day: v });
      assert.match(first(r), /^max_sessions_per_day: (is not a number|must be a whole number)$/, v);
    }
    assert.equal(appointment({ duration_min: '50', actual_duration_min: ' 47.5 ' }), 'ok');
  });

  it('hold durations to 0..1440 minutes and counts to their limits', () => {
    assert.equal(appointment({ duration_min: '1440' }), 'ok');
    assert.equal(
      appointment({ duration_min: '1441' }),
      'duration_min: is out of range (0 to 1440)',
    );
    assert.equal(
      appointment({ duration_min: 1.23e29 }),
      'duration_min: is out of range (0 to 1440)',
    );
    assert.equal(
      appointment({ actual_duration_min: '-5' }),
      'actual_duration_min: must not be negative',
    );
    assert.equal(
      appointment({ duration_min: '9'.repeat(400) }),
      `duration_min: "${'9'.repeat(400)}" is out of range (0 to 1440)`,
    );
    const day = (v: string) =>
      first(therapistSchema('UTC').safeParse({ therapist_id: 't1', max_sessions_per_day: v }));
    assert.equal(day('96'), 'ok');
    assert.equal(day('97'), 'max_sessions_per_day: is out of range (0 to 96)');
  });

  it('hold scores and scales to their ranges (PHQ-9 0-27, GAD-7 0-21)', () => {
    const survey = (score: unknown, more: Record<string, unknown> = {}) =>
      first(
        surveySchema('UTC').safeParse({
          response_id: 'r1',
          client_id: 'c1',
          responded_at: '2026-03-02T10:00:00Z',
          score,
          ...more,
        }),
      );
    assert.equal(survey('12', { instrument: 'phq9' }), 'ok');
    assert.equal(
      survey('28', { instrument: 'PHQ9', scale_max: '100' }),
      'score: must be between 0 and 27 for phq9',
    );
    assert.equal(survey('22', { instrument: 'gad7' }), 'score: must be between 0 and 21 for gad7');
    assert.equal(survey('4', { scale_max: '1001' }), 'scale_max: is out of range (0 to 1000)');
    assert.equal(survey('1e3'), 'score: is not a number');
    assert.equal(
      first(sessionRatingSchema('UTC').safeParse({ appointment_id: 'a1', rating: '0x4' })),
      'rating: is not a number',
    );
  });

  it('reject impossible instants with the value, from text and from JSON numbers', () => {
    const client = (created_at: unknown) =>
      first(clientSchema('UTC').safeParse({ client_id: 'c1', created_at }));
    assert.equal(
      client('2026-02-30T24:00:00Z'),
      'created_at: "2026-02-30T24:00:00Z" is not a calendar date',
    );
    assert.match(
      client('2026-03-01T10:00:00+25:00'),
      /created_at: "2026-03-01T10:00:00\+25:00" has a UTC offset out of range/,
    );
    assert.match(client('2026-03-01T10:00:00+99:99'), /UTC offset out of range/);
    assert.match(
      client('0026-03-01T10:00:00Z'),
      /created_at: "0026-03-01T10:00:00Z" is before 1900-01-01/,
    );
    assert.match(client('0000-01-01T00:00:00Z'), /is before 1900-01-01/);
    assert.match(client('2206-03-01T10:00:00Z'), /is after .*more than the accepted years ahead/);
    // JSON.parse('1e309') is Infinity: out of range, shown as such (not as JSON's "null").
    assert.equal(
      client(JSON.parse('1e309')),
      'created_at: "Infinity" is out of range (not a finite number)',
    );
    assert.match(client(-1e15), /"-1000000000000000" is before 1900-01-01/);
    assert.equal(client(Date.UTC(2026, 2, 1)), 'ok');
    assert.equal(client('2026-03-01T10:00:00Z'), 'ok');
  });

  it('keep amounts within ±10^12 minor units', () => {
    assert.equal(toMinorUnits('9999999999.99', 'USD'), 999_999_999_999);
    assert.equal(toMinorUnits('-10000000000.00', 'USD'), -1e12);
    assert.match(
      String(toMinorUnits('10000000000.01', 'USD')),
      /out of range \(at most 10000000000\.00 USD/,
    );
    assert.match(
      String(toMinorUnits('99999999999999999999', 'USD')),
      /"99999999999999999999" is out of range/,
    );
    assert.match(
      String(toMinorUnits('9'.repeat(400), 'JPY')),
      /out of range \(at most 1000000000000 JPY/,
    );
    assert.equal(toMinorUnits('000000000000000000012.50', 'USD'), 1250);
  });
});
