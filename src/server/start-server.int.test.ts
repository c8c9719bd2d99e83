import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freshStore } from '../store/test-dialects.js';
import { displayUrl, startServer } from './start-server.js';

describe('startServer', () => {
  it('listens on a free port, answers over HTTP, then closes', async () => {
    const store = await freshStore('sqlite');
    try {
      const server = await startServer({ store, port: 0 });
      assert.ok(server.port > 0);
      assert.equal(server.url, `http://127.0.0.1:${server.port}`);
      try {
        const res = await fetch(`${server.url}/api/health`);
        assert.equal(res.status, 200);
        assert.deepEqual(await res.json(), { status: 'ok' });
        // Every other route wants a session or token, and every answer carries the headers.
        const data = await fetch(`${server.url}/api/v1/practice`);
        assert.equal(data.status, 401);
        assert.equal(data.headers.get('x-content-type-options'), 'nosniff');
        assert.match(data.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      } finally {
        await server.close();
      }
      await assert.rejects(fetch(`${server.url}/api/health`));
    } finally {
      await store.drop();
    }
  });

  it('shows loopback addresses as localhost', () => {
    assert.equal(displayUrl('127.0.0.1', 8080), 'http://localhost:8080');
    assert.equal(displayUrl('0.0.0.0', 80), 'http://localhost:80');
    assert.equal(displayUrl('192.168.1.4', 8080), 'http://192.168.1.4:8080');
    assert.equal(displayUrl('fe80::1', 8080), 'http://[fe80::1]:8080');
  });
});
