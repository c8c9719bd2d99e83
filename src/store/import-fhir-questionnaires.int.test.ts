import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import type { Db } from './database.js';
import { importFhir } from './import-external.js';
import { scratchReport } from './import-test-helpers.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

/** The shared external data sets (see their README), from the repository root. */
const EXT = fileURLToPath(new URL('../../../shared/data/external', import.meta.url));
const SDC = join(EXT, 'hl7-sdc-phq9');
const LFORMS = join(EXT, 'lhncbc-lforms-phq9');
const GAD7 = join(EXT, 'stanford-researchkitonfhir-gad7');
const noData = [SDC, LFORMS, GAD7].every((d) => existsSync(d))
  ? false
  : `no ${EXT}: questionnaire import tests skipped`;
if (noData) console.log(`# NOTICE: ${noData}`);

const patient = (id: string) => ({
  resourceType: 'Patient',
  id,
  meta: { lastUpdated: '2019-08-01T09:00:00Z' },
});
const coded = (linkId: string, code: string) => ({
  linkId,
  answer: [{ valueCoding: { code } }],
});

/**
 * A bundle with the three patients and two responses written against the copied
 * Questionnaires: a PHQ-9 of the LForms form (its LOINC answer codes; stored total 9, while
 * the answers add up to 2+1+3+0+2+1+1+3+0 = 13) and a GAD-7 of the ResearchKit form (answer
 * codes of its contained ValueSet, ordinals 3+2+1+0+3+2+1 = 12, no total item).
 */
function responsesBundle(): string {
  const lforms = JSON.parse(readFileSync(join(LFORMS, 'phq9.json'), 'utf8'));
  const gad = JSON.parse(readFileSync(join(GAD7, 'GAD-7.json'), 'utf8'));
  const phqItems = (lforms.item as { linkId: string; answerOption?: unknown[] }[]).slice(0, 9);
  const phqOrdinals = [2, 1, 3, 0, 2, 1, 1, 3, 0];
  const laCodes = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9']; // ordinals 0..3
  const gadCodes = (gad.contained[0].compose.include[0].concept as { code: string }[]).map(
    (c) => c.code,
  );
  const gadOrdinals = [3, 2, 1, 0, 3, 2, 1];
  const group = gad.item[0];
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { resource: patient('proband') },
      { resource: patient('lf-1') },
      { resource: patient('gad-1') },
      {
        resource: {
          resourceType: 'QuestionnaireResponse',
          id: 'lforms-phq9-1',
          questionnaire: 'http://loinc.org/q/44249-1',
          status: 'completed',
          subject: { reference: 'Patient/lf-1' },
          authored: '2024-01-02T10:00:00+01:00',
          item: [
            ...phqItems.map((it, i) => coded(it.linkId, laCodes[phqOrdinals[i]!]!)),
            { linkId: '/44261-6', answer: [{ valueDecimal: 9 }] },
            coded('/69722-7', 'LA6573-5'),
          ],
        },
      },
      {
        resource: {
          resourceType: 'QuestionnaireResponse',
          id: 'researchkit-gad7-1',
          questionnaire: gad.url,
          status: 'completed',
          subject: { reference: 'Patient/gad-1' },
          authored: '2024-01-03T09:30:00Z',
          item: [
            {
              linkId: group.linkId,
              item: (group.item as { linkId: string }[]).map((it, i) =>
                coded(it.linkId, gadCodes[gadOrdinals[i]!]!),
              ),
            },
          ],
        },
      },
    ],
  };
  const file = join(mkdtempSync(join(tmpdir(), 'rapport-fhir-q-')), 'responses.json');
  writeFileSync(file, JSON.stringify(bundle));
  return file;
}

const surveys = async (db: Db) =>
  (
    await db
      .selectFrom('surveys')
      .select(['response_id', 'instrument', 'score', 'scale_max'])
      .orderBy('response_id')
      .execute()
  ).map((s) => [s.response_id, s.instrument, Number(s.score), Number(s.scale_max)]);

for (const dialect of DIALECTS) {
  describe(`FHIR questionnaire responses into the store on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) || noData;

    it(
      'stores the totals the answers add up to, warning where a stored total disagrees',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          // The LForms and ResearchKit Questionnaires beside responses to them.
          const first = await importFhir(store, [responsesBundle(), LFORMS, GAD7], {
            reportPath: scratchReport(),
          });
          assert.equal(first.status, 'ok');
          const mismatch = first.issues.filter((i) => i.code === 'score_mismatch');
          assert.deepEqual(
            mismatch.map((i) => [i.severity, i.message]),
            [['warning', 'stored total 9 disagrees with the sum of the answers 13; 13 is kept']],
          );
          // The HL7 SDC example folder as it is, for a patient the store already knows: its
          // answers add up to 10 while the response stores 13.
          const sdc = await importFhir(store, [SDC], { reportPath: scratchReport() });
          assert.equal(sdc.status, 'ok');
          assert.deepEqual(
            sdc.issues.filter((i) => i.code === 'score_mismatch').map((i) => i.message),
            ['stored total 13 disagrees with the sum of the answers 10; 10 is kept'],
          );
          assert.deepEqual(await surveys(store.db), [
            ['lforms-phq9-1', 'phq9', 13, 27],
            ['questionnaireresponse-sdc-profile-example-PHQ9', 'phq9', 10, 27],
            ['researchkit-gad7-1', 'gad7', 12, 21],
          ]);
          const clients = await store.db.selectFrom('clients').select('client_id').execute();
          assert.equal(clients.length, 3);
        } finally {
          await store.drop();
        }
      },
    );

    it(
      'rejects the SDC response alone: its patient is unknown to the store',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          const r = await importFhir(store, [SDC], { reportPath: scratchReport() });
          assert.deepEqual(
            r.issues.filter((i) => i.severity === 'error').map((i) => i.code),
            ['unknown_reference'],
          );
          assert.deepEqual(await surveys(store.db), []);
        } finally {
          await store.drop();
        }
      },
    );
  });
}
