import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'rapport-read-only-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// SQLite only: a PostgreSQL URL names a server database, which connecting checks itself.
describe('commands that only read refuse a store that does not exist', () => {
  const typo = join(dir, 'typo.db');
  const READERS = [
    ['kpi', '--from', '2026-01-01', '--to', '2026-01-31'],
    ['practice', 'show'],
    ['token', 'list'],
    ['token', 'revoke', 'tok_x'],
  ];
  for (const argv of READERS) {
    it(`rapport ${argv.slice(0, 2).join(' ')}: exit 1, the path named, nothing created`, async () => {
      const r = await runCli([...argv, '--db', typo]);
      assert.equal(r.code, 1, r.out);
      assert.match(
        r.err,
        new RegExp(`no store at ${typo.replace(/[.\\/]/g, '\\$&')}: this command only reads`),
      );
      assert.equal(existsSync(typo), false);
    });
  }

  it('a command that writes still creates it (practice set)', async () => {
    const p = join(dir, 'new.db');
    const r = await runCli(['practice', 'set', '--tz', 'Europe/Berlin', '--db', p]);
    assert.equal(r.code, 0, r.err);
    assert.equal(existsSync(p), true);
    const show = await runCli(['practice', 'show', '--db', p]);
    assert.equal(show.code, 0, show.err);
    assert.match(show.out, /Europe\/Berlin/);
  });
});
