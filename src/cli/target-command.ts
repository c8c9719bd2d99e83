import type { Command } from 'commander';
import { AppError } from '../model/app-error.js';
import {
  ZCheckinNoteInput,
  ZNewTarget,
  ZTargetKind,
  scopeParts,
  type Checkin,
  type Target,
  type TargetKind,
} from '../model/target.js';
import { checkinsOf, latestCheckins, requireKpiId } from '../metrics/targets/target-checkins.js';
import { noteFields, targetAudit } from '../metrics/targets/target-audit.js';
import { appendAudit } from '../store/audit-log.repository.js';
import { localToday } from '../metrics/periods/closed-periods.js';
import type { Db } from '../store/database.js';
import { getPractice } from '../store/practice.repository.js';
import {
  createTarget,
  deleteTarget,
  findTarget,
  setCheckinNote,
} from '../store/target.repository.js';
import { findUserByLogin, membershipIn } from '../store/user.repository.js';
import { EXIT, type CliIO, type CommonOptions } from './cli-io.js';
import { withExistingStore, withStore } from './with-store.js';
import { firstIssueText } from '../model/plain-issue.js';

const DB_HELP = 'database URL (default: $RAPPORT_DB or ./rapport.db)';
const KIND_HELP = 'from_to:START:GOAL:DUE | above:X | below:X | within:LO:HI';

/** `from_to:70:80:2026-03-16`, `above:80`, `below:10`, `within:45:55` → the target's kind. */
export function parseTargetKind(text: string): TargetKind {
  const [type, ...rest] = text.split(':');
  const num = (v: string | undefined) => (v === undefined || v.trim() === '' ? NaN : Number(v));
  const raw =
    type === 'from_to'
      ? { type, start_value: num(rest[0]), goal: num(rest[1]), due: rest[2] }
      : type === 'within'
        ? { type, lo: num(rest[0]), hi: num(rest[1]) }
        : { type, x: num(rest[0]) };
  const r = ZTargetKind.safeParse(raw);
  if (!r.success) throw new AppError('USAGE', `--kind "${text}": expected ${KIND_HELP}`);
  return r.data;
}

const fmt = (v: number | null | undefined) =>
  v === null || v === undefined ? '-' : String(Math.round(v * 10) / 10);

const describeKind = (k: TargetKind): string =>
  k.type === 'from_to'
    ? `from ${k.start_value} to ${k.goal} by ${k.due}`
    : k.type === 'within'
      ? `within ${k.lo}–${k.hi}`
      : `${k.type} ${k.x}`;

const latestLine = (c: Checkin | null): string =>
  c === null
    ? 'no closed period yet'
    : `${c.period} ${c.status} (value ${fmt(c.value)}, expected ${fmt(c.expected)}, n ${c.n})`;

/** The user a CLI action is recorded as: the named login, else `cli`. */
async function actor(db: Db, login: string | undefined): Promise<string> {
  if (login === undefined) return 'cli';
  const u = await findUserByLogin(db, login.toLowerCase());
  if (!u) throw new AppError('USAGE', `no user "${login}"`);
  return u.user_id;
}

async function targetIn(db: Db, id: string, practice: string): Promise<Target> {
  const t = await findTarget(db, practice, id);
  if (!t || t.practice_id !== practice) {
    throw new AppError('NOT_FOUND', `no target "${id}" in practice ${practice}`);
  }
  return t;
}

/** `rapport target add|list|show|note|remove`: targets on KPIs and their weekly check-ins. */
export function registerTarget(program: Command, io: CliIO, run: (p: Promise<number>) => void) {
  const target = program
    .command('target')
    .description('set targets on KPIs and follow their check-ins (one per closed week or month)');

  target
    .command('add')
    .description('set a target on a KPI for the practice, a service or a channel')
    .requiredOption('--kpi <id>', 'KPI id of the catalog (e.g. session_completion_rate)')
    .requiredOption('--kind <kind>', KIND_HELP)
    .requiredOption('--title <text>', 'what the target is called')
    .option('--scope <scope>', 'practice, service:NAME or channel:NAME', 'practice')
    .option('--start <YYYY-MM-DD>', 'start date (default: today in the practice zone)')
    .option('--cadence <week|month>', 'one check-in per ISO week or per month', 'week')
    .option('--notes <text>', 'free notes')
    .option('--owner <login>', 'the user who owns the target (default: recorded as cli)')
    .option('--db <url>', DB_HELP)
    .option('--practice <id>', 'practice id', 'default')
    .action(
      (
        opts: CommonOptions & {
          kpi: string;
          kind: string;
          title: string;
          scope: string;
          start?: string;
          cadence: string;
          notes?: string;
          owner?: string;
        },
      ) =>
        run(
          withStore(opts.db, async ({ db }) => {
            requireKpiId(opts.kpi);
            const practice = await getPractice(db, opts.practice);
            const owner = await actor(db, opts.owner);
            const { dim, value } = scopeParts(opts.scope);
            if (dim === 'therapist') {
              // No individual quotas: only the clinician linked to that therapist, for themself.
              const m = owner === 'cli' ? undefined : await membershipIn(db, owner, opts.practice);
              if (m?.role !== 'clinician' || m.therapist_id !== value) {
                throw new AppError(
                  'USAGE',
                  'no individual quotas: a therapist target is only a personal target of the ' +
                    'clinician linked to that therapist (--owner that clinician)',
                );
              }
            }
            const input = ZNewTarget.safeParse({
              kpi_id: opts.kpi,
              scope: opts.scope,
              kind: parseTargetKind(opts.kind),
              title: opts.title,
              start_date: opts.start ?? localToday(Date.now(), practice.timezone),
              cadence: opts.cadence,
              notes: opts.notes ?? null,
            });
            if (!input.success) {
              throw new AppError('USAGE', firstIssueText(input.error, 'target'));
            }
            const t = await createTarget(db, opts.practice, owner, input.data);
            await appendAudit(db, {
              practice_id: opts.practice,
              actor: 'cli',
              action: 'target_create',
              target: t.target_id,
              details: targetAudit(t),
            });
            io.out(`${t.target_id}\n`);
            io.err(
              `target "${t.title}" set on ${t.kpi_id} (${t.scope}): ${describeKind(t.kind)}\n`,
            );
            return EXIT.ok;
          }),
        ),
    );

  target
    .command('list')
    .description('list the practice-wide targets, each with its latest check-in status')
    .option('--json', 'print JSON')
    .option('--db <url>', DB_HELP)
    .option('--practice <id>', 'practice id', 'default')
    .action((opts: CommonOptions & { json?: boolean }) =>
      run(
        withExistingStore(opts.db, async ({ db }) => {
          const all = await latestCheckins(db, opts.practice);
          // Personal (therapist) targets are for their clinician's eyes only: not listed here.
          const shown = all.filter((x) => scopeParts(x.target.scope).dim !== 'therapist');
          if (opts.json) {
            io.out(`${JSON.stringify(shown, null, 2)}\n`);
            return EXIT.ok;
          }
          if (shown.length === 0) io.err(`no targets in practice ${opts.practice}\n`);
          for (const { target: t, latest } of shown) {
            io.out(
              `${t.target_id}  ${t.title}  [${t.kpi_id}, ${t.scope}, ${describeKind(t.kind)}]  ${latestLine(latest)}\n`,
            );
          }
          const hidden = all.length - shown.length;
          if (hidden > 0) io.err(`${hidden} personal target(s) not listed\n`);
          return EXIT.ok;
        }),
      ),
    );

  target
    .command('show <id>')
    .description('a target and every check-in: value, interval, expected value, status, note')
    .option('--json', 'print JSON')
    .option('--db <url>', DB_HELP)
    .option('--practice <id>', 'practice id', 'default')
    .action((id: string, opts: CommonOptions & { json?: boolean }) =>
      run(
        withExistingStore(opts.db, async ({ db }) => {
          const t = await targetIn(db, id, opts.practice);
          const checkins = await checkinsOf(db, await getPractice(db, opts.practice), t);
          if (opts.json) {
            io.out(`${JSON.stringify({ target: t, checkins }, null, 2)}\n`);
            return EXIT.ok;
          }
          io.out(
            `${t.title}  [${t.kpi_id}, ${t.scope}, ${describeKind(t.kind)}, from ${t.start_date}, per ${t.cadence}]\n`,
          );
          for (const c of checkins) {
            const ci = c.ci === null ? '' : ` [${fmt(c.ci[0])}–${fmt(c.ci[1])}]`;
            const note =
              c.note === null && c.confidence === null
                ? ''
                : `  note: ${c.note ?? ''}${c.confidence ? ` (${c.confidence})` : ''}`;
            io.out(
              `${c.period}  ${fmt(c.value)}${ci}  n ${c.n}  expected ${fmt(c.expected)}  ${c.status}${note}\n`,
            );
          }
          return EXIT.ok;
        }),
      ),
    );

  target
    .command('note <id> <period>')
    .description('add a note and/or a confidence to a check-in (e.g. 2026-W05 or 2026-02)')
    .option('--note <text>', 'the note')
    .option('--confidence <c>', 'on_track, at_risk or off_track, in your own view')
    .option('--by <login>', 'the user writing the note (default: recorded as cli)')
    .option('--db <url>', DB_HELP)
    .option('--practice <id>', 'practice id', 'default')
    .action(
      (
        id: string,
        period: string,
        opts: CommonOptions & { note?: string; confidence?: string; by?: string },
      ) =>
        run(
          withExistingStore(opts.db, async ({ db }) => {
            const t = await targetIn(db, id, opts.practice);
            const input = ZCheckinNoteInput.safeParse({
              note: opts.note ?? null,
              confidence: opts.confidence ?? null,
            });
            if (!input.success) {
              throw new AppError('USAGE', `note: ${firstIssueText(input.error)}`);
            }
            const checkins = await checkinsOf(db, await getPractice(db, opts.practice), t);
            if (!checkins.some((c) => c.period === period)) {
              throw new AppError('NOT_FOUND', `target ${id} has no check-in for ${period}`);
            }
            await setCheckinNote(db, t, period, await actor(db, opts.by), input.data);
            await appendAudit(db, {
              practice_id: opts.practice,
              actor: 'cli',
              action: 'checkin_note',
              target: t.target_id,
              details: { period, changed: noteFields(input.data) },
            });
            io.err(`note set on ${id} ${period}\n`);
            return EXIT.ok;
          }),
        ),
    );

  target
    .command('remove <id>')
    .description('remove a target with its check-ins and notes')
    .option('--db <url>', DB_HELP)
    .option('--practice <id>', 'practice id', 'default')
    .action((id: string, opts: CommonOptions) =>
      run(
        withExistingStore(opts.db, async ({ db }) => {
          const t = await targetIn(db, id, opts.practice);
          await deleteTarget(db, t);
          await appendAudit(db, {
            practice_id: opts.practice,
            actor: 'cli',
            action: 'target_delete',
            target: t.target_id,
            details: targetAudit(t),
          });
          io.err(`target ${id} removed\n`);
          return EXIT.ok;
        }),
      ),
    );
}
