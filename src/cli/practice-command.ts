import type { Command } from 'commander';
import { AppError } from '../model/app-error.js';
import { ZPractice, type Practice } from '../model/practice.js';
import { getPractice } from '../store/practice.repository.js';
import { updatePractice } from '../store/update-practice.js';
import { appendAudit } from '../store/audit-log.repository.js';
import { EXIT, type CliIO, type CommonOptions } from './cli-io.js';
import { withExistingStore, withStore } from './with-store.js';
import { plainIssueMessage } from '../model/plain-issue.js';

const describe = (p: Practice): string =>
  [
    `practice               ${p.practice_id}${p.name ? ` (${p.name})` : ''}`,
    `time zone              ${p.timezone}`,
    `currency               ${p.currency}`,
    `benchmark profile      ${p.profile}`,
    `active-client window   ${p.active_window_days} days`,
    `late-cancel notice     ${p.late_cancel_notice_hours} h`,
    `minimum sample         ${p.min_sample}`,
    `new clients by         ${p.new_client_by === 'created_at' ? 'intake date (created_at)' : 'first completed session'}`,
    `locale                 ${p.locale}`,
  ].join('\n') + '\n';

interface SetOptions extends CommonOptions {
  name?: string;
  tz?: string;
  currency?: string;
  profile?: string;
  activeWindowDays?: string;
  lateCancelNoticeHours?: string;
  minSample?: string;
  locale?: string;
  newClientBy?: string;
}

const num = (v: string | undefined, flag: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new AppError('USAGE', `${flag} must be a number, got "${v}"`);
  return n;
};

/** `rapport practice show|set`: the practice's settings. */
export function registerPractice(program: Command, io: CliIO, run: (p: Promise<number>) => void) {
  const practice = program.command('practice').description("show or change a practice's settings");
  practice
    .command('show')
    .description('print the settings KPIs are computed with')
    .option('--db <url>', 'database URL (default: $RAPPORT_DB or ./rapport.db)')
    .option('--practice <id>', 'practice id', 'default')
    .option('--json', 'print JSON')
    .action((opts: CommonOptions & { json?: boolean }) =>
      run(
        withExistingStore(opts.db, async ({ db }) => {
          const p = await getPractice(db, opts.practice);
          io.out(opts.json ? `${JSON.stringify(p, null, 2)}\n` : describe(p));
          return EXIT.ok;
        }),
      ),
    );
  practice
    .command('set')
    .description('change settings (only the options given)')
    .option('--db <url>', 'database URL (default: $RAPPORT_DB or ./rapport.db)')
    .option('--practice <id>', 'practice id', 'default')
    .option('--name <text>', 'display name')
    .option('--tz <zone>', 'IANA time zone, e.g. America/New_York')
    .option('--currency <code>', 'ISO 4217 currency, e.g. USD')
    .option(
      '--profile <id>',
      'benchmark profile: online_platform, remote_consultation, neurofeedback',
    )
    .option(
      '--active-window-days <n>',
      'days without a completed session before a client is inactive',
    )
    .option('--late-cancel-notice-hours <n>', 'notice below which a client cancellation is late')
    .option('--min-sample <n>', 'smallest n that gets a benchmark colour or an alert')
    .option('--locale <tag>', 'BCP 47 locale for numbers, e.g. en-US')
    .option(
      '--new-client-by <rule>',
      'what makes a client new in a period: first_session (default) or created_at (intake date)',
    )
    .action((opts: SetOptions) =>
      run(
        withStore(opts.db, async ({ db }) => {
          const current = await getPractice(db, opts.practice);
          const given = Object.fromEntries(
            Object.entries({
              name: opts.name,
              timezone: opts.tz,
              currency: opts.currency,
              profile: opts.profile,
              active_window_days: num(opts.activeWindowDays, '--active-window-days'),
              late_cancel_notice_hours: num(
                opts.lateCancelNoticeHours,
                '--late-cancel-notice-hours',
              ),
              min_sample: num(opts.minSample, '--min-sample'),
              locale: opts.locale,
              new_client_by: opts.newClientBy,
            }).filter(([, v]) => v !== undefined),
          );
          const parsed = ZPractice.safeParse({ ...current, ...given });
          if (!parsed.success) {
            const first = parsed.error.issues[0];
            const field = String(first?.path[0] ?? '');
            const flag = Object.entries(FLAG_TO_FIELD).find(([, f]) => f === field)?.[0] ?? field;
            throw new AppError(
              'USAGE',
              `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${first ? plainIssueMessage(first) : 'invalid'}`,
            );
          }
          const next = parsed.data;
          const { reclassified } = await db
            .transaction()
            .execute((trx) => updatePractice(trx, next));
          await appendAudit(db, {
            practice_id: next.practice_id,
            actor: 'cli',
            action: 'settings_change',
            details: { changed: Object.keys(given).sort() },
          });
          io.out(describe(next));
          if (reclassified !== null) {
            io.out(
              `late-cancel notice now ${next.late_cancel_notice_hours} h: ${reclassified} stored cancellation(s) reclassified\n`,
            );
          }
          return EXIT.ok;
        }),
      ),
    );
}

const FLAG_TO_FIELD: Record<string, string> = {
  name: 'name',
  tz: 'timezone',
  currency: 'currency',
  profile: 'profile',
  activeWindowDays: 'active_window_days',
  lateCancelNoticeHours: 'late_cancel_notice_hours',
  minSample: 'min_sample',
  locale: 'locale',
  newClientBy: 'new_client_by',
};
