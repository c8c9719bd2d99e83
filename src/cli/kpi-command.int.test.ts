import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { KPI_SOURCE } from '../metrics/engine/source-presence.js';
import { KPI_IDS } from '../metrics/kpi-meta/kpi-meta.types.js';
import { appointment, client, insert, survey } from '../metrics/test-records.js';
import { openStore } from '../store/database.js';
import { runCli } from './run-cli.js';

describe('rapport kpi', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-kpi-'));
  const db = join(dir, 'kpi.db');
  after(() => rmSync(dir, { recursive: true, force: true }));
  const args = ['kpi', '--db', db, '--from', '2026-01-01', '--to', '2026-01-31'];

  it('prints every KPI id with null values on an empty store', async () => {
    await (await openStore(db)).close(); // kpi only reads: the store must exist
    const r = await runCli([...args, '--json']);
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out);
    assert.deepEqual(doc.period, { from: '2026-01-01', to: '2026-01-31', timezone: 'UTC' });
    assert.equal(doc.profile, 'online_platform');
    assert.deepEqual(Object.keys(doc.kpis), [...KPI_IDS]);
    for (const id of KPI_IDS) {
      const k = doc.kpis[id];
      for (const f of ['value', 'unit', 'numerator', 'denominator', 'n', 'ci', 'band', 'status']) {
        assert.ok(f in k, `${id}.${f}`);
      }
      assert.equal(k.value, null);
      assert.equal(k.status, KPI_SOURCE[id] ? 'no_source' : 'no_data');
    }
  });

  it('computes on a filled store, grouped by month, and prints a table', async () => {
    const store = await openStore(db);
    await insert(store.db, 'clients', [client('c1', '2025-12-01T00:00:00Z')]);
    await insert(store.db, 'appointments', [
      appointment({ start: '2026-01-05T10:00:00Z', practice_id: 'default', duration_min: 50 }),
      appointment({ start: '2026-02-05T10:00:00Z', practice_id: 'default', status: 'no_show' }),
    ]);
    await insert(store.db, 'surveys', [
      { ...survey('c1', '2026-01-06T00:00:00Z', 5), practice_id: 'default' },
    ]);
    await store.close();
    const r = await runCli([
      ...args.slice(0, 6),
      '2026-02-28',
      '--by',
      'month',
      '--json',
      '--tz',
      'Europe/Oslo',
    ]);
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out);
    assert.equal(doc.period.timezone, 'Europe/Oslo');
    assert.deepEqual(Object.keys(doc.kpis), [...KPI_IDS]);
    assert.equal(doc.kpis.session_completion_rate.value, 50);
    assert.equal(doc.kpis.session_completion_rate.status, 'insufficient_data');
    assert.deepEqual(
      doc.groups.map((g: { key: string }) => g.key),
      ['2026-01', '2026-02'],
    );
    assert.equal(doc.groups[0].kpis.session_completion_rate.value, 100);
    assert.equal(doc.groups[1].kpis.session_completion_rate.value, 0);
    const t = await runCli(args);
    assert.equal(t.code, 0, t.err);
    assert.match(t.out, /Session completion|session/i);
    assert.match(t.out, /100 %/);
  });

  it('rejects bad dates and options with exit 1 and a message', async () => {
    for (const bad of [
      ['kpi', '--db', db, '--from', '2026-13-01', '--to', '2026-01-31'],
      ['kpi', '--db', db, '--from', '2026-02-01', '--to', '2026-01-31'],
      ['kpi', '--db', db, '--from', '2026-01-01', '--to', '2026-01-31', '--by', 'fortnight'],
      ['kpi', '--db', db, '--from', '2026-01-01', '--to', '2026-01-31', '--tz', 'Mars/Base'],
      ['kpi', '--db', db, '--from', '2026-01-01', '--to', '2026-01-31', '--profile', 'x'],
      ['kpi', '--db', db, '--to', '2026-01-31'],
    ]) {
      const r = await runCli(bad);
      assert.equal(r.code, 1, bad.join(' '));
      assert.ok(r.err.length > 0);
      assert.doesNotMatch(r.err, /at .*\.ts:\d+/);
    }
  });
});
