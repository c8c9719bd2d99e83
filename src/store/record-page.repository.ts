import { sql, type RawBuilder } from 'kysely';
import type { Db } from './database.js';

/**
 * A listing of stored records, built by the metrics layer from the catalog's own fragments (the
 * KPI definitions live there) and run here: the rows of one page in a stable order, and the
 * totals of the whole listing. Every fragment is dialect-neutral SQL; values are bound.
 */
export interface RecordQuery {
  /** `FROM …` and its joins. */
  from: RawBuilder<unknown>;
  /** The condition every listed record meets (practice, period, filters, membership). */
  where: RawBuilder<unknown>;
  /** Output columns, each `expr AS name`. */
  select: RawBuilder<unknown>[];
  /** Sums reported for the whole listing, each `expr AS name`. */
  totals: RawBuilder<unknown>[];
  /** A total order (time, then the natural key), so pages never overlap or skip. */
  orderBy: RawBuilder<unknown>[];
}

/** One page of the listing (`limit` rows from `offset`; no limit: every row). */
export async function pageRecords(
  db: Db,
  q: RecordQuery,
  page: { limit?: number; offset: number },
): Promise<Record<string, unknown>[]> {
  // Without a limit every row from the start is read (the offset is then 0).
  const tail = page.limit === undefined ? sql`` : sql` LIMIT ${page.limit} OFFSET ${page.offset}`;
  const { rows } = await sql<
    Record<string, unknown>
  >`SELECT ${sql.join(q.select)} FROM ${q.from} WHERE ${q.where} ORDER BY ${sql.join(q.orderBy)}${tail}`.execute(
    db,
  );
  return rows;
}

/** The number of records of the listing and its sums. */
export async function countRecords(
  db: Db,
  q: RecordQuery,
): Promise<{ count: number; sums: Record<string, number> }> {
  const { rows } = await sql<
    Record<string, unknown>
  >`SELECT ${sql.join([sql`COUNT(*) AS n`, ...q.totals])} FROM ${q.from} WHERE ${q.where}`.execute(
    db,
  );
  const row = rows[0] ?? {};
  const sums: Record<string, number> = {};
  for (const [k, v] of Object.entries(row)) if (k !== 'n') sums[k] = Number(v ?? 0);
  return { count: Number(row.n ?? 0), sums };
}

/** Clients by id (a client set's members), in id order, one page of them. */
export async function pageClients(
  db: Db,
  practiceId: string,
  ids: readonly string[],
  page: { limit?: number; offset: number },
) {
  const sorted = [...ids].sort();
  const slice =
    page.limit === undefined
      ? sorted.slice(page.offset)
      : sorted.slice(page.offset, page.offset + page.limit);
  const rows = [];
  // Bound parameters per statement stay far below every dialect's limit.
  for (let i = 0; i < slice.length; i += 1000) {
    rows.push(
      ...(await db
        .selectFrom('clients')
        .select(['client_id', 'created_at', 'discharged_at', 'acquisition_channel'])
        .where('practice_id', '=', practiceId)
        .where('client_id', 'in', slice.slice(i, i + 1000))
        .execute()),
    );
  }
  const byId = new Map(rows.map((r) => [r.client_id, r]));
  return slice.map((id) => {
    const r = byId.get(id);
    return {
      client_id: id,
      created_at: r ? Number(r.created_at) : null,
      discharged_at: r?.discharged_at == null ? null : Number(r.discharged_at),
      acquisition_channel: r?.acquisition_channel ?? null,
    };
  });
}
