import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createInvite } from '../store/invite.repository.js';
import { createSession, createSignInCode } from '../store/session.repository.js';
import { DIALECTS, dialectSkipReason, freshStore, type TestStore } from '../store/test-dialects.js';
import { checkPassword } from '../store/user.repository.js';
import { runCli } from './run-cli.js';

/** Every row of every table of the store, as one text. */
async function dumpStore(store: TestStore): Promise<string> {
  const tables = await store.db.introspection.getTables();
  assert.ok(tables.some((t) => t.name === 'users'));
  const rows = [];
  for (const t of tables) {
    rows.push(
      t.name,
      await store.db
        .selectFrom(t.name as 'users')
        .selectAll()
        .execute(),
    );
  }
  return JSON.stringify(rows);
}

for (const dialect of DIALECTS) {
  describe(`rapport user and audit on ${dialect}`, async () => {
    const skip = (await dialectSkipReason(dialect)) ?? false;

    it(
      'adds, lists, changes roles, resets passwords, removes, and audits each',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          const db = ['--db', store.url];
          const add = await runCli([
            'user',
            'add',
            'Ann@Example.org',
            '--name',
            'Ann',
            '--role',
            'owner',
            '--practice',
            'pa',
            ...db,
          ]);
          assert.equal(add.code, 0, add.err);
          const password = add.out.trim();
          assert.match(password, /^[A-Za-z0-9_-]{20}$/);
          assert.ok(
            await checkPassword(store.db, 'ann@example.org', password),
            'login kept lower-case',
          );
          process.env.RAPPORT_TEST_PW = 'a chosen long password';
          const clin = await runCli([
            'user',
            'add',
            'cy',
            '--name',
            'Cy',
            '--role',
            'clinician',
            '--therapist',
            't1',
            '--practice',
            'pa',
            '--password-env',
            'RAPPORT_TEST_PW',
            ...db,
          ]);
          assert.deepEqual([clin.code, clin.out], [0, '']);
          assert.ok(await checkPassword(store.db, 'cy', 'a chosen long password'));
          const noTherapist = await runCli([
            'user',
            'add',
            'dee',
            '--name',
            'Dee',
            '--role',
            'clinician',
            ...db,
          ]);
          assert.equal(noTherapist.code, 1);
          assert.match(noTherapist.err, /clinician is linked to exactly one therapist/);

          assert.equal(
            (await runCli(['user', 'role', 'cy', 'viewer', '--practice', 'pb', ...db])).code,
            0,
          );
          assert.equal(
            (await runCli(['user', 'list', ...db])).out,
            'ann@example.org  Ann  pa:owner\ncy  Cy  pa:clinician(t1),pb:viewer\n',
          );
          assert.equal(
            (await runCli(['user', 'list', '--practice', 'pb', ...db])).out,
            'cy  Cy  pb:viewer\n',
          );

          const lastOwner = await runCli([
            'user',
            'role',
            'ann@example.org',
            'admin',
            '--practice',
            'pa',
            ...db,
          ]);
          assert.deepEqual(
            [lastOwner.code, lastOwner.err],
            [1, 'rapport: the practice pa would be left without an owner\n'],
          );
          assert.equal(
            (await runCli(['user', 'remove', 'ann@example.org', '--practice', 'pa', ...db])).code,
            1,
          );

          const reset = await runCli(['user', 'reset-password', 'cy', ...db]);
          assert.equal(reset.code, 0, reset.err);
          assert.equal(await checkPassword(store.db, 'cy', 'a chosen long password'), null);
          assert.ok(await checkPassword(store.db, 'cy', reset.out.trim()));
          assert.equal((await runCli(['user', 'remove', 'cy', '--practice', 'pb', ...db])).code, 0);
          assert.equal((await runCli(['user', 'remove', 'nobody', ...db])).code, 1);

          const audit = await runCli(['audit', '--practice', 'pa', '--json', ...db]);
          assert.equal(audit.code, 0, audit.err);
          const entries = JSON.parse(audit.out) as {
            action: string;
            target: string;
            actor: string;
          }[];
          assert.deepEqual(entries.map((e) => [e.action, e.target, e.actor]).reverse(), [
            ['user_add', 'ann@example.org', 'cli'],
            ['user_add', 'cy', 'cli'],
          ]);
          const all = await runCli(['audit', ...db]);
          assert.match(all.out, /cli {2}user_remove {2}cy/);
          assert.match(all.out, /cli {2}password_reset {2}cy/);
          assert.match(all.out, /pb {2}cli {2}role_change {2}cy {2}\{"from":null,"to":"viewer"\}/);
        } finally {
          delete process.env.RAPPORT_TEST_PW;
          await store.drop();
        }
      },
    );

    it(
      'no password, token, session id, code or invite secret is stored in clear',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          const db = ['--db', store.url];
          const add = await runCli([
            'user',
            'add',
            'ann',
            '--name',
            'Ann',
            '--role',
            'owner',
            ...db,
          ]);
          const password = add.out.trim();
          const token = (
            await runCli(['token', 'create', '--scope', 'kpis:read,admin', ...db])
          ).out.trim();
          assert.match(token, /^rpt_/);
          const userId = (
            await store.db.selectFrom('users').select('user_id').executeTakeFirstOrThrow()
          ).user_id;
          const session = await createSession(store.db, userId, 'default');
          const code = await createSignInCode(store.db, userId, 'default');
          const invite = await createInvite(
            store.db,
            { practice_id: 'default', role: 'viewer', therapist_id: null },
            userId,
          );
          const dump = await dumpStore(store);
          for (const [what, secret] of [
            ['password', password],
            ['token', token.slice(4)],
            ['session id', session.sessionId.slice(4)],
            ['csrf token', session.csrfToken],
            ['sign-in code', code],
            ['invite', invite.secret.slice(4)],
          ] as const) {
            assert.ok(secret.length >= 20, what);
            assert.ok(!dump.includes(secret), `${what} found in the store in clear`);
          }
          assert.match(dump, /"scopes":"kpis:read admin"/);
        } finally {
          await store.drop();
        }
      },
    );
    it(
      'warns when a clinician is linked to a therapist id the practice does not hold',
      { skip },
      async () => {
        const store = await freshStore(dialect);
        try {
          const db = ['--db', store.url];
          await store.db
            .insertInto('therapists')
            .values({
              practice_id: 'default',
              therapist_id: 't-001',
              display_name: 'Known',
              specialties: '',
              languages: '',
              modalities: '',
              max_sessions_per_day: null,
              max_sessions_per_week: null,
              active_from: null,
              active_to: null,
            })
            .execute();
          const add = (login: string, therapist: string) =>
            runCli([
              'user',
              'add',
              login,
              '--name',
              login,
              '--role',
              'clinician',
              '--therapist',
              therapist,
              ...db,
            ]);
          const typo = await add('cal', 't-01');
          assert.equal(typo.code, 0, typo.err);
          assert.match(typo.err, /warning: default has no therapist "t-01" yet/);
          const known = await add('dot', 't-001');
          assert.equal(known.code, 0, known.err);
          assert.doesNotMatch(known.err, /warning/);
          const role = await runCli([
            'user',
            'role',
            'dot',
            'clinician',
            '--therapist',
            'nope',
            ...db,
          ]);
          assert.equal(role.code, 0, role.err);
          assert.match(role.err, /warning: default has no therapist "nope" yet/);
        } finally {
          await store.drop();
        }
      },
    );
  });
}
