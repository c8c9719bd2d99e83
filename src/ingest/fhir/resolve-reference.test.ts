import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readFhir } from './read-fhir.js';
import { actClass, WITH_KEY } from './fhir-test-kit.js';
import { resolveReference } from './resolve-reference.js';
import { ResourceIndex } from './resource-index.js';
import type { LoadedResource } from './types.js';

const loaded = (
  type: string,
  id: string,
  extra: Record<string, unknown> = {},
  fullUrl?: string,
): LoadedResource => ({
  resource: { resourceType: type, id, ...extra },
  type,
  id,
  fullUrl,
  path: `x:${type}/${id}`,
});

test('references in all their forms', () => {
  const index = new ResourceIndex(
    [
      loaded('Patient', 'p1', {}, 'urn:uuid:aaa'),
      loaded('Practitioner', 'd1', {
        identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '999' }],
      }),
    ],
    () => {},
  );
  const ids = (ref: unknown, expected?: string) => {
    const r = resolveReference(ref, index, expected);
    return [r?.type, r?.id, r?.resource !== undefined];
  };
  assert.deepEqual(ids({ reference: 'Patient/p1' }), ['Patient', 'p1', true]);
  assert.deepEqual(ids({ reference: 'https://fhir.example/base/Patient/p1/_history/3' }), [
    'Patient',
    'p1',
    true,
  ]);
  assert.deepEqual(ids({ reference: 'urn:uuid:aaa' }), ['Patient', 'p1', true]);
  assert.deepEqual(
    ids({ reference: 'Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|999' }),
    ['Practitioner', 'd1', true],
  );
  assert.deepEqual(
    ids({ identifier: { system: 'http://hl7.org/fhir/sid/us-npi', value: '999' } }, 'Practitioner'),
    ['Practitioner', 'd1', true],
  );
  assert.deepEqual(ids({ reference: 'Patient/elsewhere' }), ['Patient', 'elsewhere', false]);
  const guess = resolveReference(
    { reference: 'Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|123' },
    index,
  );
  assert.deepEqual(
    [guess?.id, guess?.resource, /123/.test(guess?.problem ?? '')],
    ['123', undefined, true],
  );
  assert.equal(resolveReference({ reference: '#contained' }, index)?.id, undefined);
  assert.equal(resolveReference(undefined, index), undefined);
});

test('unresolvable conditional practitioner: stable id from the identifier value, with a warning', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rapport-fhir-'));
  const enc = {
    resourceType: 'Encounter',
    id: 'e1',
    status: 'finished',
    class: actClass('AMB'),
    subject: { reference: 'Patient/p1' },
    participant: [
      { individual: { reference: 'Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|555' } },
    ],
    period: { start: '2026-01-05T09:00:00Z', end: '2026-01-05T09:50:00Z' },
  };
  const lines = [
    JSON.stringify({ resourceType: 'Patient', id: 'p1' }),
    '{"resourceType": "Encounter", "id": "broken", ',
    JSON.stringify(enc),
  ];
  await writeFile(join(dir, 'Encounter.000.ndjson'), lines.join('\n'));
  const res = await readFhir([dir], WITH_KEY);
  const a = res.records.find((r) => r.entity === 'appointments');
  assert.deepEqual(
    [a?.record.appointment_id, a?.record.therapist_id, a?.record.actual_duration_min],
    ['enc-e1', '555', 50],
  );
  assert.equal(a?.path, 'Encounter.000.ndjson:3:Encounter/e1');
  const errors = res.issues.filter((i) => i.severity === 'error');
  assert.deepEqual(
    errors.map((i) => [i.code, i.path]),
    [['malformed_json', 'Encounter.000.ndjson:2']],
  );
  const warn = res.issues.find(
    (i) => i.code === 'unknown_reference' && i.path.endsWith('participant[0].individual'),
  );
  assert.match(warn?.message ?? '', /555/);
  assert.equal(res.mapped.clients, 1);
});
