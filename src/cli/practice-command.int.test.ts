import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openStore } from '../store/database.js';
import { runCli } from './run-cli.js';

describe('rapport practice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-cli-'));
  const db = join(dir, 'cli.db');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('shows defaults, then keeps what set changes', async () => {
    await (await openStore(db)).close(); // practice show only reads: the store must exist
    const shown = await runCli(['practice', 'show', '--db', db, '--json']);
    assert.equal(shown.code, 0);
    assert.equal(JSON.parse(shown.out).timezone, 'UTC');
    const set = await runCli([
      'practice',
      'set',
      '--db',
      db,
      '--tz',
      'America/New_York',
      '--currency',
      'eur',
      '--profile',
      'neurofeedback',
      '--min-sample',
      '10',
    ]);
    assert.equal(set.code, 0, set.err);
    const again = JSON.parse((await runCli(['practice', 'show', '--db', db, '--json'])).out);
    assert.deepEqual(
      [again.timezone, again.currency, again.profile, again.min_sample, again.active_window_days],
      ['America/New_York', 'EUR', 'neurofeedback', 10, 90],
    );
  });

  it('says how many stored cancellations a new late-cancellation notice reclassified', async () => {
    const r = await runCli(['practice', 'set', '--db', db, '--late-cancel-notice-hours', '48']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /late-cancel notice now 48 h: 0 stored cancellation\(s\) reclassified/);
    const same = await runCli(['practice', 'set', '--db', db, '--min-sample', '12']);
    assert.doesNotMatch(same.out, /reclassified/);
  });

  it('counts new clients by intake date once asked, and names the flag of a bad rule', async () => {
    const before = JSON.parse((await runCli(['practice', 'show', '--db', db, '--json'])).out);
    assert.equal(before.new_client_by, 'first_session');
    const set = await runCli(['practice', 'set', '--db', db, '--new-client-by', 'created_at']);
    assert.equal(set.code, 0, set.err);
    assert.match(set.out, /new clients by\s+intake date \(created_at\)/);
    const after = JSON.parse((await runCli(['practice', 'show', '--db', db, '--json'])).out);
    assert.equal(after.new_client_by, 'created_at');
    const bad = await runCli(['practice', 'set', '--db', db, '--new-client-by', 'booking']);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /--new-client-by: /);
    await runCli(['practice', 'set', '--db', db, '--new-client-by', 'first_session']);
  });

  it('rejects a bad time zone with exit 1 and names the flag', async () => {
    const r = await runCli(['practice', 'set', '--db', db, '--tz', 'Mars/Olympus']);
    assert.equal(r.code, 1);
    assert.match(r.err, /--tz: is not an IANA time zone/);
  });

  it('keeps practices apart', async () => {
    await runCli(['practice', 'set', '--db', db, '--practice', 'north', '--tz', 'Europe/Oslo']);
    const other = JSON.parse(
      (await runCli(['practice', 'show', '--db', db, '--practice', 'south', '--json'])).out,
    );
    assert.equal(other.timezone, 'UTC');
  });

  it('answers an unknown command with exit 1', async () => {
    const r = await runCli(['frobnicate']);
    assert.equal(r.code, 1);
  });
});
