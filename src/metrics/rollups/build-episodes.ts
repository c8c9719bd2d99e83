import { sql } from 'kysely';
import type { Practice } from '../../model/practice.js';
import type { Db } from '../../store/database.js';
import { insertRollupRows } from '../../store/rollup.repository.js';
import { episodeOutcome } from '../outcomes/episode-outcome.js';
import { FLAG_PARTS, episodeRows } from '../outcomes/episode-rows.js';
import { episodesOf, type OutcomeScore, type OutcomeSession } from '../outcomes/episodes-of.js';
import type { Instrument } from '../outcomes/instruments.js';
import { DAY } from './local-day.js';
import { readInChunks, runsBy } from './read-in-chunks.js';
import { chunksOf, inList } from './rollup-scope.js';

interface SessionRow extends OutcomeSession {
  cid: string;
  channel: string | null;
}

const EPISODES = [
  'practice_id',
  'client_id',
  'started_at',
  'latest_at',
  'therapist_id',
  'service',
  'channel',
  ...FLAG_PARTS,
  'phq9_baseline',
  'phq9_latest',
  'gad7_baseline',
  'gad7_latest',
] as const;
const MONTHS = [
  'practice_id',
  'client_id',
  'started_at',
  'last_at',
  'next_at',
  'therapist_id',
  'service',
  'channel',
  'covered',
  'missing',
] as const;

/**
 * Fills rollup_episodes and rollup_episode_months from every client's completed sessions and
 * PHQ-9 / GAD-7 answers: sessions in client order a page at a time, the answers of the page's
 * clients beside them, cut into episodes and scored by the outcome code itself (`episodesOf`,
 * `episodeOutcome`, `episodeRows`), so a stored episode is the one the records path builds.
 * With `clients` (an incremental refresh) only those clients are read, by the same statements.
 */
export async function buildEpisodes(
  db: Db,
  practice: Practice,
  clients?: string[],
): Promise<number> {
  let written = 0;
  for (const chunk of clients ? chunksOf(clients) : [null]) {
    written += await buildSome(db, practice, chunk);
  }
  return written;
}

async function buildSome(db: Db, practice: Practice, chunk: string[] | null): Promise<number> {
  const only = (column: string) => (chunk ? sql` AND ${inList(column, chunk)}` : sql``);
  const pid = practice.practice_id;
  const W = practice.active_window_days * DAY;
  let written = 0;
  await readInChunks<SessionRow>(
    async (after, limit) => {
      const { rows } = await sql<SessionRow>`
        SELECT a.client_id AS cid, a.scheduled_start AS at, a.therapist_id AS therapist,
          a.service AS service, c.acquisition_channel AS channel
        FROM appointments a
        LEFT JOIN clients c ON c.practice_id = a.practice_id AND c.client_id = a.client_id
        WHERE a.practice_id = ${pid} AND a.status = 'completed'${only('a.client_id')}${after === null ? sql`` : sql` AND a.client_id > ${after}`}
        ORDER BY a.client_id, a.scheduled_start, a.appointment_id
        LIMIT ${limit}`.execute(db);
      return rows.map((r) => ({ ...r, at: Number(r.at) }));
    },
    (s) => s.cid,
    async (rows) => {
      const [first, last] = [rows[0]!.cid, rows[rows.length - 1]!.cid];
      const { rows: answers } = await sql<{
        cid: string;
        at: number;
        instrument: Instrument;
        score: number;
      }>`
        SELECT q.client_id AS cid, q.responded_at AS at, q.instrument AS instrument,
          q.score AS score
        FROM surveys q
        WHERE q.practice_id = ${pid} AND q.client_id >= ${first} AND q.client_id <= ${last}
          AND q.instrument IN ('phq9', 'gad7')${only('q.client_id')}
        ORDER BY q.client_id, q.responded_at, q.response_id`.execute(db);
      const scores = new Map<string, OutcomeScore[]>();
      for (const r of answers) {
        const own = scores.get(r.cid) ?? [];
        scores.set(r.cid, own);
        own.push({ at: Number(r.at), instrument: r.instrument, score: Number(r.score) });
      }
      const rated: (string | number | null)[][] = [];
      const months: (string | number | null)[][] = [];
      for (const own of runsBy(rows, (s) => s.cid)) {
        const { cid, channel } = own[0]!;
        for (const episode of episodesOf(cid, channel, own, scores.get(cid) ?? [], W)) {
          const rows = episodeRows(
            { episode, outcome: episodeOutcome(episode) },
            practice.timezone,
          );
          const r = rows.rated;
          if (r) {
            rated.push([
              pid,
              cid,
              r.startedAt,
              r.latestAt,
              r.therapist,
              r.service,
              r.channel,
              ...FLAG_PARTS.map((f) => (r.flags[f] ? 1 : 0)),
              r.phq9?.baseline ?? null,
              r.phq9?.latest ?? null,
              r.gad7?.baseline ?? null,
              r.gad7?.latest ?? null,
            ]);
          }
          for (const m of rows.months) {
            months.push([
              pid,
              cid,
              m.startedAt,
              m.lastAt,
              m.nextAt,
              m.therapist,
              m.service,
              m.channel,
              m.covered ? 1 : 0,
              m.missing,
            ]);
          }
        }
      }
      await insertRollupRows(db, 'rollup_episodes', EPISODES, rated);
      await insertRollupRows(db, 'rollup_episode_months', MONTHS, months);
      written += rated.length + months.length;
    },
  );
  return written;
}
