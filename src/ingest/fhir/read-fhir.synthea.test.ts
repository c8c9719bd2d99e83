import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { entitySchema } from '../../model/entities.js';
import { pseudonymousId } from '../presets/pseudonymous-id.js';
import { readFhir } from './read-fhir.js';
import { clientOf, WITH_KEY } from './fhir-test-kit.js';

const DIR = fileURLToPath(
  new URL('../../../../shared/data/external/smart-sample-bulk-fhir-10-patients', import.meta.url),
);
const absent = !existsSync(DIR);
if (absent) console.log(`notice: ${DIR} is absent; Synthea FHIR tests skipped`);

test(
  'Synthea bulk export: its 1,134 finished AMB and VR encounters are the completed sessions',
  { skip: absent },
  async () => {
    const res = await readFhir([DIR], WITH_KEY);
    assert.equal(res.resourceCounts.Encounter, 1215);
    assert.equal(res.resourceCounts.Patient, 13);
    assert.equal(res.resourceCounts.Practitioner, 43);
    assert.equal(res.resourceCounts.PractitionerRole, 43);
    assert.deepEqual(res.unsupported, { Location: 44, Organization: 43 });
    assert.deepEqual(res.mapped, {
      therapists: 43,
      clients: 13,
      availability: 0,
      slots: 0,
      appointments: 1134, // 1,133 AMB + 1 VR, counted with jq over Encounter.000.ndjson
      session_ratings: 0,
      surveys: 0,
      messages: 0,
      payments: 0,
      activity: 0,
    });
    const appts = res.records.filter((r) => r.entity === 'appointments').map((r) => r.record);
    assert.ok(
      appts.every((a) => a.status === 'completed' && String(a.appointment_id).startsWith('enc-')),
    );
    // One AMB encounter lasted 2,286 min: kept as a session, without a duration (warned).
    const untimed = appts.filter((a) => a.actual_duration_min === null);
    assert.equal(untimed.length, 1);
    assert.equal(untimed[0]!.scheduled_end, null);
    assert.ok(res.issues.some((i) => /2286 min, more than a day/.test(i.message)));
    assert.equal(appts.length - untimed.length, 1133);
    assert.ok(
      appts.every(
        (a) => a.actual_duration_min === null || typeof a.actual_duration_min === 'number',
      ),
    );
    const clients = new Set(
      res.records.filter((r) => r.entity === 'clients').map((r) => r.record.client_id),
    );
    const therapists = new Set(
      res.records.filter((r) => r.entity === 'therapists').map((r) => r.record.therapist_id),
    );
    // Conditional Practitioner?identifier=…|NPI references resolve to the Practitioners' ids.
    assert.ok(appts.every((a) => clients.has(a.client_id) && therapists.has(a.therapist_id)));
    assert.equal(new Set(appts.map((a) => a.therapist_id)).size <= 43, true);
    // The other 81 finished encounters (jq: EMER 23, HH 9, IMP 49) are skipped and counted.
    assert.deepEqual(res.skippedEncounters, { EMER: 23, HH: 9, IMP: 49 });
    assert.deepEqual(
      res.issues.filter((i) => i.severity !== 'info').map((i) => [i.severity, i.code, i.message]),
      [
        [
          'warning',
          'invalid_value',
          'Encounter lasted 2286 min, more than a day; loaded as a session without a duration',
        ],
        [
          'warning',
          'not_a_session',
          'skipped 81 encounters that are not sessions (EMER 23, HH 9, IMP 49); only ambulatory (AMB) and virtual (VR) encounters are sessions',
        ],
      ],
    );
    // No service is invented from Encounter.type ("Encounter for problem", …): none has a serviceType.
    assert.ok(appts.every((a) => a.service === null));
    // The bulk-export log.ndjson lines are noted, not errors.
    assert.ok(res.issues.some((i) => i.code === 'not_a_resource' && i.path === 'log.ndjson:1'));
  },
);

test(
  'Synthea: every record passes its entity schema; intake is the first encounter',
  { skip: absent },
  async () => {
    const res = await readFhir([DIR], WITH_KEY);
    for (const r of res.records) {
      const parsed = entitySchema(r.entity, 'UTC').safeParse(r.record);
      assert.ok(parsed.success, `${r.path}: ${JSON.stringify(parsed.error?.issues)}`);
    }
    const client = res.records.find(
      (r) =>
        r.entity === 'clients' &&
        r.record.client_id === clientOf('79a66c97-6131-3213-f3c9-4606946ab056'),
    );
    assert.equal(client?.record.created_at, '1936-05-23T23:58:16-04:00');
    const therapist = res.records.find((r) => r.entity === 'therapists')!.record;
    assert.deepEqual(therapist.specialties, ['General Practice Physician']);
    assert.match(String(therapist.display_name), /^Dr\. /);
    const json = JSON.stringify(res.records.filter((r) => r.entity === 'clients'));
    assert.doesNotMatch(json, /@example\.com|Marine542/); // no client names or e-mails
  },
);

test(
  'Synthea: Patient ids never reach the records; every reference maps to the keyed hash',
  { skip: absent },
  async () => {
    const res = await readFhir([DIR], WITH_KEY);
    const patientIds = (await readFile(join(DIR, 'Patient.000.ndjson'), 'utf8'))
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => String((JSON.parse(l) as { id: string }).id));
    assert.equal(patientIds.length, 13);
    const json = JSON.stringify(res.records.map((r) => r.record));
    for (const id of patientIds) assert.ok(!json.includes(id), `Patient id ${id} is stored`);
    const clients = res.records.filter((r) => r.entity === 'clients').map((r) => r.record);
    assert.deepEqual(clients.map((c) => c.client_id).sort(), patientIds.map(clientOf).sort());
    const appts = res.records.filter((r) => r.entity === 'appointments').map((r) => r.record);
    const known = new Set(clients.map((c) => c.client_id));
    assert.ok(appts.every((a) => known.has(a.client_id)));
    // Another practice key gives other ids; therapists keep their Practitioner ids.
    const other = await readFhir([DIR], { hashKey: 'another-practice' });
    const otherIds = other.records.filter((r) => r.entity === 'clients').map((r) => r.record);
    assert.deepEqual(
      otherIds.map((c) => c.client_id).sort(),
      patientIds.map((id) => pseudonymousId('client', id, 'another-practice')).sort(),
    );
    const therapists = res.records.filter((r) => r.entity === 'therapists');
    assert.ok(therapists.every((t) => !String(t.record.therapist_id).startsWith('t-')));
  },
);
