import { createServer } from 'node:net';

/**
 * Resolves when `host:port` can be listened on (by listening and closing at once), rejects with
 * the listen error (`EADDRINUSE`, `EACCES`, …) otherwise. Port 0 is always free.
 */
export function portFree(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}
