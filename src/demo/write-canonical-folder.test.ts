import assert from 'node:assert/strict';
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { ENTITY_NAMES } from '../model/entities.js';
import { CANONICAL_COLUMNS } from './canonical-columns.js';
import { writeCanonicalFolder } from './write-canonical-folder.js';

const SAMPLE_DIR = 'samples/small-practice';
const SAMPLE_OPTIONS = { size: 'sample', seed: 1 } as const;

const root = await mkdtemp(join(tmpdir(), 'rapport-demo-'));
after(() => rm(root, { recursive: true, force: true }));

const folder = async (name: string, seed: number) => {
  const dir = join(root, name);
  const { counts } = await writeCanonicalFolder(dir, { ...SAMPLE_OPTIONS, seed });
  const files: Record<string, string> = {};
  for (const f of (await readdir(dir)).sort()) files[f] = await readFile(join(dir, f), 'utf8');
  return { counts, files };
};

test('the same seed writes byte-identical folders, another seed a different one', async () => {
  const a = await folder('a', 1);
  const b = await folder('b', 1);
  const c = await folder('c', 2);
  assert.deepEqual(
    Object.keys(a.files),
    [...ENTITY_NAMES.map((e) => `${e}.csv`), 'practice.json'].sort(),
  );
  assert.deepEqual(a.files, b.files);
  assert.notEqual(a.files['appointments.csv'], c.files['appointments.csv']);
  const appts = a.counts.appointments;
  assert.ok(appts >= 250 && appts <= 600, `sample appointments ${appts}`);
});

test('files have the canonical header, one line per counted row, and parse as RFC 4180', async () => {
  const { counts, files } = await folder('d', 1);
  for (const e of ENTITY_NAMES) {
    const text = files[`${e}.csv`]!;
    const records = parse(text, { columns: true }) as Record<string, string>[];
    assert.equal(text.slice(0, text.indexOf('\n')), CANONICAL_COLUMNS[e].join(','));
    assert.equal(records.length, counts[e], e);
  }
  const practice = JSON.parse(files['practice.json']!) as Record<string, string>;
  assert.deepEqual(Object.keys(practice), ['name', 'timezone', 'currency', 'profile']);
  assert.equal(practice.timezone, 'America/New_York');
  assert.equal(practice.currency, 'USD');
});

test('the committed sample folder is what the writer produces', async () => {
  const fresh = await folder('sample', SAMPLE_OPTIONS.seed);
  for (const [name, text] of Object.entries(fresh.files)) {
    const committed = await readFile(join(SAMPLE_DIR, name), 'utf8');
    assert.ok(
      committed === text,
      `${SAMPLE_DIR}/${name} is stale: run npx tsx src/demo/generate-folder.ts ${SAMPLE_DIR} --size sample --seed 1`,
    );
  }
});
