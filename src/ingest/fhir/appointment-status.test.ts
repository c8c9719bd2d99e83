import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { appointmentStatus, cancelledBy } from './appointment-status.js';
import { readFhir } from './read-fhir.js';
import { actClass, clientOf, WITH_KEY } from './fhir-test-kit.js';

test('Appointment.status mapping table', () => {
  const table = Object.fromEntries(
    [
      'fulfilled',
      'noshow',
      'cancelled',
      'booked',
      'pending',
      'arrived',
      'checked-in',
      'proposed',
      'waitlist',
      'entered-in-error',
      'bogus',
    ].map((s) => {
      const o = appointmentStatus(s);
      return [s, o.kind === 'status' ? o.status : o.kind];
    }),
  );
  assert.deepEqual(table, {
    fulfilled: 'completed',
    noshow: 'no_show',
    cancelled: 'cancelled',
    booked: 'booked',
    pending: 'booked',
    arrived: 'booked',
    'checked-in': 'booked',
    proposed: 'request',
    waitlist: 'request',
    'entered-in-error': 'drop',
    bogus: 'drop',
  });
});

test('cancelationReason → cancelled_by', () => {
  const reason = (code: string) => ({
    coding: [
      { system: 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason', code },
    ],
  });
  assert.equal(cancelledBy(reason('pat')), 'client');
  assert.equal(cancelledBy(reason('pat-mv')), 'client');
  assert.equal(cancelledBy(reason('prov')), 'therapist');
  assert.equal(cancelledBy(reason('prov-pers')), 'therapist');
  assert.equal(cancelledBy(reason('maint')), 'practice');
  assert.equal(cancelledBy(reason('meet')), 'practice');
  assert.equal(cancelledBy(reason('oth')), 'practice');
  assert.equal(cancelledBy(reason('oth-weath')), 'practice');
  assert.equal(cancelledBy(reason('xyz')), null);
  assert.equal(cancelledBy(undefined), null);
});

const appt = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  fullUrl: `urn:uuid:0000-${id}`,
  resource: {
    resourceType: 'Appointment',
    id,
    status,
    start: '2026-03-02T10:00:00+01:00',
    end: '2026-03-02T10:50:00+01:00',
    participant: [
      { actor: { reference: 'urn:uuid:pat-1' } },
      { actor: { reference: 'https://fhir.example/r4/PractitionerRole/role-1' } },
    ],
    ...extra,
  },
});

test('Appointments in a transaction bundle: statuses, cancellations, requests, encounter link', async () => {
  const bundle = {
    resourceType: 'Bundle',
    id: 'tx',
    type: 'transaction',
    entry: [
      {
        fullUrl: 'urn:uuid:pat-1',
        resource: { resourceType: 'Patient', name: [{ family: 'Secret' }] },
      },
      {
        resource: {
          resourceType: 'Practitioner',
          id: 'dr-1',
          identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '42' }],
        },
      },
      {
        resource: {
          resourceType: 'PractitionerRole',
          id: 'role-1',
          practitioner: { reference: 'Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|42' },
        },
      },
      appt('a1', 'fulfilled', {
        created: '2026-02-20T08:00:00Z',
        minutesDuration: 50,
        serviceType: [{ text: 'Video therapy' }],
      }),
      appt('a2', 'cancelled', {
        meta: { lastUpdated: '2026-03-01T20:00:00Z' },
        cancelationReason: { coding: [{ code: 'pat' }] },
      }),
      appt('a3', 'noshow'),
      appt('a4', 'entered-in-error'),
      appt('a5', 'proposed', { start: undefined, end: undefined, created: '2026-02-25' }),
      appt('a6', 'waitlist', { created: '2026-02-26' }),
      appt('a7', 'booked'),
      {
        resource: {
          resourceType: 'Encounter',
          id: 'e7',
          status: 'finished',
          class: actClass('VR'),
          subject: { reference: 'urn:uuid:pat-1' },
          appointment: [{ reference: 'Appointment/a7' }],
          period: { start: '2026-03-02T10:02:00+01:00', end: '2026-03-02T10:47:00+01:00' },
        },
      },
    ],
  };
  const dir = await mkdtemp(join(tmpdir(), 'rapport-fhir-'));
  await writeFile(join(dir, 'tx.json'), JSON.stringify(bundle));
  const res = await readFhir([dir], WITH_KEY);
  const appts = Object.fromEntries(
    res.records
      .filter((r) => r.entity === 'appointments')
      .map((r) => [r.record.appointment_id, r.record]),
  );
  assert.deepEqual(Object.keys(appts).sort(), ['a1', 'a2', 'a3', 'a6', 'a7']);
  assert.equal(appts.a1!.status, 'completed');
  assert.equal(appts.a1!.client_id, clientOf('pat-1')); // urn:uuid fullUrl → logical id
  assert.equal(appts.a1!.therapist_id, 'dr-1'); // PractitionerRole → its practitioner (by NPI)
  assert.equal(appts.a1!.service, 'Video therapy');
  assert.equal(appts.a1!.duration_min, 50);
  assert.equal(appts.a1!.requested_at, '2026-02-20T08:00:00Z');
  assert.deepEqual(
    [appts.a2!.status, appts.a2!.cancelled_by, appts.a2!.cancelled_at],
    ['cancelled', 'client', '2026-03-01T20:00:00Z'],
  );
  assert.equal(appts.a3!.status, 'no_show');
  assert.deepEqual([appts.a6!.status, appts.a6!.requested_at], ['booked', '2026-02-26']);
  assert.deepEqual([appts.a7!.status, appts.a7!.actual_duration_min], ['completed', 45]);
  assert.equal(res.mapped.appointments, 5); // the encounter completed a7, no second record
  const info = (code: string) =>
    res.issues.filter((i) => i.code === code && i.severity === 'info').map((i) => i.path);
  assert.deepEqual(info('booking_request'), [
    'tx.json:Bundle/tx.entry[7].resource(Appointment/a5).start',
  ]);
  assert.deepEqual(info('skipped_status'), [
    'tx.json:Bundle/tx.entry[6].resource(Appointment/a4).status',
  ]);
  assert.equal(
    res.records.find((r) => r.entity === 'clients')?.record.created_at,
    '2026-03-02T10:00:00+01:00',
  );
  assert.doesNotMatch(JSON.stringify(res.records), /Secret/);
  assert.deepEqual(
    res.issues.filter((i) => i.severity !== 'info'),
    [],
  );
});
