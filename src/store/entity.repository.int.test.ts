import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Cell } from '../ingest/table-batches.js';
import { COPY_FROM_ROWS, upsertRows } from './entity.repository.js';
import { importCanonicalFolder } from './import-canonical.js';
import { scratchReport } from './import-test-helpers.js';
import { DIALECTS, dialectSkipReason, freshStore } from './test-dialects.js';

const COLUMNS = [
  'practice_id',
  'therapist_id',
  'display_name',
  'specialties',
  'languages',
  'modalities',
  'max_sessions_per_day',
  'active_from',
];

/** Texts that COPY's text format gives a meaning, or that a careless encoder would break. */
const AWKWARD = [
  'tab\there',
  'two\nlines',
  'crlf\r\nend',
  'C:\\temp\\new',
  '\\N',
  '\\.',
  '',
  'Zoë Ødegård — 王小明 🧠',
  '"quoted", comma; semicolon',
  ' leading and trailing ',
];

/** 250 therapists (above the COPY threshold), every awkward text in every text column. */
function therapistRows(version: number): Cell[][] {
  return Array.from({ length: 250 }, (_, n) => {
    const odd = AWKWARD[n % AWKWARD.length]!;
    return [
      'default',
      `t-${n}${n % 7 === 0 ? '\t\\x' : ''}`,
      n % 5 === 0 ? null : `${odd} v${version}`,
      odd,
      `${AWKWARD[(n + 3) % AWKWARD.length]}`,
      'video',
      n % 4 === 0 ? null : n % 12,
      n % 3 === 0 ? null : 1_700_000_000_000 + n * 86_400_000 + version,
    ];
  });
}

for (const dialect of DIALECTS) {
  describe(`upsertRows on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    const readBack = async (store: Awaited<ReturnType<typeof freshStore>>) =>
      (
        await store.db
          .selectFrom('therapists')
          .select(COLUMNS as never[])
          .orderBy('therapist_id')
          .execute()
      ).map((r) => COLUMNS.map((c) => (r as Record<string, Cell>)[c]!));

    const sorted = (rows: Cell[][]) =>
      [...rows].sort((a, b) => (String(a[1]) < String(b[1]) ? -1 : 1));

    it(
      'stores awkward texts, nulls and numbers exactly, then updates them in place',
      { skip },
      async () => {
        assert.ok(therapistRows(1).length >= COPY_FROM_ROWS, 'the batch is large enough for COPY');
        const store = await freshStore(dialect);
        try {
          await store.db.transaction().execute(async (trx) => {
            await upsertRows(trx, 'therapists', COLUMNS, therapistRows(1));
            if (dialect === 'postgres') {
              // The batch went through COPY: its staging table exists until the commit.
              const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM pg_class
                WHERE relname = 'rapport_copy_therapists' AND relpersistence = 't'`.execute(trx);
              assert.equal(Number(rows[0]?.n), 1);
            }
          });
          const first = await readBack(store);
          // The database orders ids by its own collation: compare as sets of rows.
          assert.deepEqual(sorted(first), sorted(therapistRows(1)));
          // Again with changed values, outside a transaction (upsertRows opens its own).
          await upsertRows(store.db, 'therapists', COLUMNS, therapistRows(2));
          assert.deepEqual(sorted(await readBack(store)), sorted(therapistRows(2)));
        } finally {
          await store.drop();
        }
      },
    );

    it('a batch that fails leaves the store as it was', { skip }, async () => {
      const store = await freshStore(dialect);
      try {
        await upsertRows(store.db, 'therapists', COLUMNS, therapistRows(1));
        const bad = therapistRows(3);
        bad[200]![4] = null; // languages is NOT NULL
        await assert.rejects(
          store.db.transaction().execute(async (trx) => {
            await upsertRows(trx, 'therapists', COLUMNS, therapistRows(3).slice(0, 150));
            await upsertRows(trx, 'therapists', COLUMNS, bad);
          }),
        );
        assert.deepEqual(sorted(await readBack(store)), sorted(therapistRows(1)));
        // The staging table went with the transaction: the next one stages afresh.
        await upsertRows(store.db, 'therapists', COLUMNS, therapistRows(4));
        assert.deepEqual(sorted(await readBack(store)), sorted(therapistRows(4)));
      } finally {
        await store.drop();
      }
    });

    it(
      'a canonical import of quoted multi-line CSV cells reads back the same texts',
      { skip },
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'rapport-copy-'));
        const csv = (s: string) => `"${s.replace(/"/g, '""')}"`;
        const lines = ['therapist_id,display_name,specialties,languages,modalities'];
        for (let n = 0; n < 300; n++) {
          const odd = AWKWARD[n % AWKWARD.length]!;
          lines.push([`t-${n}`, csv(`Dr ${odd}`), 'anxiety', 'en', 'video'].join(','));
        }
        writeFileSync(join(dir, 'therapists.csv'), lines.join('\n') + '\n');
        const store = await freshStore(dialect);
        try {
          const r = await importCanonicalFolder(store, dir, { reportPath: scratchReport() });
          assert.equal(r.files.find((f) => f.entity === 'therapists')?.inserted, 300);
          const names = await store.db
            .selectFrom('therapists')
            .select(['therapist_id', 'display_name'])
            .execute();
          const byId = new Map(names.map((x) => [x.therapist_id, x.display_name]));
          for (let n = 0; n < 300; n++) {
            assert.equal(
              byId.get(`t-${n}`),
              `Dr ${AWKWARD[n % AWKWARD.length]}`.trim() || null,
              `t-${n}`,
            );
          }
        } finally {
          await store.drop();
        }
      },
    );
  });
}
