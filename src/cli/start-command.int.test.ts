import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { EXIT } from './cli-io.js';
import { runCli } from './run-cli.js';

describe('rapport start on a busy port', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-start-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('fails with exit 1, suggests --port, and leaves the store untouched', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen({ host: '127.0.0.1', port: 0 }, r));
    const { port } = busy.address() as AddressInfo;
    try {
      const db = join(dir, 'start.db');
      const r = await runCli(['start', '--db', db, '--port', String(port)]);
      assert.equal(r.code, EXIT.badInput);
      assert.match(r.err, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
      assert.match(r.err, /--port/);
      assert.doesNotMatch(r.err, /demo|Simulating/);
      assert.equal(existsSync(db), false);
      const served = await runCli(['serve', '--db', db, '--port', String(port)]);
      assert.equal(served.code, EXIT.badInput);
      assert.match(served.err, /already in use/);
      assert.equal(existsSync(db), false);
    } finally {
      await new Promise((r) => busy.close(r));
    }
  });
});
