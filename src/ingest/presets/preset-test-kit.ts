import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { entitySchema } from '../../model/entities.js';
import type { MappedRecord, MapResult } from './map-export-file.js';
import { mapExportFile } from './map-export-file.js';
import { parseMapping } from './mapping-file.js';
import type { Mapping, MappingInput } from './mapping.schema.js';

/** Shared by the preset tests (not a test file itself). */
export const ZONE = 'America/New_York';
export const KEY = 'test-practice-hash-key';
export const NOW = Date.parse('2026-11-23T12:00:00Z');
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function validMapping(input: MappingInput): Mapping {
  const r = parseMapping(input, 'preset');
  assert.deepEqual(r.issues, []);
  return r.mapping!;
}

export const runPreset = (input: MappingInput, fixture: string, key = KEY): Promise<MapResult> =>
  mapExportFile(join(FIXTURES, fixture), validMapping(input), {
    hashKey: key,
    timeZone: ZONE,
    now: NOW,
  });

export const ofEntity = (r: MapResult, e: MappedRecord['entity']) =>
  r.records.filter((x) => x.entity === e).map((x) => x.record);

/** The appointment emitted from a data line of the fixture. */
export function atLine(r: MapResult, file: string, line: number): Record<string, unknown> {
  const found = r.records.find(
    (x) => x.entity === 'appointments' && x.path.startsWith(`${file}:${line}:`),
  );
  assert.ok(found, `no appointment from ${file}:${line}`);
  return found.record;
}

export function assertAllValid(r: MapResult): void {
  for (const { entity, record, path } of r.records) {
    const parsed = entitySchema(entity, ZONE).safeParse(record);
    assert.ok(parsed.success, `${path}: ${JSON.stringify(parsed.error?.issues)}`);
  }
  assert.deepEqual(
    r.issues.filter((i) => i.severity === 'error'),
    [],
  );
}

export function assertAbsent(r: MapResult, strings: string[]): void {
  const json = JSON.stringify(r.records).toLowerCase();
  for (const s of strings)
    assert.ok(!json.includes(s.toLowerCase()), `"${s}" leaked into the records`);
}

/** A copy of a fixture with `edit` applied, in a temp folder (same file name). */
export function editedFixture(fixture: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-preset-'));
  const path = join(dir, fixture);
  copyFileSync(join(FIXTURES, fixture), path);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return path;
}

/** Names, e-mails and phones of the fixtures' clients. */
export const CLIENT_PII = [
  'Alice Moreau',
  'Alice',
  'Moreau',
  'alice.moreau@mail.example',
  'Jonas',
  'Brandt',
  'jonas.brandt@mail.example',
  'Priya',
  'Raman',
  'priya.r@mail.example',
  'Tomás',
  'Ruiz',
  'tomas.ruiz@mail.example',
  'Lena',
  'Vogel',
  'lena.vogel@mail.example',
  'guest.person@mail.example',
  'Guest Person',
  '212-555-01',
  '@mail.example',
];
/** Names and e-mails of the fixtures' therapists. */
export const STAFF_PII = [
  'Maya Chen',
  'Sam Okafor',
  'maya.chen@clinic.example',
  'sam.okafor@clinic.example',
  '@clinic.example',
];
