import type { Command } from 'commander';
import { AppError } from '../model/app-error.js';
import { ZPractice } from '../model/practice.js';
import { SCOPES, ZScope, type Scope } from '../model/role.js';
import { appendAudit } from '../store/audit-log.repository.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../store/api-token.repository.js';
import { EXIT, type CliIO, type CommonOptions } from './cli-io.js';
import { withExistingStore, withStore } from './with-store.js';
import { firstIssueText } from '../model/plain-issue.js';

const when = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString());

/** `rapport token create|list|revoke`: the API tokens that may push records into a practice. */
export function registerToken(program: Command, io: CliIO, run: (p: Promise<number>) => void) {
  const token = program
    .command('token')
    .description('create, list or revoke API tokens (for POST /api/v1/<entity>)');
  token
    .command('create')
    .description('create a token for a practice; it is printed once, only its hash is stored')
    .option('--db <url>', 'database URL (default: $RAPPORT_DB or ./rapport.db)')
    .option('--practice <id>', 'practice id', 'default')
    .option('--name <text>', 'what the token is for')
    .option(
      '--scope <scopes>',
      `comma-separated scopes: ${SCOPES.join(', ')} (admin grants all)`,
      'records:write',
    )
    .option('--expires-days <n>', 'refuse the token after this many days (default: never)')
    .action((opts: CommonOptions & { name?: string; scope: string; expiresDays?: string }) =>
      run(
        withStore(opts.db, async ({ db }) => {
          const id = ZPractice.shape.practice_id.safeParse(opts.practice);
          if (!id.success) {
            throw new AppError(
              'USAGE',
              `practice id "${opts.practice}": ${firstIssueText(id.error)}`,
            );
          }
          const scopes = opts.scope.split(',').map((v): Scope => {
            const s = ZScope.safeParse(v.trim());
            if (!s.success) {
              throw new AppError('USAGE', `--scope "${v}": one of ${SCOPES.join(', ')}`);
            }
            return s.data;
          });
          const days = opts.expiresDays === undefined ? undefined : Number(opts.expiresDays);
          if (days !== undefined && !(Number.isFinite(days) && days > 0)) {
            throw new AppError('USAGE', `--expires-days must be a number above 0`);
          }
          const now = Date.now();
          const { token: secret, info } = await createApiToken(
            db,
            opts.practice,
            opts.name ?? null,
            now,
            { scopes, expiresAt: days === undefined ? null : now + days * 86_400_000 },
          );
          await appendAudit(db, {
            practice_id: info.practice_id,
            actor: 'cli',
            action: 'token_create',
            target: info.token_id,
            details: { scopes: info.scopes.split(' ') },
          });
          io.out(`${secret}\n`);
          io.err(
            `token ${info.token_id} for practice ${info.practice_id} created; it is shown only ` +
              'this once. Send it as "Authorization: Bearer <token>".\n',
          );
          return EXIT.ok;
        }),
      ),
    );
  token
    .command('list')
    .description('list tokens (never their secrets)')
    .option('--db <url>', 'database URL (default: $RAPPORT_DB or ./rapport.db)')
    .option('--practice <id>', 'only the tokens of this practice')
    .action((opts: { db?: string; practice?: string }) =>
      run(
        withExistingStore(opts.db, async ({ db }) => {
          const rows = await listApiTokens(db, opts.practice);
          if (rows.length === 0) io.out('no tokens\n');
          for (const t of rows) {
            const state = t.revoked_at === null ? 'active' : `revoked ${when(t.revoked_at)}`;
            io.out(
              `${t.token_id}  ${t.practice_id}  ${t.name ?? '-'}  created ${when(t.created_at)}  ` +
                `last used ${when(t.last_used_at)}  ${state}  scopes ${t.scopes}` +
                `${t.expires_at === null ? '' : `  expires ${when(t.expires_at)}`}\n`,
            );
          }
          return EXIT.ok;
        }),
      ),
    );
  token
    .command('revoke')
    .description('revoke a token: it is refused from then on')
    .argument('<id>', 'the token id (tok_…), as `rapport token list` shows it')
    .option('--db <url>', 'database URL (default: $RAPPORT_DB or ./rapport.db)')
    .action((id: string, opts: { db?: string }) =>
      run(
        withExistingStore(opts.db, async ({ db }) => {
          if (!(await revokeApiToken(db, id))) {
            throw new AppError('NOT_FOUND', `no active token ${id}`);
          }
          const row = (await listApiTokens(db)).find((t) => t.token_id === id);
          await appendAudit(db, {
            practice_id: row?.practice_id ?? null,
            actor: 'cli',
            action: 'token_revoke',
            target: id,
          });
          io.out(`token ${id} revoked\n`);
          return EXIT.ok;
        }),
      ),
    );
}
