import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PRESETS, resolveMapping } from './index.js';
import { mapExportFile } from './map-export-file.js';
import { jsonPath, loadMappingFile, parseMapping } from './mapping-file.js';
import { FIXTURES, KEY, NOW, ZONE, assertAbsent, atLine } from './preset-test-kit.js';

describe('mapping files', () => {
  it('accepts the three presets with the same schema as a user file', () => {
    for (const [id, preset] of Object.entries(PRESETS)) {
      assert.deepEqual(parseMapping(preset, id).issues, [], id);
    }
  });

  it('rejects a mapping with mistakes, each named by its JSON path', async () => {
    const r = await loadMappingFile(join(FIXTURES, 'mapping-with-mistakes.json'));
    assert.equal(r.mapping, null);
    const paths = r.issues.map((i) => i.path);
    assert.ok(paths.includes('mapping-with-mistakes.json:$.status.rules[1].status'), paths.join());
    assert.ok(
      paths.includes('mapping-with-mistakes.json:$.appointment.serviceColumn'),
      paths.join(),
    );
    assert.ok(r.issues.every((i) => i.severity === 'error' && i.code === 'invalid_mapping'));
    assert.match(
      r.issues.find((i) => i.path.endsWith('serviceColumn'))!.message,
      /personal column/,
    );
  });

  it('names unknown keys and broken JSON', () => {
    const r = parseMapping({ ...PRESETS.calendly, colour: 'blue' }, 'x.json');
    assert.deepEqual(
      r.issues.map((i) => i.path),
      ['x.json:$'],
    );
    assert.match(r.issues[0]!.message, /colour/);
    assert.equal(
      jsonPath(['status', 'rules', 0, 'when', 'Canceled By']),
      '$.status.rules[0].when["Canceled By"]',
    );
  });

  it('maps with a user file: ISO and local formats, a time-zone column, a bad zone warned', async () => {
    const m = await resolveMapping(join(FIXTURES, 'my-system-mapping.json'));
    assert.deepEqual(m.issues, []);
    const file = 'my-system-visits.csv';
    const r = await mapExportFile(join(FIXTURES, file), m.mapping!, {
      hashKey: KEY,
      timeZone: ZONE,
      now: NOW,
    });
    assert.deepEqual(
      r.issues.filter((i) => i.severity === 'error'),
      [],
    );
    const v1 = atLine(r, file, 2);
    assert.equal(v1.scheduled_start, '2026-03-08T01:30:00-05:00');
    assert.equal(v1.duration_min, 60);
    // Europe/Berlin switched to summer time on 2026-03-29 at 02:00.
    assert.equal(atLine(r, file, 3).scheduled_start, '2026-03-29T09:00:00+02:00');
    // An unknown zone falls back to the practice zone; the ISO offset keeps the instant.
    assert.equal(atLine(r, file, 4).scheduled_start, '2026-03-10T10:00:00-04:00');
    assert.ok(r.issues.some((i) => i.severity === 'warning' && i.path === `${file}:4:Zone`));
    assert.deepEqual(r.records[0]!.record, { therapist_id: 's1', display_name: 'Dr. Ada Park' });
    assertAbsent(r, ['Noor', 'Haddad', 'noor@mail.example', 'Omar', 'Saleh', 'omar@mail.example']);
  });

  it('resolves a preset id', async () => {
    const r = await resolveMapping('simplepractice');
    assert.equal(r.mapping?.id, 'simplepractice');
  });
});
