import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readFhir } from './read-fhir.js';
import { clientOf, WITH_KEY } from './fhir-test-kit.js';

const EXT = fileURLToPath(new URL('../../../../shared/data/external', import.meta.url));
const absent = !existsSync(EXT);
if (absent) console.log(`notice: ${EXT} is absent; questionnaire scoring tests skipped`);
const SDC_QR = join(EXT, 'hl7-sdc-phq9/questionnaireresponse-sdc-profile-example-PHQ9.json');

const surveys = (res: Awaited<ReturnType<typeof readFhir>>) =>
  res.records.filter((r) => r.entity === 'surveys').map((r) => r.record);

async function tmpJson(name: string, value: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rapport-fhir-'));
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(value));
  return file;
}

for (const [label, inputs] of [
  ['the response alone', [SDC_QR]],
  ['the SDC folder (with its Questionnaire)', [join(EXT, 'hl7-sdc-phq9')]],
] as const) {
  test(
    `SDC PHQ-9 example, ${label}: score recomputed as 10, stored 13 is a warning`,
    { skip: absent },
    async () => {
      const res = await readFhir([...inputs], WITH_KEY);
      assert.deepEqual(surveys(res), [
        {
          response_id: 'questionnaireresponse-sdc-profile-example-PHQ9',
          client_id: clientOf('proband'),
          responded_at: '2019-08-21T20:36:57.544Z',
          score: 10,
          scale_max: 27,
          instrument: 'phq9',
        },
      ]);
      const mismatch = res.issues.filter((i) => i.code === 'score_mismatch');
      assert.equal(mismatch.length, 1);
      assert.equal(mismatch[0]!.severity, 'warning');
      assert.match(mismatch[0]!.message, /13/);
      assert.match(mismatch[0]!.message, /10/);
    },
  );
}

const answer = (linkId: string, code: string) => ({ linkId, answer: [{ valueCoding: { code } }] });

test(
  'LOINC PHQ-9 (LHNCBC): LA answer codes scored, difficulty item and total excluded',
  { skip: absent },
  async () => {
    const codes = [
      'LA6571-9',
      'LA6570-1',
      'LA6569-3',
      'LA6568-5',
      'LA6571-9',
      'LA6568-5',
      'LA6568-5',
      'LA6568-5',
      'LA6569-3',
    ];
    const items = [
      '44250-9',
      '44255-8',
      '44259-0',
      '44254-1',
      '44251-7',
      '44258-2',
      '44252-5',
      '44253-3',
      '44260-8',
    ];
    const qr = {
      resourceType: 'QuestionnaireResponse',
      id: 'lf1',
      questionnaire: 'http://loinc.org/q/44249-1',
      status: 'completed',
      subject: { reference: 'Patient/p1' },
      authored: '2024-01-02T10:00:00+01:00',
      item: [
        ...items.map((c, i) => answer(`/${c}`, codes[i]!)),
        { linkId: '/44261-6', answer: [{ valueDecimal: 10 }] },
        answer('/69722-7', 'LA6575-0'),
      ],
    };
    const qrFile = await tmpJson('qr.json', qr);
    const res = await readFhir([qrFile, join(EXT, 'lhncbc-lforms-phq9/phq9.json')], WITH_KEY);
    assert.equal(surveys(res)[0]?.score, 3 + 2 + 1 + 0 + 3 + 0 + 0 + 0 + 1);
    assert.equal(surveys(res)[0]?.instrument, 'phq9');
    assert.deepEqual(
      res.issues.filter((i) => i.code === 'score_mismatch'),
      [],
    );
  },
);

test(
  'GAD-7 (Stanford, UUID linkIds): ordinals from the contained ValueSet, scale_max 21',
  { skip: absent },
  async () => {
    const { readFile } = await import('node:fs/promises');
    const gad = JSON.parse(
      await readFile(join(EXT, 'stanford-researchkitonfhir-gad7/GAD-7.json'), 'utf8'),
    );
    const group = gad.item[0];
    const answers = [
      'Not-at-all',
      'Several-days',
      'Nearly-every-day',
      'Several-days',
      'Not-at-all',
      'Not-at-all',
      'Several-days',
    ];
    const qr = {
      resourceType: 'QuestionnaireResponse',
      id: 'gad1',
      questionnaire: gad.url,
      status: 'completed',
      subject: { reference: 'Patient/p1' },
      authored: '2024-01-02',
      item: [
        {
          linkId: group.linkId,
          item: group.item.map((it: { linkId: string }, i: number) =>
            answer(it.linkId, answers[i]!),
          ),
        },
      ],
    };
    const res = await readFhir(
      [await tmpJson('gad.json', qr), join(EXT, 'stanford-researchkitonfhir-gad7')],
      WITH_KEY,
    );
    assert.deepEqual(
      { ...surveys(res)[0], response_id: undefined },
      {
        response_id: undefined,
        client_id: clientOf('p1'),
        responded_at: '2024-01-02',
        score: 6,
        scale_max: 21,
        instrument: 'gad7',
      },
    );
  },
);

test('configured satisfaction questionnaire → csat; others → unsupported instrument info', async () => {
  const qr = (id: string, questionnaire: string) => ({
    resourceType: 'QuestionnaireResponse',
    id,
    questionnaire,
    status: 'completed',
    subject: { reference: 'Patient/p1' },
    authored: '2024-03-01T09:00:00Z',
    item: [{ linkId: 'rating', answer: [{ valueInteger: 4 }] }],
  });
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { resource: qr('s1', 'https://practice.example/Questionnaire/session-feedback|2') },
      { resource: qr('s2', 'https://practice.example/Questionnaire/intake') },
    ],
  };
  const file = await tmpJson('b.json', bundle);
  const res = await readFhir([file], {
    ...WITH_KEY,
    satisfactionQuestionnaires: ['https://practice.example/Questionnaire/session-feedback'],
  });
  assert.deepEqual(surveys(res), [
    {
      response_id: 's1',
      client_id: clientOf('p1'),
      responded_at: '2024-03-01T09:00:00Z',
      score: 4,
      scale_max: null,
      instrument: 'csat',
    },
  ]);
  const info = res.issues.filter((i) => i.code === 'unsupported_instrument');
  assert.deepEqual(
    info.map((i) => [i.severity, i.path]),
    [['info', 'b.json:Bundle/?.entry[1].resource(QuestionnaireResponse/s2).questionnaire']],
  );
});
