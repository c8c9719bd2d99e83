import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
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
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/practice`);
    assert.equal(res.status, 200);
    process.emit('SIGTERM');
    assert.equal(await exit, 0);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/api/v1/practice`));
  });

  it('rejects a bad port with exit 1 and names the flag', async () => {
    const r = await runCli(['serve', '--db', db, '--port', 'eighty']);
    assert.equal(r.code, 1);
    assert.match(r.err, /--port must be a whole number/);
  });
});
