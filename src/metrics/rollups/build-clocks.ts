import { sql } from 'kysely';
import type { Db } from '../../store/database.js';
import { insertRollupRows } from '../../store/rollup.repository.js';
import { readInChunks, runsBy } from './read-in-chunks.js';
import { chunksOf, inList } from './rollup-scope.js';

interface Message {
  conv: string;
  sender: string;
  at: number;
  client: string | null;
  therapist: string | null;
}

/** One response clock: opened by a client message, stopped by the next non-client one. */
export interface Clock {
  openedAt: number;
  /** Milliseconds to the reply; null while unanswered. */
  waitMs: number | null;
  /** The replying therapist, else the therapist named on the opening message. */
  therapist: string | null;
  client: string | null;
}

/**
 * The clocks of one conversation's messages (in sent order): a clock starts at a client message
 * when none is running and the next message from anyone else stops it.
 */
export function clocksOf(messages: readonly Message[]): Clock[] {
  const out: Clock[] = [];
  let open: Message | null = null;
  for (const m of messages) {
    if (m.sender === 'client') open ??= m;
    else if (open) {
      out.push({
        openedAt: open.at,
        waitMs: m.at - open.at,
        therapist: m.therapist ?? open.therapist,
        client: open.client,
      });
      open = null;
    }
  }
  if (open) {
    out.push({ openedAt: open.at, waitMs: null, therapist: open.therapist, client: open.client });
  }
  return out;
}

/**
 * Fills rollup_clocks from every conversation of the practice, a page of messages at a time;
 * with `conversations` (an incremental refresh), from those conversations only.
 */
export async function buildClocks(
  db: Db,
  practiceId: string,
  conversations?: string[],
): Promise<number> {
  let written = 0;
  for (const chunk of conversations ? chunksOf(conversations) : [null]) {
    const only = chunk ? sql` AND ${inList('m.conversation_id', chunk)}` : sql``;
    await readInChunks<Message>(
      async (after, limit) => {
        const { rows } = await sql<Message>`
          SELECT m.conversation_id AS conv, m.sender, m.sent_at AS at, m.client_id AS client,
            m.therapist_id AS therapist
          FROM messages m
          WHERE m.practice_id = ${practiceId}${only}${after === null ? sql`` : sql` AND m.conversation_id > ${after}`}
          ORDER BY m.conversation_id, m.sent_at, m.message_id
          LIMIT ${limit}`.execute(db);
        return rows.map((r) => ({ ...r, at: Number(r.at) }));
      },
      (m) => m.conv,
      async (rows) => {
        const clocks: (string | number | null)[][] = [];
        for (const conversation of runsBy(rows, (m) => m.conv)) {
          const conv = conversation[0]!.conv;
          for (const c of clocksOf(conversation)) {
            clocks.push([practiceId, c.openedAt, c.waitMs, c.therapist, c.client, conv]);
          }
        }
        await insertRollupRows(
          db,
          'rollup_clocks',
          ['practice_id', 'opened_at', 'wait_ms', 'therapist_id', 'client_id', 'conversation_id'],
          clocks,
        );
        written += clocks.length;
      },
    );
  }
  return written;
}
