import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Store } from '../store/database.js';
import { createApp } from './create-app.js';
import { allowedHosts as namesFor } from './host-check.js';
import type { RequestLimits } from './request-limits.js';
import { prewarmOverview } from './prewarm-overview.js';

export interface ServerOptions {
  store: Store;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  webRoot?: string;
  /** Compute each practice's dashboard overview in the background once listening. */
  prewarm?: boolean;
  /** Host names to answer besides loopback, IP literals and `host` (`--allowed-hosts`). */
  allowedHosts?: readonly string[];
  limits?: Partial<RequestLimits>;
}

export interface RunningServer {
  /** Where it answers, e.g. http://127.0.0.1:8080 (the actual port; dialable as is). */
  url: string;
  host: string;
  port: number;
  /** Stops accepting connections, ends idle ones and resolves when the server is closed. */
  close(): Promise<void>;
}

/** A host to dial for `host` (a wildcard listens on loopback too), bracketed when IPv6. */
const dialHost = (host: string): string => {
  const h = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return h.includes(':') ? `[${h}]` : h;
};

/** How to show the address to a person: `localhost` for loopback and wildcard hosts. */
export const displayUrl = (host: string, port: number): string =>
  ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost'].includes(host)
    ? `http://localhost:${port}`
    : `http://${dialHost(host)}:${port}`;

/** Starts the HTTP server on `host:port` and resolves once it listens. */
export function startServer({
  store,
  port,
  host = '127.0.0.1',
  webRoot,
  prewarm = false,
  allowedHosts = [],
  limits,
}: ServerOptions): Promise<RunningServer> {
  const app = createApp({ store, webRoot, allowedHosts: namesFor(host, allowedHosts), limits });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      server.off('error', reject);
      if (prewarm) {
        prewarmOverview(app, store).catch((e: Error) =>
          process.stderr.write(
            `rapport: could not prepare the overview in advance: ${e.message}\n`,
          ),
        );
      }
      resolve({
        url: `http://${dialHost(host)}:${info.port}`,
        host,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            if ('closeIdleConnections' in server) server.closeIdleConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}
