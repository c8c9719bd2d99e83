import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openStore } from '../store/database.js';
import { listUsers } from '../store/user.repository.js';
import type { CliIO } from './cli-io.js';
import { main } from './main.js';
import { runCli } from './run-cli.js';

/** Runs `rapport serve` until `until` appears on stdout, then stops it with SIGTERM. */
async function serveOnce(argv: string[], until: RegExp) {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    interactive: false,
  };
  const exit = main(['serve', ...argv, '--port', '0'], io);
  const deadline = Date.now() + 10_000;
  while (!until.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return { out, err, stop: async () => (process.emit('SIGTERM'), exit) };
}

const useCode = (link: string) => {
  const url = new URL(link);
  return fetch(`${url.origin}/api/v1/session/code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url.origin },
    body: JSON.stringify({ code: url.searchParams.get('code') }),
  });
};

describe('first run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-first-run-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('serve on an empty store creates the owner and prints a one-time link that works once', async () => {
    const db = join(dir, 'first.db');
    const s = await serveOnce(['--db', db], /one-time link[^\n]*\n {2}http\S+\n/);
    let link: string | undefined;
    try {
      link = /^ {2}(http:\/\/localhost:\d+\/\?code=[\w-]{32})$/m.exec(s.out)?.[1];
      assert.ok(link, s.out);
      const first = await useCode(link);
      assert.equal(first.status, 200);
      const me = (await first.json()) as { user: { login: string }; practices: unknown[] };
      assert.deepEqual(
        [me.user.login, me.practices],
        ['owner', [{ practice_id: 'default', role: 'owner', therapist_id: null, name: null }]],
      );
      assert.equal((await useCode(link)).status, 401, 'valid once');
    } finally {
      assert.equal(await s.stop(), 0);
    }
    // While the owner has no password, each start prints a fresh link; then none.
    const again = await serveOnce(['--db', db], /one-time link[^\n]*\n {2}http\S+\n|running at/);
    await new Promise((r) => setTimeout(r, 50));
    assert.match(again.out, /one-time link/);
    assert.equal(await again.stop(), 0);
    assert.equal((await runCli(['user', 'reset-password', 'owner', '--db', db])).code, 0);
    const later = await serveOnce(['--db', db], /running at/);
    await new Promise((r) => setTimeout(r, 50));
    assert.doesNotMatch(later.out, /one-time link/);
    assert.equal(await later.stop(), 0);
    const store = await openStore(db);
    try {
      assert.equal((await listUsers(store.db)).length, 1);
    } finally {
      await store.close();
    }
  });

  it('serve --host on another address refuses without a user, and warns about TLS with one', async () => {
    const db = join(dir, 'host.db');
    const refused = await runCli(['serve', '--db', db, '--host', '0.0.0.0', '--port', '0']);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /no user yet: add one first \(rapport user add/);
    assert.equal(
      (await runCli(['user', 'add', 'ann', '--name', 'Ann', '--role', 'owner', '--db', db])).code,
      0,
    );
    const s = await serveOnce(['--db', db, '--host', '0.0.0.0'], /running at/);
    assert.match(s.err, /unencrypted HTTP .* unless a TLS proxy/);
    assert.doesNotMatch(s.out, /one-time link/);
    assert.equal(await s.stop(), 0);
  });
});
