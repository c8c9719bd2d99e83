import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { mapExportFile, resolveMapping } from '../ingest/presets/index.js';
import { CLIENT_PII, FIXTURES, NOW } from '../ingest/presets/preset-test-kit.js';
import { ENTITY_NAMES } from '../model/entities.js';
import { defaultPractice } from '../model/practice.js';
import type { Db } from '../store/database.js';
import { importExport } from '../store/import-external.js';
import { scratchReport, tableCounts } from '../store/import-test-helpers.js';
import { savePractice } from '../store/practice.repository.js';
import { HASH_KEY_ENV } from '../store/practice-secret.repository.js';
import type { Database } from '../store/tables.js';
import { DIALECTS, dialectSkipReason, freshStore } from '../store/test-dialects.js';
import { runCli } from './run-cli.js';

/** The shared external data sets, from the repository root. */
const EXTERNAL = fileURLToPath(new URL('../../../shared/data/external', import.meta.url));
const SMART = join(EXTERNAL, 'smart-sample-bulk-fhir-10-patients');
const HL7 = join(EXTERNAL, 'hl7-fhir-r4-examples');
const noData =
  existsSync(SMART) && existsSync(HL7) ? false : `no ${EXTERNAL}: FHIR data tests skipped`;
if (noData) console.log(`# NOTICE: ${noData}`);

const dir = mkdtempSync(join(tmpdir(), 'rapport-import-external-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const statusCounts = async (db: Db, practiceId: string) =>
  Object.fromEntries(
    (
      await db
        .selectFrom('appointments')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('practice_id', '=', practiceId)
        .groupBy('status')
        .orderBy('status')
        .execute()
    ).map((r) => [r.status, Number(r.n)]),
  );

/** Every table of the store as one lower-case JSON text. */
async function dumpAll(db: Db): Promise<string> {
  const tables: Array<keyof Database> = [
    'practices',
    ...ENTITY_NAMES,
    'imports',
    'practice_secrets',
    'api_tokens',
  ];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = await db.selectFrom(t).selectAll().execute();
  return JSON.stringify(out).toLowerCase();
}

/** Each preset fixture, the store's status counts at NOW (America/New_York), hand-checked. */
const PRESET_CASES: Array<[string, string, Record<string, number>, string[]]> = [
  [
    'calendly',
    'calendly-events-export.csv',
    { booked: 1, cancelled: 4, completed: 5, no_show: 2 },
    CLIENT_PII,
  ],
  ['calcom', 'calcom-bookings.csv', { booked: 3, cancelled: 4, completed: 5 }, CLIENT_PII],
  [
    'simplepractice',
    'simplepractice-appointment-status.csv',
    { booked: 1, cancelled: 4, completed: 4, late_cancelled: 2, no_show: 1 },
    CLIENT_PII,
  ],
  [
    join(FIXTURES, 'my-system-mapping.json'),
    'my-system-visits.csv',
    { cancelled: 1, completed: 1, no_show: 1 },
    ['Noor', 'Haddad', 'noor@mail.example', 'Omar', 'Saleh', 'omar@mail.example'],
  ],
];

for (const dialect of DIALECTS) {
  describe(`rapport import of FHIR and exports on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? noData;

    it(
      'loads the SMART bulk export as its 1,134 AMB/VR sessions, pseudonymous and idempotent',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          const args = ['import', '--format', 'fhir', SMART, '--db', store.url];
          const first = await runCli([...args, '--report', scratchReport()]);
          assert.equal(first.code, 0, first.err);
          assert.match(first.out, /appointments \(fhir\)\s+1134\s+0\s+0\s+0\s+0/);
          assert.match(
            first.out,
            /unsupported FHIR resources \(ignored\): Location 44, Organization 43/,
          );
          // jq over Encounter.000.ndjson: 1,215 finished = 1,133 AMB + 1 VR + 49 IMP + 23 EMER + 9 HH.
          assert.match(
            first.out,
            /skipped 81 encounters that are not sessions \(EMER 23, HH 9, IMP 49\)/,
          );
          const counts = await tableCounts(store.db);
          assert.equal(counts.therapists, 43);
          assert.equal(counts.clients, 13);
          assert.equal(counts.appointments, 1134);
          assert.deepEqual(await statusCounts(store.db, 'default'), { completed: 1134 });
          const clientIds = async () =>
            (
              await store.db
                .selectFrom('clients')
                .select('client_id')
                .orderBy('client_id')
                .execute()
            ).map((c) => c.client_id);
          const ids = await clientIds();
          assert.ok(
            ids.every((id) => /^c-[0-9a-f]{16}$/.test(id)),
            ids.join(' '),
          );
          const dump = await dumpAll(store.db);
          assert.ok(
            !dump.includes('79a66c97-6131-3213-f3c9-4606946ab056'),
            'a Patient id is stored',
          );
          const again = await runCli([...args, '--report', scratchReport()]);
          assert.equal(again.code, 0, again.err);
          // warnings: the skipped encounter classes and the one encounter longer than a day.
          assert.match(again.out, /total\s+0\s+0\s+1190\s+0\s+2/);
          assert.deepEqual(await clientIds(), ids);
          const log = await store.db.selectFrom('imports').select('format').execute();
          assert.deepEqual(
            log.map((l) => l.format),
            ['fhir', 'fhir'],
          );
        } finally {
          await store.drop();
        }
      },
    );

    it(
      'imports every HL7 example without crashing, listing the unsupported types',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          const r = await runCli([
            'import',
            '--format',
            'fhir',
            HL7,
            '--db',
            store.url,
            '--report',
            scratchReport(),
          ]);
          assert.ok([0, 2].includes(r.code), `exit ${r.code}: ${r.err}`);
          assert.equal(r.err, '');
          assert.match(
            r.out,
            /unsupported FHIR resources \(ignored\): Account 1, AppointmentResponse 2,/,
          );
          assert.doesNotMatch(r.out, /PaymentNotice/); // mapped now (a payment notice)
          assert.match(r.out, /skipped 3 encounters that are not sessions \(HH 1, IMP 2\)/);
          const counts = await tableCounts(store.db);
          assert.equal(counts.appointments, 2); // Encounter home is home health, not a session
          assert.equal(counts.payments, 0); // Invoice example is issued, not paid
          assert.equal(counts.therapists, 2);
        } finally {
          await store.drop();
        }
      },
    );

    for (const [preset, file, expected, pii] of PRESET_CASES) {
      const name = preset.endsWith('.json') ? 'a mapping file' : `the ${preset} preset`;
      it(
        `loads ${file} with ${name}: statuses right, no name or e-mail stored`,
        { skip: (await dialectSkipReason(dialect)) ?? false },
        async () => {
          const store = await freshStore(dialect);
          try {
            await savePractice(store.db, {
              ...defaultPractice('p1'),
              timezone: 'America/New_York',
            });
            const r = await importExport(store, [join(FIXTURES, file)], preset, {
              practiceId: 'p1',
              now: NOW,
              reportPath: scratchReport(),
            });
            assert.deepEqual(
              r.issues.filter((i) => i.severity === 'error'),
              [],
            );
            assert.deepEqual(await statusCounts(store.db, 'p1'), expected);
            const again = await importExport(store, [join(FIXTURES, file)], preset, {
              practiceId: 'p1',
              now: NOW,
              reportPath: scratchReport(),
            });
            assert.equal(
              again.files.reduce((n, f) => n + f.inserted + f.updated, 0),
              0,
            );
            const dump = await dumpAll(store.db);
            for (const s of pii) assert.ok(!dump.includes(s.toLowerCase()), `"${s}" is stored`);
            assert.match(dump, /"hash_key":"[0-9a-f]{64}"/);
          } finally {
            await store.drop();
          }
        },
      );
    }

    it(
      'runs a preset from the CLI; RAPPORT_HASH_KEY overrides the stored key',
      { skip: (await dialectSkipReason(dialect)) ?? false },
      async () => {
        const store = await freshStore(dialect);
        const file = join(FIXTURES, 'calcom-bookings.csv');
        const saved = process.env[HASH_KEY_ENV];
        try {
          const r = await runCli(['import', '--format', 'calcom', file, '--db', store.url]);
          assert.equal(r.code, 0, r.err);
          assert.match(r.out, /appointments \(calcom-bookings\.csv\)\s+12\s+0\s+0\s+0\s+0/);
          process.env[HASH_KEY_ENV] = 'an-operator-key';
          const o = await runCli([
            'import',
            '--format',
            'calcom',
            file,
            '--db',
            store.url,
            '--practice',
            'p2',
          ]);
          assert.equal(o.code, 0, o.err);
          const mapped = await mapExportFile(file, (await resolveMapping('calcom')).mapping!, {
            hashKey: 'an-operator-key',
            timeZone: 'UTC',
          });
          const ids = (p: string) =>
            store.db
              .selectFrom('clients')
              .select('client_id')
              .where('practice_id', '=', p)
              .orderBy('client_id')
              .execute();
          const want = mapped.records
            .filter((m) => m.entity === 'clients')
            .map((m) => String(m.record.client_id))
            .sort();
          assert.deepEqual(
            (await ids('p2')).map((c) => c.client_id),
            want,
          );
          assert.notDeepEqual(
            (await ids('default')).map((c) => c.client_id),
            want,
          );
          const bad = await runCli(['import', '--format', 'custom', file, '--db', store.url]);
          assert.equal(bad.code, 1);
          assert.match(bad.err, /--format custom needs --mapping/);
          const mistakes = await runCli([
            'import',
            '--mapping',
            join(FIXTURES, 'mapping-with-mistakes.json'),
            file,
            '--db',
            store.url,
          ]);
          assert.equal(mistakes.code, 1);
          assert.match(mistakes.err, /\$\.status\.rules\[1\]\.status/);
        } finally {
          if (saved === undefined) delete process.env[HASH_KEY_ENV];
          else process.env[HASH_KEY_ENV] = saved;
          await store.drop();
        }
      },
    );
  });
}
