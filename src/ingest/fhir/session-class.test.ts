import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actClass, clientOf, readResources, recordsOf } from './fhir-test-kit.js';
import { sessionClass } from './session-class.js';

test('Encounter.class in every shape: only AMB and VR are sessions', () => {
  const cases: [unknown, ReturnType<typeof sessionClass>][] = [
    [actClass('AMB'), { session: true }], // R4 Coding
    [{ code: 'VR' }, { session: true }], // system left out
    [[{ coding: [actClass('VR')] }], { session: true }], // R5 CodeableConcept[]
    [{ coding: [actClass('AMB')], text: 'ambulatory' }, { session: true }], // a CodeableConcept
    [[actClass('AMB')], { session: true }], // an array of Codings
    [actClass('IMP'), { session: false, label: 'IMP' }],
    [[{ coding: [actClass('EMER')] }], { session: false, label: 'EMER' }],
    [
      { system: 'http://hl7.org/fhir/v3/ActCode', code: 'HH' },
      { session: false, label: 'HH' },
    ],
    [
      { system: 'urn:local', code: 'AMB' },
      { session: false, label: 'urn:local|AMB' },
    ],
    [undefined, { session: false, label: 'no class' }],
    [{ display: 'ambulatory' }, { session: false, label: 'no class' }],
  ];
  for (const [cls, expected] of cases) {
    assert.deepEqual(sessionClass({ class: cls }), expected, JSON.stringify(cls));
  }
});

const enc = (id: string, cls: unknown, start: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Encounter',
  id,
  status: 'finished',
  class: cls,
  subject: { reference: 'Patient/p1' },
  participant: [{ individual: { reference: 'Practitioner/d1' } }],
  period: { start, end: start.replace('T10:00', 'T10:50') },
  ...extra,
});

test('only finished AMB/VR encounters become sessions; the rest are counted by class', async () => {
  const res = await readResources([
    { resourceType: 'Practitioner', id: 'd1' },
    { resourceType: 'Patient', id: 'p1' },
    enc('imp', actClass('IMP'), '2026-01-05T10:00:00Z'), // earliest, but a hospital stay
    enc('amb', actClass('AMB'), '2026-02-02T10:00:00Z'),
    enc('vr', [{ coding: [actClass('VR')] }], '2026-02-09T10:00:00Z'),
    enc('emer1', actClass('EMER'), '2026-02-10T10:00:00Z'),
    enc('emer2', { coding: [actClass('EMER')] }, '2026-02-11T10:00:00Z'),
    enc('hh', actClass('HH'), '2026-02-12T10:00:00Z'),
    enc('none', undefined, '2026-02-13T10:00:00Z'),
    enc('planned', actClass('AMB'), '2026-03-02T10:00:00Z', { status: 'planned' }),
  ]);
  assert.deepEqual(
    recordsOf(res, 'appointments').map((a) => [a.appointment_id, a.status, a.actual_duration_min]),
    [
      ['enc-amb', 'completed', 50],
      ['enc-vr', 'completed', 50],
    ],
  );
  assert.deepEqual(res.skippedEncounters, { EMER: 2, HH: 1, IMP: 1, 'no class': 1 });
  const summary = res.issues.filter((i) => i.code === 'not_a_session');
  assert.deepEqual(summary, [
    {
      severity: 'warning',
      code: 'not_a_session',
      message:
        'skipped 5 encounters that are not sessions (EMER 2, HH 1, IMP 1, no class 1); only ambulatory (AMB) and virtual (VR) encounters are sessions',
      path: 'bundle.json:Bundle/?.entry[2].resource(Encounter/imp).class',
    },
  ]);
  assert.ok(res.issues.every((i) => i.severity !== 'error'));
  // The inpatient stay is not the client's first session: intake is the first AMB encounter.
  assert.deepEqual(recordsOf(res, 'clients'), [
    {
      client_id: clientOf('p1'),
      created_at: '2026-02-02T10:00:00Z',
      acquisition_channel: null,
      discharged_at: null,
    },
  ]);
});

test('a finished inpatient Encounter does not complete the Appointment it references', async () => {
  const res = await readResources([
    { resourceType: 'Practitioner', id: 'd1' },
    { resourceType: 'Patient', id: 'p1' },
    {
      resourceType: 'Appointment',
      id: 'a1',
      status: 'booked',
      start: '2026-02-02T10:00:00Z',
      participant: [
        { actor: { reference: 'Patient/p1' } },
        { actor: { reference: 'Practitioner/d1' } },
      ],
    },
    enc('e1', actClass('IMP'), '2026-02-02T10:00:00Z', {
      appointment: [{ reference: 'Appointment/a1' }],
    }),
  ]);
  assert.deepEqual(
    recordsOf(res, 'appointments').map((a) => [a.appointment_id, a.status]),
    [['a1', 'booked']],
  );
});

test('service is the serviceType (R4 or R5), never the type, reason or diagnosis', async () => {
  const noise = {
    type: [{ coding: [{ code: '185345009', display: 'Encounter for symptom' }] }],
    reasonCode: [{ text: 'Obstetric emergency hospital admission' }],
    diagnosis: [{ condition: { display: 'Death Certification' } }],
  };
  const res = await readResources([
    { resourceType: 'Practitioner', id: 'd1' },
    { resourceType: 'Patient', id: 'p1' },
    enc('r4', actClass('AMB'), '2026-02-02T10:00:00Z', {
      ...noise,
      serviceType: { coding: [{ system: 'urn:practice', code: 'cbt', display: 'CBT session' }] },
    }),
    enc('r4text', actClass('AMB'), '2026-02-03T10:00:00Z', {
      serviceType: { text: 'Couples therapy', coding: [{ code: 'couples' }] },
    }),
    enc('r4code', actClass('AMB'), '2026-02-04T10:00:00Z', {
      serviceType: { coding: [{ code: 'intake' }] },
    }),
    enc('r5', [{ coding: [actClass('VR')] }], '2026-02-05T10:00:00Z', {
      serviceType: [{ concept: { coding: [{ code: 'video', display: 'Video therapy' }] } }],
    }),
    enc('none', actClass('AMB'), '2026-02-06T10:00:00Z', noise),
  ]);
  assert.deepEqual(
    recordsOf(res, 'appointments').map((a) => [a.appointment_id, a.service]),
    [
      ['enc-r4', 'CBT session'],
      ['enc-r4text', 'Couples therapy'],
      ['enc-r4code', 'intake'],
      ['enc-r5', 'Video therapy'],
      ['enc-none', null],
    ],
  );
});
