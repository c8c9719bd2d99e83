import { pseudonymousId } from '../presets/pseudonymous-id.js';

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
