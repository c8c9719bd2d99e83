import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { entitySchema } from '../../model/entities.js';
import { readFhir } from './read-fhir.js';
import { clientOf, WITH_KEY } from './fhir-test-kit.js';

const DIR = fileURLToPath(
  new URL('../../../../shared/data/external/hl7-fhir-r4-examples', import.meta.url),
);
const absent = !existsSync(DIR);
if (absent) console.log(`notice: ${DIR} is absent; HL7 example tests skipped`);

test(
  'every HL7 R4 example file reads on its own without throwing or errors',
  { skip: absent },
  async () => {
    for (const f of readdirSync(DIR)) {
      const res = await readFhir([join(DIR, f)], WITH_KEY);
      assert.deepEqual(
        res.issues.filter((i) => i.severity === 'error'),
        [],
        f,
      );
    }
  },
);

test('HL7 R4 examples folder: mapped counts and unsupported types', { skip: absent }, async () => {
  const res = await readFhir([DIR], WITH_KEY);
  assert.deepEqual(res.mapped, {
    therapists: 2, // Practitioner example (+ its PractitionerRole) and f201
    clients: 2, // Patient example (first appointment) and 12423 (meta.lastUpdated)
    availability: 1, // Schedules exampleloc1/2: Practitioner/1, same horizon, kept once
    slots: 0, // their Schedule/example has only a Location actor
    appointments: 2, // Appointment example and 2docs; Encounter home is home health (HH)
    session_ratings: 0,
    surveys: 0, // 3141, bb, f201, gcs are not PHQ-9/GAD-7/csat
    messages: 0, // senders are a Device, an identifier and a contained resource
    payments: 0, // Invoice example is issued (billed, unpaid); a ChargeItem is a charge; see below
    activity: 0,
  });
  assert.deepEqual(Object.keys(res.unsupported).sort(), [
    'Account',
    'AppointmentResponse',
    'ChargeItemDefinition',
    'CommunicationRequest',
    'EpisodeOfCare',
    'HealthcareService',
    'Location',
    'Medication',
    'MedicationRequest',
    'Organization',
    'Parameters',
  ]);
  assert.deepEqual(
    res.issues.filter((i) => i.severity === 'error'),
    [],
  );
  const rec = (entity: string, id: string, key: string) =>
    res.records.find((r) => r.entity === entity && r.record[key] === id)?.record;
  // Encounters: example and emerg are inpatient (IMP), home is home health (HH): not sessions.
  assert.equal(rec('appointments', 'enc-home', 'appointment_id'), undefined);
  assert.deepEqual(res.skippedEncounters, { HH: 1, IMP: 2 });
  assert.equal(rec('appointments', 'example', 'appointment_id')?.requested_at, '2013-10-10');
  assert.equal(
    rec('clients', clientOf('example'), 'client_id')?.created_at,
    '2013-12-09T09:00:00Z',
  );
  const therapist = rec('therapists', 'example', 'therapist_id');
  assert.deepEqual(therapist?.specialties, ['General medical practice']);
  assert.equal(therapist?.active_from, '2012-01-01');
  assert.equal(therapist?.active_to, '2012-03-31');
  const codes = (code: string) => res.issues.filter((i) => i.code === code).map((i) => i.path);
  assert.deepEqual(codes('booking_request'), [
    'Appointment-examplereq.json:Appointment/examplereq.start',
  ]);
  assert.deepEqual(codes('not_a_session'), ['Encounter-emerg.json:Encounter/emerg.class']);
  const skipped = codes('skipped_status');
  assert.ok(skipped.includes('Invoice-example.json:Invoice/example.status'));
  assert.ok(skipped.includes('ChargeItem-example.json:ChargeItem/example'));
  // PaymentNotice 77654 announces PaymentReconciliation ER2500 (in the input): counted there,
  // and ER2500's details are paid to organizations, so neither is a client's payment.
  assert.ok(codes('duplicate_resource').includes('PaymentNotice-77654.json:PaymentNotice/77654'));
  assert.equal(codes('unsupported_instrument').length, 4);
  assert.ok(
    codes('unsupported_resource').includes(
      'Bundle-bundle-example.json:Bundle/bundle-example.entry[0].resource(MedicationRequest/3123)',
    ),
  );
  for (const r of res.records) {
    const parsed = entitySchema(r.entity, 'UTC').safeParse(r.record);
    assert.ok(parsed.success, `${r.path}: ${JSON.stringify(parsed.error?.issues)}`);
  }
});
