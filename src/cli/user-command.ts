import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { AppError } from '../model/app-error.js';
import { ZPractice } from '../model/practice.js';
import { ZRole } from '../model/role.js';
import { ZLogin, ZMembership, ZPassword, type Membership } from '../model/user.js';
import { appendAudit } from '../store/audit-log.repository.js';
import type { Db } from '../store/database.js';
import { deleteSessionsOf } from '../store/session.repository.js';
import { therapistRows } from '../store/therapist.repository.js';
import {
  countOwners,
  createUser,
  findUserByLogin,
  listUsers,
  membershipIn,
  removeMembership,
  setMembership,
  setPassword,
} from '../store/user.repository.js';
import { EXIT, type CliIO } from './cli-io.js';
import { withStore } from './with-store.js';

const DB_HELP = 'database URL (default: $RAPPORT_DB or ./rapport.db)';

/** Parses with a zod schema, or fails as a usage error naming what was wrong. */
function parse<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  v: unknown,
  what: string,
): T {
  const r = schema.safeParse(v);
  if (!r.success) throw new AppError('USAGE', `${what}: ${r.error.issues[0]?.message}`);
  return r.data;
}

/** The membership the flags describe (a clinician needs --therapist). */
const membershipFrom = (practice: string, role: string, therapist?: string): Membership =>
  parse(
    ZMembership,
    {
      practice_id: parse(ZPractice.shape.practice_id, practice, '--practice'),
      role: parse(ZRole, role, 'role (owner, admin, clinician or viewer)'),
      therapist_id: therapist ?? null,
    },
    'role',
  );

/**
 * A warning when a clinician is linked to a therapist id the practice does not hold (a typo,
 * or therapists not imported yet): the link is kept, but their own page stays empty until a
 * therapist with that id is imported.
 */
async function therapistWarning(db: Db, m: Membership): Promise<string> {
  if (m.therapist_id === null) return '';
  const known = await therapistRows(db, m.practice_id);
  if (known.some((t) => t.therapist_id === m.therapist_id)) return '';
  return (
    `warning: ${m.practice_id} has no therapist "${m.therapist_id}" yet; ` +
    `this clinician sees no own figures until one with that id is imported\n`
  );
}

/** The password of --password-env, else a fresh random one printed once. */
function passwordFrom(envName: string | undefined): { password: string; generated: boolean } {
  if (envName === undefined) {
    return { password: randomBytes(15).toString('base64url'), generated: true };
  }
  const v = process.env[envName];
  if (v === undefined) throw new AppError('USAGE', `--password-env: $${envName} is not set`);
  return { password: parse(ZPassword, v, `$${envName}`), generated: false };
}

async function userOf(db: Db, login: string) {
  const user = await findUserByLogin(db, parse(ZLogin, login, 'login'));
  if (!user) throw new AppError('NOT_FOUND', `no user "${login}"`);
  return user;
}

/** Refuses to leave a practice without an owner. */
async function keepAnOwner(db: Db, userId: string, practiceId: string): Promise<void> {
  const m = await membershipIn(db, userId, practiceId);
  if (m?.role === 'owner' && (await countOwners(db, practiceId)) <= 1) {
    throw new AppError('CONFLICT', `the practice ${practiceId} would be left without an owner`);
  }
}

const audit = (
  db: Db,
  practiceId: string,
  action: Parameters<typeof appendAudit>[1]['action'],
  target: string,
  details: Record<string, unknown> = {},
) => appendAudit(db, { practice_id: practiceId, actor: 'cli', action, target, details });

/** `rapport user add|list|role|remove|reset-password`: people who sign in to the web app. */
export function registerUser(program: Command, io: CliIO, run: (p: Promise<number>) => void) {
  const user = program.command('user').description('add, list or change the users of a practice');
  user
    .command('add')
    .description('add a user with a role in a practice; prints a generated password once')
    .argument('<login>', 'sign-in name (an e-mail address or a plain login)')
    .requiredOption('--name <text>', 'display name')
    .requiredOption('--role <role>', 'owner, admin, clinician or viewer')
    .option('--practice <id>', 'practice id', 'default')
    .option('--therapist <id>', 'the therapist id a clinician is')
    .option('--password-env <var>', 'take the password from this environment variable')
    .option('--db <url>', DB_HELP)
    .action(
      (
        login: string,
        opts: {
          name: string;
          role: string;
          practice: string;
          therapist?: string;
          passwordEnv?: string;
          db?: string;
        },
      ) =>
        run(
          withStore(opts.db, async ({ db }) => {
            const m = membershipFrom(opts.practice, opts.role, opts.therapist);
            const { password, generated } = passwordFrom(opts.passwordEnv);
            const u = await createUser(db, {
              login: parse(ZLogin, login, 'login'),
              display_name: opts.name,
              password,
            });
            await setMembership(db, u.user_id, m);
            await audit(db, m.practice_id, 'user_add', u.login, { role: m.role });
            if (generated) io.out(`${password}\n`);
            io.err(
              `user ${u.login} added as ${m.role} of ${m.practice_id}` +
                (generated ? '; the password above is shown only this once.\n' : '.\n') +
                (await therapistWarning(db, m)),
            );
            return EXIT.ok;
          }),
        ),
    );
  user
    .command('list')
    .description('list users and their roles (never passwords)')
    .option('--practice <id>', 'only the users of this practice')
    .option('--db <url>', DB_HELP)
    .action((opts: { practice?: string; db?: string }) =>
      run(
        withStore(opts.db, async ({ db }) => {
          const rows = await listUsers(db, opts.practice);
          if (rows.length === 0) io.out('no users\n');
          for (const u of rows) {
            const roles = u.memberships
              .map(
                (m) => `${m.practice_id}:${m.role}${m.therapist_id ? `(${m.therapist_id})` : ''}`,
              )
              .join(',');
            io.out(
              `${u.login}  ${u.display_name}  ${roles || '-'}${u.disabled_at ? '  disabled' : ''}\n`,
            );
          }
          return EXIT.ok;
        }),
      ),
    );
  user
    .command('role')
    .description("set a user's role in a practice (adds them to it when they are not in it)")
    .argument('<login>')
    .argument('<role>', 'owner, admin, clinician or viewer')
    .option('--practice <id>', 'practice id', 'default')
    .option('--therapist <id>', 'the therapist id a clinician is')
    .option('--db <url>', DB_HELP)
    .action(
      (login: string, role: string, opts: { practice: string; therapist?: string; db?: string }) =>
        run(
          withStore(opts.db, async ({ db }) => {
            const m = membershipFrom(opts.practice, role, opts.therapist);
            const u = await userOf(db, login);
            if (m.role !== 'owner') await keepAnOwner(db, u.user_id, m.practice_id);
            const before = await membershipIn(db, u.user_id, m.practice_id);
            await setMembership(db, u.user_id, m);
            await audit(db, m.practice_id, 'role_change', u.login, {
              from: before?.role ?? null,
              to: m.role,
            });
            io.out(`${u.login} is now ${m.role} of ${m.practice_id}\n`);
            io.err(await therapistWarning(db, m));
            return EXIT.ok;
          }),
        ),
    );
  user
    .command('remove')
    .description('remove a user from a practice and end their sessions')
    .argument('<login>')
    .option('--practice <id>', 'practice id', 'default')
    .option('--db <url>', DB_HELP)
    .action((login: string, opts: { practice: string; db?: string }) =>
      run(
        withStore(opts.db, async ({ db }) => {
          const u = await userOf(db, login);
          await keepAnOwner(db, u.user_id, opts.practice);
          if (!(await removeMembership(db, u.user_id, opts.practice))) {
            throw new AppError('NOT_FOUND', `${u.login} is not a user of ${opts.practice}`);
          }
          await deleteSessionsOf(db, u.user_id);
          await audit(db, opts.practice, 'user_remove', u.login);
          io.out(`${u.login} removed from ${opts.practice}\n`);
          return EXIT.ok;
        }),
      ),
    );
  user
    .command('reset-password')
    .description(
      "set a new password (generated and printed once unless --password-env) and end the user's sessions",
    )
    .argument('<login>')
    .option('--password-env <var>', 'take the password from this environment variable')
    .option('--db <url>', DB_HELP)
    .action((login: string, opts: { passwordEnv?: string; db?: string }) =>
      run(
        withStore(opts.db, async ({ db }) => {
          const u = await userOf(db, login);
          const { password, generated } = passwordFrom(opts.passwordEnv);
          await setPassword(db, u.user_id, password);
          await deleteSessionsOf(db, u.user_id);
          await appendAudit(db, {
            practice_id: null,
            actor: 'cli',
            action: 'password_reset',
            target: u.login,
          });
          if (generated) io.out(`${password}\n`);
          io.err(`password of ${u.login} changed; their sessions are ended.\n`);
          return EXIT.ok;
        }),
      ),
    );
}
