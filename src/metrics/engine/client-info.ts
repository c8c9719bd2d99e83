import type { Db } from '../../store/database.js';

export interface ClientInfo {
  created_at: number;
  discharged_at: number | null;
  channel: string | null;
}

/** Every client of the practice: intake and discharge instants, acquisition channel. */
export async function fetchClientInfo(
  db: Db,
  practiceId: string,
): Promise<Map<string, ClientInfo>> {
  const rows = await db
    .selectFrom('clients')
    .select(['client_id', 'created_at', 'discharged_at', 'acquisition_channel'])
    .where('practice_id', '=', practiceId)
    .execute();
  return new Map(
    rows.map((r) => [
      r.client_id,
      {
        created_at: Number(r.created_at),
        discharged_at: r.discharged_at === null ? null : Number(r.discharged_at),
        channel: r.acquisition_channel,
      },
    ]),
  );
}
