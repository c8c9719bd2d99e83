import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { after, describe, it } from 'node:test';
import { createApiToken } from '../store/api-token.repository.js';
import { openStore } from '../store/database.js';
import type { CliIO } from './cli-io.js';
import { main } from './main.js';
import { runCli } from './run-cli.js';

describe('rapport serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-serve-'));
  const db = join(dir, 'serve.db');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints where it runs, answers, and stops cleanly on SIGTERM', async () => {
    let out = '';
    const io: CliIO = { out: (t) => void (out += t), err: () => undefined, interactive: false };
    const exit = main(['serve', '--db', db, '--port', '0'], io);
    const deadline = Date.now() + 10_000;
    while (!/running at/.test(out) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const port = /^Rapport is running at http:\/\/localhost:(\d+)$/m.exec(out)?.[1];
    assert.ok(port, out);
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    assert.equal(res.status, 200);
    process.emit('SIGTERM');
    assert.equal(await exit, 0);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/api/health`));
  });

  it('holds pushes to --max-body-mb and answers only the --allowed-hosts names', async () => {
    const store = await openStore(db);
    const { token } = await createApiToken(store.db, 'default', null);
    await store.close();
    let out = '';
    const io: CliIO = { out: (t) => void (out += t), err: () => undefined, interactive: false };
    const exit = main(
      ['serve', '--db', db, '--port', '0', '--max-body-mb', '0.001', '--allowed-hosts', 'ok.test'],
      io,
    );
    const deadline = Date.now() + 10_000;
    while (!/running at/.test(out) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const port = /localhost:(\d+)/.exec(out)?.[1];
    assert.ok(port, out);
    const push = (n: number) =>
      fetch(`http://127.0.0.1:${port}/api/v1/therapists`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(Array.from({ length: n }, (_, i) => ({ therapist_id: `t${i}` }))),
      });
    // 0.001 MB is 1,049 bytes: 10 records are about 200 bytes, 100 about 2,100.
    assert.equal((await push(10)).status, 200);
    assert.equal((await push(100)).status, 413);
    const withHost = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`http://127.0.0.1:${port}/api/health`, { headers: { host } });
        req.on('response', (res) => (res.resume(), resolve(res.statusCode ?? 0)));
        req.on('error', reject).end();
      });
    assert.equal(await withHost('ok.test'), 200);
    assert.equal(await withHost('evil.example'), 403);
    process.emit('SIGTERM');
    assert.equal(await exit, 0);
  });

  it('rejects a bad --max-body-mb with exit 1', async () => {
    const r = await runCli(['serve', '--db', db, '--port', '0', '--max-body-mb', '0']);
    assert.equal(r.code, 1);
    assert.match(r.err, /--max-body-mb must be a number/);
  });

  it('rejects a bad port with exit 1 and names the flag', async () => {
    const r = await runCli(['serve', '--db', db, '--port', 'eighty']);
    assert.equal(r.code, 1);
    assert.match(r.err, /--port must be a whole number/);
  });
});
