import type { EntityName } from '../model/entities.js';

export type Row = Record<string, string>;
export type RowSink = (entity: EntityName, row: Row) => void;
export type AsyncRowSink = (entity: EntityName, row: Row) => void | Promise<void>;

/**
 * Collects rows synchronously and hands them to an async sink in order, awaiting it only when
 * it returns a promise (backpressure) — so the simulation stays synchronous per unit of work.
 */
export function createRowBuffer(sink: AsyncRowSink) {
  let entities: EntityName[] = [];
  let rows: Row[] = [];
  const counts: Partial<Record<EntityName, number>> = {};
  const emit: RowSink = (entity, row) => {
    entities.push(entity);
    rows.push(row);
  };
  const flush = async (): Promise<void> => {
    const es = entities;
    const rs = rows;
    entities = [];
    rows = [];
    for (let i = 0; i < es.length; i++) {
      const e = es[i]!;
      counts[e] = (counts[e] ?? 0) + 1;
      const r = sink(e, rs[i]!);
      if (r) await r;
    }
  };
  return { emit, flush, counts };
}
