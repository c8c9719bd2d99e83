import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pseudonymousId } from '../presets/pseudonymous-id.js';
import { readFhir } from './read-fhir.js';
import type { FhirReadResult } from './types.js';

/** The practice key the FHIR unit tests read with. */
export const TEST_KEY = 'fhir-unit-test-key';

/** readFhir options with the test key. */
export const WITH_KEY = { hashKey: TEST_KEY } as const;

/** The client id a Patient id becomes under the test key. */
export const clientOf = (patientId: string): string =>
  pseudonymousId('client', patientId, TEST_KEY);

/** An R4 Encounter.class Coding of the v3 ActCode system. */
export const actClass = (code: string) => ({
  system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  code,
});

/** Writes the text to a file of a fresh temporary folder and returns the file's path. */
export async function tmpFile(name: string, text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'rapport-fhir-')), name);
  await writeFile(file, text);
  return file;
}

/** Reads resources given as a collection Bundle, with the test key. */
export async function readResources(resources: object[]): Promise<FhirReadResult> {
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: resources.map((resource) => ({ resource })),
  };
  return readFhir([await tmpFile('bundle.json', JSON.stringify(bundle))], WITH_KEY);
}

/** The records of one entity, as plain objects. */
export const recordsOf = (res: FhirReadResult, entity: string) =>
  res.records.filter((r) => r.entity === entity).map((r) => r.record);
