import type { Command } from 'commander';
import { KPI_IDS } from '../metrics/kpi-meta/kpi-meta.types.js';
import { AppError } from '../model/app-error.js';
import { ZNewAlertRule, type AlertChannel } from '../model/alert-rule.js';
import { mailSettings } from '../server/deliveries/mail-settings.js';
import { DEFAULT_RETRY, type RetryPolicy } from '../server/deliveries/retry-policy.js';
import { runAlerts } from '../server/deliveries/run-alerts.js';
import { sendDigests } from '../server/deliveries/send-digest.js';
import { ruleView } from '../server/routes/alerts.route.js';
import {
  createAlertRule,
  deleteAlertRule,
  listAlertRules,
  listDeliveries,
} from '../store/alert.repository.js';
import { appendAudit } from '../store/audit-log.repository.js';
import { findUserByLogin } from '../store/user.repository.js';
import { EXIT, type CliIO } from './cli-io.js';
import { withExistingStore, withStore } from './with-store.js';
import { firstIssueText } from '../model/plain-issue.js';

const DB = ['--db <url>', 'database URL (default: $RAPPORT_DB or ./rapport.db)'] as const;
const when = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString());

interface AddOptions {
  db?: string;
  practice: string;
  name: string;
  type: string;
  kpi?: string;
  scope?: string;
  period?: string;
  band?: string;
  days?: string;
  consecutive?: string;
  margin?: string;
  recipients?: string;
  webhook?: string;
  secret?: string;
  email?: string;
  userEmail?: boolean;
}

interface SendOptions {
  db?: string;
  practice?: string;
  force?: boolean;
  smtpUrl?: string;
  smtpFrom?: string;
  attempts: string;
  backoffMs: string;
}

const num = (flag: string, v: string | undefined) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new AppError('USAGE', `${flag} must be a number, got "${v}"`);
  return n;
};

/** The delivery settings of `alerts run` / `alerts digest`: SMTP and retry flags or env. */
export function sendSettings(opts: SendOptions, io: CliIO) {
  const retry: RetryPolicy = {
    ...DEFAULT_RETRY,
    attempts: num('--attempts', opts.attempts) ?? DEFAULT_RETRY.attempts,
    baseDelayMs: num('--backoff-ms', opts.backoffMs) ?? DEFAULT_RETRY.baseDelayMs,
  };
  return {
    mail: mailSettings({ smtpUrl: opts.smtpUrl, smtpFrom: opts.smtpFrom }),
    retry,
    warn: (l: string) => io.err(`rapport: ${l}\n`),
  };
}

const sendFlags = (c: Command) =>
  c
    .option(...DB)
    .option(
      '--smtp-url <url>',
      'SMTP server, e.g. smtp://user:pass@host:587 (or $RAPPORT_SMTP_URL)',
    )
    .option('--smtp-from <address>', 'sender address (or $RAPPORT_SMTP_FROM)')
    .option('--attempts <n>', 'tries per delivery', String(DEFAULT_RETRY.attempts))
    .option(
      '--backoff-ms <n>',
      'wait before the 2nd try, doubled each time',
      String(DEFAULT_RETRY.baseDelayMs),
    );

/** `rapport alerts list|add|remove|log|run|digest`: alert rules, their deliveries, one evaluation. */
export function registerAlerts(program: Command, io: CliIO, run: (p: Promise<number>) => void) {
  const alerts = program
    .command('alerts')
    .description('alert rules, the delivery log, and one evaluation (for cron setups)');

  alerts
    .command('list')
    .description('list the alert rules of a practice')
    .option(...DB)
    .option('--practice <id>', 'practice id', 'default')
    .option('--json', 'print JSON')
    .action((opts: { db?: string; practice: string; json?: boolean }) =>
      run(
        withExistingStore(opts.db, async ({ db }) => {
          const rules = (await listAlertRules(db, opts.practice)).map(ruleView);
          if (opts.json) io.out(`${JSON.stringify(rules, null, 2)}\n`);
          else if (rules.length === 0) io.out('no alert rules\n');
          else {
            for (const r of rules) {
              const c = r.condition;
              const what =
                c.type === 'kpi_band' ? `${c.type} ${c.kpi} ${c.period} ${c.band}` : c.type;
              const to = r.channels
                .map((ch) =>
                  ch.kind === 'webhook' ? ch.url : ch.kind === 'email' ? ch.to.join(',') : 'users',
                )
                .join(' ');
              io.out(`${r.rule_id}  ${r.name}  ${what}  K=${c.consecutive}  → ${to}\n`);
            }
          }
          return EXIT.ok;
        }),
      ),
    );

  alerts
    .command('add')
    .description('add an alert rule')
    .option(...DB)
    .option('--practice <id>', 'practice id', 'default')
    .requiredOption('--name <text>', 'what the rule is called in notifications')
    .requiredOption(
      '--type <type>',
      'kpi_band, therapist_over_limit, data_stale or target_off_track',
    )
    .option('--kpi <id>', `kpi_band: the KPI (${KPI_IDS.slice(0, 3).join(', ')}, …)`)
    .option('--scope <scope>', 'kpi_band: practice, service:NAME or channel:NAME', 'practice')
    .option('--period <p>', 'kpi_band: week or month')
    .option('--band <band>', 'kpi_band: fire while in this band (default below_typical)')
    .option('--days <n>', 'therapist_over_limit: days a week; data_stale: days without data')
    .option('--consecutive <k>', 'periods in a row before it fires (default 2)')
    .option('--margin <m>', 'how far back inside before it resolves (default 2)')
    .option('--recipients <logins>', 'comma-separated users told of each change')
    .option('--webhook <url>', 'POST each change to this URL')
    .option('--secret <text>', 'the webhook’s signing secret (at least 16 characters)')
    .option('--email <addresses>', 'comma-separated e-mail addresses')
    .option('--user-email', 'e-mail the recipients (their login when it is an address)')
    .action((o: AddOptions) =>
      run(
        withStore(o.db, async ({ db }) => {
          const recipients: string[] = [];
          for (const login of (o.recipients ?? '')
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)) {
            const u = await findUserByLogin(db, login);
            if (!u) throw new AppError('USAGE', `--recipients: no user "${login}"`);
            recipients.push(u.user_id);
          }
          const channels: AlertChannel[] = [];
          if (o.webhook) channels.push({ kind: 'webhook', url: o.webhook, secret: o.secret ?? '' });
          if (o.email)
            channels.push({ kind: 'email', to: o.email.split(',').map((s) => s.trim()) });
          if (o.userEmail) channels.push({ kind: 'user_email' });
          const [scopeKind, ...key] = (o.scope ?? 'practice').split(':');
          const condition = Object.fromEntries(
            Object.entries({
              type: o.type,
              kpi: o.kpi,
              period: o.period,
              band: o.band,
              scope:
                o.type === 'kpi_band'
                  ? { kind: scopeKind, ...(key.length ? { key: key.join(':') } : {}) }
                  : undefined,
              days: num('--days', o.days),
              consecutive: num('--consecutive', o.consecutive),
              recovery_margin: num('--margin', o.margin),
            }).filter(([, v]) => v !== undefined),
          );
          const parsed = ZNewAlertRule.safeParse({ name: o.name, condition, recipients, channels });
          if (!parsed.success) {
            throw new AppError('USAGE', firstIssueText(parsed.error, 'rule'));
          }
          const c = parsed.data.condition;
          if (c.type === 'kpi_band' && !(KPI_IDS as readonly string[]).includes(c.kpi)) {
            throw new AppError('USAGE', `--kpi "${c.kpi}" is not a KPI of the catalog`);
          }
          const rule = await createAlertRule(db, o.practice, parsed.data);
          await appendAudit(db, {
            practice_id: o.practice,
            actor: 'cli',
            action: 'alert_rule_create',
            target: rule.rule_id,
            details: { type: c.type, channels: rule.channels.map((ch) => ch.kind) },
          });
          io.out(`${rule.rule_id}\n`);
          return EXIT.ok;
        }),
      ),
    );

  alerts
    .command('remove')
    .description('remove an alert rule (its past deliveries stay in the log)')
    .argument('<id>', 'the rule id (alr_…)')
    .option(...DB)
    .option('--practice <id>', 'practice id', 'default')
    .action((id: string, o: { db?: string; practice: string }) =>
      run(
        withExistingStore(o.db, async ({ db }) => {
          if (!(await deleteAlertRule(db, o.practice, id))) {
            throw new AppError('NOT_FOUND', `no alert rule ${id} in practice ${o.practice}`);
          }
          await appendAudit(db, {
            practice_id: o.practice,
            actor: 'cli',
            action: 'alert_rule_delete',
            target: id,
            details: {},
          });
          io.out(`alert rule ${id} removed\n`);
          return EXIT.ok;
        }),
      ),
    );

  alerts
    .command('log')
    .description('the delivery log: every webhook and e-mail with each attempt')
    .option(...DB)
    .option('--practice <id>', 'practice id', 'default')
    .option('--json', 'print JSON')
    .action((o: { db?: string; practice: string; json?: boolean }) =>
      run(
        withExistingStore(o.db, async ({ db }) => {
          const rows = await listDeliveries(db, o.practice);
          if (o.json) io.out(`${JSON.stringify(rows, null, 2)}\n`);
          else if (rows.length === 0) io.out('no deliveries\n');
          for (const d of o.json ? [] : rows) {
            io.out(
              `${when(d.created_at)}  ${d.delivery_id}  ${d.channel}  ${d.target}  ${d.status}  event ${d.event_id}\n`,
            );
            for (const a of d.attempts) {
              io.out(
                `    #${a.attempt} ${when(a.at)}  ${a.ok ? 'ok' : 'failed'}  ${a.status_code ?? '-'}  ${a.error ?? ''}\n`,
              );
            }
          }
          return EXIT.ok;
        }),
      ),
    );

  sendFlags(
    alerts
      .command('run')
      .description('evaluate every rule once and send what changed (for cron setups)')
      .option('--practice <id>', 'only this practice (default: all)'),
  ).action((o: SendOptions) =>
    run(
      withExistingStore(o.db, async ({ db }) => {
        const r = await runAlerts(db, o.practice, sendSettings(o, io));
        io.out(`${r.events} state changes, ${r.ok} deliveries sent, ${r.failed} failed\n`);
        return r.failed > 0 ? EXIT.partial : EXIT.ok;
      }),
    ),
  );

  sendFlags(
    alerts
      .command('digest')
      .description(
        'e-mail each user of the practice their digest of this ISO week (once per user and week)',
      )
      .option('--practice <id>', 'practice id', 'default')
      .option('--force', 'send it again to users who already had this week’s digest'),
  ).action((o: SendOptions) =>
    run(
      withExistingStore(o.db, async ({ db }) => {
        const s = sendSettings(o, io);
        if (!s.mail)
          throw new AppError(
            'CONFIG',
            'the digest is sent by e-mail: set RAPPORT_SMTP_URL and RAPPORT_SMTP_FROM (or --smtp-url/--smtp-from)',
          );
        const r = await sendDigests(db, o.practice ?? 'default', s.mail, s.retry, {
          force: o.force === true,
        });
        io.out(
          `${r.sent} digests sent, ${r.failed} failed, ${r.skipped} users without an address, ` +
            `${r.already} already sent this week\n`,
        );
        return r.failed > 0 ? EXIT.partial : EXIT.ok;
      }),
    ),
  );
}
