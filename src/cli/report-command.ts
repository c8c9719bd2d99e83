import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '../model/app-error.js';
import { PROFILES, type Profile } from '../model/practice.js';
import { appendAudit } from '../store/audit-log.repository.js';
import type { Db } from '../store/database.js';
import { getPractice } from '../store/practice.repository.js';
import {
  removeReportSubscription,
  saveReportSubscription,
} from '../store/report-subscription.repository.js';
import { findUserByLogin } from '../store/user.repository.js';
import { DEFAULT_RETRY } from '../server/deliveries/retry-policy.js';
import { sendMonthlyReports } from '../server/deliveries/send-monthly-report.js';
import { isMonthKey, monthlyReportData } from '../server/report/monthly-report-data.js';
import { PAPERS, renderReportPdf, type Paper } from '../server/report/render-report-pdf.js';
import { resolveSubscription, subscriptionViews } from '../server/report/report-subscriptions.js';
import { sendSettings } from './alerts-command.js';
import { EXIT, type CliIO, type CommonOptions } from './cli-io.js';
import { withExistingStore } from './with-store.js';

/** The options of `rapport report`, which its subcommands read too (optsWithGlobals). */
interface ReportOptions extends CommonOptions {
  month?: string;
  profile?: string;
  therapist?: string;
  paper: string;
  out?: string;
  practice: string;
}

interface SendOptions extends ReportOptions {
  force?: boolean;
  smtpUrl?: string;
  smtpFrom?: string;
  attempts: string;
  backoffMs: string;
}

const checkMonth = (month: string) => {
  if (!isMonthKey(month)) throw new AppError('USAGE', `--month must be YYYY-MM, got "${month}"`);
};

const checkPaper = (paper: string): Paper => {
  if (!(paper in PAPERS)) {
    throw new AppError(
      'USAGE',
      `--paper must be one of ${Object.keys(PAPERS).join(', ')}, got "${paper}"`,
    );
  }
  return paper as Paper;
};

const auditSubscription = (db: Db, practice: string, details: Record<string, unknown>) =>
  appendAudit(db, {
    practice_id: practice,
    actor: 'cli',
    action: 'report_subscription_change',
    target: 'report',
    details,
  });

/**
 * `rapport report`: the monthly report of a practice (or of one therapist) as a PDF file, and
 * `report subscribe|unsubscribe|list|send`: who gets it by e-mail each month. The subcommands
 * take the options of `report` itself (--db, --practice, --therapist, --paper, --month), so
 * they are written the same way in both forms.
 */
export function registerReport(program: Command, io: CliIO, run: (p: Promise<number>) => void) {
  const report = program
    .command('report')
    .description(
      'write the monthly report as a PDF (KPIs, changes, outcomes, targets, trends), or ' +
        'choose who receives it by e-mail on the 1st of each month',
    )
    .option('--month <YYYY-MM>', 'the month of the report (send: the last whole month)')
    .option('--out <file.pdf>', 'where to write the PDF')
    .option('--profile <id>', `benchmark profile: ${PROFILES.join(', ')}`)
    .option('--therapist <id>', "one therapist's figures beside the practice's")
    .option('--paper <size>', `paper size: ${Object.keys(PAPERS).join(', ')}`, 'a4')
    .option('--db <url>', 'database URL (default: $RAPPORT_DB or ./rapport.db)')
    .option('--practice <id>', 'practice id', 'default')
    .configureHelp({ showGlobalOptions: true })
    .action((opts: ReportOptions) =>
      run(
        (async () => {
          if (opts.month === undefined || opts.out === undefined) {
            throw new AppError(
              'USAGE',
              'report: --month and --out are required (or one of: subscribe, unsubscribe, list, send)',
            );
          }
          checkMonth(opts.month);
          if (
            opts.profile !== undefined &&
            !(PROFILES as readonly string[]).includes(opts.profile)
          ) {
            throw new AppError(
              'USAGE',
              `--profile must be one of ${PROFILES.join(', ')}, got "${opts.profile}"`,
            );
          }
          const paper = checkPaper(opts.paper);
          const month = opts.month;
          const out = opts.out;
          return withExistingStore(opts.db, async ({ db }) => {
            const practice = await getPractice(db, opts.practice);
            const data = await monthlyReportData(db, practice, {
              month,
              ...(opts.profile ? { profile: opts.profile as Profile } : {}),
              therapist: opts.therapist ?? null,
            });
            const pdf = await renderReportPdf(data, paper);
            await writeFile(out, pdf);
            await appendAudit(db, {
              practice_id: practice.practice_id,
              actor: 'cli',
              action: 'export',
              target: 'report',
              details: { month, therapist: opts.therapist ?? null, format: 'pdf' },
            });
            io.out(
              `wrote ${out}: ${data.ids.length} KPIs, ${data.targets.length} targets, ${Math.round(pdf.length / 1024)} KB\n`,
            );
            return EXIT.ok;
          });
        })(),
      ),
    );

  report
    .command('subscribe <login>')
    .description(
      "e-mail the monthly report to a user of the practice (--therapist: that therapist's " +
        'report; a clinician always gets their own; --paper a4|letter)',
    )
    .action((login: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<ReportOptions>();
      run(
        withExistingStore(o.db, async ({ db }) => {
          const sub = await resolveSubscription(db, o.practice, {
            login,
            therapist: o.therapist ?? null,
            paper: checkPaper(o.paper),
          });
          await saveReportSubscription(db, o.practice, sub);
          await auditSubscription(db, o.practice, { subscribed: login });
          const what = sub.therapist_id ? `therapist ${sub.therapist_id}'s report` : 'the report';
          io.out(`${login} gets ${what} of practice ${o.practice} on ${sub.paper} paper\n`);
          return EXIT.ok;
        }),
      );
    });

  report
    .command('unsubscribe <login>')
    .description('stop e-mailing the monthly report to a user')
    .action((login: string, _o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<ReportOptions>();
      run(
        withExistingStore(o.db, async ({ db }) => {
          const user = await findUserByLogin(db, login);
          const removed = user && (await removeReportSubscription(db, o.practice, user.user_id));
          if (!removed) {
            throw new AppError(
              'NOT_FOUND',
              `${login} does not receive the report of ${o.practice}`,
            );
          }
          await auditSubscription(db, o.practice, { unsubscribed: login });
          io.out(`${login} no longer gets the report of practice ${o.practice}\n`);
          return EXIT.ok;
        }),
      );
    });

  report
    .command('list')
    .description('list who receives the monthly report by e-mail')
    .option('--json', 'print JSON')
    .action((_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<ReportOptions & { json?: boolean }>();
      run(
        withExistingStore(o.db, async ({ db }) => {
          const subs = await subscriptionViews(db, o.practice);
          if (o.json) io.out(`${JSON.stringify(subs, null, 2)}\n`);
          else if (subs.length === 0) io.out('nobody receives the monthly report\n');
          else {
            for (const s of subs) {
              const what = s.therapist ? `therapist ${s.therapist}` : 'practice';
              io.out(`${s.login}  ${s.role}  ${what}  ${s.paper}\n`);
            }
          }
          return EXIT.ok;
        }),
      );
    });

  report
    .command('send')
    .description(
      'e-mail the monthly report (--month, else the last whole month) to every subscriber, ' +
        'once per user and month',
    )
    .option('--force', 'send it again to users who already had that month’s report')
    .option('--smtp-url <url>', 'SMTP server (or $RAPPORT_SMTP_URL)')
    .option('--smtp-from <address>', 'sender address (or $RAPPORT_SMTP_FROM)')
    .option('--attempts <n>', 'tries per e-mail', String(DEFAULT_RETRY.attempts))
    .option(
      '--backoff-ms <n>',
      'wait before the 2nd try, doubled each time',
      String(DEFAULT_RETRY.baseDelayMs),
    )
    .action((_o: unknown, cmd: Command) => {
      const o = cmd.optsWithGlobals<SendOptions>();
      run(
        (async () => {
          if (o.month !== undefined) checkMonth(o.month);
          return withExistingStore(o.db, async ({ db }) => {
            const s = sendSettings(o, io);
            if (!s.mail) {
              throw new AppError(
                'CONFIG',
                'the report is sent by e-mail: set RAPPORT_SMTP_URL and RAPPORT_SMTP_FROM (or --smtp-url/--smtp-from)',
              );
            }
            const r = await sendMonthlyReports(db, o.practice, s.mail, s.retry, {
              force: o.force === true,
              ...(o.month ? { month: o.month } : {}),
            });
            io.out(
              `${r.sent} reports sent, ${r.failed} failed, ${r.skipped} subscribers skipped ` +
                `(no address or report not allowed), ${r.already} already sent for the month\n`,
            );
            return r.failed > 0 ? EXIT.partial : EXIT.ok;
          });
        })(),
      );
    });
}
