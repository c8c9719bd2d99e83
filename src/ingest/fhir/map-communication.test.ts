import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readFhir } from './read-fhir.js';
import { clientOf, WITH_KEY } from './fhir-test-kit.js';

const P1 = clientOf('p1');

const comm = (id: string, from: string, to: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Communication',
  id,
  status: 'completed',
  sender: { reference: from },
  recipient: [{ reference: to }],
  sent: '2026-03-01T12:00:00Z',
  ...extra,
});

test('messages, log-ins and payments from NDJSON', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rapport-fhir-'));
  const lines = [
    { resourceType: 'Patient', id: 'p1', meta: { lastUpdated: '2026-01-01T00:00:00Z' } },
    { resourceType: 'Practitioner', id: 'd1' },
    comm('m1', 'Patient/p1', 'Practitioner/d1'),
    comm('m2', 'Practitioner/d1', 'Patient/p1', {
      inResponseTo: [{ reference: 'Communication/m1' }],
    }),
    comm('m3', 'Practitioner/d1', 'Patient/p1', {
      inResponseTo: [{ reference: 'Communication/m2' }],
    }),
    comm('m4', 'Practitioner/d1', 'Patient/p1', { encounter: { reference: 'Encounter/e9' } }),
    comm('m5', 'Device/x', 'Patient/p1'),
    {
      resourceType: 'AuditEvent',
      id: 'a1',
      type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110114' },
      subtype: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110122' }],
      recorded: '2026-03-01T11:59:00Z',
      outcome: '0',
      agent: [{ who: { reference: 'Patient/p1' }, requestor: true }],
    },
    {
      resourceType: 'PaymentReconciliation',
      id: 'pr1',
      status: 'active',
      detail: [
        {
          payee: { reference: 'Patient/p1' },
          date: '2026-03-02',
          amount: { value: 95.5, currency: 'usd' },
        },
        {
          payee: { reference: 'Organization/o1' },
          date: '2026-03-02',
          amount: { value: 10, currency: 'USD' },
        },
      ],
    },
  ];
  await writeFile(join(dir, 'mixed.ndjson'), lines.map((l) => JSON.stringify(l)).join('\n'));
  const res = await readFhir([dir], WITH_KEY);
  const of = (e: string) => res.records.filter((r) => r.entity === e).map((r) => r.record);
  assert.deepEqual(
    of('messages').map((m) => [
      m.message_id,
      m.conversation_id,
      m.sender,
      m.client_id,
      m.therapist_id,
    ]),
    [
      [`m1`, `${P1}-d1`, 'client', P1, 'd1'],
      ['m2', 'communication-m1', 'therapist', P1, 'd1'],
      ['m3', 'communication-m1', 'therapist', P1, 'd1'],
      ['m4', 'encounter-e9', 'therapist', P1, 'd1'],
    ],
  );
  assert.deepEqual(of('activity'), [
    { user_id: P1, user_type: 'client', occurred_at: '2026-03-01T11:59:00Z', kind: 'login' },
  ]);
  assert.deepEqual(of('payments'), [
    {
      payment_id: 'paymentreconciliation-pr1-0',
      client_id: P1,
      amount: '95.50',
      paid_at: '2026-03-02',
      currency: 'USD',
      appointment_id: null,
    },
  ]);
  const warned = res.issues.filter((i) => i.severity === 'warning').map((i) => i.path);
  assert.deepEqual(warned, [
    'mixed.ndjson:7:Communication/m5.sender',
    'mixed.ndjson:9:PaymentReconciliation/pr1',
  ]);
});
