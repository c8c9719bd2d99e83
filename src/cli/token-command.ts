import type { Command } from 'commander';
import { AppError } from '../model/app-error.js';
import { ZPractice } from '../model/practice.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../store/api-token.repository.js';
import { EXIT, type CliIO, type CommonOptions } from './cli-io.js';
import { withExistingStore, withStore } from './with-store.js';

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
    .action((opts: CommonOptions & { name?: string }) =>
      run(
        withStore(opts.db, async ({ db }) => {
          const id = ZPractice.shape.practice_id.safeParse(opts.practice);
          if (!id.success) {
            throw new AppError(
              'USAGE',
              `practice id "${opts.practice}": ${id.error.issues[0]?.message}`,
            );
          }
          const { token: secret, info } = await createApiToken(
            db,
            opts.practice,
            opts.name ?? null,
          );
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
                `last used ${when(t.last_used_at)}  ${state}\n`,
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
          io.out(`token ${id} revoked\n`);
          return EXIT.ok;
        }),
      ),
    );
}
