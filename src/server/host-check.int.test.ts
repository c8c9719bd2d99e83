import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { freshStore } from '../store/test-dialects.js';
import { createApp } from './create-app.js';
import { allowedHosts } from './host-check.js';
import { startServer } from './start-server.js';

/** GET over real HTTP with a chosen Host header (fetch does not let a caller set it). */
const getWithHost = (url: string, host: string): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });

describe('the Host check (DNS rebinding)', () => {
  it('answers loopback names and IP literals, refuses other names with 403', async () => {
    const store = await freshStore('sqlite');
    try {
      const app = createApp({ store, allowedHosts: allowedHosts('127.0.0.1', []) });
      const status = async (url: string) => (await app.request(url)).status;
      for (const host of [
        'localhost',
        'localhost:8080',
        '127.0.0.1:8080',
        '[::1]:8080',
        'app.localhost',
        '192.168.1.4',
      ])
        assert.equal(await status(`http://${host}/api/health`), 200, host);
      const evil = await app.request('http://evil.example/api/v1/practice');
      assert.equal(evil.status, 403);
      const body = (await evil.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'FORBIDDEN');
      assert.match(body.error.message, /"evil\.example".*--allowed-hosts/);
      // Not only the API: the web app and the OpenAPI document are refused as well.
      assert.equal(await status('http://evil.example/'), 403);
      assert.equal(await status('http://evil.example/api/openapi.json'), 403);
    } finally {
      await store.drop();
    }
  });

  it('answers the --host name and the allowed names, a leading dot allowing subdomains', async () => {
    const store = await freshStore('sqlite');
    try {
      const hosts = allowedHosts('rapport.internal', ['Stats.Example.org', '.clinic.test']);
      const app = createApp({ store, allowedHosts: hosts });
      const status = async (host: string) =>
        (await app.request(`http://${host}/api/health`)).status;
      assert.equal(await status('rapport.internal:8080'), 200);
      assert.equal(await status('stats.example.org'), 200);
      assert.equal(await status('clinic.test'), 200);
      assert.equal(await status('a.b.clinic.test'), 200);
      assert.equal(await status('example.org'), 403);
      assert.equal(await status('evilclinic.test'), 403);
      const any = createApp({ store, allowedHosts: ['*'] });
      assert.equal((await any.request('http://evil.example/api/health')).status, 200);
      // A wildcard listen address is no name to answer to.
      assert.deepEqual(allowedHosts('0.0.0.0', []), []);
      assert.deepEqual(allowedHosts('::', ['x.test']), ['x.test']);
    } finally {
      await store.drop();
    }
  });

  it('holds over real HTTP: the Host header a browser sends decides', async () => {
    const store = await freshStore('sqlite');
    const server = await startServer({ store, port: 0, allowedHosts: ['ok.test'] });
    try {
      const url = `${server.url}/api/health`;
      assert.equal((await getWithHost(url, `localhost:${server.port}`)).status, 200);
      assert.equal((await getWithHost(url, `ok.test:${server.port}`)).status, 200);
      const evil = await getWithHost(url, `evil.example:${server.port}`);
      assert.equal(evil.status, 403);
      assert.match(evil.body, /FORBIDDEN/);
    } finally {
      await server.close();
      await store.drop();
    }
  });
});
