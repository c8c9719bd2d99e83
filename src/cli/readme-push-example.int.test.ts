import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createApp } from '../server/create-app.js';
import { DIALECTS, dialectSkipReason, freshStore } from '../store/test-dialects.js';
import type { CliIO } from './cli-io.js';
import { loadDemo } from './load-demo.js';
import { runCli } from './run-cli.js';

/** The shell block of the README's "Push records over HTTP" section, continuations joined. */
function readmeExample(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Push records over HTTP'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block, 'the README push section has a sh block');
  return block.replace(/\\\n/g, ' ');
}

/** `a "b c" 'd'` → [a, b c, d]: enough shell for the README's lines. */
const words = (line: string): string[] =>
  [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);

interface Request {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The token command (argv after `npx rapport`) and the curl requests of the example. */
function parseExample(block: string): { tokenArgv: string[]; requests: Request[] } {
  const tokenLine = /^TOKEN=\$\(npx rapport ([^)]*)\)/m.exec(block)?.[1];
  assert.ok(tokenLine, 'the example creates a token');
  const requests = block
    .split(/^(?=curl )/m)
    .filter((part) => part.startsWith('curl '))
    .map((part) => {
      const w = words(part.trim());
      const headers: Record<string, string> = {};
      let body = '';
      for (let i = 1; i < w.length; i++) {
        if (w[i] === '-H') {
          const [k, ...v] = w[++i]!.split(':');
          headers[k!.trim().toLowerCase()] = v.join(':').trim();
        } else if (w[i] === '-d') body = w[++i]!;
      }
      assert.equal(w[1], '-X');
      assert.equal(w[2], 'POST');
      return { url: w[3]!, headers, body };
    });
  return { tokenArgv: words(tokenLine), requests };
}

const quiet: CliIO = { out: () => undefined, err: () => undefined, interactive: false };

for (const dialect of DIALECTS) {
  describe(`the README push example against the demo on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it('answers 200 to every request as written and stores the appointment', { skip }, async () => {
      const { tokenArgv, requests } = parseExample(readmeExample());
      assert.ok(requests.length > 0, 'the example has curl requests');
      const store = await freshStore(dialect);
      try {
        await loadDemo(
          store,
          { size: 'sample', seed: 1, practiceId: 'default', end: '2026-11-30' },
          quiet,
        );
        const created = await runCli([...tokenArgv, '--db', store.url]);
        assert.equal(created.code, 0, created.err);
        const token = created.out.trim();
        const app = createApp({ store });
        for (const r of requests) {
          const headers = Object.fromEntries(
            Object.entries(r.headers).map(([k, v]) => [k, v.replace('$TOKEN', token)]),
          );
          const res = await app.request(r.url, { method: 'POST', headers, body: r.body });
          const answer = (await res.json()) as { inserted: number; issues: unknown[] };
          assert.equal(res.status, 200, `${r.url}: ${JSON.stringify(answer)}`);
          assert.deepEqual([answer.inserted, answer.issues], [1, []], r.url);
        }
        const stored = await store.db
          .selectFrom('appointments')
          .select(['client_id', 'therapist_id', 'status'])
          .where('practice_id', '=', 'default')
          .where('appointment_id', '=', 'a-ehr-1')
          .execute();
        assert.deepEqual(stored, [
          { client_id: 'c-ehr-1', therapist_id: 't-ehr-1', status: 'completed' },
        ]);
      } finally {
        await store.drop();
      }
    });
  });
}
