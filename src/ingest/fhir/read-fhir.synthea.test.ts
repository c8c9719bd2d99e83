import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { entitySchema } from '../../model/entities.js';
import { readFhir } from './read-fhir.js';

const DIR = fileURLToPath(
  new URL('../../../../shared/data/external/smart-sample-bulk-fhir-10-patients', import.meta.url),
);
const absent = !existsSync(DIR);
if (absent) console.log(`notice: ${DIR} is absent; Synthea FHIR tests skipped`);

test(
  'Synthea bulk export: 1,215 finished encounters become completed appointments',
  { skip: absent },
  async () => {
    const res = await readFhir([DIR]);
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
      appointments: 1215,
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
    assert.ok(appts.every((a) => typeof a.actual_duration_min === 'number'));
    const clients = new Set(
      res.records.filter((r) => r.entity === 'clients').map((r) => r.record.client_id),
    );
    const therapists = new Set(
      res.records.filter((r) => r.entity === 'therapists').map((r) => r.record.therapist_id),
    );
    // Conditional Practitioner?identifier=…|NPI references resolve to the Practitioners' ids.
    assert.ok(appts.every((a) => clients.has(a.client_id) && therapists.has(a.therapist_id)));
    assert.equal(new Set(appts.map((a) => a.therapist_id)).size <= 43, true);
    assert.deepEqual(
      res.issues.filter((i) => i.severity !== 'info'),
      [],
    );
    // The bulk-export log.ndjson lines are noted, not errors.
    assert.ok(res.issues.some((i) => i.code === 'not_a_resource' && i.path === 'log.ndjson:1'));
  },
);

test(
  'Synthea: every record passes its entity schema; intake is the first encounter',
  { skip: absent },
  async () => {
    const res = await readFhir([DIR]);
    for (const r of res.records) {
      const parsed = entitySchema(r.entity, 'UTC').safeParse(r.record);
      assert.ok(parsed.success, `${r.path}: ${JSON.stringify(parsed.error?.issues)}`);
    }
    const client = res.records.find(
      (r) =>
        r.entity === 'clients' && r.record.client_id === '79a66c97-6131-3213-f3c9-4606946ab056',
    );
    assert.equal(client?.record.created_at, '1936-05-23T23:58:16-04:00');
    const therapist = res.records.find((r) => r.entity === 'therapists')!.record;
    assert.deepEqual(therapist.specialties, ['General Practice Physician']);
    assert.match(String(therapist.display_name), /^Dr\. /);
    const json = JSON.stringify(res.records.filter((r) => r.entity === 'clients'));
    assert.doesNotMatch(json, /@example\.com|Marine542/); // no client names or e-mails
  },
);
