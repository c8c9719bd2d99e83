import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KPI_IDS } from '../metrics/kpi-meta/kpi-meta.types.js';
import { appointment, client, insert } from '../metrics/test-records.js';
import { listAudit } from '../store/audit-log.repository.js';
import { openStore } from '../store/database.js';
import { runCli } from './run-cli.js';

describe('rapport export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-export-'));
  const db = join(dir, 'export.db');
  const range = ['--db', db, '--from', '2026-01-01', '--to', '2026-02-28'];
  after(() => rmSync(dir, { recursive: true, force: true }));
  before(async () => {
    const store = await openStore(db);
    await insert(store.db, 'clients', [client('c1', '2025-12-01T00:00:00Z')]);
    await insert(store.db, 'appointments', [
      appointment({ start: '2026-01-05T10:00:00Z', practice_id: 'default', duration_min: 50 }),
      appointment({ start: '2026-02-05T10:00:00Z', practice_id: 'default', status: 'no_show' }),
    ]);
    await store.close();
  });

  it('prints the very document of `rapport kpi --json` with --format json', async () => {
    const exported = await runCli(['export', ...range, '--by', 'month', '--format', 'json']);
    const kpi = await runCli(['kpi', ...range, '--by', 'month', '--json']);
    assert.equal(exported.code, 0, exported.err);
    assert.equal(exported.out, kpi.out);
  });

  it('writes one CSV row per KPI × group to --out, and logs the export', async () => {
    const out = join(dir, 'report.csv');
    const r = await runCli(['export', ...range, '--by', 'month', '--out', out]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '');
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    // header + 21 KPIs × (the whole + January + February)
    assert.equal(lines.length, 1 + KPI_IDS.length * 3);
    const cols = lines[0]!.split(',');
    const at = (line: string, col: string) => line.split(',')[cols.indexOf(col)];
    const jan = lines.find((l) => l.includes(',2026-01,session_completion_rate,'))!;
    // January: 1 completed of 1 closed = 100 %
    assert.equal(at(jan, 'value'), '100');
    assert.equal(at(jan, 'numerator'), '1');
    assert.equal(at(jan, 'denominator'), '1');
    const whole = lines.find((l) => l.includes(',,session_completion_rate,'))!;
    // The whole: 1 completed of 2 closed = 50 %
    assert.equal(at(whole, 'value'), '50');
    const store = await openStore(db);
    try {
      const [entry] = await listAudit(store.db, { practiceId: 'default', limit: 1 });
      assert.equal(entry?.action, 'export');
      assert.equal(entry?.actor, 'cli');
      assert.deepEqual(entry?.details, {
        what: 'kpi_report',
        format: 'csv',
        from: '2026-01-01',
        to: '2026-02-28',
        by: 'month',
        to_file: true,
      });
    } finally {
      await store.close();
    }
  });

  it('exits 1 on a bad format or an unwritable --out', async () => {
    const bad = await runCli(['export', ...range, '--format', 'xml']);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /--format must be one of csv, json/);
    const unwritable = await runCli([
      'export',
      ...range,
      '--out',
      join(dir, 'no', 'such', 'x.csv'),
    ]);
    assert.equal(unwritable.code, 1);
    assert.match(unwritable.err, /cannot write/);
  });
});
