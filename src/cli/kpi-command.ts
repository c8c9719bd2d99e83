import type { Command } from 'commander';
import { GROUP_BY, type GroupBy } from '../metrics/catalog/catalog.types.js';
import { getCatalog } from '../metrics/catalog/catalog.js';
import { computeKpis, type ComputeOptions } from '../metrics/engine/compute-kpis.js';
import { kpiFilterOf } from '../metrics/engine/kpi-filter.js';
import type { KpiReport, KpiResult } from '../metrics/engine/kpi-result.types.js';
import { KPI_IDS } from '../metrics/kpi-meta/kpi-meta.types.js';
import { AppError } from '../model/app-error.js';
import { PROFILES, type Profile } from '../model/practice.js';
import { getPractice } from '../store/practice.repository.js';
import { EXIT, type CliIO, type CommonOptions } from './cli-io.js';
import { withExistingStore } from './with-store.js';

export interface KpiOptions extends CommonOptions {
  from: string;
  to: string;
  tz?: string;
  by?: string;
  profile?: string;
  service?: string;
  therapist?: string;
  json?: boolean;
}

const UNIT_SUFFIX = { percent: ' %', hours: ' h', minutes: ' min', score: '', currency: '' };
/** Status markers; `suppressed` (an outcome group of 1–4 episodes) reads like too few data. */
const MARK = { ok: ' ', insufficient_data: '~', no_data: '-', no_source: 'x', suppressed: '~' };

const fmt = (v: number | null, digits = 1) =>
  v === null ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: digits });

/** One table row: KPI name, value with unit, band, n, 95% interval, status marker. */
function row(name: string, k: KpiResult): string {
  const value =
    k.status === 'no_source'
      ? 'no data loaded'
      : k.value === null
        ? '—'
        : `${fmt(k.value, k.unit === 'score' ? 2 : 1)}${k.currency ? ` ${k.currency}` : UNIT_SUFFIX[k.unit]}`;
  const ci = k.ci ? `${fmt(k.ci[0])}–${fmt(k.ci[1])}` : '';
  return `${MARK[k.status]} ${name.padEnd(34)} ${value.padStart(14)}  ${(k.band ?? '').padEnd(14)} ${(k.status === 'suppressed' ? '< 5' : String(k.n)).padStart(7)}  ${ci.padEnd(13)} ${note(k)}`;
}

/** The last column: why there is no value (or no band), and the clients left out as maturing. */
function note(k: KpiResult): string {
  const parts = [k.status === 'ok' ? (k.bandNote ?? '') : (k.reason ?? k.status)];
  if (k.maturing) parts.push(`${k.maturing} new clients still maturing, not counted`);
  return parts.filter(Boolean).join('; ');
}

function table(report: KpiReport): string {
  const catalog = getCatalog();
  const head = `  ${'KPI'.padEnd(34)} ${'value'.padStart(14)}  ${'band'.padEnd(14)} ${'n'.padStart(7)}  ${'95% interval'.padEnd(13)} note`;
  const block = (kpis: KpiReport['kpis']) =>
    KPI_IDS.filter((id) => kpis[id])
      .map((id) => row(catalog[id].name, kpis[id]!))
      .join('\n');
  const lines = [
    `Period ${report.period.from} to ${report.period.to} (${report.period.timezone}), profile ${report.profile}`,
    head,
    block(report.kpis),
  ];
  for (const g of report.groups ?? []) lines.push('', `[${g.key}]`, head, block(g.kpis));
  lines.push(
    '',
    '~ sample below the minimum: shown, no band (outcomes of 1–4 episodes: not shown)   - no data   x no data loaded (no record of its source)',
  );
  return `${lines.join('\n')}\n`;
}

/** The JSON document of DESIGN.md: period, profile, kpis (and groups with --by). */
export function kpiReportJson(report: KpiReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The computation `rapport kpi` (and `rapport export`) asks for, its options checked. */
export function kpiComputeOptions(
  opts: Pick<KpiOptions, 'from' | 'to' | 'tz' | 'by' | 'profile' | 'service' | 'therapist'>,
): ComputeOptions {
  if (opts.by !== undefined && !(GROUP_BY as readonly string[]).includes(opts.by)) {
    throw new AppError('USAGE', `--by must be one of ${GROUP_BY.join(', ')}, got "${opts.by}"`);
  }
  if (opts.profile !== undefined && !(PROFILES as readonly string[]).includes(opts.profile)) {
    throw new AppError(
      'USAGE',
      `--profile must be one of ${PROFILES.join(', ')}, got "${opts.profile}"`,
    );
  }
  for (const [flag, v] of [
    ['--service', opts.service],
    ['--therapist', opts.therapist],
  ] as const) {
    if (v !== undefined && v.trim() === '') {
      throw new AppError('USAGE', `${flag} names no ${flag.slice(2)}`);
    }
  }
  const filter = kpiFilterOf({ service: opts.service?.trim(), therapist: opts.therapist?.trim() });
  return {
    from: opts.from,
    to: opts.to,
    ...(opts.tz ? { timezone: opts.tz } : {}),
    ...(opts.by ? { by: opts.by as GroupBy } : {}),
    ...(opts.profile ? { profile: opts.profile as Profile } : {}),
    ...(filter ? { filter } : {}),
  };
}

/**
 * The options that choose a KPI report — period, zone, grouping, profile, filters, store and
 * practice — shared by `rapport kpi` and `rapport export`.
 */
export function kpiQueryOptions(cmd: Command, byHelp: string): Command {
  return cmd
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day (inclusive), YYYY-MM-DD')
    .option('--tz <zone>', "IANA time zone for this run (default: the practice's)")
    .option('--by <grouping>', byHelp)
    .option('--profile <id>', `benchmark profile: ${PROFILES.join(', ')}`)
    .option('--service <id>', 'only the records of this service (see the KPI help for each)')
    .option('--therapist <id>', 'only the records of this therapist')
    .option('--db <url>', 'database URL (default: $RAPPORT_DB or ./rapport.db)')
    .option('--practice <id>', 'practice id', 'default');
}

/** `rapport kpi`: every KPI for a period, as a table or the JSON document of the contract. */
export function registerKpi(program: Command, io: CliIO, run: (p: Promise<number>) => void) {
  kpiQueryOptions(program.command('kpi'), `split by ${GROUP_BY.join(', ')}`)
    .description('compute every KPI for a period (days --from..--to inclusive, local time)')
    .option('--json', 'print the JSON document')
    .action((opts: KpiOptions) =>
      run(
        (async () => {
          const options = kpiComputeOptions(opts);
          getCatalog();
          return withExistingStore(opts.db, async ({ db }) => {
            const practice = await getPractice(db, opts.practice);
            const report = await computeKpis(db, practice, options);
            io.out(opts.json ? kpiReportJson(report) : table(report));
            return EXIT.ok;
          });
        })(),
      ),
    );
}
