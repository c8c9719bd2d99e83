import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pseudonymousId } from '../presets/pseudonymous-id.js';
import { actClass, TEST_KEY, tmpFile } from './fhir-test-kit.js';
import { readFhir } from './read-fhir.js';

const FEEDBACK = 'https://practice.example/Questionnaire/session-feedback';

/** One Patient named in every way a resource can refer to it. */
const resources = [
  {
    resourceType: 'Patient',
    id: 'MRN-000417',
    identifier: [{ system: 'urn:mrn', value: '000417' }],
    meta: { lastUpdated: '2026-01-01T00:00:00Z' },
  },
  { resourceType: 'Practitioner', id: 'd1' },
  {
    resourceType: 'Appointment',
    id: 'a1',
    status: 'booked',
    start: '2026-02-09T10:00:00Z',
    participant: [
      { actor: { reference: 'Patient/MRN-000417' } },
      { actor: { reference: 'Practitioner/d1' } },
    ],
  },
  {
    resourceType: 'Encounter',
    id: 'e1',
    status: 'finished',
    class: actClass('AMB'),
    subject: { reference: 'Patient?identifier=urn:mrn|000417' }, // conditional (Synthea style)
    participant: [{ individual: { reference: 'Practitioner/d1' } }],
    period: { start: '2026-02-02T10:00:00Z', end: '2026-02-02T10:50:00Z' },
  },
  {
    resourceType: 'QuestionnaireResponse',
    id: 'q1',
    questionnaire: FEEDBACK,
    status: 'completed',
    subject: { reference: 'Patient/MRN-000417' },
    authored: '2026-02-02T11:00:00Z',
    item: [{ linkId: 'rating', answer: [{ valueInteger: 5 }] }],
  },
  {
    resourceType: 'Communication',
    id: 'm1',
    status: 'completed',
    sender: { reference: 'Patient/MRN-000417' },
    recipient: [{ reference: 'Practitioner/d1' }],
    sent: '2026-02-03T08:00:00Z',
  },
  {
    resourceType: 'Communication',
    id: 'm2',
    status: 'completed',
    sender: { reference: 'Practitioner/d1' },
    recipient: [{ type: 'Patient', identifier: { system: 'urn:mrn', value: '000417' } }],
    sent: '2026-02-03T09:00:00Z',
  },
  {
    resourceType: 'AuditEvent',
    id: 'l1',
    type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110114' },
    subtype: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110122' }],
    recorded: '2026-02-03T07:59:00Z',
    agent: [{ who: { reference: 'Patient/MRN-000417' }, requestor: true }],
  },
  {
    resourceType: 'Invoice',
    id: 'i1',
    status: 'balanced',
    subject: { reference: 'Patient/MRN-000417' },
    date: '2026-02-02T12:00:00Z',
    totalGross: { value: 90, currency: 'EUR' },
  },
  {
    resourceType: 'PaymentReconciliation',
    id: 'pr1',
    status: 'active',
    paymentDate: '2026-02-04',
    detail: [
      { submitter: { reference: 'Patient/MRN-000417' }, amount: { value: 40, currency: 'EUR' } },
    ],
  },
];

const read = async (hashKey: string) => {
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: resources.map((resource) => ({ resource })),
  };
  return readFhir([await tmpFile('patient-refs.json', JSON.stringify(bundle))], {
    hashKey,
    satisfactionQuestionnaires: [FEEDBACK],
  });
};

/** Every client id a record carries, by entity and record id. */
function clientIds(res: Awaited<ReturnType<typeof read>>): string[][] {
  return res.records.flatMap(({ entity, record }) => {
    const id = String(Object.values(record)[0]);
    if (entity === 'activity') return [[entity, String(record.user_id)]];
    if (
      entity === 'messages' ||
      entity === 'clients' ||
      entity === 'appointments' ||
      entity === 'surveys' ||
      entity === 'payments'
    )
      return [[`${entity} ${id}`, String(record.client_id)]];
    return [];
  });
}

test('every reference to a Patient maps to the same keyed hash of its id', async () => {
  const res = await read(TEST_KEY);
  const hashed = pseudonymousId('client', 'MRN-000417', TEST_KEY);
  assert.match(hashed, /^c-[0-9a-f]{16}$/);
  assert.deepEqual(clientIds(res), [
    ['clients ' + hashed, hashed],
    ['appointments a1', hashed],
    ['appointments enc-e1', hashed],
    ['surveys q1', hashed],
    ['messages m1', hashed],
    ['messages m2', hashed],
    ['payments invoice-i1', hashed],
    ['payments paymentreconciliation-pr1-0', hashed],
    ['activity', hashed],
  ]);
  // The Patient id (a record number) appears nowhere, not even inside a conversation id.
  assert.doesNotMatch(JSON.stringify(res.records.map((r) => r.record)), /MRN|000417/);
  const convo = res.records.find((r) => r.record.message_id === 'm1')?.record.conversation_id;
  assert.equal(convo, `${hashed}-d1`);
  // Therapists keep their Practitioner ids (not pseudonymous, like a preset's therapist id column).
  assert.deepEqual(
    res.records.filter((r) => r.entity === 'therapists').map((r) => r.record.therapist_id),
    ['d1'],
  );
  assert.deepEqual(
    res.issues.filter((i) => i.severity !== 'info'),
    [],
  );
});

test('the same key gives the same ids on every read; another key other ids', async () => {
  const first = clientIds(await read(TEST_KEY));
  assert.deepEqual(clientIds(await read(TEST_KEY)), first);
  const other = clientIds(await read('another-practice-key'));
  const hashedOther = pseudonymousId('client', 'MRN-000417', 'another-practice-key');
  assert.ok(other.every(([, id]) => id === hashedOther));
  assert.notEqual(hashedOther, first[0]![1]);
});
