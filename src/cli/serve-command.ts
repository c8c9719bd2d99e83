import type { Command } from 'commander';
import { AppError } from '../model/app-error.js';
import { ZPractice } from '../model/practice.js';
import {
  DEFAULT_ALERTS_CRON,
  checkCronPattern,
  startAlertSchedule,
} from '../server/deliveries/alert-schedule.js';
import { DEFAULT_DIGEST_CRON, startDigestSchedule } from '../server/deliveries/digest-schedule.js';
import { mailSettings } from '../server/deliveries/mail-settings.js';
import { DEFAULT_REPORT_CRON, startReportSchedule } from '../server/deliveries/report-schedule.js';
import { DEFAULT_RETRY } from '../server/deliveries/retry-policy.js';
import { portFree } from '../server/port-free.js';
import { DEFAULT_LIMITS } from '../server/request-limits.js';
import { displayUrl, startServer } from '../server/start-server.js';
import type { Store } from '../store/database.js';
import { EXIT, type CliIO, type CommonOptions } from './cli-io.js';
import { firstRunLink, prepareAccess } from './first-run.js';
import { withStore } from './with-store.js';
import { firstIssueText } from '../model/plain-issue.js';

export { startServer, type RunningServer } from '../server/start-server.js';

interface ServeOptions extends CommonOptions {
  port: string;
  host: string;
  allowedHosts?: string;
  maxBodyMb: string;
}

const parsePort = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new AppError('USAGE', `--port must be a whole number from 0 to 65535, got "${v}"`);
  }
  return n;
};

/** Resolves on the first SIGINT or SIGTERM. */
const untilSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });

export interface ServeChoice {
  port: number;
  host: string;
  practiceId: string;
  /** Host names answered besides loopback, IP literals and --host. */
  allowedHosts: string[];
  maxBodyBytes: number;
  /** croner pattern of the alert evaluation, or `off`. */
  alertsCron: string;
  /** croner pattern of the weekly digest, read in each practice's zone, or `off`. */
  digestCron: string;
  /** Whether the digest pattern was asked for (flag or env) rather than the default. */
  digestCronGiven: boolean;
  /** croner pattern of the monthly report e-mail, read in each practice's zone, or `off`. */
  reportCron: string;
  /** Whether the report pattern was asked for (flag or env) rather than the default. */
  reportCronGiven: boolean;
}

/** The flags `serve` and `start` share, with their defaults. */
export interface ServeFlags {
  port: string;
  host: string;
  practice: string;
  allowedHosts?: string;
  maxBodyMb?: string;
  alertsCron?: string;
  digestCron?: string;
  reportCron?: string;
}

const parseMb = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 1024) {
    throw new AppError(
      'USAGE',
      `--max-body-mb must be a number of megabytes above 0 and at most 1024, got "${v}"`,
    );
  }
  return Math.round(n * 1024 * 1024);
};

/** `a.example, .b.example` → its names; also how RAPPORT_ALLOWED_HOSTS is read. */
const hostList = (v: string | undefined): string[] =>
  (v ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');

/** Validates the flags shared by `serve` and `start`. */
export function serveChoice(opts: ServeFlags): ServeChoice {
  const port = parsePort(opts.port);
  const practice = ZPractice.shape.practice_id.safeParse(opts.practice);
  if (!practice.success) {
    throw new AppError('USAGE', `--practice: ${firstIssueText(practice.error)}`);
  }
  return {
    port,
    host: opts.host,
    practiceId: practice.data,
    allowedHosts: [...hostList(process.env.RAPPORT_ALLOWED_HOSTS), ...hostList(opts.allowedHosts)],
    maxBodyBytes:
      opts.maxBodyMb === undefined ? DEFAULT_LIMITS.maxBodyBytes : parseMb(opts.maxBodyMb),
    alertsCron: checkCronPattern(
      opts.alertsCron ?? process.env.RAPPORT_ALERTS_CRON ?? DEFAULT_ALERTS_CRON,
    ),
    ...digestChoice(opts.digestCron ?? process.env.RAPPORT_DIGEST_CRON),
    ...reportChoice(opts.reportCron ?? process.env.RAPPORT_REPORT_CRON),
  };
}

/** The digest pattern (flag, else env, else Mondays 08:00) and whether one was asked for. */
const digestChoice = (given: string | undefined) => ({
  digestCron: checkCronPattern(given ?? DEFAULT_DIGEST_CRON, '--digest-cron'),
  digestCronGiven: given !== undefined,
});

/** The monthly report pattern (flag, else env, else the 1st at 08:00) and whether one was asked for. */
const reportChoice = (given: string | undefined) => ({
  reportCron: checkCronPattern(given ?? DEFAULT_REPORT_CRON, '--report-cron'),
  reportCronGiven: given !== undefined,
});

/** Registers the flags of ServeFlags on a command (`serve` and `start` share them). */
export const serveFlags = (command: Command, practiceHelp: string): Command =>
  command
    .option('--port <n>', 'port to listen on (0: any free port)', '8080')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--practice <id>', practiceHelp, 'default')
    .option(
      '--allowed-hosts <names>',
      'comma-separated host names the server answers to besides localhost, IP addresses and ' +
        '--host (".example.org" allows its subdomains; also $RAPPORT_ALLOWED_HOSTS)',
    )
    .option(
      '--max-body-mb <n>',
      'largest push body in megabytes',
      String(DEFAULT_LIMITS.maxBodyBytes / 1024 / 1024),
    )
    .option(
      '--alerts-cron <pattern>',
      `when alert rules are evaluated, a cron pattern, or "off" (default "${DEFAULT_ALERTS_CRON}": hourly; also $RAPPORT_ALERTS_CRON)`,
    )
    .option(
      '--digest-cron <pattern>',
      `when the weekly digest is e-mailed, a cron pattern read in each practice's zone, or "off" (default "${DEFAULT_DIGEST_CRON}": Mondays 08:00; also $RAPPORT_DIGEST_CRON)`,
    )
    .option(
      '--report-cron <pattern>',
      `when the monthly report is e-mailed to its subscribers, a cron pattern read in each practice's zone, or "off" (default "${DEFAULT_REPORT_CRON}": the 1st at 08:00; also $RAPPORT_REPORT_CRON)`,
    );

/** Why the server cannot listen, as a usage error; a busy port suggests another one. */
const listenError = (host: string, port: number, e: NodeJS.ErrnoException): AppError =>
  new AppError(
    'USAGE',
    e.code === 'EADDRINUSE'
      ? `port ${port} on ${host} is already in use (another rapport or program?); ` +
          `choose another with --port, e.g. --port ${port === 65535 ? port - 1 : port + 1}, or --port 0 for any free port`
      : `cannot listen on ${host}:${port}: ${e.message}`,
  );

/** Fails with the listen error when the server could not listen: run it before touching the store. */
export const checkPortFree = (choice: ServeChoice): Promise<void> =>
  portFree(choice.host, choice.port).catch((e: NodeJS.ErrnoException) => {
    throw listenError(choice.host, choice.port, e);
  });

/** Serves the store's API and dashboard until SIGINT or SIGTERM, saying where on stdout. */
export async function serveUntilStopped(
  store: Store,
  choice: ServeChoice,
  io: CliIO,
): Promise<number> {
  const { port, host, practiceId, allowedHosts, maxBodyBytes } = choice;
  const firstOwner = await prepareAccess(store, practiceId, host, io);
  const server = await startServer({
    store,
    port,
    host,
    prewarm: true,
    allowedHosts,
    limits: { maxBodyBytes },
  }).catch((e: NodeJS.ErrnoException) => {
    throw listenError(host, port, e);
  });
  const say = (l: string) => io.err(`rapport: ${l}\n`);
  const mail = mailSettings();
  const alerts = startAlertSchedule(
    store,
    choice.alertsCron,
    { mail, retry: DEFAULT_RETRY, warn: say },
    say,
  );
  if (mail === null && choice.digestCronGiven && choice.digestCron !== 'off') {
    say('--digest-cron: no SMTP settings (RAPPORT_SMTP_URL), so no weekly digest is sent');
  }
  const digests = startDigestSchedule(store, choice.digestCron, mail, DEFAULT_RETRY, say);
  if (mail === null && choice.reportCronGiven && choice.reportCron !== 'off') {
    say('--report-cron: no SMTP settings (RAPPORT_SMTP_URL), so no monthly report is e-mailed');
  }
  const reports = startReportSchedule(store, choice.reportCron, mail, DEFAULT_RETRY, say);
  const url = displayUrl(host, server.port);
  const at = practiceId === 'default' ? url : `${url}/?practice=${practiceId}`;
  io.out(`Rapport is running at ${at}\n(press Ctrl+C to stop)\n`);
  if (firstOwner !== null) {
    const link = await firstRunLink(store, firstOwner, practiceId, url);
    io.out(
      `First run: open this one-time link to sign in as the owner (valid once, for 15 minutes):\n` +
        `  ${link}\n` +
        'Give the owner a password with: npx rapport user reset-password owner\n' +
        'Add people with: npx rapport user add <login> --name <name> --role <role>\n',
    );
  }
  const signal = await untilSignal();
  io.err(`rapport: ${signal} received, shutting down\n`);
  alerts.stop();
  digests.stop();
  reports.stop();
  await server.close();
  return EXIT.ok;
}

/** `rapport serve`: the HTTP API and the web app, until SIGINT or SIGTERM. */
export function registerServe(program: Command, io: CliIO, run: (p: Promise<number>) => void) {
  serveFlags(
    program
      .command('serve')
      .description('serve the HTTP API and the web dashboard')
      .option('--db <url>', 'database URL (default: $RAPPORT_DB or ./rapport.db)'),
    'practice id the dashboard opens with',
  ).action((opts: ServeOptions) =>
    run(
      (async () => {
        const choice = serveChoice(opts);
        await checkPortFree(choice);
        return withStore(opts.db, (store) => serveUntilStopped(store, choice, io));
      })(),
    ),
  );
}
