import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { actClass, clientOf, recordsOf, WITH_KEY } from './fhir-test-kit.js';
import { readFhir } from './read-fhir.js';
import { readSources } from './read-sources.js';

const BOM = '\uFEFF';
const patient = {
  resourceType: 'Patient',
  id: 'p1',
  meta: { lastUpdated: '2026-01-01T00:00:00Z' },
};
const practitioner = { resourceType: 'Practitioner', id: 'd1' };
const encounter = {
  resourceType: 'Encounter',
  id: 'e1',
  status: 'finished',
  class: actClass('AMB'),
  subject: { reference: 'Patient/p1' },
  participant: [{ individual: { reference: 'Practitioner/d1' } }],
  period: { start: '2026-02-02T10:00:00Z', end: '2026-02-02T10:50:00Z' },
};

test('a Bundle with a UTF-8 byte order mark loads', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rapport-fhir-bom-'));
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [patient, practitioner, encounter].map((resource) => ({ resource })),
  };
  await writeFile(join(dir, 'bundle.json'), BOM + JSON.stringify(bundle));
  const res = await readFhir([dir], WITH_KEY);
  assert.deepEqual(
    res.issues.filter((i) => i.severity !== 'info'),
    [],
  );
  assert.equal(res.mapped.clients, 1);
  assert.deepEqual(
    recordsOf(res, 'appointments').map((a) => [a.appointment_id, a.client_id, a.therapist_id]),
    [['enc-e1', clientOf('p1'), 'd1']],
  );
});

test('an NDJSON file starting with a byte order mark keeps its first resource and dependents', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rapport-fhir-bom-'));
  await writeFile(join(dir, 'Patient.000.ndjson'), `${BOM}${JSON.stringify(patient)}\n`);
  await writeFile(
    join(dir, 'Practitioner.000.ndjson'),
    `${BOM}${JSON.stringify(practitioner)}\r\n`,
  );
  // Two exports joined with `cat`: a mark at the start of a later line too.
  await writeFile(
    join(dir, 'Encounter.000.ndjson'),
    `${BOM}${JSON.stringify(encounter)}\n${BOM}${JSON.stringify({ ...encounter, id: 'e2' })}\n`,
  );
  const { resources, issues } = await readSources([dir]);
  assert.deepEqual(issues, []);
  assert.deepEqual(
    resources.map((r) => r.path),
    [
      'Encounter.000.ndjson:1:Encounter/e1',
      'Encounter.000.ndjson:2:Encounter/e2',
      'Patient.000.ndjson:1:Patient/p1',
      'Practitioner.000.ndjson:1:Practitioner/d1',
    ],
  );
  const res = await readFhir([dir], WITH_KEY);
  assert.deepEqual(
    res.issues.filter((i) => i.severity !== 'info'),
    [],
  );
  assert.deepEqual([res.mapped.clients, res.mapped.therapists, res.mapped.appointments], [1, 1, 2]);
});
